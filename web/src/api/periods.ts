// Reporting periods and locks (填报与锁定): submit a period, approve or return it, ask for and
// decide an unlock; the detail carries the snapshot at submission, the figures now and their
// difference.
import { api } from './client'
import type { RegionRef } from './types'

export const LOCK_STATES = ['submitted', 'locked', 'returned', 'unlock_requested', 'unlocked'] as const
export type LockState = (typeof LOCK_STATES)[number]

export interface FigureChange {
  name: string
  before: number
  now: number
  delta: number
}

export interface PeriodLock {
  id: number
  region: RegionRef
  period: string
  period_title: string
  state: LockState
  submitted_at: number
  submitted_by: string
  approved_at: number | null
  approved_by: string
  returned_reason: string
  submissions: number
  pending_unlock_request_id: number | null
}

export interface UnlockRequest {
  id: number
  reason: string
  requested_at: number
  requested_by: string
  decision: 'approved' | 'rejected' | null
  decided_at: number | null
  decided_by: string
  decision_reason: string
  difference: FigureChange[]
  decided_difference: FigureChange[] | null
}

export interface PeriodLockDetail extends PeriodLock {
  period_from: string
  period_to: string
  snapshot: Record<string, number>
  current: Record<string, number>
  difference: FigureChange[]
  previous_snapshot: Record<string, number> | null
  resubmission_difference: FigureChange[] | null
  unlock_requests: UnlockRequest[]
}

export const listPeriodLocks = (q: { region?: string; period?: string; state?: string }) =>
  api.get<{ items: PeriodLock[]; total: number }>('/period-locks', { query: q })
export const getPeriodLock = (id: number) => api.get<PeriodLockDetail>(`/period-locks/${id}`)
export const submitPeriod = (region: string, period: string) => api.post<PeriodLockDetail>('/period-locks', { region, period })
export const approvePeriod = (id: number) => api.post<PeriodLockDetail>(`/period-locks/${id}/approve`, {})
export const returnPeriod = (id: number, reason: string) => api.post<PeriodLockDetail>(`/period-locks/${id}/return`, { reason })
export const requestUnlock = (id: number, reason: string) =>
  api.post<{ id: number; lock_id: number; state: LockState; difference: FigureChange[] }>(`/period-locks/${id}/unlock-requests`, { reason })
export const approveUnlock = (requestId: number) => api.post<PeriodLockDetail>(`/unlock-requests/${requestId}/approve`, {})
export const rejectUnlock = (requestId: number, reason: string) =>
  api.post<PeriodLockDetail>(`/unlock-requests/${requestId}/reject`, { reason })
