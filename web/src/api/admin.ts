// Account administration (三员分立): GET|POST /api/roles and PATCH /api/roles/{id} (安全保密管理员
// creates and edits, 系统管理员 reads to grant), GET|POST /api/users, PATCH /api/users/{id} and the
// password / second-factor resets (系统管理员; 安全保密管理员 reads), GET /api/login-log
// (安全保密管理员, 安全审计员) and GET /api/settings/security (安全保密管理员). See docs/api.md.
// The server checks every call again.
import { http } from './http'
import { hasPermission, type User } from './session'

export type Clearance = 'public' | 'internal' | 'confidential' | 'secret'
export const CLEARANCES: Clearance[] = ['public', 'internal', 'confidential', 'secret']

// Every permission a role may grant (docs/api.md, `xuanren role add`).
export const PERMISSIONS = [
  'cadre.read',
  'cadre.write',
  'cadre.export',
  'org.read',
  'org.write',
  'user.manage',
  'role.manage',
  'session.manage',
  'login_log.read',
  'audit.read',
  'dict.manage',
  'statistics.manage',
] as const

export interface Role {
  id: number
  name: string
  label: string
  permissions: string[]
  scope: string | null
  clearance: Clearance
  clearance_label: string
  builtin: boolean
  separated_admin: boolean
}

export interface NewRole {
  name: string
  label: string
  permissions: string[]
  scope: string | null
  clearance: Clearance
}

export interface AdminUser {
  id: number
  username: string
  display_name: string
  unit_code: string | null
  unit_id: number | null
  unit_name: string | null
  roles: string[]
  disabled: boolean
  totp_enabled: boolean
  created_at: string
}

// PATCH /api/users/{id}: only the fields present change; unit_id null = no unit.
export interface UserChange {
  display_name?: string
  unit_id?: number | null
  roles?: string[]
  disabled?: boolean
}

// PATCH /api/roles/{id}: only the fields present change; scope null = sees no cadre.
export interface RoleChange {
  label?: string
  permissions?: string[]
  scope?: string | null
  clearance?: Clearance
}

export interface PasswordReset {
  password: string
  sessions_ended: number
}

export interface SecuritySettings {
  idle_timeout_minutes: number
  session_lifetime_hours: number
  password_max_age_days: number
  lockout_failures: number
  lockout_window_minutes: number
  lockout_minutes: number
  address_lockout_usernames: number
  address_lockout_minutes: number
}

// The fields of an edit form that differ from the account as loaded: what PATCH should send
// (an empty object when nothing changed). Roles compare as sets.
export function userChanges(
  before: Pick<AdminUser, 'display_name' | 'unit_id' | 'roles'>,
  after: { display_name: string; unit_id: number | null; roles: string[] },
): UserChange {
  const change: UserChange = {}
  const name = after.display_name.trim()
  if (name !== before.display_name) change.display_name = name
  if ((after.unit_id ?? null) !== (before.unit_id ?? null)) change.unit_id = after.unit_id ?? null
  const sameRoles =
    after.roles.length === before.roles.length && after.roles.every((r) => before.roles.includes(r))
  if (!sameRoles) change.roles = [...after.roles]
  return change
}

// The same for a role form.
export function roleChanges(
  before: Pick<Role, 'label' | 'permissions' | 'scope' | 'clearance'>,
  after: { label: string; permissions: string[]; scope: string | null; clearance: Clearance },
): RoleChange {
  const change: RoleChange = {}
  const label = after.label.trim()
  if (label !== before.label) change.label = label
  const samePermissions =
    after.permissions.length === before.permissions.length &&
    after.permissions.every((p) => before.permissions.includes(p))
  if (!samePermissions) change.permissions = [...after.permissions]
  if ((after.scope ?? null) !== (before.scope ?? null)) change.scope = after.scope
  if (after.clearance !== before.clearance) change.clearance = after.clearance
  return change
}

export interface NewUser {
  username: string
  display_name: string
  password: string
  roles: string[]
  // The unit by id (the picker) or by code; at most one.
  unit_id?: number | null
  unit_code?: string | null
}

export interface Page<T> {
  items: T[]
  total: number
}

export interface LoginAttempt {
  id: number
  at: string
  username: string
  user_id: number | null
  remote_address: string
  result: string
  user_agent: string
}

export interface LoginLogQuery {
  username?: string
  result?: string
  from?: string
  to?: string
  page?: number
  page_size?: number
}

export const LOGIN_RESULTS = [
  'success',
  'wrong_password',
  'unknown_user',
  'disabled',
  'locked',
  'totp_required',
  'wrong_totp',
] as const

// Data scope (数据范围) as the role form edits it.
export type ScopeType =
  | 'none'
  | 'all'
  | 'self'
  | 'own-unit'
  | 'own-unit-below'
  | 'unit'
  | 'unit-below'
  | 'managed-by'
export const SCOPE_TYPES: ScopeType[] = [
  'none',
  'all',
  'self',
  'own-unit',
  'own-unit-below',
  'unit',
  'unit-below',
  'managed-by',
]
// The scope types that stand alone, without unit codes.
const SCOPE_TYPES_ALONE: ScopeType[] = ['all', 'self', 'own-unit', 'own-unit-below']
export const SCOPE_TYPES_WITH_UNITS: ScopeType[] = ['unit', 'unit-below', 'managed-by']

// Form → scope text: "none" → null, "all"/"self"/"own-unit"/"own-unit-below" as is, otherwise "<type>:CODE[,CODE…]" with the
// codes trimmed, upper-cased, de-duplicated (the server rejects an empty list).
export function buildScope(type: ScopeType, codes: string | string[]): string | null {
  if (type === 'none') return null
  if (SCOPE_TYPES_ALONE.includes(type)) return type
  const list = (Array.isArray(codes) ? codes : codes.split(/[,，\s]+/))
    .map((code) => code.trim().toUpperCase())
    .filter((code) => code.length > 0)
  const unique = [...new Set(list)]
  return `${type}:${unique.join(',')}`
}

// Scope text → form (the inverse of buildScope, for showing a role).
export function parseScope(scope: string | null): { type: ScopeType; codes: string[] } {
  if (!scope) return { type: 'none', codes: [] }
  if (SCOPE_TYPES_ALONE.includes(scope as ScopeType)) return { type: scope as ScopeType, codes: [] }
  const colon = scope.indexOf(':')
  const type = scope.slice(0, colon) as ScopeType
  if (colon < 0 || !SCOPE_TYPES_WITH_UNITS.includes(type)) return { type: 'none', codes: [] }
  return { type, codes: scope.slice(colon + 1).split(',').filter(Boolean) }
}

export const canSeeUsers = (user: User | null | undefined) =>
  hasPermission(user, 'user.manage') || hasPermission(user, 'role.manage')
export const canSeeRoles = canSeeUsers
export const canReadLoginLog = (user: User | null | undefined) => hasPermission(user, 'login_log.read')

export function listRoles(): Promise<Page<Role>> {
  return http.get<Page<Role>>('/api/roles')
}

// `silent`: the dialog shows field errors next to the form item.
export function createRole(role: NewRole): Promise<Role> {
  return http.post<Role>('/api/roles', role, { silent: true })
}

export function listUsers(page = 1, pageSize = 20): Promise<Page<AdminUser>> {
  return http.get<Page<AdminUser>>('/api/users', { query: { page, page_size: pageSize } })
}

export function createUser(user: NewUser): Promise<AdminUser> {
  return http.post<AdminUser>('/api/users', user, { silent: true })
}

export function updateUser(id: number, change: UserChange): Promise<AdminUser> {
  return http.patch<AdminUser>(`/api/users/${id}`, change, { silent: true })
}

export function resetPassword(id: number): Promise<PasswordReset> {
  return http.post<PasswordReset>(`/api/users/${id}/password-reset`)
}

export function resetTotp(id: number): Promise<void> {
  return http.post<void>(`/api/users/${id}/totp-reset`)
}

export function updateRole(id: number, change: RoleChange): Promise<Role> {
  return http.patch<Role>(`/api/roles/${id}`, change, { silent: true })
}

export function fetchSecuritySettings(): Promise<SecuritySettings> {
  return http.get<SecuritySettings>('/api/settings/security')
}

export function listLoginLog(query: LoginLogQuery): Promise<Page<LoginAttempt>> {
  return http.get<Page<LoginAttempt>>('/api/login-log', { query: { ...query } })
}
