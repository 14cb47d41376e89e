// 打印任免审批表 for many cadres, mounted with the server's answers stubbed: the selection (or the
// query's condition) goes out as the batch request with the chosen format, the job's progress and
// its summary show in the dialog, and a 400 lands on the form item.
import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { i18n, setLocale } from '../src/i18n'
import RmbBatchPrint from '../src/views/cadre/print/RmbBatchPrint.vue'
import { isRmbBatchSummary, rmbPdfUrl } from '../src/api/print'

const fetchMock = vi.fn()
const posted: Array<Record<string, unknown>> = []
let reject = false

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

const JOB = {
  id: 41,
  kind: 'print.rmb_batch',
  title: '打印任免审批表（2人）',
  state: 'succeeded',
  done: 2,
  total: 2,
  message: '已生成 2/2 份任免审批表',
  summary: { printed: 2, skipped: [{ id: 9, message: '干部不存在或不在您的管理范围内' }], format: 'zip' },
  has_file: true,
  file_name: '任免审批表（2人）.zip',
  created_at: '2026-11-28T10:00:00Z',
  finished_at: '2026-11-28T10:00:02Z',
}

function answer(url: string, init?: RequestInit): Response {
  if (url === '/api/cadres/print/rmb') {
    posted.push(JSON.parse(String(init?.body)))
    if (reject) return json({ error: { code: 'INVALID_ARGUMENT', message: '一次最多打印 1000 份任免审批表，请分批打印', field: 'cadre_ids' } }, 400)
    return json({ job: JOB }, 202)
  }
  if (url === '/api/jobs/41') return json(JOB)
  return json({ error: { code: 'NOT_FOUND', message: 'not found' } }, 404)
}

async function settle() {
  for (let i = 0; i < 6; i++) {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
}

function mountPrint(props: Record<string, unknown>) {
  return mount(RmbBatchPrint, {
    props,
    global: { plugins: [i18n, ElementPlus], stubs: { transition: false, 'transition-group': false } },
    attachTo: document.body,
  })
}

function byTestId(id: string): HTMLElement {
  const element = document.querySelector(`[data-testid="${id}"]`)
  if (!element) throw new Error(`no ${id}`)
  return element as HTMLElement
}

beforeEach(() => {
  setLocale('zh-CN')
  posted.length = 0
  reject = false
  fetchMock.mockReset()
  fetchMock.mockImplementation(async (url: string, init?: RequestInit) => answer(url, init))
  vi.stubGlobal('fetch', fetchMock)
  sessionStorage.clear()
})
afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('RmbBatchPrint', () => {
  it('prints the selected cadres as a zip and shows the job and its summary', async () => {
    const wrapper = mountPrint({ cadreIds: [3, 5] })
    expect(byTestId('rmb-batch').textContent).toContain('打印任免审批表（2人）')
    byTestId('rmb-batch').click()
    await settle()
    byTestId('rmb-batch-format-zip').querySelector('input')!.click()
    await settle()
    byTestId('rmb-batch-start').click()
    await settle()
    expect(posted).toEqual([{ cadre_ids: [3, 5], format: 'zip' }])
    expect(byTestId('job-title').textContent).toBe('打印任免审批表（2人）')
    expect(byTestId('rmb-batch-summary').textContent).toContain('已生成 2 份任免审批表')
    expect(byTestId('rmb-batch-summary').textContent).toContain('1 人未生成')
    expect(sessionStorage.getItem('xr.jobs.print.rmb_batch')).toBe('41')
    wrapper.unmount()
  })

  it('sends the condition and its reference date, and shows a 400 on the form', async () => {
    reject = true
    const condition = { field: 'gender', op: 'eq', value: '女' }
    const wrapper = mountPrint({ condition, referenceDate: '2026-11-28' })
    byTestId('rmb-batch').click()
    await settle()
    byTestId('rmb-batch-start').click()
    await settle()
    expect(posted).toEqual([{ condition, reference_date: '2026-11-28', format: 'pdf' }])
    expect(document.body.textContent).toContain('一次最多打印 1000 份任免审批表')
    wrapper.unmount()
  })

  it('is disabled without a selection', async () => {
    const wrapper = mountPrint({ cadreIds: [] })
    expect((byTestId('rmb-batch') as HTMLButtonElement).disabled).toBe(true)
    wrapper.unmount()
  })

  it('knows the API paths and the summary shape', () => {
    expect(rmbPdfUrl(12)).toBe('/api/cadres/12/rmb.pdf')
    expect(isRmbBatchSummary(JOB.summary)).toBe(true)
    expect(isRmbBatchSummary({})).toBe(false)
  })
})
