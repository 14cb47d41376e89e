import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { effectScope, nextTick } from 'vue'
import { mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { i18n } from '../src/i18n'
import { jobStorageKey, POLL_INTERVAL_MS, useJob } from '../src/composables/useJob'
import { percentOf, type Job } from '../src/api/jobs'
import JobProgress from '../src/components/JobProgress.vue'

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

const job = (patch: Partial<Job> = {}): Job => ({
  id: 7,
  kind: 'cadre.export_excel',
  title: '导出干部名册（3 人）',
  state: 'running',
  done: 1,
  total: 3,
  message: '已导出 1/3 行',
  summary: {},
  has_file: false,
  file_name: null,
  created_at: '2026-11-28T02:00:00.000000Z',
  finished_at: null,
  ...patch,
})

// Lets the awaited fetches and their .then chains run.
async function settle() {
  for (let i = 0; i < 5; i++) await Promise.resolve()
  await nextTick()
}

describe('useJob', () => {
  let fetchMock: ReturnType<typeof vi.fn>

  beforeEach(() => {
    vi.useFakeTimers()
    sessionStorage.clear()
    fetchMock = vi.fn()
    vi.stubGlobal('fetch', fetchMock)
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('starts from the 202, polls every second until finished, and keeps the id', async () => {
    const scope = effectScope()
    const j = scope.run(() => useJob('cadre.export_excel'))!
    fetchMock
      .mockResolvedValueOnce(json(job({ done: 2, message: '已导出 2/3 行' })))
      .mockResolvedValueOnce(json(job({ state: 'succeeded', done: 3, has_file: true, file_name: '名册.xlsx' })))

    const started = await j.start(Promise.resolve({ job: job({ state: 'queued', done: 0, total: 0 }) }))
    expect(started.id).toBe(7)
    expect(j.job.value?.state).toBe('queued')
    expect(j.running.value).toBe(true)
    expect(sessionStorage.getItem(jobStorageKey('cadre.export_excel'))).toBe('7')
    expect(fetchMock).not.toHaveBeenCalled()

    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS)
    await settle()
    expect(fetchMock).toHaveBeenCalledTimes(1)
    expect(fetchMock.mock.calls[0][0]).toBe('/api/jobs/7')
    expect(j.job.value?.done).toBe(2)

    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS)
    await settle()
    expect(j.job.value?.state).toBe('succeeded')
    expect(j.finished.value).toBe(true)

    // Finished: no more polling.
    await vi.advanceTimersByTimeAsync(5 * POLL_INTERVAL_MS)
    expect(fetchMock).toHaveBeenCalledTimes(2)
    scope.stop()
  })

  it('picks the job up again after a reload', async () => {
    sessionStorage.setItem(jobStorageKey('interchange.import_lrmx'), '42')
    fetchMock
      .mockResolvedValueOnce(json(job({ id: 42, kind: 'interchange.import_lrmx', done: 5, total: 10 })))
      .mockResolvedValueOnce(json(job({ id: 42, kind: 'interchange.import_lrmx', state: 'failed', message: '第 3 个文件格式错误' })))
    const scope = effectScope()
    const j = scope.run(() => useJob('interchange.import_lrmx'))!
    await settle()
    expect(fetchMock.mock.calls[0][0]).toBe('/api/jobs/42')
    expect(j.job.value?.done).toBe(5)
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS)
    await settle()
    expect(j.job.value?.state).toBe('failed')
    expect(j.error.value).toBe('第 3 个文件格式错误')
    scope.stop()
  })

  it('forgets a job the server no longer knows', async () => {
    sessionStorage.setItem(jobStorageKey('print.rmb_batch'), '9')
    fetchMock.mockResolvedValueOnce(json({ error: { code: 'NOT_FOUND', message: '任务不存在' } }, 404))
    const scope = effectScope()
    const j = scope.run(() => useJob('print.rmb_batch'))!
    await settle()
    expect(j.job.value).toBeNull()
    expect(sessionStorage.getItem(jobStorageKey('print.rmb_batch'))).toBeNull()
    await vi.advanceTimersByTimeAsync(5 * POLL_INTERVAL_MS)
    expect(fetchMock).toHaveBeenCalledTimes(1)
    scope.stop()
  })

  it('keeps polling through a network error and stops when the page goes away', async () => {
    const scope = effectScope()
    const j = scope.run(() => useJob('cadre.export_excel'))!
    fetchMock.mockRejectedValueOnce(new TypeError('offline')).mockResolvedValue(json(job({ done: 2 })))
    await j.start(Promise.resolve({ job: job() }))
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS)
    await settle()
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS)
    await settle()
    expect(fetchMock).toHaveBeenCalledTimes(2)
    expect(j.job.value?.done).toBe(2)
    scope.stop()
    await vi.advanceTimersByTimeAsync(5 * POLL_INTERVAL_MS)
    expect(fetchMock).toHaveBeenCalledTimes(2)
  })

  it('cancels, and shows how a job that finished meanwhile ended', async () => {
    const scope = effectScope()
    const j = scope.run(() => useJob('cadre.export_excel'))!
    await j.start(Promise.resolve({ job: job() }))
    fetchMock.mockResolvedValueOnce(json(job({ state: 'running' })))
    await j.cancel()
    expect(fetchMock.mock.calls[0][0]).toBe('/api/jobs/7/cancel')
    expect((fetchMock.mock.calls[0][1] as RequestInit).method).toBe('POST')
    fetchMock.mockResolvedValueOnce(json(job({ state: 'cancelled', message: '已取消' })))
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS)
    await settle()
    expect(j.job.value?.state).toBe('cancelled')

    await j.start(Promise.resolve({ job: job({ id: 8 }) }))
    fetchMock
      .mockResolvedValueOnce(json({ error: { code: 'JOB_FINISHED', message: '任务已结束，无法取消' } }, 409))
      .mockResolvedValueOnce(json(job({ id: 8, state: 'succeeded', has_file: true })))
    await j.cancel()
    await settle()
    expect(j.job.value?.state).toBe('succeeded')
    scope.stop()
  })

  it('rethrows a refused start with its message', async () => {
    const scope = effectScope()
    const j = scope.run(() => useJob('cadre.export_excel'))!
    const refused = Promise.reject(new Error('没有“导出干部信息”的权限'))
    await expect(j.start(refused)).rejects.toThrow('没有')
    expect(j.error.value).toBe('没有“导出干部信息”的权限')
    expect(j.job.value).toBeNull()
    scope.stop()
  })

  it('downloads through a link to the file', async () => {
    const scope = effectScope()
    const j = scope.run(() => useJob())!
    await j.start(Promise.resolve({ job: job({ state: 'succeeded', has_file: true, file_name: '名册.xlsx' }) }))
    expect(sessionStorage.getItem(jobStorageKey('cadre.export_excel'))).toBe('7')
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    j.download()
    expect(click).toHaveBeenCalledTimes(1)
    const link = click.mock.instances[0] as unknown as HTMLAnchorElement
    expect(link.getAttribute('href')).toBe('/api/jobs/7/file')
    expect(link.download).toBe('名册.xlsx')
    click.mockRestore()
    j.clear()
    expect(j.job.value).toBeNull()
    expect(sessionStorage.getItem(jobStorageKey('cadre.export_excel'))).toBeNull()
    scope.stop()
  })
})

describe('percentOf', () => {
  it('is null while the total is unknown and 100 once succeeded', () => {
    expect(percentOf(job({ done: 0, total: 0 }))).toBeNull()
    expect(percentOf(job({ done: 1, total: 3 }))).toBe(33)
    expect(percentOf(job({ done: 5, total: 3 }))).toBe(100)
    expect(percentOf(job({ state: 'succeeded', done: 0, total: 0 }))).toBe(100)
  })
})

describe('JobProgress', () => {
  const render = (value: Job | null) =>
    mount(JobProgress, { props: { job: value }, global: { plugins: [ElementPlus, i18n] } })

  it('shows progress with 取消 while running and emits cancel', async () => {
    const wrapper = render(job())
    expect(wrapper.find('[data-testid="job-title"]').text()).toBe('导出干部名册（3 人）')
    expect(wrapper.find('[data-testid="job-state"]').text()).toBe('进行中')
    expect(wrapper.find('[data-testid="job-counts"]').text()).toBe('1 / 3')
    expect(wrapper.find('[data-testid="job-message"]').text()).toBe('已导出 1/3 行')
    expect(wrapper.find('[data-testid="job-download"]').exists()).toBe(false)
    await wrapper.find('[data-testid="job-cancel"]').trigger('click')
    expect(wrapper.emitted('cancel')).toHaveLength(1)
  })

  it('offers 下载结果 when finished with a file, and shows a failure', async () => {
    const wrapper = render(job({ state: 'succeeded', done: 3, has_file: true }))
    expect(wrapper.find('[data-testid="job-cancel"]').exists()).toBe(false)
    await wrapper.find('[data-testid="job-download"]').trigger('click')
    expect(wrapper.emitted('download')).toHaveLength(1)
    await wrapper.setProps({ job: job({ state: 'failed', message: '服务重启，任务中断' }) })
    expect(wrapper.find('[data-testid="job-error"]').text()).toContain('服务重启，任务中断')
    await wrapper.setProps({ job: null })
    expect(wrapper.find('[data-testid="job-progress"]').exists()).toBe(false)
  })
})
