import { describe, expect, it } from 'vitest'
import { canSee, hasPermission, isFieldUser } from './access'

const township = { roles: ['township_admin'], permissions: ['regions.read', 'users.read', 'users.manage', 'people.read', 'dispatch.read', 'presence.read', 'leave.approve'] }
const org = { roles: ['org_admin'], permissions: ['users.read', 'pii.read', 'audit.read', 'loginlog.read', 'people.read', 'people.manage', 'dispatch.read', 'dispatch.manage', 'presence.read'] }
const secretary = { roles: ['first_secretary'], permissions: ['regions.read', 'dispatch.read', 'presence.read', 'presence.checkin', 'leave.request', 'worklog.write'] }

describe('page access by permission', () => {
  it('needs the permission', () => {
    expect(hasPermission(org, 'audit.read')).toBe(true)
    expect(hasPermission(township, 'audit.read')).toBe(false)
    expect(hasPermission({ roles: [], permissions: [] }, 'users.read')).toBe(false)
    expect(hasPermission(null, 'users.read')).toBe(false)
    expect(hasPermission({ roles: ['org_admin'] }, 'users.read')).toBe(false)
  })

  it('lets everyone in when nothing is required', () => {
    expect(hasPermission(null, undefined)).toBe(true)
    expect(hasPermission(township, null)).toBe(true)
  })

  it('counts sys_admin as holding every permission', () => {
    expect(hasPermission({ roles: ['sys_admin'], permissions: ['users.read'] }, 'audit.verify')).toBe(true)
  })

  it('maps the pages to their permissions', () => {
    expect(canSee(township, 'users')).toBe(true)
    expect(canSee(township, 'audit')).toBe(false)
    expect(canSee(township, 'loginLog')).toBe(false)
    expect(canSee(township, 'unmask')).toBe(false)
    expect(canSee(org, 'audit')).toBe(true)
    expect(canSee(org, 'loginLog')).toBe(true)
    expect(canSee(org, 'auditVerify')).toBe(false)
    expect(canSee(org, 'unmask')).toBe(true)
    expect(canSee(secretary, 'users')).toBe(false)
    expect(canSee(secretary, 'presence')).toBe(true)
    expect(canSee(secretary, 'people')).toBe(false)
    expect(canSee(org, 'dispatchManage')).toBe(true)
    expect(canSee(township, 'dispatchManage')).toBe(false)
  })

  it('sends check-in users to the phone pages', () => {
    expect(isFieldUser(secretary)).toBe(true)
    expect(isFieldUser(org)).toBe(false)
    expect(isFieldUser(null)).toBe(false)
  })
})
