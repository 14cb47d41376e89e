import { describe, it, expect, beforeEach } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { QUERY_CONDITION_KEY, useQueryConditionStore } from '../src/stores/queryCondition'

describe('the condition handed to 班子结构分析', () => {
  beforeEach(() => {
    sessionStorage.clear()
    setActivePinia(createPinia())
  })

  it('survives a reload of the tab and can be cleared', () => {
    const condition = { all: [{ field: 'gender', op: 'eq', value: '女' }] }
    useQueryConditionStore().set(condition, '女', '2026-11-28')
    setActivePinia(createPinia())
    const again = useQueryConditionStore()
    expect(again.condition).toEqual(condition)
    expect(again.sentence).toBe('女')
    expect(again.referenceDate).toBe('2026-11-28')
    again.clear()
    expect(sessionStorage.getItem(QUERY_CONDITION_KEY)).toBeNull()
  })

  it('ignores what it cannot read', () => {
    sessionStorage.setItem(QUERY_CONDITION_KEY, '{broken')
    expect(useQueryConditionStore().condition).toBeNull()
    setActivePinia(createPinia())
    sessionStorage.setItem(QUERY_CONDITION_KEY, '{"condition": 5}')
    expect(useQueryConditionStore().condition).toBeNull()
  })
})
