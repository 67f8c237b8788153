// Which roles see which pages. The server checks every call itself; this only keeps menus and
// routes tidy for people who could not use them.

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

export const PAGE_ROLES = {
  users: ['sys_admin', 'org_admin', 'township_admin'],
  audit: ['sys_admin', 'org_admin'],
  loginLog: ['sys_admin', 'org_admin'],
  auditVerify: ['sys_admin'],
  /** The eye button beside masked phone and ID numbers (the server's pii.read). */
  unmask: ['sys_admin', 'org_admin'],
} as const satisfies Record<string, readonly RoleName[]>

export type PageKey = keyof typeof PAGE_ROLES

/** True when the user holds at least one of the allowed roles; no restriction means everyone. */
export function hasAnyRole(userRoles: readonly string[] | null | undefined, allowed?: readonly string[] | null): boolean {
  if (!allowed) return true
  if (!userRoles?.length) return false
  return userRoles.some((r) => allowed.includes(r))
}

export function canSee(userRoles: readonly string[] | null | undefined, page: PageKey): boolean {
  return hasAnyRole(userRoles, PAGE_ROLES[page])
}
