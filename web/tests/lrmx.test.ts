import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'

const { messageError } = vi.hoisted(() => ({ messageError: vi.fn() }))
vi.mock('element-plus', () => ({ ElMessage: { error: messageError } }))

import { ApiError, CSRF_KEY } from '../src/api/http'
import { diffText, resolveLrmxImport, startLrmxImport } from '../src/api/lrmx'

const fetchMock = vi.fn()

beforeEach(() => {
  fetchMock.mockReset()
  messageError.mockReset()
  vi.stubGlobal('fetch', fetchMock)
  sessionStorage.clear()
})

afterEach(() => {
  vi.unstubAllGlobals()
})

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

describe('LRMX import client', () => {
  it('sends the files as multipart with the unit, the dry run and the CSRF token', async () => {
    sessionStorage.setItem(CSRF_KEY, 'tok')
    fetchMock.mockResolvedValue(json(202, { job: { id: 7, kind: 'cadre.import_lrmx' } }))
    const files = [new File(['<Person/>'], '张三.lrmx'), new File(['PK'], 'batch.zip')]
    const started = await startLrmxImport(files, 'JH01', true, '市委管理')
    expect(started.job.id).toBe(7)
    const [url, init] = fetchMock.mock.calls[0]
    expect(url).toBe('/api/cadres/import/lrmx?unit=JH01&dry_run=1&managing_body=%E5%B8%82%E5%A7%94%E7%AE%A1%E7%90%86')
    expect(init.method).toBe('POST')
    expect(init.headers['X-CSRF-Token']).toBe('tok')
    // The browser sets the multipart boundary itself.
    expect(init.headers['Content-Type']).toBeUndefined()
    const form = init.body as FormData
    expect(form.getAll('files').map((f) => (f as File).name)).toEqual(['张三.lrmx', 'batch.zip'])
  })

  it('turns an error answer into an ApiError naming the field', async () => {
    fetchMock.mockResolvedValue(json(400, { error: { code: 'INVALID_ARGUMENT', message: '请选择导入到的单位', field: 'unit' } }))
    const error = await startLrmxImport([new File(['x'], 'a.lrmx')], '', false).catch((e) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error.field).toBe('unit')
    expect(error.status).toBe(400)
  })

  it('posts the choices of the resolve step', async () => {
    fetchMock.mockResolvedValue(json(202, { job: { id: 8 } }))
    await resolveLrmxImport(7, [{ name: 'a.lrmx', choice: 'merge', fields: ['resume'] }])
    const [url, init] = fetchMock.mock.calls[0]
    expect(url).toBe('/api/cadres/import/lrmx/7/resolve')
    expect(JSON.parse(init.body)).toEqual({ choices: [{ name: 'a.lrmx', choice: 'merge', fields: ['resume'] }] })
  })

  it('shows diff values as one line', () => {
    expect(diffText(null)).toBe('—')
    expect(diffText('')).toBe('—')
    expect(diffText('财政预算管理')).toBe('财政预算管理')
    expect(diffText({ proposed_post: '副局长' })).toBe('{"proposed_post":"副局长"}')
  })
})
