import { http, setCsrf } from './http'

export interface User {
  id: number
  username: string
  display_name: string
  roles: string[]
  unit_code: string | null
}

export interface SignInResponse {
  token: string
  csrf: string
  user: User
}

// POST /api/session. A 401 (wrong credentials) is thrown to the caller, which shows it on the form.
export async function signIn(username: string, password: string): Promise<User> {
  const response = await http.post<SignInResponse>(
    '/api/session',
    { username, password },
    { silent: true, allowUnauthenticated: true },
  )
  setCsrf(response.csrf)
  return response.user
}

// DELETE /api/session (needs the CSRF header, which the wrapper adds).
export async function signOut(): Promise<void> {
  try {
    await http.delete<void>('/api/session', { allowUnauthenticated: true })
  } finally {
    setCsrf(null)
  }
}

// GET /api/me: the user of the session cookie, or null when there is none. The CSRF token lives in
// sessionStorage, so a new tab has none; if the server includes `csrf` here, keep it.
export async function fetchMe(): Promise<User | null> {
  try {
    const response = await http.get<{ user: User; csrf?: string }>('/api/me', {
      silent: true,
      allowUnauthenticated: true,
    })
    if (response.csrf) setCsrf(response.csrf)
    return response.user
  } catch (error) {
    if ((error as { status?: number }).status === 401) return null
    throw error
  }
}
