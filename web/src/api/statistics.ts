// 班子结构分析 (docs/api.md "Structure statistics") and the client-side table export.
import { ApiError, getCsrf, http } from './http'
import { t } from '../i18n'
import type { ConditionNode } from './query'

export interface StatisticsBucket {
  label: string
  count: number
}

export interface StatisticsDimension {
  key: string
  label: string
  buckets: StatisticsBucket[]
}

export interface IndicatorTarget {
  min_count: number | null
  min_share: number | null
}

export interface Indicator {
  key: string
  label: string
  count: number
  share: number
  target: IndicatorTarget
  shortfall: boolean
}

export interface AgeLadder {
  levels: string[]
  bands: string[]
  counts: number[][]
}

export interface Statistics {
  total: number
  reference_date: string
  dimensions: StatisticsDimension[]
  age_ladder: AgeLadder
  indicators: Indicator[]
}

export type StatisticsSubject = { unit_id: number; subtree: boolean } | { condition: ConditionNode }

export function fetchStatistics(subject: StatisticsSubject, referenceDate?: string): Promise<Statistics> {
  return http.post('/api/cadres/statistics', { ...subject, reference_date: referenceDate || undefined })
}

export interface StatisticsTargets {
  young_age_limits: Record<string, number>
  indicators: Record<string, IndicatorTarget>
}

export function fetchTargets(): Promise<StatisticsTargets> {
  return http.get('/api/statistics/targets')
}

export function saveTargets(body: StatisticsTargets): Promise<StatisticsTargets> {
  return http.put('/api/statistics/targets', body, { silent: true })
}

export interface TableSheet {
  name: string
  columns: string[]
  rows: Array<Array<string | number | null>>
}

// POST /api/tables/export → the .xlsx itself, saved under `${title}.xlsx`.
export async function exportTables(title: string, sheets: TableSheet[]): Promise<void> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' }
  const csrf = getCsrf()
  if (csrf) headers['X-CSRF-Token'] = csrf
  let response: Response
  try {
    response = await fetch('/api/tables/export', {
      method: 'POST',
      credentials: 'same-origin',
      headers,
      body: JSON.stringify({ title, sheets }),
    })
  } catch {
    throw new ApiError(0, { code: 'UNAVAILABLE', message: t('error.network') })
  }
  if (!response.ok) {
    let message = t('error.unknown', { status: response.status })
    let code = 'UNKNOWN'
    try {
      const body = JSON.parse(await response.text()) as { error?: { code?: string; message?: string } }
      if (body.error?.message) message = body.error.message
      if (body.error?.code) code = body.error.code
    } catch {
      // not JSON
    }
    throw new ApiError(response.status, { code, message })
  }
  const blob = await response.blob()
  saveBlob(blob, fileNameOf(response.headers.get('Content-Disposition')) || `${title}.xlsx`)
}

// The file name of a Content-Disposition header (filename* UTF-8 first, then filename).
export function fileNameOf(header: string | null): string {
  if (!header) return ''
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)
  if (star) {
    try {
      return decodeURIComponent(star[1].trim())
    } catch {
      // fall through
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header)
  return plain ? plain[1].trim() : ''
}

export function saveBlob(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
