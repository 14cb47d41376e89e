// LRMX (任免审批表) import and export (docs/api.md "LRMX"). Import runs as a background job whose
// summary lists every file; persons already on record wait for a choice per file (resolve).
import { ElMessage } from 'element-plus'
import { t } from '../i18n'
import { ApiError, getCsrf, http } from './http'
import type { JobStarted } from './jobs'

export type LrmxOutcome = 'imported' | 'replaced' | 'merged' | 'kept' | 'exists' | 'checked' | 'error'

export interface LrmxFieldDiff {
  field: string
  stored: unknown
  file: unknown
}

export interface LrmxFileResult {
  name: string
  outcome: LrmxOutcome
  id: number | null
  message: string
  field: string
  warnings: string[]
  diff: LrmxFieldDiff[]
}

export interface LrmxSummary {
  dry_run: boolean
  unit: string
  managing_body: string
  batch: string
  counts: Partial<Record<LrmxOutcome, number>>
  files: LrmxFileResult[]
}

export type LrmxChoice = 'keep' | 'replace' | 'merge'

export interface LrmxResolveChoice {
  name: string
  choice: LrmxChoice
  fields?: string[]
}

export const LRMX_IMPORT_KIND = 'cadre.import_lrmx'
export const LRMX_RESOLVE_KIND = 'cadre.import_lrmx_resolve'

// Sends the files as multipart/form-data; answers the 202 of the import job.
export async function startLrmxImport(
  files: File[],
  unit: string,
  dryRun: boolean,
  managingBody?: string,
): Promise<JobStarted> {
  const form = new FormData()
  for (const file of files) form.append('files', file, file.name)
  const query = new URLSearchParams({ unit, dry_run: dryRun ? '1' : '0' })
  if (managingBody) query.set('managing_body', managingBody)
  const headers: Record<string, string> = { Accept: 'application/json' }
  const csrf = getCsrf()
  if (csrf) headers['X-CSRF-Token'] = csrf
  let response: Response
  try {
    response = await fetch(`/api/cadres/import/lrmx?${query}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers,
      body: form,
    })
  } catch {
    throw new ApiError(0, { code: 'UNAVAILABLE', message: t('error.network') })
  }
  const text = await response.text()
  const body = text ? JSON.parse(text) : {}
  if (!response.ok) throw new ApiError(response.status, body.error ?? { code: 'UNKNOWN', message: text })
  return body as JobStarted
}

export function resolveLrmxImport(job: number, choices: LrmxResolveChoice[]): Promise<JobStarted> {
  return http.post<JobStarted>(`/api/cadres/import/lrmx/${job}/resolve`, { choices })
}

export function lrmxExportUrl(id: number): string {
  return `/api/cadres/${id}/lrmx`
}

// Downloads the cadre's .lrmx; a refusal (403 for a reader not cleared for the confidential
// parts) is shown as a message.
export async function downloadLrmx(id: number, name: string): Promise<void> {
  const response = await fetch(lrmxExportUrl(id), { credentials: 'same-origin' })
  if (!response.ok) {
    let message = t('lrmx.exportFailed')
    try {
      message = (await response.json()).error?.message ?? message
    } catch {
      // not JSON
    }
    ElMessage.error(message)
    return
  }
  const blob = await response.blob()
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = `${name}.lrmx`
  link.style.display = 'none'
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10000)
}

// The dossier fields a diff may name, with their labels (dossier.h / the 任免审批表).
export const LRMX_FIELD_KEYS = [
  'name', 'gender', 'birth_month', 'ethnicity', 'native_place', 'birth_place', 'party',
  'party_join_month', 'work_start_month', 'health', 'professional_title', 'expertise', 'id_number',
  'education', 'resume', 'posts', 'assessments', 'family', 'appointment',
] as const

// A diff value as one readable line (objects and arrays as compact JSON).
export function diffText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—'
  if (typeof value === 'string') return value
  return JSON.stringify(value)
}
