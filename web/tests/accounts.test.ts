// The edit forms send only what changed (PATCH /api/users/{id}, PATCH /api/roles/{id}).
import { describe, expect, it } from 'vitest'
import { roleChanges, userChanges, type Role } from '../src/api/admin'
import zhCN from '../src/i18n/zh-CN'
import en from '../src/i18n/en'

describe('userChanges', () => {
  const before = { display_name: '张三', unit_id: 7, roles: ['cadre_officer', 'leader'] }
  const cases: Array<[string, { display_name: string; unit_id: number | null; roles: string[] }, object]> = [
    ['nothing', { display_name: '张三', unit_id: 7, roles: ['leader', 'cadre_officer'] }, {}],
    ['name, trimmed', { display_name: ' 张老三 ', unit_id: 7, roles: ['cadre_officer', 'leader'] }, { display_name: '张老三' }],
    ['whitespace only around the same name', { display_name: '张三  ', unit_id: 7, roles: before.roles }, {}],
    ['another unit', { display_name: '张三', unit_id: 9, roles: before.roles }, { unit_id: 9 }],
    ['no unit', { display_name: '张三', unit_id: null, roles: before.roles }, { unit_id: null }],
    ['a role removed', { display_name: '张三', unit_id: 7, roles: ['leader'] }, { roles: ['leader'] }],
    ['a role swapped', { display_name: '张三', unit_id: 7, roles: ['leader', 'auditadmin'] }, { roles: ['leader', 'auditadmin'] }],
    [
      'everything',
      { display_name: '李四', unit_id: null, roles: ['sysadmin'] },
      { display_name: '李四', unit_id: null, roles: ['sysadmin'] },
    ],
  ]
  for (const [what, after, expected] of cases) {
    it(what, () => expect(userChanges(before, after)).toEqual(expected))
  }
  it('a user without a unit given one', () => {
    expect(userChanges({ display_name: 'a', unit_id: null, roles: ['x'] }, { display_name: 'a', unit_id: 3, roles: ['x'] })).toEqual({
      unit_id: 3,
    })
  })
})

describe('roleChanges', () => {
  const before: Pick<Role, 'label' | 'permissions' | 'scope' | 'clearance'> = {
    label: '区县查阅',
    permissions: ['cadre.read', 'org.read'],
    scope: 'unit-below:JH03',
    clearance: 'internal',
  }
  const same = { label: '区县查阅', permissions: ['org.read', 'cadre.read'], scope: 'unit-below:JH03', clearance: 'internal' as const }
  const cases: Array<[string, typeof same | Record<string, unknown>, object]> = [
    ['nothing (permission order does not matter)', same, {}],
    ['label', { ...same, label: '区县干部查阅' }, { label: '区县干部查阅' }],
    ['a permission added', { ...same, permissions: ['cadre.read', 'org.read', 'cadre.export'] }, { permissions: ['cadre.read', 'org.read', 'cadre.export'] }],
    ['scope removed', { ...same, scope: null }, { scope: null }],
    ['scope widened', { ...same, scope: 'all' }, { scope: 'all' }],
    ['clearance raised', { ...same, clearance: 'secret' }, { clearance: 'secret' }],
  ]
  for (const [what, after, expected] of cases) {
    it(what, () => expect(roleChanges(before, after as typeof same)).toEqual(expected))
  }
})

describe('account administration messages', () => {
  const keys = [
    'edit', 'disable', 'enable', 'resetPassword', 'resetTotp', 'confirmDisable', 'confirmResetPassword',
    'confirmResetTotp', 'issuedTitle', 'issuedBody', 'unit', 'unitPlaceholder',
  ] as const
  it('exist in both languages, Chinese first', () => {
    for (const key of keys) {
      expect(zhCN.users[key], key).toBeTruthy()
      expect(en.users[key], key).toBeTruthy()
    }
    expect(zhCN.users.disable).toBe('停用')
    expect(zhCN.users.resetTotp).toBe('重置双因素')
    expect(zhCN.roles.edit).toBe('编辑')
  })
})
