// Excel export and import (docs/api.md "Excel"). Export runs as a background job whose file is
// the .xlsx; import keeps the uploaded workbook on the server (upload → 列对应 → 预检 → 导入).
import { ApiError, getCsrf, http } from './http'
import { t } from '../i18n'
import type { JobStarted } from './jobs'
import type { ListSort } from '../views/cadre/cadreColumns'

export const EXCEL_EXPORT_KIND = 'cadre.export_excel'
export const EXCEL_IMPORT_KIND = 'cadre.import_excel'
export const EXCEL_CHECK_KIND = 'cadre.import_excel_check'

export interface CadreExportBody {
  columns: string[]
  list?: {
    q?: string
    unit_id?: number | null
    status?: string
    sort?: ListSort
    order?: 'asc' | 'desc'
  } | null
  condition?: unknown
  reference_date?: string
  sort?: ListSort
  order?: 'asc' | 'desc'
  title?: string
}

export function startCadreExport(body: CadreExportBody): Promise<JobStarted> {
  return http.post<JobStarted>('/api/cadres/export', body)
}

export interface ImportField {
  key: string
  label: string
  required: boolean
}

export interface ExcelUpload {
  id: number
  file_name: string
  sheet: string
  header_row: number
  headers: string[]
  mapping: string[]
  rows: number
  sample: string[][]
  fields: ImportField[]
}

export type RowAction = 'create' | 'update' | 'unchanged' | 'error'

export interface RowError {
  row: number
  column: string
  header: string
  field: string
  message: string
}

export interface RowOutcome {
  row: number
  action: RowAction
  name: string
  cadre_id: number | null
  changed: string[]
  errors: RowError[]
}

export interface ImportReport {
  created: number
  updated: number
  unchanged: number
  failed: number
  rows: RowOutcome[]
}

export const TEMPLATE_URL = '/api/cadres/import/template'

// Sends the workbook as the raw body (the server keeps it for a day, for the uploader only).
export async function uploadWorkbook(file: File): Promise<ExcelUpload> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  }
  const csrf = getCsrf()
  if (csrf) headers['X-CSRF-Token'] = csrf
  let response: Response
  try {
    response = await fetch(`/api/cadres/import/excel?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers,
      body: file,
    })
  } catch {
    throw new ApiError(0, { code: 'UNAVAILABLE', message: t('error.network') })
  }
  const text = await response.text()
  let body: { error?: { code: string; message: string; field?: string } } & Partial<ExcelUpload> = {}
  try {
    body = text ? JSON.parse(text) : {}
  } catch {
    body = {}
  }
  if (!response.ok) {
    throw new ApiError(
      response.status,
      body.error ?? { code: 'UNKNOWN', message: t('error.unknown', { status: response.status }) },
    )
  }
  return body as ExcelUpload
}

export function fetchUpload(id: number): Promise<ExcelUpload> {
  return http.get<ExcelUpload>(`/api/cadres/import/excel/${id}`)
}

// The dry run, as a background job whose summary is the ImportReport.
export function checkImport(id: number, mapping: string[]): Promise<JobStarted> {
  return http.post<JobStarted>(`/api/cadres/import/excel/${id}/check`, { mapping }, { silent: true })
}

// The report a finished check or commit job carries; null before it succeeded.
export function reportOf(job: { state: string; summary?: unknown } | null): ImportReport | null {
  const summary = job?.summary as ImportReport | undefined
  return job?.state === 'succeeded' && summary && Array.isArray(summary.rows) ? summary : null
}

export function commitImport(id: number, mapping: string[]): Promise<JobStarted> {
  return http.post<JobStarted>(`/api/cadres/import/excel/${id}/commit`, { mapping }, { silent: true })
}

// --- pure helpers (tested in web/tests/excelImport.test.ts) ---

// The problems of a mapping before it goes to the server: required fields not mapped, and a
// field mapped to two columns. Index of the column → message, plus '' for the whole mapping.
export function mappingProblems(mapping: string[], fields: ImportField[]): Record<string, string> {
  const problems: Record<string, string> = {}
  const seen = new Map<string, number>()
  mapping.forEach((key, index) => {
    if (!key) return
    const first = seen.get(key)
    if (first !== undefined) {
      const label = fields.find((f) => f.key === key)?.label ?? key
      problems[String(index)] = t('excel.mappedTwice', { label })
    } else {
      seen.set(key, index)
    }
  })
  const missing = fields.filter((f) => f.required && !seen.has(f.key)).map((f) => f.label)
  if (missing.length) problems[''] = t('excel.requiredMissing', { labels: missing.join('、') })
  return problems
}

// Every error of a report as one table row each, in sheet order.
export function errorRows(report: ImportReport | null): RowError[] {
  if (!report) return []
  return report.rows
    .flatMap((row) => row.errors)
    .sort((a, b) => a.row - b.row || a.column.localeCompare(b.column))
}

// "2 新增 0 更新 1 未变 1 失败" in the current language.
export function reportLine(report: Pick<ImportReport, 'created' | 'updated' | 'unchanged' | 'failed'>): string {
  return t('excel.reportLine', report)
}

// Downloads a URL's file (the template) under the server's name.
export async function downloadUrl(url: string, fallbackName: string): Promise<void> {
  const response = await fetch(url, { credentials: 'same-origin' })
  if (!response.ok) {
    let message = t('error.unknown', { status: response.status })
    try {
      message = (await response.json()).error?.message ?? message
    } catch {
      // not JSON
    }
    throw new ApiError(response.status, { code: 'UNKNOWN', message })
  }
  const blob = await response.blob()
  const link = document.createElement('a')
  const href = URL.createObjectURL(blob)
  link.href = href
  link.download = fallbackName
  link.style.display = 'none'
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(href), 10000)
}
