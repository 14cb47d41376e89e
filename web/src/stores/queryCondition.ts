import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ConditionNode } from '../api/query'

// The condition of the last 组合查询 run, for 班子结构分析's "当前查询结果": the condition as sent,
// its sentence (shown beside the choice) and the 参考日期 it ran at.
export const useQueryConditionStore = defineStore('queryCondition', () => {
  const condition = ref<ConditionNode | null>(null)
  const sentence = ref('')
  const referenceDate = ref('')

  function set(next: ConditionNode, text: string, date: string) {
    condition.value = next
    sentence.value = text
    referenceDate.value = date
  }

  function clear() {
    condition.value = null
    sentence.value = ''
    referenceDate.value = ''
  }

  return { condition, sentence, referenceDate, set, clear }
})
