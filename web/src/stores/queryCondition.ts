import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ConditionNode } from '../api/query'

// The condition of the last 组合查询 run, for 班子结构分析's "当前查询结果": the condition as sent,
// its sentence (shown beside the choice) and the 参考日期 it ran at. Kept in sessionStorage, so a
// reloaded tab still offers it.
export const QUERY_CONDITION_KEY = 'xr.query.condition'

interface Stored {
  condition: ConditionNode
  sentence: string
  referenceDate: string
}

function readStored(): Stored | null {
  try {
    const parsed = JSON.parse(sessionStorage.getItem(QUERY_CONDITION_KEY) ?? 'null') as Stored | null
    return parsed && typeof parsed.condition === 'object' && parsed.condition !== null ? parsed : null
  } catch {
    return null
  }
}

export const useQueryConditionStore = defineStore('queryCondition', () => {
  const stored = readStored()
  const condition = ref<ConditionNode | null>(stored?.condition ?? null)
  const sentence = ref(stored?.sentence ?? '')
  const referenceDate = ref(stored?.referenceDate ?? '')

  function set(next: ConditionNode, text: string, date: string) {
    condition.value = next
    sentence.value = text
    referenceDate.value = date
    try {
      sessionStorage.setItem(QUERY_CONDITION_KEY, JSON.stringify({ condition: next, sentence: text, referenceDate: date }))
    } catch {
      // storage disabled: kept for this page only
    }
  }

  function clear() {
    condition.value = null
    sentence.value = ''
    referenceDate.value = ''
    try {
      sessionStorage.removeItem(QUERY_CONDITION_KEY)
    } catch {
      // nothing kept
    }
  }

  return { condition, sentence, referenceDate, set, clear }
})
