import { http, setCsrf } from './http'

export interface User {
  id: number
  username: string
  display_name: string
  roles: string[]
  // Granted by the roles ("cadre.read", "org.read", …); the menu shows what they allow.
  permissions?: string[]
  clearance?: 'public' | 'internal' | 'confidential' | 'secret'
  unit_code: string | null
}

export function hasPermission(user: User | null | undefined, permission: string): boolean {
  return !!user && Array.isArray(user.permissions) && user.permissions.includes(permission)
}

// Why the password must be changed before anything else: '' (it need not), 'initial' (set by an
// administrator) or 'expired' (older than the maximum age, 90 days by default).
export type PasswordChangeReason = '' | 'initial' | 'expired'

export interface SignInResponse {
  token: string
  csrf: string
  user: User
  must_change_password?: boolean
  password_change_reason?: PasswordChangeReason
}

export interface Me {
  user: User
  mustChangePassword: boolean
  passwordChangeReason: PasswordChangeReason
  totpEnabled: boolean
}

// POST /api/session. Errors are thrown to the caller, which shows them on the form: 401 wrong
// credentials, 423 LOCKED (the message says when to retry), 401 TOTP_REQUIRED (ask for the
// authenticator code and send it as totpCode).
export async function startSession(username: string, password: string, totpCode?: string): Promise<Me> {
  const body: Record<string, string> = { username, password }
  if (totpCode) body.totp_code = totpCode
  const response = await http.post<SignInResponse>('/api/session', body, {
    silent: true,
    allowUnauthenticated: true,
  })
  setCsrf(response.csrf)
  return {
    user: response.user,
    mustChangePassword: response.must_change_password === true,
    passwordChangeReason: response.password_change_reason ?? '',
    totpEnabled: false,
  }
}

// As startSession, for callers that only need the user.
export async function signIn(username: string, password: string): Promise<User> {
  return (await startSession(username, password)).user
}

// DELETE /api/session (needs the CSRF header, which the wrapper adds).
export async function signOut(): Promise<void> {
  try {
    await http.delete<void>('/api/session', { allowUnauthenticated: true })
  } finally {
    setCsrf(null)
  }
}

// GET /api/me: the session cookie's user, or null when there is none. The CSRF token lives in
// sessionStorage, so a new tab has none; if the server includes `csrf` here, keep it.
export async function fetchMe(): Promise<Me | null> {
  try {
    const response = await http.get<{
      user: User
      csrf?: string
      must_change_password?: boolean
      password_change_reason?: PasswordChangeReason
      totp_enabled?: boolean
    }>('/api/me', { silent: true, allowUnauthenticated: true })
    if (response.csrf) setCsrf(response.csrf)
    return {
      user: response.user,
      mustChangePassword: response.must_change_password === true,
      passwordChangeReason: response.password_change_reason ?? '',
      totpEnabled: response.totp_enabled === true,
    }
  } catch (error) {
    if ((error as { status?: number }).status === 401) return null
    throw error
  }
}

// POST /api/me/password. A 400 names the field at fault (old_password / new_password).
export function changePassword(oldPassword: string, newPassword: string): Promise<void> {
  return http.post<void>(
    '/api/me/password',
    { old_password: oldPassword, new_password: newPassword },
    { silent: true },
  )
}

export interface SessionItem {
  id: number
  created_at: string
  last_seen_at: string
  remote_address: string
  user_agent: string
  current: boolean
}

// GET /api/sessions: the caller's live sessions, newest first.
export async function listSessions(): Promise<SessionItem[]> {
  const response = await http.get<{ items: SessionItem[]; total: number }>('/api/sessions')
  return response.items
}

// DELETE /api/sessions/{id}: signs one of the caller's other sessions out.
export function endSession(id: number): Promise<void> {
  return http.delete<void>(`/api/sessions/${id}`)
}

export interface TotpEnrolment {
  secret: string
  uri: string
}

// POST /api/me/totp, then POST /api/me/totp/confirm with a code from the authenticator app.
export function beginTotp(): Promise<TotpEnrolment> {
  return http.post<TotpEnrolment>('/api/me/totp')
}

export function confirmTotp(code: string): Promise<void> {
  return http.post<void>('/api/me/totp/confirm', { code }, { silent: true })
}
