// 干部名册 columns the user chooses (column chooser), remembered per browser in localStorage.

export type CadreColumn =
  | 'gender'
  | 'birth_month'
  | 'age'
  | 'ethnicity'
  | 'party'
  | 'unit_name'
  | 'post'
  | 'rank'
  | 'managing_body'
  | 'id_number'

// In table order. The name column is always shown and is not listed.
export const CADRE_COLUMNS: readonly CadreColumn[] = [
  'gender',
  'birth_month',
  'age',
  'ethnicity',
  'party',
  'unit_name',
  'post',
  'rank',
  'managing_body',
  'id_number',
]

// The i18n key of each column's header (the table, the export's column list).
export const COLUMN_LABEL_KEYS: Record<CadreColumn, string> = {
  gender: 'cadre.gender',
  birth_month: 'cadre.birthMonth',
  age: 'cadre.age',
  ethnicity: 'cadre.ethnicity',
  party: 'cadre.party',
  unit_name: 'cadre.unit',
  post: 'cadre.post',
  rank: 'cadre.rank',
  managing_body: 'cadre.managingBody',
  id_number: 'cadre.idNumber',
}

export const DEFAULT_COLUMNS: readonly CadreColumn[] = [
  'gender',
  'birth_month',
  'ethnicity',
  'party',
  'unit_name',
  'post',
  'rank',
  'managing_body',
]

export const COLUMNS_STORAGE_KEY = 'xr_cadre_columns'

interface KeyValueStore {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

// The saved choice in table order; the defaults when nothing (or nothing readable) is saved.
// Unknown names (a column since removed) are dropped; an empty choice is kept as empty.
export function loadColumns(store: KeyValueStore): CadreColumn[] {
  let saved: unknown
  try {
    saved = JSON.parse(store.getItem(COLUMNS_STORAGE_KEY) ?? 'null')
  } catch {
    saved = null
  }
  if (!Array.isArray(saved)) return [...DEFAULT_COLUMNS]
  return CADRE_COLUMNS.filter((column) => saved.includes(column))
}

export function saveColumns(store: KeyValueStore, columns: readonly string[]): CadreColumn[] {
  const chosen = CADRE_COLUMNS.filter((column) => columns.includes(column))
  try {
    store.setItem(COLUMNS_STORAGE_KEY, JSON.stringify(chosen))
  } catch {
    // storage full or disabled: the choice lasts for this page only
  }
  return chosen
}

// 年龄 in full years on `today` from "YYYY-MM" (the month of birth counts as passed once that
// month begins, as the list's birth month is all it has); '' for a malformed month.
export function ageFromBirthMonth(birthMonth: string, today: Date): string {
  const match = /^(\d{4})-(\d{2})$/.exec(birthMonth)
  if (!match) return ''
  const year = Number(match[1])
  const month = Number(match[2])
  let age = today.getFullYear() - year
  if (today.getMonth() + 1 < month) age -= 1
  return String(age)
}

// 人员状态 (the server's PersonStatus labels); the list shows 在职 unless asked otherwise.
export const LIST_STATUSES = ['在职', '退休', '调出', '辞职', '免职', '辞退', '去世'] as const

export type ListSort = 'position' | 'stroke' | 'age' | 'post_start'
export const LIST_SORTS: readonly ListSort[] = ['position', 'stroke', 'age', 'post_start']

// What the quick search box will look for, as the server decides it (cadre.h ParseQuickSearch),
// to show beside the box.
export type QuickSearchKind = 'none' | 'name' | 'initials' | 'id_number'
export function quickSearchKind(text: string): QuickSearchKind {
  const q = text.trim()
  if (!q) return 'none'
  if (/^\d{17}[\dXx]$/.test(q) || /^\d{15}$/.test(q)) return 'id_number'
  if (/^[A-Za-z]+$/.test(q)) return 'initials'
  return 'name'
}
