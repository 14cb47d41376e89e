// The one fetch wrapper every API call goes through.
import { ElMessage } from 'element-plus'
import { t } from '../i18n'

export const CSRF_KEY = 'xr_csrf'

export interface ErrorBody {
  code: string
  message: string
  field?: string
}

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly field?: string

  constructor(status: number, body: ErrorBody) {
    super(body.message)
    this.name = 'ApiError'
    this.status = status
    this.code = body.code
    this.field = body.field
  }
}

export interface RequestOptions {
  query?: Record<string, string | number | null | undefined>
  body?: unknown
  // Do not show the error with ElMessage; the caller shows it (e.g. on the sign-in form).
  silent?: boolean
  // A 401 is an expected answer for this call (sign-in, session restore): do not redirect.
  allowUnauthenticated?: boolean
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

let unauthenticatedHandler: (() => void) | null = null

// Called on a 401 from any call that does not set allowUnauthenticated; the app routes to sign-in.
export function onUnauthenticated(handler: (() => void) | null) {
  unauthenticatedHandler = handler
}

export function getCsrf(): string | null {
  try {
    return sessionStorage.getItem(CSRF_KEY)
  } catch {
    return null
  }
}

export function setCsrf(token: string | null) {
  try {
    if (token) sessionStorage.setItem(CSRF_KEY, token)
    else sessionStorage.removeItem(CSRF_KEY)
  } catch {
    // sessionStorage unavailable: mutating calls will be refused by the server and say so.
  }
}

function buildUrl(path: string, query?: RequestOptions['query']): string {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue
    params.append(key, String(value))
  }
  const text = params.toString()
  return text ? `${path}?${text}` : path
}

async function readError(response: Response): Promise<ErrorBody> {
  let text = ''
  try {
    text = await response.text()
  } catch {
    text = ''
  }
  if (text) {
    try {
      const parsed = JSON.parse(text) as { error?: Partial<ErrorBody> }
      if (parsed && parsed.error && typeof parsed.error.message === 'string') {
        return {
          code: String(parsed.error.code ?? 'UNKNOWN'),
          message: parsed.error.message,
          field: parsed.error.field ?? undefined,
        }
      }
    } catch {
      // Not JSON (a proxy's HTML page, say): fall through to the generic message.
    }
  }
  return { code: 'UNKNOWN', message: t('error.unknown', { status: response.status }) }
}

export async function request<T>(
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const upper = method.toUpperCase()
  const headers: Record<string, string> = { Accept: 'application/json' }
  const init: RequestInit = { method: upper, credentials: 'same-origin', headers }
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    init.body = JSON.stringify(options.body)
  }
  if (MUTATING.has(upper)) {
    const csrf = getCsrf()
    if (csrf) headers['X-CSRF-Token'] = csrf
  }

  let response: Response
  try {
    response = await fetch(buildUrl(path, options.query), init)
  } catch {
    const body = { code: 'UNAVAILABLE', message: t('error.network') }
    if (!options.silent) ElMessage.error(body.message)
    throw new ApiError(0, body)
  }

  if (!response.ok) {
    const body = await readError(response)
    const error = new ApiError(response.status, body)
    if (response.status === 401 && !options.allowUnauthenticated) {
      setCsrf(null)
      if (!options.silent) ElMessage.error(body.message || t('error.sessionExpired'))
      unauthenticatedHandler?.()
      throw error
    }
    if (!options.silent) ElMessage.error(body.message)
    throw error
  }

  if (response.status === 204) return undefined as T
  const text = await response.text()
  if (!text) return undefined as T
  const type = response.headers.get('Content-Type') ?? ''
  if (type.includes('json') || /^[[{]/.test(text.trim())) return JSON.parse(text) as T
  return text as unknown as T
}

export const http = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
}
