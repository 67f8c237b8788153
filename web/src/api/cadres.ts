// Stationed cadres (驻村干部): the person register, dispatches, filing, presence, leave, work logs.
import { api } from './client'
import type { Page } from './types'

export interface PlaceRef {
  code: string
  name: string
  township?: string
}

export type Sex = 'M' | 'F'
export const EDUCATIONS = ['primary', 'junior', 'senior', 'vocational', 'college', 'bachelor', 'master', 'doctor'] as const

export interface Person {
  id: number
  name: string
  sex: Sex | null
  birth_date: string | null
  id_number: string | null
  id_number_flag: string | null
  phone: string | null
  party_member: boolean
  education: string
  work_unit: string
  region: PlaceRef
}

export interface PersonInput {
  name?: string
  id_number?: string
  phone?: string | null
  sex?: Sex | null
  birth_date?: string | null
  party_member?: boolean
  education?: string
  work_unit?: string
  region_code?: string
}

export const DISPATCH_ROLES = ['first_secretary', 'team_leader', 'team_member'] as const
export const DISPATCH_STATUSES = ['in_post', 'rotated', 'recalled', 'term_ended'] as const
export const UNIT_LEVELS = ['central', 'provincial', 'city', 'county', 'enterprise'] as const
export type DispatchRole = (typeof DISPATCH_ROLES)[number]
export type DispatchStatus = (typeof DISPATCH_STATUSES)[number]

export interface SendingUnit {
  id: number
  name: string
  level: string
  region?: PlaceRef
}

export interface Batch {
  id: number
  name: string
  year?: number
  region_code?: string
  dispatches?: number
}

export interface Dispatch {
  id: number
  person: { id: number; name: string; sex?: Sex | null }
  village: PlaceRef
  role: DispatchRole
  sending_unit: SendingUnit
  batch: Batch | null
  term_start: string
  term_end: string
  status: DispatchStatus
  status_reason: string | null
  insured: boolean
  history?: { at: string; from: string | null; to: string; reason: string | null }[]
}

export interface DispatchInput {
  person_id: number
  village_code: string
  role: DispatchRole
  sending_unit_id: number
  batch_id?: number
  term_start: string
  term_end: string
  insured: boolean
}

export interface Filing {
  first_secretaries: Dispatch[]
  villages_without_first_secretary: PlaceRef[]
  villages_without_stationed_cadres: PlaceRef[]
  counts: {
    villages: number
    first_secretaries_in_post: number
    villages_without_first_secretary: number
    villages_without_stationed_cadres: number
  }
}

export type Compliance = 'compliant' | 'warning' | 'non_compliant'

export interface PresenceRow {
  dispatch_id: number
  person: { id: number; name: string }
  village: PlaceRef
  role: DispatchRole
  days_in_village: number
  leave_days: number
  min_days: number
  compliance: Compliance
}

export interface PresenceMonth {
  month: string
  items: PresenceRow[]
  counts: Record<Compliance, number>
}

export interface PresenceRules {
  region_code: string
  min_days: number
  warning_days: number
  radius_m: number
}

export type LeaveStatus = 'pending' | 'township_approved' | 'approved' | 'rejected' | 'cancelled'
export const LEAVE_STATUSES: LeaveStatus[] = ['pending', 'township_approved', 'approved', 'rejected', 'cancelled']

export interface Leave {
  id: number
  dispatch_id: number
  person_name: string
  village: PlaceRef
  start_day: string
  end_day: string
  days: number
  reason: string
  status: LeaveStatus
  needs_county: boolean
  returned_on: string | null
}

export const WORK_TAGS = ['visits', 'industry', 'party_building', 'education', 'health', 'infrastructure'] as const

export interface WorkLog {
  id: number
  dispatch_id: number
  person: { id: number; name: string }
  village: PlaceRef
  day: string
  in_village: boolean
  tags: string[]
  content: string
}

export interface CheckinBody {
  client_id: string
  person_id: number
  village_code: string
  device_time: number
  latitude: number
  longitude: number
  accuracy_m?: number
}

export interface CheckinResult {
  checkin: { id?: number; within: boolean; distance_m: number; late?: boolean; [k: string]: unknown }
  duplicate: boolean
}

const enc = encodeURIComponent

// ---- People ----
export const listPeople = (q: { q?: string; region?: string; page?: number; page_size?: number }) =>
  api.get<Page<Person>>('/people', { query: { ...q } })
export const createPerson = (body: PersonInput) => api.post<Person>('/people', body)
export const updatePerson = (id: number, body: PersonInput) => api.request<Person>('PATCH', `/people/${id}`, { body })
export const getPersonPersonalData = (id: number) =>
  api.get<{ phone: string | null; id_number: string | null }>(`/people/${id}/personal-data`)

// ---- Dispatches ----
export const listDispatches = (q: {
  region?: string
  status?: string
  role?: string
  person?: number | string
  page?: number
  page_size?: number
}) => api.get<Page<Dispatch>>('/dispatches', { query: { ...q } })
export const getDispatch = (id: number) => api.get<Dispatch>(`/dispatches/${id}`)
export const createDispatch = (body: DispatchInput) => api.post<Dispatch>('/dispatches', body)
export const setDispatchStatus = (id: number, status: DispatchStatus, reason: string) =>
  api.post<Dispatch>(`/dispatches/${id}/status`, { status, reason })
export const listSendingUnits = (region?: string) =>
  api.get<{ items: SendingUnit[] }>('/sending-units', { query: { region } })
export const createSendingUnit = (body: { name: string; level: string; region_code: string }) =>
  api.post<SendingUnit>('/sending-units', body)
export const listBatches = (region?: string) => api.get<{ items: Batch[] }>('/dispatch-batches', { query: { region } })
export const createBatch = (body: { name: string; year: number; region_code: string }) =>
  api.post<Batch>('/dispatch-batches', body)
export const getFiling = (region?: string) => api.get<Filing>('/filing', { query: { region } })

// ---- Presence ----
export const getPresenceMonth = (month: string, region?: string) =>
  api.get<PresenceMonth>('/presence/month', { query: { month, region } })
export const getPresenceRules = (region?: string) => api.get<PresenceRules>('/presence/rules', { query: { region } })
export const putPresenceRules = (code: string, body: { min_days: number; warning_days: number; radius_m: number }) =>
  api.request<PresenceRules>('PUT', `/presence/rules/${enc(code)}`, { body })
export const postCheckin = (body: CheckinBody) => api.post<CheckinResult>('/checkins', body)

// ---- Leave ----
export const listLeaves = (q: { region?: string; status?: string } = {}) =>
  api.get<{ items: Leave[] }>('/leaves', { query: { ...q } })
export const requestLeave = (body: { dispatch_id: number; start_day: string; end_day: string; reason: string }) =>
  api.post<Leave>('/leaves', body)
export const decideLeave = (id: number, decision: 'approve' | 'reject', comment?: string) =>
  api.post<Leave>(`/leaves/${id}/decision`, { decision, comment: comment || undefined })
export const returnFromLeave = (id: number, returned_on: string) => api.post<Leave>(`/leaves/${id}/return`, { returned_on })

// ---- Work logs ----
export const listWorkLogs = (q: { region?: string; person?: string | number; tag?: string; from?: string; to?: string }) =>
  api.get<{ items: WorkLog[] }>('/work-logs', { query: { ...q } })
export const createWorkLog = (body: { dispatch_id: number; day: string; content: string; tags: string[]; in_village: boolean }) =>
  api.post<WorkLog>('/work-logs', body)

export interface CheckinView {
  client_id: string
  dispatch_id: number
  person_id: number
  village_code: string
  day: string
  device_time: string
  server_time: string
  distance_m: number
  within: boolean
  late: boolean
}

export const listCheckins = (q: { person?: number; from: string; to: string; region?: string }) =>
  api.get<{ items: CheckinView[] }>('/checkins', { query: { ...q } })
