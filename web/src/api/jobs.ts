// 后台任务 (docs/api.md): the caller's own background jobs.
import { http, type RequestOptions } from './http'

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled'

export interface Job {
  id: number
  kind: string
  title: string
  state: JobState
  done: number
  total: number
  message: string
  summary: Record<string, unknown>
  has_file: boolean
  file_name?: string | null
  created_at: string
  finished_at: string | null
}

// What an endpoint that starts a job answers (202).
export interface JobStarted {
  job: Job
}

export function isFinished(job: Pick<Job, 'state'> | null | undefined): boolean {
  return !!job && job.state !== 'queued' && job.state !== 'running'
}

// 0–100, or null while the total is not known yet.
export function percentOf(job: Pick<Job, 'done' | 'total' | 'state'>): number | null {
  if (job.state === 'succeeded') return 100
  if (job.total <= 0) return null
  return Math.max(0, Math.min(100, Math.floor((job.done * 100) / job.total)))
}

export function listJobs(options?: RequestOptions): Promise<{ items: Job[] }> {
  return http.get('/api/jobs', options)
}

export function fetchJob(id: number, options?: RequestOptions): Promise<Job> {
  return http.get(`/api/jobs/${id}`, options)
}

export function cancelJob(id: number, options?: RequestOptions): Promise<Job> {
  return http.post(`/api/jobs/${id}/cancel`, undefined, options)
}

export function jobFileUrl(id: number): string {
  return `/api/jobs/${id}/file`
}

// Starts the browser's download of the job's file (the session cookie authenticates the GET).
export function downloadJobFile(job: Pick<Job, 'id' | 'file_name'>) {
  const link = document.createElement('a')
  link.href = jobFileUrl(job.id)
  link.download = job.file_name ?? ''
  link.rel = 'noopener'
  link.style.display = 'none'
  document.body.appendChild(link)
  link.click()
  link.remove()
}
