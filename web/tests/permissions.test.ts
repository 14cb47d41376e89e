import { describe, it, expect } from 'vitest'
import { hasPermission, type User } from '../src/api/session'

const user = (permissions?: string[]): User => ({
  id: 1,
  username: 'u',
  display_name: 'u',
  roles: [],
  permissions,
  unit_code: null,
})

describe('hasPermission', () => {
  it('is true only for a permission the roles grant', () => {
    expect(hasPermission(user(['cadre.read', 'org.read']), 'cadre.read')).toBe(true)
    expect(hasPermission(user(['org.read']), 'cadre.read')).toBe(false)
  })

  it('is false without a user or without the list', () => {
    expect(hasPermission(null, 'cadre.read')).toBe(false)
    expect(hasPermission(user(undefined), 'cadre.read')).toBe(false)
  })
})
