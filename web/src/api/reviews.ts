// Reviews of stationed cadres: half-yearly talks, evaluations, work funds, living allowances,
// the record manual (纪实手册) and awards.
import { api } from './client'
import type { Compliance, DispatchRole, PlaceRef } from './cadres'

export const RATINGS = ['excellent', 'competent', 'basic', 'incompetent'] as const
export type Rating = (typeof RATINGS)[number]
export const FUND_KINDS = ['first_secretary', 'team'] as const
export type FundKind = (typeof FUND_KINDS)[number]

export interface TalkRow {
  dispatch_id: number
  person_name: string
  village: PlaceRef
  day?: string
  talker?: string
}
export interface TalksHalf {
  half: string
  done: TalkRow[]
  overdue: TalkRow[]
}

export interface EvidenceMonth {
  month: string
  days_in_village: number
  compliance: Compliance
}
export interface Evidence {
  months: EvidenceMonth[]
  months_compliant: number
  months_judged: number
  work_logs: number
  checkins_in_village: number
  talks: number
}
export interface Evaluation {
  id: number
  dispatch_id: number
  person_name: string
  village: PlaceRef
  period: string
  rating: Rating
  comment: string
  evidence: Evidence | null
}
export interface EvaluationResult {
  id: number
  dispatch_id: number
  period: string
  rating: Rating
  evidence: Evidence
  improvement_plan: { due_day: string; status: string } | null
  recalled: boolean
}

export interface Fund {
  id: number
  dispatch_id: number
  person_name: string
  village: PlaceRef
  kind: FundKind
  budget_yuan: number
  spent_yuan: number
  balance_yuan: number
}

export interface AllowanceRow {
  dispatch_id: number
  person: { id: number; name: string }
  village: PlaceRef
  role: DispatchRole
  sending_unit_level: string
  days_in_village: number
  yuan_per_day: number
  amount_yuan: number
}
export interface AllowanceMonth {
  month: string
  items: AllowanceRow[]
  totals: { days_in_village: number; amount_yuan: number }
}
export interface AllowanceRates {
  provincial_yuan: number
  city_yuan: number
  county_yuan: number
}

export interface ManualDispatch {
  dispatch_id: number
  village_code: string
  role: DispatchRole
  status: string
  term_start: string
  term_end: string
  presence: Evidence
  /** The server sends the tags as one comma-separated string; a list is accepted too. */
  work_logs: { day: string; tags: string | string[]; content: string }[]
  evaluations: { period: string; rating: Rating; comment: string }[]
}
export interface RecordManual {
  person_id: number
  year: number
  name: string
  work_unit: string
  dispatches: ManualDispatch[]
  awards: string[]
}

const enc = encodeURIComponent

export const getTalks = (half: string, region?: string) => api.get<TalksHalf>('/talks', { query: { half, region } })
export const createTalk = (body: { dispatch_id: number; day: string; talker: string; notes: string }) =>
  api.post<unknown>('/talks', body)

export const listEvaluations = (period: string, region?: string) =>
  api.get<{ items: Evaluation[] }>('/evaluations', { query: { period, region } })
export const getEvidence = (dispatch_id: number, period: string) =>
  api.get<Evidence>('/evaluations/evidence', { query: { dispatch_id, period } })
export const createEvaluation = (body: { dispatch_id: number; period: string; rating: Rating; comment: string }) =>
  api.post<EvaluationResult>('/evaluations', body)

export const listFunds = (year: number, region?: string) => api.get<{ year: number; items: Fund[] }>('/funds', { query: { year, region } })
export const createFund = (body: { dispatch_id: number; year: number; kind: FundKind; amount_yuan?: number }) =>
  api.post<Fund>('/funds', body)
export const recordSpending = (id: number, body: { day: string; amount_yuan: number; purpose: string }) =>
  api.post<unknown>(`/funds/${id}/spending`, body)

export const getAllowances = (month: string, region?: string) =>
  api.get<AllowanceMonth>('/presence/allowances', { query: { month, region } })
export const putAllowanceRates = (code: string, body: AllowanceRates) =>
  api.request<AllowanceRates & { region_code: string }>('PUT', `/presence/allowance-rates/${enc(code)}`, { body })

export const getRecordManual = (personId: number, year: number) =>
  api.get<RecordManual>(`/people/${personId}/record-manual`, { query: { year } })
export const createAward = (body: { person_id: number; year: number; title: string }) => api.post<unknown>('/awards', body)

/** Same-origin download links (the session cookie goes along). */
export function allowancesXlsxUrl(month: string, region?: string): string {
  const q = new URLSearchParams({ month, format: 'xlsx' })
  if (region) q.set('region', region)
  return `/api/v1/presence/allowances?${q}`
}
export function attendanceXlsxUrl(village: string, month: string): string {
  return `/api/v1/presence/attendance.xlsx?${new URLSearchParams({ village, month })}`
}
