// Which permissions open which pages. The server checks every call itself; this only keeps menus
// and routes tidy for people who could not use them. The permissions come with the user
// (`user.permissions` in the login and /auth/me answers).

export const ALL_ROLES = [
  'sys_admin',
  'org_admin',
  'township_admin',
  'first_secretary',
  'village_secretary',
  'leader',
  'inspector',
] as const

export type RoleName = (typeof ALL_ROLES)[number]

export const PAGE_PERMISSIONS = {
  users: 'users.read',
  audit: 'audit.read',
  loginLog: 'loginlog.read',
  auditVerify: 'audit.verify',
  /** The eye button beside masked phone and ID numbers. */
  unmask: 'pii.read',
  people: 'people.read',
  peopleManage: 'people.manage',
  dispatches: 'dispatch.read',
  dispatchManage: 'dispatch.manage',
  presence: 'presence.read',
  presenceManage: 'presence.manage',
  leaveApprove: 'leave.approve',
  checkin: 'presence.checkin',
  partyOrgs: 'partyorg.read',
  partyOrgManage: 'partyorg.manage',
  villageCadres: 'villagecadre.read',
  training: 'training.read',
  economy: 'economy.read',
  households: 'household.read',
  householdManage: 'household.manage',
  visitWrite: 'visit.write',
  tasks: 'task.read',
  taskIssue: 'task.issue',
  supervision: 'supervision.read',
  supervisionManage: 'supervision.manage',
  periods: 'period.read',
} as const

export type PageKey = keyof typeof PAGE_PERMISSIONS

/** What access checks need of a user; roles only matter for the all-powerful sys_admin. */
export interface PermissionHolder {
  roles?: readonly string[] | null
  permissions?: readonly string[] | null
}

/**
 * True when the user holds the permission; no requirement means everyone. The server gives
 * sys_admin every permission ("*"); its list may leave out permissions no other role has, so the
 * role counts as holding them all here too.
 */
export function hasPermission(user: PermissionHolder | null | undefined, permission?: string | null): boolean {
  if (!permission) return true
  if (!user) return false
  if (user.roles?.includes('sys_admin')) return true
  return !!user.permissions?.includes(permission)
}

export function canSee(user: PermissionHolder | null | undefined, page: PageKey): boolean {
  return hasPermission(user, PAGE_PERMISSIONS[page])
}

/** Users who check in on the phone pages (first secretaries, team members) start at /m/. */
export function isFieldUser(user: PermissionHolder | null | undefined): boolean {
  return !!user?.permissions?.includes('presence.checkin') && !user.permissions.includes('people.read')
}
