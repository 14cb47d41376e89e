// Field-level diffs for the 变更记录: the server records each changed top-level field with its
// old and new JSON value; arrays are whole values there, and this says which rows were added,
// removed or changed (rows matched by a longest common subsequence of equal rows; unmatched rows
// between two matches are paired in order as changed).
import { sameJson } from './model'

// The keys of each array's rows in the order the tables show them (the server's JSON has its
// keys sorted by name); ids and codes left out of summaries go last.
export const ROW_KEYS: Record<string, string[]> = {
  education: ['kind', 'level', 'degree', 'school_and_major', 'start_month', 'end_month'],
  resume: ['start', 'end', 'kind', 'unit', 'post', 'note', 'during'],
  posts: ['unit_name', 'title', 'is_main', 'start_month', 'end_month', 'document_number', 'method'],
  ranks: ['rank', 'start_month', 'end_month', 'document_number'],
  assessments: ['year', 'grade', 'note'],
  rewards: ['date', 'is_sanction', 'kind', 'issuer', 'reason', 'effect_end'],
  trainings: ['course', 'hours', 'start', 'end', 'provider'],
  family: ['relation', 'name', 'birth_month', 'political_status', 'employer_and_post', 'id_number'],
  personal_matters: ['spouse_or_children_emigrated', 'family_in_business', 'note'],
  appointment: [
    'proposed_post',
    'proposed_removal',
    'reason',
    'reporting_unit',
    'age_reference_date',
    'filled_date',
    'filled_by',
    'retirement_limit_text',
  ],
}

export function orderKeys(field: string, keys: string[]): string[] {
  const order = ROW_KEYS[field] ?? []
  const rank = (key: string) => {
    const i = order.indexOf(key)
    return i < 0 ? order.length : i
  }
  return [...keys].sort((a, b) => rank(a) - rank(b))
}

export type RowDiff =
  | { type: 'added'; index: number; row: unknown }
  | { type: 'removed'; index: number; row: unknown }
  | { type: 'changed'; index: number; old: unknown; row: unknown; keys: string[] }

// Keys whose values differ between two rows (objects), in the new row's key order.
export function changedKeys(a: unknown, b: unknown, field = ''): string[] {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return []
  const ra = a as Record<string, unknown>
  const rb = b as Record<string, unknown>
  const keys = [...Object.keys(rb), ...Object.keys(ra).filter((key) => !(key in rb))]
  return orderKeys(
    field,
    keys.filter((key) => !sameJson(ra[key], rb[key])),
  )
}

// `index` is the row's position in the new array (added, changed) or in the old one (removed).
export function diffRows(before: unknown[], after: unknown[], field = ''): RowDiff[] {
  const n = before.length
  const m = after.length
  // lcs[i][j]: length of the LCS of before[i..] and after[j..].
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0))
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = sameJson(before[i], after[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1])
    }
  }
  const out: RowDiff[] = []
  let removed: number[] = []
  let added: number[] = []
  const flush = () => {
    const paired = Math.min(removed.length, added.length)
    for (let k = 0; k < paired; k++) {
      out.push({
        type: 'changed',
        index: added[k],
        old: before[removed[k]],
        row: after[added[k]],
        keys: changedKeys(before[removed[k]], after[added[k]], field),
      })
    }
    for (const i of removed.slice(paired)) out.push({ type: 'removed', index: i, row: before[i] })
    for (const j of added.slice(paired)) out.push({ type: 'added', index: j, row: after[j] })
    removed = []
    added = []
  }
  let i = 0
  let j = 0
  while (i < n || j < m) {
    if (i < n && j < m && sameJson(before[i], after[j])) {
      flush()
      i++
      j++
    } else if (j < m && (i >= n || lcs[i][j + 1] >= lcs[i + 1][j])) {
      added.push(j++)
    } else {
      removed.push(i++)
    }
  }
  flush()
  return out
}

export type FieldDiff =
  | { kind: 'redacted'; field: string }
  | { kind: 'scalar'; field: string; old: unknown; new: unknown }
  | { kind: 'object'; field: string; keys: { key: string; old: unknown; new: unknown }[] }
  | { kind: 'rows'; field: string; rows: RowDiff[] }

// One recorded change, ready to show.
export function describeChange(change: { field: string; old: unknown; new: unknown; redacted?: boolean }): FieldDiff {
  const { field } = change
  if (change.redacted) return { kind: 'redacted', field }
  const before = change.old ?? null
  const after = change.new ?? null
  if (Array.isArray(before) || Array.isArray(after)) {
    return {
      kind: 'rows',
      field,
      rows: diffRows(Array.isArray(before) ? before : [], Array.isArray(after) ? after : [], field),
    }
  }
  const isObject = (v: unknown) => v !== null && typeof v === 'object'
  if (isObject(before) || isObject(after)) {
    const a = (isObject(before) ? before : {}) as Record<string, unknown>
    const b = (isObject(after) ? after : {}) as Record<string, unknown>
    return {
      kind: 'object',
      field,
      keys: changedKeys(a, b, field).map((key) => ({ key, old: a[key] ?? null, new: b[key] ?? null })),
    }
  }
  return { kind: 'scalar', field, old: before, new: after }
}

// The changes worth showing: a code that changed with its label (health → health_code) is the
// label's change once, not twice.
export function visibleChanges<T extends { field: string }>(changes: T[]): T[] {
  const fields = new Set(changes.map((change) => change.field))
  return changes.filter((change) => !(change.field.endsWith('_code') && fields.has(change.field.slice(0, -'_code'.length))))
}
