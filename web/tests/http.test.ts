import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'

const { messageError } = vi.hoisted(() => ({ messageError: vi.fn() }))
vi.mock('element-plus', () => ({ ElMessage: { error: messageError } }))

import { request, http, ApiError, onUnauthenticated, setCsrf, CSRF_KEY } from '../src/api/http'
import { signIn } from '../src/api/session'

function jsonResponse(status: number, body: unknown) {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  })
}

const fetchMock = vi.fn()

beforeEach(() => {
  fetchMock.mockReset()
  messageError.mockReset()
  vi.stubGlobal('fetch', fetchMock)
  sessionStorage.clear()
  onUnauthenticated(null)
})

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('fetch wrapper', () => {
  it('sends same-origin credentials and returns the parsed body', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, { units: 3 }))
    const body = await http.get<{ units: number }>('/api/overview')
    expect(body).toEqual({ units: 3 })
    const [url, init] = fetchMock.mock.calls[0]
    expect(url).toBe('/api/overview')
    expect(init.credentials).toBe('same-origin')
    expect(init.method).toBe('GET')
  })

  it('builds the query string and drops empty values', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, { items: [], total: 0 }))
    await http.get('/api/cadres', { query: { unit_id: 7, name: '', page: 1, x: undefined, y: null } })
    expect(fetchMock.mock.calls[0][0]).toBe('/api/cadres?unit_id=7&page=1')
  })

  it('adds X-CSRF-Token on mutating calls only', async () => {
    setCsrf('tok-123')
    expect(sessionStorage.getItem(CSRF_KEY)).toBe('tok-123')
    fetchMock.mockImplementation(async () => new Response(null, { status: 204 }))
    await http.get('/api/me')
    await http.delete('/api/session')
    await http.post('/api/x', { a: 1 })
    await http.put('/api/x', { a: 1 })
    await http.patch('/api/x', { a: 1 })
    const headers = fetchMock.mock.calls.map(([, init]) => init.headers as Record<string, string>)
    expect(headers[0]['X-CSRF-Token']).toBeUndefined()
    for (const h of headers.slice(1)) expect(h['X-CSRF-Token']).toBe('tok-123')
    expect(fetchMock.mock.calls[2][1].body).toBe('{"a":1}')
    expect(headers[2]['Content-Type']).toBe('application/json')
  })

  it('parses the error body, shows message and throws ApiError with code and field', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(400, { error: { code: 'INVALID_ARGUMENT', message: '页码必须大于 0', field: 'page' } }),
    )
    const error = (await request('GET', '/api/cadres').catch((e: unknown) => e)) as ApiError
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(400)
    expect(error.code).toBe('INVALID_ARGUMENT')
    expect(error.field).toBe('page')
    expect(error.message).toBe('页码必须大于 0')
    expect(messageError).toHaveBeenCalledWith('页码必须大于 0')
  })

  it('gives a generic message when the error body is not JSON', async () => {
    fetchMock.mockResolvedValue(new Response('<html>Bad Gateway</html>', { status: 502 }))
    const error = (await request('GET', '/api/units').catch((e: unknown) => e)) as ApiError
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(502)
    expect(error.message).toContain('502')
    expect(messageError).toHaveBeenCalledTimes(1)
  })

  it('reports a network failure', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'))
    const error = (await request('GET', '/api/units').catch((e: unknown) => e)) as ApiError
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(0)
    expect(messageError).toHaveBeenCalledWith('无法连接服务器，请检查网络后重试')
  })

  it('stays silent when asked', async () => {
    fetchMock.mockResolvedValue(jsonResponse(404, { error: { code: 'NOT_FOUND', message: '干部不存在' } }))
    await expect(request('GET', '/api/cadres/9', { silent: true })).rejects.toThrow('干部不存在')
    expect(messageError).not.toHaveBeenCalled()
  })

  it('on 401 forgets the CSRF token and calls the sign-in redirect', async () => {
    const handler = vi.fn()
    onUnauthenticated(handler)
    setCsrf('tok')
    fetchMock.mockResolvedValue(jsonResponse(401, { error: { code: 'UNAUTHENTICATED', message: '请先登录' } }))
    await expect(http.get('/api/overview')).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' })
    expect(handler).toHaveBeenCalledTimes(1)
    expect(sessionStorage.getItem(CSRF_KEY)).toBeNull()
  })

  it('a 401 from sign-in does not redirect or toast; the form shows it', async () => {
    const handler = vi.fn()
    onUnauthenticated(handler)
    fetchMock.mockResolvedValue(
      jsonResponse(401, { error: { code: 'UNAUTHENTICATED', message: '用户名或密码错误' } }),
    )
    await expect(signIn('a', 'b')).rejects.toThrow('用户名或密码错误')
    expect(handler).not.toHaveBeenCalled()
    expect(messageError).not.toHaveBeenCalled()
  })

  it('sign-in keeps the csrf token in sessionStorage', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(200, {
        token: 't',
        csrf: 'c-1',
        user: { id: 1, username: 'a', display_name: '甲', roles: [], unit_code: null },
      }),
    )
    const user = await signIn('a', 'b')
    expect(user.display_name).toBe('甲')
    expect(sessionStorage.getItem(CSRF_KEY)).toBe('c-1')
    const [url, init] = fetchMock.mock.calls[0]
    expect(url).toBe('/api/session')
    expect(init.method).toBe('POST')
    expect(JSON.parse(init.body)).toEqual({ username: 'a', password: 'b' })
  })
})
