// The edit model of the dossier page: what the forms edit (a deep copy of the dossier), what a
// save sends (only the changed top-level fields, with `version`), and how a 409 is resolved
// (the user's changes re-applied onto the other writer's version).
import {
  isRedacted,
  type Dossier,
  type DossierInput,
  type EducationEntry,
  type FamilyEntry,
  type PostEntry,
  type RankEntry,
  type ResumeItem,
  type AssessmentEntry,
  type RewardEntry,
  type TrainingEntry,
  type AppointmentForm,
} from '../../../api/cadre'

// The top-level fields a client sends, in form order. Everything else is computed by the server.
export const INPUT_FIELDS = [
  'name',
  'gender',
  'gender_code',
  'birth_month',
  'ethnicity',
  'ethnicity_code',
  'native_place',
  'native_place_code',
  'birth_place',
  'birth_place_code',
  'party',
  'party_code',
  'party_join_month',
  'party_join_age_confirmed',
  'work_start_month',
  'health',
  'health_code',
  'professional_title',
  'expertise',
  'id_number',
  'unit_id',
  'managing_body',
  'managing_unit_id',
  'sort_order',
  'status',
  'status_reason',
  'education',
  'resume',
  'posts',
  'ranks',
  'assessments',
  'rewards',
  'trainings',
  'family',
  'personal_matters',
  'appointment',
] as const satisfies readonly (keyof DossierInput)[]

export type InputField = (typeof INPUT_FIELDS)[number]

export function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T)
}

export function emptyDossier(): DossierInput {
  return {
    name: '',
    gender: '',
    birth_month: '',
    ethnicity: '',
    native_place: '',
    native_place_code: '',
    birth_place: '',
    birth_place_code: '',
    party: '',
    party_join_month: null,
    party_join_age_confirmed: false,
    work_start_month: null,
    health: '',
    professional_title: '',
    expertise: '',
    id_number: null,
    unit_id: null,
    managing_body: '',
    managing_unit_id: null,
    sort_order: 0,
    status: '在职',
    status_reason: '',
    education: [],
    resume: [],
    posts: [],
    ranks: [],
    assessments: [],
    rewards: [],
    trainings: [],
    family: [],
    personal_matters: { spouse_or_children_emigrated: false, family_in_business: false, note: '' },
    appointment: emptyAppointment(),
  }
}

export function emptyAppointment(): AppointmentForm {
  return {
    proposed_post: '',
    proposed_removal: '',
    reason: '',
    reporting_unit: '',
    age_reference_date: null,
    filled_date: null,
    filled_by: '',
    retirement_limit_text: '',
  }
}

export const newRow = {
  education: (): EducationEntry => ({
    kind: '全日制',
    level: '',
    degree: '',
    school_and_major: '',
    start_month: null,
    end_month: null,
  }),
  resume: (): ResumeItem => ({ start: '', end: null, kind: 'work', unit: '', post: '', note: '', during: [] }),
  during: (): ResumeItem => ({ start: '', end: null, kind: 'study', unit: '', post: '', note: '' }),
  posts: (): PostEntry => ({
    unit_id: null,
    unit_name: '',
    title: '',
    is_main: false,
    start_month: '',
    end_month: null,
    document_number: '',
    method: '委任',
  }),
  ranks: (): RankEntry => ({ rank: '', start_month: '', end_month: null, document_number: '' }),
  assessments: (): AssessmentEntry => ({ year: new Date().getFullYear() - 1, grade: '称职', note: '' }),
  rewards: (): RewardEntry => ({ date: '', is_sanction: false, kind: '', issuer: '', reason: '', effect_end: null }),
  trainings: (): TrainingEntry => ({ course: '', hours: 1, start: '', end: '', provider: '' }),
  family: (): FamilyEntry => ({
    relation: '',
    name: '',
    birth_month: null,
    political_status: '',
    employer_and_post: '',
    id_number: null,
    cadre_id: null,
  }),
}

// Optional dates and numbers: the pickers clear to null, '' or undefined; the API says null.
const NULLABLE_TOP = new Set(['party_join_month', 'work_start_month', 'id_number', 'unit_id', 'managing_unit_id'])
const NULLABLE_ROW = new Set([
  'start_month',
  'end_month',
  'end',
  'birth_month',
  'effect_end',
  'cadre_id',
  'id_number',
  'unit_id',
])

// The API shape of a form value: '' and undefined → null for the nullable keys, strings
// trimmed, so that a field the user touched and put back does not count as changed.
export function normalize(value: unknown, key = '', top = true): unknown {
  if (Array.isArray(value)) return value.map((item) => normalize(item, '', false))
  if (isRedacted(value)) return value
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = normalize(v, k, false)
    return out
  }
  const nullable = (top ? NULLABLE_TOP : NULLABLE_ROW).has(key)
  if (typeof value === 'string') {
    const trimmed = value.trim()
    return trimmed === '' && nullable ? null : trimmed
  }
  if (value === undefined) return nullable ? null : value
  return value
}

// Deep equality of JSON values, key order ignored.
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    // A missing optional (undefined) and null mean the same to the server.
    return (a ?? null) === (b ?? null)
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameJson(item, b[i]))
  }
  const ra = a as Record<string, unknown>
  const rb = b as Record<string, unknown>
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)])
  for (const key of keys) if (!sameJson(ra[key], rb[key])) return false
  return true
}

// The form's copy of a dossier: input fields only, deep-copied, during[] present on resume rows.
export function toDraft(dossier: DossierInput): DossierInput {
  const draft = emptyDossier()
  const source = dossier as unknown as Record<string, unknown>
  const target = draft as unknown as Record<string, unknown>
  for (const field of INPUT_FIELDS) {
    if (source[field] !== undefined) target[field] = clone(source[field])
  }
  draft.resume = draft.resume.map((entry) => ({ ...entry, during: entry.during ?? [] }))
  return draft
}

// The changed top-level fields between what was loaded and the form (redacted ones never sent).
export function changedFields(original: DossierInput, draft: DossierInput): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  // Through toDraft, so that the defaults the form adds (during: []) are not changes.
  const a = toDraft(original) as unknown as Record<string, unknown>
  const b = draft as unknown as Record<string, unknown>
  for (const field of INPUT_FIELDS) {
    if (isRedacted(a[field]) || isRedacted(b[field])) continue
    const before = normalize(a[field], field)
    const after = normalize(b[field], field)
    if (!sameJson(before, after)) out[field] = after
  }
  return out
}

// The PATCH body: `version` and only the changed fields; null when nothing changed.
export function buildPatch(original: Dossier, draft: DossierInput): Record<string, unknown> | null {
  const fields = changedFields(original, draft)
  if (Object.keys(fields).length === 0) return null
  return { version: original.version, ...fields }
}

// The POST body of a new dossier: every input field, normalized.
export function buildCreate(draft: DossierInput): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const b = draft as unknown as Record<string, unknown>
  for (const field of INPUT_FIELDS) {
    if (b[field] === undefined || isRedacted(b[field])) continue
    out[field] = normalize(b[field], field)
  }
  return out
}

// After a 409: the user's changed fields laid over the other writer's version, as a new draft
// (the form keeps everything typed) and the PATCH body to send against `current.version`.
export function reapply(
  original: Dossier,
  draft: DossierInput,
  current: Dossier,
): { draft: DossierInput; patch: Record<string, unknown> | null } {
  const mine = changedFields(original, draft)
  const next = toDraft(current)
  Object.assign(next, clone(mine))
  const patch = Object.keys(mine).length > 0 ? { version: current.version, ...mine } : null
  return { draft: next, patch }
}

// Fields the user changed that the other writer changed too (shown in the conflict dialog).
export function overlapping(mine: Record<string, unknown>, theirs: { changes: { field: string }[] }[]): string[] {
  const touched = new Set(theirs.flatMap((item) => item.changes.map((c) => c.field)))
  return Object.keys(mine).filter((field) => touched.has(field))
}
