// Where a server finding belongs on the page: `error.field` / `warnings[].field` are JSON paths
// ("birth_month", "education[1].end_month", "resume[2].during[0].start").
export interface FieldPath {
  field: string // the top-level field: "education"
  row: number | null // its row, for arrays
  key: string | null // the row's key: "end_month"
  during: number | null // the 其间 row inside a resume row
  duringKey: string | null
}

export function parseFieldPath(path: string): FieldPath {
  const out: FieldPath = { field: '', row: null, key: null, during: null, duringKey: null }
  const match = /^([a-z_]+)(?:\[(\d+)\])?(?:\.([a-z_]+)(?:\[(\d+)\])?(?:\.([a-z_]+))?)?$/.exec(path.trim())
  if (!match) {
    out.field = path.trim()
    return out
  }
  out.field = match[1]
  if (match[2] !== undefined) out.row = Number(match[2])
  if (match[3] !== undefined) {
    if (out.field === 'resume' && match[3] === 'during' && match[4] !== undefined) {
      out.during = Number(match[4])
      out.duringKey = match[5] ?? null
    } else {
      out.key = match[3]
    }
  }
  return out
}

export type DossierTab =
  | 'basic'
  | 'education'
  | 'resume'
  | 'posts'
  | 'assessments'
  | 'rewards'
  | 'trainings'
  | 'family'
  | 'personal'
  | 'appointment'
  | 'form'
  | 'history'

const TAB_OF_FIELD: Record<string, DossierTab> = {
  education: 'education',
  resume: 'resume',
  posts: 'posts',
  ranks: 'posts',
  assessments: 'assessments',
  rewards: 'rewards',
  trainings: 'trainings',
  family: 'family',
  personal_matters: 'personal',
  appointment: 'appointment',
}

// The tab that shows a path's field; basic information for every scalar field.
export function tabForField(path: string): DossierTab {
  return TAB_OF_FIELD[parseFieldPath(path).field] ?? 'basic'
}

// The basic-information form item a path belongs to: the code fields are edited with their label
// ("gender_code" → "gender", "native_place_code" → "native_place").
export function basicItemFor(path: string): string {
  const field = parseFieldPath(path).field
  return field.endsWith('_code') ? field.slice(0, -'_code'.length) : field
}

// The rows of `field` that a set of paths points at (for highlighting).
export function rowsWith(paths: string[], field: string): Set<number> {
  const rows = new Set<number>()
  for (const path of paths) {
    const parsed = parseFieldPath(path)
    if (parsed.field === field && parsed.row !== null) rows.add(parsed.row)
  }
  return rows
}

// The path of one cell, as the server would name it.
export function cellPath(field: string, row: number, key: string, during?: number): string {
  return during === undefined ? `${field}[${row}].${key}` : `${field}[${row}].during[${during}].${key}`
}
