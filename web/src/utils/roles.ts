import { ALL_ROLES } from './access'
import type { Role } from '../api/types'

export type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info'

/** Element Plus tag type per role: the more power, the warmer the colour. */
export function roleTagType(role: string): TagType {
  switch (role) {
    case 'sys_admin':
      return 'danger'
    case 'org_admin':
      return 'warning'
    case 'township_admin':
      return 'primary'
    case 'first_secretary':
    case 'village_secretary':
      return 'success'
    default:
      return 'info'
  }
}

/**
 * The label of a role: the translation when there is one (`translated` returns undefined for an
 * unknown role), else the server's title, else the role's name.
 */
export function roleLabel(
  role: string,
  translated: (role: string) => string | undefined,
  serverTitles?: Readonly<Record<string, string>>,
): string {
  return translated(role) || serverTitles?.[role] || role
}

/** Roles in the canonical order (most powerful first), unknown ones last by name. */
export function sortRoles(roles: readonly string[]): string[] {
  const rank = (r: string) => {
    const i = (ALL_ROLES as readonly string[]).indexOf(r)
    return i < 0 ? ALL_ROLES.length : i
  }
  return [...roles].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
}

export interface RoleOption {
  name: string
  title: string
  disabled: boolean
}

/**
 * Options for a roles multi-select: every role from the server; those the caller may not grant are
 * disabled (still listed, so a role the user already holds shows with its name).
 */
export function roleOptions(roles: readonly Role[]): RoleOption[] {
  const byName = new Map(roles.map((r) => [r.name, r]))
  return sortRoles([...byName.keys()]).map((name) => {
    const r = byName.get(name)!
    return { name, title: r.title, disabled: !r.grantable }
  })
}

/**
 * The roles a save would send: the ones chosen, but a role the caller may not grant can only stay if
 * the user had it already (the select disables it, this guards the payload too).
 */
export function allowedRoleChange(chosen: readonly string[], had: readonly string[], roles: readonly Role[]): string[] {
  const grantable = new Set(roles.filter((r) => r.grantable).map((r) => r.name))
  return sortRoles(chosen.filter((r) => grantable.has(r) || had.includes(r)))
}
