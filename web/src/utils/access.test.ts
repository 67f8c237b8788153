import { describe, expect, it } from 'vitest'
import { canSee, hasAnyRole } from './access'

describe('page access by role', () => {
  it('needs one of the allowed roles', () => {
    expect(hasAnyRole(['org_admin'], ['sys_admin', 'org_admin'])).toBe(true)
    expect(hasAnyRole(['leader', 'inspector'], ['sys_admin', 'org_admin'])).toBe(false)
    expect(hasAnyRole([], ['sys_admin'])).toBe(false)
    expect(hasAnyRole(undefined, ['sys_admin'])).toBe(false)
  })

  it('lets everyone in when nothing is required', () => {
    expect(hasAnyRole([], undefined)).toBe(true)
    expect(hasAnyRole(undefined, null)).toBe(true)
  })

  it('maps the system pages to their roles', () => {
    expect(canSee(['township_admin'], 'users')).toBe(true)
    expect(canSee(['township_admin'], 'audit')).toBe(false)
    expect(canSee(['township_admin'], 'loginLog')).toBe(false)
    expect(canSee(['org_admin'], 'audit')).toBe(true)
    expect(canSee(['org_admin'], 'auditVerify')).toBe(false)
    expect(canSee(['sys_admin'], 'auditVerify')).toBe(true)
    expect(canSee(['first_secretary'], 'users')).toBe(false)
    expect(canSee(['org_admin'], 'unmask')).toBe(true)
    expect(canSee(['township_admin'], 'unmask')).toBe(false)
  })
})
