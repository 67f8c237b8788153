// Pure helpers of the reporting-period page: which buttons a lock shows to whom, the state tags
// and the periods offered. The server decides every action again; this only keeps the page honest.
import type { LockState, PeriodLock } from '../api/periods'
import { hasPermission, type PermissionHolder } from './access'

const PREFIX: Record<string, number> = { country: 0, province: 2, city: 4, county: 6, township: 9, village: 12 }

/** True when `code` (12 digits) lies in the subtree of the scope (the scope itself included). */
export function inScope(code: string, scope: { code: string; level: string }): boolean {
  const n = PREFIX[scope.level] ?? 12
  return code.slice(0, n) === scope.code.slice(0, n)
}

/** Strictly above: the region is inside the scope and is not the scope itself. */
export function isStrictAncestor(scope: { code: string; level: string }, code: string): boolean {
  return inScope(code, scope) && code !== scope.code
}

export type LockButton = 'approve' | 'return' | 'requestUnlock' | 'approveUnlock' | 'rejectUnlock' | 'resubmit'

export interface LockUser extends PermissionHolder {
  scope?: { code: string; level: string } | null
}

/** The buttons a lock row shows: deciding only from strictly above, submitting from the region or above. */
export function lockButtons(lock: Pick<PeriodLock, 'state' | 'region' | 'pending_unlock_request_id'>, user: LockUser | null | undefined): LockButton[] {
  if (!user?.scope) return []
  const out: LockButton[] = []
  const mayDecide = hasPermission(user, 'period.approve') && isStrictAncestor(user.scope, lock.region.code)
  const maySubmit = hasPermission(user, 'period.submit') && inScope(lock.region.code, user.scope)
  if (lock.state === 'submitted' && mayDecide) out.push('approve', 'return')
  if (lock.state === 'locked' && maySubmit) out.push('requestUnlock')
  if (lock.state === 'unlock_requested' && mayDecide && lock.pending_unlock_request_id) out.push('approveUnlock', 'rejectUnlock')
  if ((lock.state === 'returned' || lock.state === 'unlocked') && maySubmit) out.push('resubmit')
  return out
}

export function lockStateTagType(state: LockState): 'primary' | 'success' | 'warning' | 'danger' | 'info' {
  switch (state) {
    case 'submitted':
      return 'warning'
    case 'locked':
      return 'success'
    case 'returned':
      return 'danger'
    case 'unlock_requested':
      return 'primary'
    default:
      return 'info'
  }
}

/** Months, quarters and years around `today` ('YYYY-MM-DD'), newest first: what a form offers. */
export function periodOptions(today: string, months = 12): string[] {
  const y = Number(today.slice(0, 4))
  const m = Number(today.slice(5, 7))
  const out: string[] = []
  for (let i = 0; i < months; i++) {
    const total = y * 12 + (m - 1) - i
    const yy = Math.floor(total / 12)
    const mm = (total % 12) + 1
    out.push(`${yy}-${String(mm).padStart(2, '0')}`)
  }
  const q = Math.floor((m - 1) / 3) + 1
  for (let i = 0; i < 4; i++) {
    const total = y * 4 + (q - 1) - i
    out.push(`${Math.floor(total / 4)}-Q${(total % 4) + 1}`)
  }
  out.push(String(y), String(y - 1))
  return out
}

/** The sign a difference is shown with: +1, -2, 0. */
export function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n)
}
