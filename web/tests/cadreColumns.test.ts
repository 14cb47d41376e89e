import { describe, it, expect } from 'vitest'
import {
  ageFromBirthMonth,
  COLUMNS_STORAGE_KEY,
  DEFAULT_COLUMNS,
  loadColumns,
  quickSearchKind,
  saveColumns,
} from '../src/views/cadre/cadreColumns'

function memory(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial))
  return {
    data,
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
  }
}

describe('column choice', () => {
  it('defaults when nothing or garbage is saved', () => {
    expect(loadColumns(memory())).toEqual(DEFAULT_COLUMNS)
    expect(loadColumns(memory({ [COLUMNS_STORAGE_KEY]: '{not json' }))).toEqual(DEFAULT_COLUMNS)
    expect(loadColumns(memory({ [COLUMNS_STORAGE_KEY]: '"rank"' }))).toEqual(DEFAULT_COLUMNS)
  })

  it('saves in table order and reads back, dropping unknown names', () => {
    const store = memory()
    expect(saveColumns(store, ['id_number', 'rank', 'bogus', 'gender'])).toEqual(['gender', 'rank', 'id_number'])
    expect(store.data.get(COLUMNS_STORAGE_KEY)).toBe('["gender","rank","id_number"]')
    expect(loadColumns(store)).toEqual(['gender', 'rank', 'id_number'])
    store.data.set(COLUMNS_STORAGE_KEY, '["age","retired_column"]')
    expect(loadColumns(store)).toEqual(['age'])
  })

  it('keeps an empty choice (only the name column)', () => {
    const store = memory()
    saveColumns(store, [])
    expect(loadColumns(store)).toEqual([])
  })

  it('survives storage that refuses writes', () => {
    const store = { getItem: () => null, setItem: () => { throw new Error('QuotaExceeded') } }
    expect(saveColumns(store, ['rank'])).toEqual(['rank'])
  })
})

describe('ageFromBirthMonth', () => {
  const today = new Date(2026, 10, 29) // 2026-11-29
  it.each([
    ['1968-05', '58'],
    ['1968-11', '58'], // the birth month has begun
    ['1968-12', '57'],
    ['2000-01', '26'],
    ['1968-5', ''],
    ['', ''],
  ])('%s → %s', (month, age) => expect(ageFromBirthMonth(month, today)).toBe(age))
})

describe('quickSearchKind', () => {
  it.each([
    ['', 'none'],
    ['  ', 'none'],
    ['张', 'name'],
    ['zs', 'initials'],
    [' ZGF ', 'initials'],
    ['11010519491231002X', 'id_number'],
    ['11010519491231002x', 'id_number'],
    ['110105491231002', 'id_number'],
    ['1101051949', 'name'], // part of a number is not a number
    ['张3', 'name'],
  ])('%j → %s', (text, kind) => expect(quickSearchKind(text)).toBe(kind))
})
