import type { TagType } from './roles'

export const LOGIN_OUTCOMES = ['ok', 'bad_password', 'unknown_user', 'locked', 'locked_now', 'disabled'] as const

/** Tag colour of a login attempt's outcome. */
export function outcomeTagType(outcome: string): TagType {
  switch (outcome) {
    case 'ok':
      return 'success'
    case 'bad_password':
      return 'warning'
    case 'locked':
    case 'locked_now':
      return 'danger'
    default:
      return 'info'
  }
}

export const AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  'unmask',
  'reset_password',
  'change_password',
  'unlock',
  'login',
  'logout',
] as const

/** Entities offered in the audit filter (free text is allowed too). */
export const AUDIT_ENTITIES = ['user', 'session', 'region', 'role'] as const

export function actionTagType(action: string): TagType {
  switch (action) {
    case 'create':
      return 'success'
    case 'update':
      return 'primary'
    case 'delete':
      return 'danger'
    case 'unmask':
    case 'reset_password':
    case 'change_password':
    case 'unlock':
      return 'warning'
    default:
      return 'info'
  }
}

export type AccountStatus = 'active' | 'locked' | 'disabled'

/** One status per account: disabled wins over locked. */
export function accountStatus(u: { disabled: boolean; locked: boolean }): AccountStatus {
  if (u.disabled) return 'disabled'
  if (u.locked) return 'locked'
  return 'active'
}

export function statusTagType(s: AccountStatus): TagType {
  return s === 'active' ? 'success' : s === 'locked' ? 'danger' : 'info'
}
