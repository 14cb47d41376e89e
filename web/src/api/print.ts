// 任免审批表 PDF (docs/api.md, "任免审批表 PDF"): one form as a download, a batch as a job.
import { ElMessage } from 'element-plus'
import { http } from './http'
import type { JobStarted } from './jobs'

export const RMB_BATCH_KIND = 'print.rmb_batch'

export type RmbBatchFormat = 'pdf' | 'zip'

// What POST /api/cadres/print/rmb takes: the selected cadres or a 组合查询 condition.
export type RmbBatchRequest =
  | { cadre_ids: number[]; format: RmbBatchFormat }
  | { condition: unknown; reference_date?: string; format: RmbBatchFormat }

// The batch job's summary.
export interface RmbBatchSummary {
  printed: number
  skipped: { id: number; message: string }[]
  format: RmbBatchFormat
}

export function rmbPdfUrl(id: number): string {
  return `/api/cadres/${id}/rmb.pdf`
}

export function startRmbBatch(body: RmbBatchRequest): Promise<JobStarted> {
  return http.post<JobStarted>('/api/cadres/print/rmb', body)
}

// Downloads the cadre's form as `任免审批表-<name>.pdf`; a refusal is shown as a message, which
// is also returned (null on success).
export async function downloadRmbPdf(id: number, name: string, failed: string): Promise<string | null> {
  const response = await fetch(rmbPdfUrl(id), { credentials: 'same-origin' })
  if (!response.ok) {
    let message = failed
    try {
      message = (await response.json()).error?.message ?? message
    } catch {
      // not JSON
    }
    ElMessage.error(message)
    return message
  }
  const blob = await response.blob()
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = `任免审批表-${name}.pdf`
  link.style.display = 'none'
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10000)
  return null
}

export function isRmbBatchSummary(value: unknown): value is RmbBatchSummary {
  const summary = value as RmbBatchSummary | null
  return !!summary && typeof summary.printed === 'number' && Array.isArray(summary.skipped)
}
