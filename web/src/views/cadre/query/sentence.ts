// The whole condition as one readable sentence: "女 且 年龄 35–45 岁 且 （中共党员 或 近3年 考核优秀次数 至少 1）".
// Pure: the words come from the caller (i18n), field labels and operator labels from the server.
import type { QueryField } from '../../../api/query'
import { isBlank, LIST_OPS, NO_VALUE_OPS, type EditNode, type GroupNode, type LeafNode } from './conditionTree'

export interface SentenceWords {
  and: string
  or: string
  not: string
  yes: string
  no: string
  everyone: string
  // 近{n}年
  lastYears: (n: string) => string
  // {from} 至 {to}
  period: (from: string, to: string) => string
  blank: string
  open: string
  close: string
  listSeparator: string
}

export const ZH_WORDS: SentenceWords = {
  and: '且',
  or: '或',
  not: '非',
  yes: '是',
  no: '否',
  everyone: '全部干部（无条件）',
  lastYears: (n) => `近${n}年`,
  period: (from, to) => `${from || '…'} 至 ${to || '…'}`,
  blank: '＿',
  open: '（',
  close: '）',
  listSeparator: '、',
}

export interface SentenceContext {
  fields: readonly QueryField[]
  operators: Record<string, string>
  // The name of a unit by id (the value of `unit` conditions).
  unitName?: (id: unknown) => string
  words?: SentenceWords
}

function show(value: unknown, words: SentenceWords): string {
  if (isBlank(value)) return words.blank
  return String(value)
}

function paramsText(leaf: LeafNode, field: QueryField, words: SentenceWords): string {
  const params = field.params ?? []
  if (!params.length) return ''
  const parts: string[] = []
  const from = params.find((p) => p.name === 'from')
  const to = params.find((p) => p.name === 'to')
  if ((from || to) && !(isBlank(leaf.params.from) && isBlank(leaf.params.to))) {
    parts.push(words.period(String(leaf.params.from ?? ''), String(leaf.params.to ?? '')))
  }
  for (const param of params) {
    if (param === from || param === to) continue
    const value = leaf.params[param.name]
    if (param.name === 'years') parts.push(words.lastYears(show(value, words)))
    else parts.push(`${param.label} ${show(value, words)}`)
  }
  return parts.join(' ')
}

export function leafSentence(leaf: LeafNode, context: SentenceContext): string {
  const words = context.words ?? ZH_WORDS
  const field = context.fields.find((item) => item.field === leaf.field)
  if (!field) return words.blank
  const opLabel = context.operators[leaf.op] ?? leaf.op
  const unitSuffix = field.unit ? ` ${field.unit}` : ''
  const prefix = paramsText(leaf, field, words)
  const label = prefix ? `${prefix} ${field.label}` : field.label
  const value = leaf.value
  const named = (v: unknown) => (field.type === 'unit' && context.unitName ? context.unitName(v) || show(v, words) : show(v, words))
  let text: string
  if (NO_VALUE_OPS.includes(leaf.op)) {
    text = `${label} ${opLabel}`
  } else if (leaf.op === 'between') {
    const [low, high] = Array.isArray(value) ? value : [null, null]
    text = `${label} ${show(low, words)}–${show(high, words)}${unitSuffix}`
  } else if (LIST_OPS.includes(leaf.op)) {
    const list = Array.isArray(value) && value.length ? value.map(named).join(words.listSeparator) : words.blank
    text = `${label} ${opLabel} ${list}`
  } else if (field.type === 'boolean') {
    text = `${label}：${value === false ? words.no : words.yes}`
  } else if (field.type === 'enum' && leaf.op === 'eq' && !isBlank(value) && !prefix) {
    // 女, 汉族, 中共党员, 在职: the value says it all.
    text = String(value)
  } else if (field.type === 'text' || field.type === 'fulltext') {
    text = `${label} ${opLabel} “${show(typeof value === 'string' ? value.trim() : value, words)}”`
  } else {
    text = `${label} ${opLabel} ${named(value)}${unitSuffix}`
  }
  return leaf.negated ? `${words.not}${words.open}${text}${words.close}` : text
}

function nodeSentence(node: EditNode, context: SentenceContext, nested: boolean): string {
  const words = context.words ?? ZH_WORDS
  if (node.kind === 'leaf') return leafSentence(node, context)
  const parts = node.children.map((child) => nodeSentence(child, context, true)).filter((part) => part !== '')
  if (!parts.length) return node.negated ? `${words.not}${words.open}${words.everyone}${words.close}` : nested ? '' : words.everyone
  const joined = parts.join(` ${node.mode === 'all' ? words.and : words.or} `)
  if (node.negated) return `${words.not}${words.open}${joined}${words.close}`
  return nested && parts.length > 1 ? `${words.open}${joined}${words.close}` : joined
}

export function conditionSentence(root: GroupNode, context: SentenceContext): string {
  return nodeSentence(root, context, false)
}
