import { describe, it, expect } from 'vitest'
import {
  dimensionSheet,
  formToTargets,
  indicatorSheet,
  ladderSheet,
  ladderTotals,
  percent,
  sheetName,
  targetsToForm,
  targetText,
  type TableLabels,
} from '../src/views/cadre/statistics/statisticsTables'
import { fileNameOf } from '../src/api/statistics'

const LABELS: TableLabels = {
  count: '人数',
  share: '占比',
  total: '合计',
  level: '职级层次',
  indicator: '指标',
  target: '目标',
  reached: '是否达标',
  shortfall: '未达标',
  met: '达标',
  noTarget: '未设目标',
  targetCount: (n) => `不少于 ${n} 人`,
  targetShare: (p) => `不低于 ${p}`,
}

describe('statistics tables', () => {
  it('formats shares', () => {
    expect(percent(0)).toBe('0%')
    expect(percent(0.15)).toBe('15%')
    expect(percent(0.1234)).toBe('12.3%')
    expect(percent(1 / 3)).toBe('33.3%')
    expect(percent(Number.NaN)).toBe('0%')
  })

  it('a dimension sheet has the buckets, their shares and a total row', () => {
    const sheet = dimensionSheet(
      { key: 'gender', label: '性别', buckets: [{ label: '男', count: 30 }, { label: '女', count: 10 }] },
      40,
      LABELS,
    )
    expect(sheet).toEqual({
      name: '性别',
      columns: ['性别', '人数', '占比'],
      rows: [
        ['男', 30, '75%'],
        ['女', 10, '25%'],
        ['合计', 40, '100%'],
      ],
    })
  })

  it('the 年龄梯次 sheet is levels × bands with totals both ways, tolerating short rows', () => {
    const ladder = { levels: ['县处级', '乡科级'], bands: ['35岁及以下', '36-40岁', '41岁及以上'], counts: [[1, 2, 3], [4, 5]] }
    expect(ladderTotals(ladder)).toEqual([5, 7, 3])
    expect(ladderSheet('年龄梯次', ladder, LABELS)).toEqual({
      name: '年龄梯次',
      columns: ['职级层次', '35岁及以下', '36-40岁', '41岁及以上', '合计'],
      rows: [
        ['县处级', 1, 2, 3, 6],
        ['乡科级', 4, 5, 0, 9],
        ['合计', 5, 7, 3, 15],
      ],
    })
  })

  it('indicators with their targets and shortfalls', () => {
    expect(targetText({ min_count: 1, min_share: 0.15 }, LABELS)).toBe('不少于 1 人，不低于 15%')
    expect(targetText({ min_count: null, min_share: null }, LABELS)).toBe('未设目标')
    const sheet = indicatorSheet(
      '结构指标',
      [
        { key: 'female', label: '女干部', count: 4, share: 0.1, target: { min_count: null, min_share: 0.15 }, shortfall: true },
        { key: 'young', label: '年轻干部', count: 2, share: 0.05, target: { min_count: 1, min_share: null }, shortfall: false },
      ],
      LABELS,
    )
    expect(sheet.rows).toEqual([
      ['女干部', 4, '10%', '不低于 15%', '未达标'],
      ['年轻干部', 2, '5%', '不少于 1 人', '达标'],
    ])
  })

  it('sheet names fit Excel', () => {
    expect(sheetName('a/b:c?[d]')).toBe('a b c  d')
    expect([...sheetName('很'.repeat(40))].length).toBe(31)
    expect(sheetName('  ')).toBe('Sheet')
  })

  it('targets ↔ the form (shares as percentages, blanks as no target)', () => {
    const targets = {
      young_age_limits: { 厅局级: 45, 县处级: 40, 乡科级: 35 },
      indicators: { female: { min_count: 1, min_share: 0.15 }, non_party: { min_count: null, min_share: 0.1 } },
    }
    const form = targetsToForm(targets)
    expect(form.young).toEqual([
      { level: '厅局级', age: 45 },
      { level: '县处级', age: 40 },
      { level: '乡科级', age: 35 },
    ])
    expect(form.indicators.map((row) => row.key)).toEqual(['female', 'minority', 'non_party', 'young'])
    expect(form.indicators[0]).toEqual({ key: 'female', min_count: 1, min_share_percent: 15 })
    expect(form.indicators[1]).toEqual({ key: 'minority', min_count: null, min_share_percent: null })
    form.indicators[1].min_share_percent = 12.5
    expect(formToTargets(form)).toEqual({
      young_age_limits: { 厅局级: 45, 县处级: 40, 乡科级: 35 },
      indicators: {
        female: { min_count: 1, min_share: 0.15 },
        minority: { min_count: null, min_share: 0.125 },
        non_party: { min_count: null, min_share: 0.1 },
        young: { min_count: null, min_share: null },
      },
    })
  })

  it('reads the download name from Content-Disposition', () => {
    expect(fileNameOf("attachment; filename=\"x.xlsx\"; filename*=UTF-8''%E7%8F%AD%E5%AD%90.xlsx")).toBe('班子.xlsx')
    expect(fileNameOf('attachment; filename="table.xlsx"')).toBe('table.xlsx')
    expect(fileNameOf(null)).toBe('')
  })
})
