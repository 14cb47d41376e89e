import { ApiError, getCsrf, http } from './http'
import { t } from '../i18n'

export interface Cadre {
  id: number
  name: string
  gender: string
  birth_month: string
  ethnicity: string
  party: string
  unit_id: number
  unit_name: string
  post: string
  rank: string
  managing_body: string
}

export interface CadreQuery {
  unit_id?: number | null
  name?: string
  // Quick search: a name substring, pinyin initials (letters only), or an ID number.
  q?: string
  sort?: 'position' | 'stroke' | 'age' | 'post_start'
  order?: 'asc' | 'desc'
  // A 人员状态 label, or 'all'; the server lists 在职 when absent.
  status?: string
  page: number
  page_size: number
}

// 干部名册 rows: `id_number` is the value, null, or a redaction marker (docs/api.md).
export interface CadreListItem extends Cadre {
  id_number?: string | null | { redacted: true; sensitivity?: string }
}

export function listCadres(query: CadreQuery): Promise<{ items: CadreListItem[]; total: number }> {
  return http.get('/api/cadres', {
    query: {
      unit_id: query.unit_id ?? undefined,
      name: query.name?.trim() || undefined,
      q: query.q?.trim() || undefined,
      sort: query.sort && query.sort !== 'position' ? query.sort : undefined,
      order: query.order === 'desc' ? 'desc' : undefined,
      status: query.status || undefined,
      page: query.page,
      page_size: query.page_size,
    },
  })
}

export function getCadre(id: number): Promise<Cadre> {
  return http.get(`/api/cadres/${encodeURIComponent(String(id))}`)
}

// ── 干部档案 (the full dossier, docs/api.md "Cadre dossier") ──────────────────────────────────

// A confidential part the reader's clearance does not reach: never empty data, a lock.
export interface Redacted {
  redacted: true
  sensitivity?: string
}

export function isRedacted(value: unknown): value is Redacted {
  return typeof value === 'object' && value !== null && (value as Redacted).redacted === true
}

export type PersonStatus = '在职' | '退休' | '调出' | '辞职' | '免职' | '辞退' | '去世'
export const PERSON_STATUSES: PersonStatus[] = ['在职', '退休', '调出', '辞职', '免职', '辞退', '去世']
export const APPOINTMENT_METHODS = ['选任', '委任', '聘任', '考任'] as const
export const ASSESSMENT_GRADES = ['优秀', '称职', '基本称职', '不称职', '不定等次'] as const
// 综合管理类公务员职级, highest first — the server's ladder (src/cadre/vocabulary.cc Ranks()).
export const RANKS = [
  '一级巡视员',
  '二级巡视员',
  '一级调研员',
  '二级调研员',
  '三级调研员',
  '四级调研员',
  '一级主任科员',
  '二级主任科员',
  '三级主任科员',
  '四级主任科员',
  '一级科员',
  '二级科员',
] as const

export interface EducationEntry {
  kind: '全日制' | '在职'
  level: string
  level_code?: string
  degree: string
  degree_code?: string
  school_and_major: string
  start_month: string | null
  end_month: string | null
}

export interface ResumeItem {
  start: string
  end: string | null
  kind: 'work' | 'study'
  unit: string
  post: string
  note: string
  during?: ResumeItem[]
}

export interface PostEntry {
  unit_id: number | null
  unit_name: string
  title: string
  is_main: boolean
  start_month: string
  end_month: string | null
  document_number: string
  method: string
}

export interface RankEntry {
  rank: string
  start_month: string
  end_month: string | null
  document_number: string
}

export interface AssessmentEntry {
  year: number
  grade: string
  note: string
}

export interface RewardEntry {
  date: string
  is_sanction: boolean
  kind: string
  issuer: string
  reason: string
  effect_end: string | null
}

export interface TrainingEntry {
  course: string
  hours: number
  start: string
  end: string
  provider: string
}

export interface FamilyEntry {
  relation: string
  relation_code?: string
  name: string
  birth_month: string | null
  political_status: string
  political_status_code?: string
  employer_and_post: string
  id_number: string | null
  cadre_id: number | null
}

export interface PersonalMatters {
  spouse_or_children_emigrated: boolean
  family_in_business: boolean
  note: string
}

// 任免审批表 parts of the proposed appointment (拟任/拟免职务, 任免理由, 呈报单位, 计算年龄时间 …).
export interface AppointmentForm {
  proposed_post: string
  proposed_removal: string
  reason: string
  reporting_unit: string
  age_reference_date: string | null
  filled_date: string | null
  filled_by: string
  retirement_limit_text: string
}

export interface RuleWarning {
  field: string
  code: string
  message: string
}

export interface FormEducation {
  level: string
  degree: string
  school_and_major: string
}

export interface DossierForm {
  full_time_education: FormEducation | null
  in_service_education: FormEducation | null
  current_posts_text: string
  rewards_text: string
  assessments_text: string
}

// The fields a client sends (POST, PATCH): everything but the computed, output-only ones.
export interface DossierInput {
  name: string
  gender: string
  gender_code?: string
  birth_month: string
  ethnicity: string
  ethnicity_code?: string
  native_place: string
  native_place_code?: string
  birth_place: string
  birth_place_code?: string
  party: string
  party_code?: string
  party_join_month: string | null
  party_join_age_confirmed: boolean
  work_start_month: string | null
  health: string
  health_code?: string
  professional_title: string
  expertise: string
  id_number: string | null | Redacted
  unit_id: number | null
  managing_body: string
  managing_unit_id: number | null
  sort_order: number
  status: PersonStatus
  status_reason: string
  education: EducationEntry[]
  resume: ResumeItem[]
  posts: PostEntry[]
  ranks: RankEntry[]
  assessments: AssessmentEntry[]
  rewards: RewardEntry[]
  trainings: TrainingEntry[]
  family: FamilyEntry[] | Redacted
  personal_matters: PersonalMatters | Redacted
  appointment: AppointmentForm
}

export interface Dossier extends DossierInput {
  id: number
  version: number
  has_photo: boolean
  unit_name: string
  age: number | null
  retirement_month: string | null
  resume_text: string
  form: DossierForm | null
  warnings: RuleWarning[]
  redacted: string[]
  as_of: string | null
}

export interface DossierFieldChange {
  field: string
  old: unknown
  new: unknown
  redacted?: boolean
}

export interface DossierHistoryItem {
  version: number
  at: string
  actor: string
  changes: DossierFieldChange[]
}

// A 409 on PATCH: someone saved first. `current` is the dossier as it is now, `changes` what the
// other writer(s) changed after the version this edit started from.
export class VersionConflict extends Error {
  readonly current: Dossier
  readonly changes: DossierHistoryItem[]

  constructor(message: string, current: Dossier, changes: DossierHistoryItem[]) {
    super(message)
    this.name = 'VersionConflict'
    this.current = current
    this.changes = changes
  }
}

// `silent`: the caller shows the error (a 404 for a day before the dossier existed, say).
export function fetchDossier(id: number, asOf?: string | null, silent = false): Promise<Dossier> {
  return http.get(`/api/cadres/${encodeURIComponent(String(id))}`, {
    query: { as_of: asOf || undefined },
    silent,
  })
}

// Errors are left to the page, which puts them on the form item `error.field` names.
export function createDossier(body: Partial<DossierInput>): Promise<{ id: number; version: number; warnings: RuleWarning[] }> {
  return http.post('/api/cadres', body, { silent: true })
}

export function fetchDossierHistory(id: number): Promise<{ items: DossierHistoryItem[] }> {
  return http.get(`/api/cadres/${encodeURIComponent(String(id))}/history`)
}

export function photoUrl(id: number, bust: string | number): string {
  return `/api/cadres/${encodeURIComponent(String(id))}/photo?v=${encodeURIComponent(String(bust))}`
}

// The calls whose answers the JSON wrapper cannot carry: a 409 body (PATCH) and a raw image body
// (PUT photo). Same CSRF header and error shape as http.ts.
async function send(method: string, path: string, body: BodyInit, contentType: string): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': contentType }
  const csrf = getCsrf()
  if (csrf) headers['X-CSRF-Token'] = csrf
  try {
    return await fetch(path, { method, credentials: 'same-origin', headers, body })
  } catch {
    throw new ApiError(0, { code: 'UNAVAILABLE', message: t('error.network') })
  }
}

async function errorOf(response: Response): Promise<{ error: ApiError; body: Record<string, unknown> | null }> {
  let body: Record<string, unknown> | null = null
  try {
    body = JSON.parse(await response.text()) as Record<string, unknown>
  } catch {
    body = null
  }
  const error = (body?.error ?? null) as { code?: string; message?: string; field?: string } | null
  if (error && typeof error.message === 'string') {
    return {
      error: new ApiError(response.status, {
        code: String(error.code ?? 'UNKNOWN'),
        message: error.message,
        field: error.field ?? undefined,
      }),
      body,
    }
  }
  return {
    error: new ApiError(response.status, { code: 'UNKNOWN', message: t('error.unknown', { status: response.status }) }),
    body,
  }
}

// PATCH /api/cadres/{id} with {version, ...changed top-level fields}. Throws VersionConflict on
// 409 and ApiError otherwise (not shown: the page puts it on its form item).
export async function patchDossier(id: number, body: Record<string, unknown>): Promise<Dossier> {
  const response = await send('PATCH', `/api/cadres/${encodeURIComponent(String(id))}`, JSON.stringify(body), 'application/json')
  if (response.ok) return (await response.json()) as Dossier
  const { error, body: answer } = await errorOf(response)
  if (response.status === 409 && error.code === 'VERSION_CONFLICT' && answer?.current) {
    throw new VersionConflict(
      error.message,
      answer.current as Dossier,
      Array.isArray(answer.changes) ? (answer.changes as DossierHistoryItem[]) : [],
    )
  }
  throw error
}

// PUT /api/cadres/{id}/photo with the image bytes (JPEG or PNG, ≤ 5 MB).
export async function uploadPhoto(id: number, image: Blob): Promise<void> {
  const type = image.type === 'image/png' ? 'image/png' : 'image/jpeg'
  const response = await send('PUT', `/api/cadres/${encodeURIComponent(String(id))}/photo`, image, type)
  if (response.ok) return
  throw (await errorOf(response)).error
}
