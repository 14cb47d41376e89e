// Follows one background job (后台任务, docs/api.md) from a page:
//
//   const exportJob = useJob('cadre.export_excel')
//   await exportJob.start(http.post<JobStarted>('/api/cadres/export', body))  // the 202 answer
//   <JobProgress :job="exportJob.job.value" @cancel="exportJob.cancel" @download="exportJob.download" />
//
// - start(promiseOf202) takes the starting request's promise, shows its job at once and polls
//   GET /api/jobs/{id} every second until the job has finished. A rejected start (400 naming a
//   field, 403…) is rethrown, so the page can show it on the field; `error` holds its message.
// - The job's id is kept in sessionStorage under `xr.jobs.<kind>`, so a reloaded page (the same
//   useJob(kind)) picks the job up again: polling when it still runs, showing it when it has
//   finished. A job the server no longer knows (expired, another account) is forgotten.
// - cancel() asks the server to stop it (a job that finished meanwhile is simply reloaded);
//   download() fetches the result file; clear() forgets the job (a new start replaces it anyway).
// Polling stops when the component (or effect scope) that called useJob goes away.
import { computed, getCurrentScope, onScopeDispose, ref, type Ref } from 'vue'
import { ApiError } from '../api/http'
import {
  cancelJob,
  downloadJobFile,
  fetchJob,
  isFinished,
  type Job,
  type JobStarted,
} from '../api/jobs'

export const POLL_INTERVAL_MS = 1000
const STORAGE_PREFIX = 'xr.jobs.'

export function jobStorageKey(kind: string): string {
  return STORAGE_PREFIX + kind
}

function readStoredId(kind: string | undefined): number | null {
  if (!kind) return null
  try {
    const value = Number(sessionStorage.getItem(jobStorageKey(kind)))
    return Number.isInteger(value) && value > 0 ? value : null
  } catch {
    return null
  }
}

function storeId(kind: string, id: number | null) {
  try {
    if (id === null) sessionStorage.removeItem(jobStorageKey(kind))
    else sessionStorage.setItem(jobStorageKey(kind), String(id))
  } catch {
    // Storage disabled: the job still shows until the page is left.
  }
}

export interface UseJob {
  job: Ref<Job | null>
  error: Ref<string | null>
  running: Ref<boolean>
  finished: Ref<boolean>
  start: (request: Promise<JobStarted>) => Promise<Job>
  cancel: () => Promise<void>
  download: () => void
  clear: () => void
  // Looks for the job kept under the kind (run once by useJob(kind) itself).
  resume: () => Promise<void>
}

export function useJob(kind?: string): UseJob {
  const job = ref<Job | null>(null)
  const error = ref<string | null>(null)
  let timer: ReturnType<typeof setTimeout> | null = null
  let disposed = false
  // Answers of a poll issued before the job was replaced or cleared are dropped.
  let generation = 0

  const running = computed(() => !!job.value && !isFinished(job.value))
  const finished = computed(() => isFinished(job.value))

  function keyKind(): string | undefined {
    return kind ?? job.value?.kind
  }

  function stopPolling() {
    if (timer !== null) clearTimeout(timer)
    timer = null
  }

  function schedule() {
    stopPolling()
    if (disposed || !job.value || isFinished(job.value)) return
    const mine = generation
    const id = job.value.id
    timer = setTimeout(() => {
      timer = null
      void poll(id, mine)
    }, POLL_INTERVAL_MS)
  }

  function show(next: Job) {
    job.value = next
    if (next.state === 'failed') error.value = next.message || null
    schedule()
  }

  function forget() {
    const k = keyKind()
    if (k) storeId(k, null)
    job.value = null
  }

  async function poll(id: number, mine: number) {
    try {
      const next = await fetchJob(id, { silent: true })
      if (mine !== generation || disposed) return
      show(next)
    } catch (e) {
      if (mine !== generation || disposed) return
      if (e instanceof ApiError && (e.status === 404 || e.status === 401 || e.status === 403)) {
        // Gone (expired, or not this account's): nothing more to follow.
        error.value = e.message
        forget()
        return
      }
      // A network hiccup or a busy server: try again at the next tick.
      schedule()
    }
  }

  async function start(request: Promise<JobStarted>): Promise<Job> {
    generation++
    stopPolling()
    error.value = null
    try {
      const answer = await request
      const started = answer.job
      storeId(kind ?? started.kind, started.id)
      show(started)
      return started
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e)
      throw e
    }
  }

  async function cancel() {
    const current = job.value
    if (!current || isFinished(current)) return
    const mine = generation
    try {
      const next = await cancelJob(current.id)
      if (mine === generation) show(next)
    } catch (e) {
      // JOB_FINISHED: it ended meanwhile; show how.
      if (e instanceof ApiError && e.code === 'JOB_FINISHED' && mine === generation) {
        await poll(current.id, mine)
      }
    }
  }

  function download() {
    if (job.value?.has_file) downloadJobFile(job.value)
  }

  function clear() {
    generation++
    stopPolling()
    error.value = null
    forget()
  }

  async function resume() {
    const id = readStoredId(kind)
    if (id === null || job.value) return
    const mine = ++generation
    await poll(id, mine)
  }

  if (getCurrentScope()) {
    onScopeDispose(() => {
      disposed = true
      stopPolling()
    })
  }
  if (kind) void resume()

  return { job, error, running, finished, start, cancel, download, clear, resume }
}
