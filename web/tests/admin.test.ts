import { describe, it, expect, vi, beforeEach } from 'vitest'
import {
  buildScope,
  parseScope,
  canSeeUsers,
  canSeeRoles,
  canReadLoginLog,
  createUser,
  PERMISSIONS,
  SCOPE_TYPES,
} from '../src/api/admin'
import { ApiError } from '../src/api/http'
import { showServerError } from '../src/views/admin/format'
import { ref } from 'vue'
import type { User } from '../src/api/session'
import zhCN from '../src/i18n/zh-CN'
import en from '../src/i18n/en'

const user = (permissions: string[]): User => ({
  id: 1,
  username: 'u',
  display_name: 'u',
  roles: [],
  permissions,
  unit_code: null,
})

describe('buildScope', () => {
  it('turns the role form into the scope text', () => {
    expect(buildScope('unit-below', 'JH03')).toBe('unit-below:JH03')
    expect(buildScope('own-unit-below', 'JH03')).toBe('own-unit-below')
    expect(parseScope('own-unit')).toEqual({ type: 'own-unit', codes: [] })
    expect(buildScope('unit', ' jh03, JH04，jh03 ')).toBe('unit:JH03,JH04')
    expect(buildScope('managed-by', ['JH0101', 'JH0201'])).toBe('managed-by:JH0101,JH0201')
    expect(buildScope('all', 'JH03')).toBe('all')
    expect(buildScope('self', '')).toBe('self')
    expect(buildScope('none', 'JH03')).toBeNull()
  })

  it('leaves an empty code list for the server to refuse', () => {
    expect(buildScope('unit', ' , ')).toBe('unit:')
  })

  it('round-trips through parseScope', () => {
    expect(parseScope('unit-below:JH03,JH04')).toEqual({ type: 'unit-below', codes: ['JH03', 'JH04'] })
    expect(parseScope('all')).toEqual({ type: 'all', codes: [] })
    expect(parseScope(null)).toEqual({ type: 'none', codes: [] })
    expect(parseScope('weird:X')).toEqual({ type: 'none', codes: [] })
    const { type, codes } = parseScope('managed-by:JH0101')
    expect(buildScope(type, codes)).toBe('managed-by:JH0101')
  })
})

describe('admin menu rules (三员分立)', () => {
  it('shows users and roles to the system and security administrators only', () => {
    const sysadmin = user(['user.manage', 'org.read', 'org.write'])
    const secadmin = user(['role.manage', 'session.manage', 'login_log.read'])
    const auditor = user(['audit.read', 'login_log.read'])
    const officer = user(['cadre.read'])
    expect([sysadmin, secadmin, auditor, officer].map(canSeeUsers)).toEqual([true, true, false, false])
    expect([sysadmin, secadmin, auditor, officer].map(canSeeRoles)).toEqual([true, true, false, false])
    expect([sysadmin, secadmin, auditor, officer].map(canReadLoginLog)).toEqual([false, true, true, false])
    expect(canSeeUsers(null)).toBe(false)
  })
})

describe('labels', () => {
  it('has a label for every permission and scope type in both languages', () => {
    for (const messages of [zhCN, en]) {
      for (const p of PERMISSIONS) {
        expect(messages.roles.permissionLabels[p.replace('.', '_') as keyof typeof messages.roles.permissionLabels]).toBeTruthy()
      }
      expect(Object.keys(messages.roles.scopeTypes).sort()).toEqual(
        SCOPE_TYPES.map((type) => type.replaceAll('-', '_')).sort(),
      )
    }
  })
})

describe('createUser', () => {
  beforeEach(() => vi.restoreAllMocks())

  it('posts the form and surfaces the field of a server error', async () => {
    const fetchMock = vi.fn().mockResolvedValue(
      new Response(JSON.stringify({ error: { code: 'INVALID_ARGUMENT', message: '三员分立', field: 'roles' } }), {
        status: 400,
        headers: { 'Content-Type': 'application/json' },
      }),
    )
    vi.stubGlobal('fetch', fetchMock)
    const error = await createUser({
      username: 'wangwu',
      display_name: '',
      password: 'Ganbu2026!',
      roles: ['sysadmin', 'auditadmin'],
      unit_code: null,
    }).catch((e) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(400)
    expect(error.field).toBe('roles')
    const [url, init] = fetchMock.mock.calls[0]
    expect(url).toBe('/api/users')
    expect(init.method).toBe('POST')
    expect(JSON.parse(init.body)).toMatchObject({ username: 'wangwu', roles: ['sysadmin', 'auditadmin'] })
    vi.unstubAllGlobals()
  })
})

describe('showServerError', () => {
  const form = () => ({ items: ['name', 'unit_id'], errors: {} as Record<string, string>, alert: ref('') })
  const apiError = (field?: string) =>
    new ApiError(400, { code: 'INVALID_ARGUMENT', message: `${field ?? 'none'} 有误`, field })

  it('puts the message under the item the field names, through aliases, else above the form', () => {
    const cases: Array<{ error: unknown; item?: string; alert?: string }> = [
      { error: apiError('name'), item: 'name' },
      { error: apiError('unit_code'), item: 'unit_id' },
      { error: apiError('roles'), alert: 'roles 有误' },
      { error: apiError(), alert: 'none 有误' },
      { error: new TypeError('fetch failed'), alert: '保存失败' },
    ]
    for (const c of cases) {
      const f = form()
      showServerError(c.error, f, '保存失败', { unit_code: 'unit_id' })
      if (c.item) expect(f.errors[c.item]).toBe((c.error as ApiError).message)
      else expect(Object.keys(f.errors)).toHaveLength(0)
      expect(f.alert.value).toBe(c.alert ?? '')
    }
  })
})
