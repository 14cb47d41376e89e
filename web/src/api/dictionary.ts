// 字典管理 and the division tree (docs/api.md, "Dictionaries and divisions"): every signed-in user
// reads the dictionaries and /api/divisions; adding and editing items needs dict.manage (系统管理员).
// Items are never deleted: 停用 (enabled false) keeps them readable on old records. Built-in items
// are the national standard's: their code and label are fixed. The server checks every call again.
import { http } from './http'
import { hasPermission, type User } from './session'

export const DICT_KINDS = [
  'gender',
  'ethnicity',
  'party',
  'education_level',
  'degree',
  'relation',
  'health',
] as const
export type DictKind = (typeof DICT_KINDS)[number]

export interface DictItem {
  code: string
  label: string
  sort_order: number
  enabled: boolean
  builtin: boolean
}

export interface Dictionary {
  kind: DictKind
  name: string // 中文名称: 性别, 民族…
  standard: string // the national standard of the built-in items
  items: DictItem[]
}

export interface NewDictItem {
  code: string
  label: string
  sort_order?: number // absent: after the last item
  enabled?: boolean
}

// PATCH: only the fields present change (a built-in item: sort_order and enabled only).
export interface DictItemChange {
  label?: string
  sort_order?: number
  enabled?: boolean
}

// A division of GB/T 2260: 省 → 市 → 县.
export interface DivisionNode {
  code: string
  name: string
  children: DivisionNode[]
}

export function canManageDictionaries(user: User | null): boolean {
  return hasPermission(user, 'dict.manage')
}

export function listDictionaries(): Promise<{ items: Dictionary[] }> {
  return http.get('/api/dictionaries')
}

export function fetchDictionary(kind: DictKind, options: { silent?: boolean } = {}): Promise<Dictionary> {
  return http.get(`/api/dictionaries/${encodeURIComponent(kind)}`, options)
}

// Errors come back as ApiError with `field` (code, label, sort_order) for the form; not shown here.
export function addDictItem(kind: DictKind, item: NewDictItem): Promise<DictItem> {
  return http.post(`/api/dictionaries/${encodeURIComponent(kind)}/items`, item, { silent: true })
}

export function updateDictItem(kind: DictKind, code: string, change: DictItemChange): Promise<DictItem> {
  return http.patch(
    `/api/dictionaries/${encodeURIComponent(kind)}/items/${encodeURIComponent(code)}`,
    change,
    { silent: true },
  )
}

export function fetchDivisions(options: { silent?: boolean } = {}): Promise<DivisionNode[]> {
  return http.get('/api/divisions', options)
}

// The fields of `next` that differ from `item` (what PATCH should carry); a built-in item's label
// is never sent.
export function dictItemChanges(item: DictItem, next: Required<DictItemChange>): DictItemChange {
  const change: DictItemChange = {}
  const label = next.label.trim()
  if (!item.builtin && label !== item.label) change.label = label
  if (next.sort_order !== item.sort_order) change.sort_order = next.sort_order
  if (next.enabled !== item.enabled) change.enabled = next.enabled
  return change
}
