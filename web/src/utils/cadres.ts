// Labels and colours of the stationed-cadre pages.
import type { DispatchStatus, LeaveStatus } from '../api/cadres'

type TagType = 'success' | 'warning' | 'danger' | 'info' | 'primary'

export function dispatchStatusTagType(s: DispatchStatus | string): TagType {
  return s === 'in_post' ? 'success' : s === 'recalled' ? 'danger' : s === 'rotated' ? 'warning' : 'info'
}

export function leaveTagType(s: LeaveStatus | string): TagType {
  if (s === 'approved') return 'success'
  if (s === 'rejected') return 'danger'
  if (s === 'pending' || s === 'township_approved') return 'warning'
  return 'info'
}

/** Whether a status change needs a reason (a recall always does). */
export function statusNeedsReason(s: string): boolean {
  return s === 'recalled'
}

/** The next statuses a dispatch in a status may move to. */
export function nextStatuses(s: DispatchStatus | string): DispatchStatus[] {
  return s === 'in_post' ? ['rotated', 'recalled', 'term_ended'] : []
}

/** Birth date and sex from an 18-digit ID number (for pre-filling the person form). */
export function fromIdNumber(id: string): { birth_date: string; sex: 'M' | 'F' } | null {
  const v = id.trim().toUpperCase()
  if (!/^\d{17}[\dX]$/.test(v)) return null
  const y = v.slice(6, 10), m = v.slice(10, 12), d = v.slice(12, 14)
  const date = new Date(Date.UTC(+y, +m - 1, +d))
  if (date.getUTCFullYear() !== +y || date.getUTCMonth() !== +m - 1 || date.getUTCDate() !== +d) return null
  return { birth_date: `${y}-${m}-${d}`, sex: Number(v[16]) % 2 === 1 ? 'M' : 'F' }
}
