// Village party organizations: ratings, rectification of weak and backward organizations,
// standardization checklists and reserve cadres (the party_orgs module of the server).
import { api } from './client'
import type { PlaceRef } from './cadres'

export const ORG_KINDS = ['branch', 'general_branch', 'committee'] as const
export type OrgKind = (typeof ORG_KINDS)[number]
export const ORG_RATINGS = ['advanced', 'ordinary', 'backward', 'weak'] as const
export type OrgRating = (typeof ORG_RATINGS)[number]
export const CASE_STATUSES = ['open', 'transformed', 'carried_over'] as const
export type CaseStatus = (typeof CASE_STATUSES)[number]
export const RESERVE_SOURCES = ['rich_expert', 'returned_youth', 'veteran', 'graduate', 'other'] as const
export type ReserveSource = (typeof RESERVE_SOURCES)[number]
export type StandardStatus = 'demonstration' | 'standard' | 'below'

export interface PartyOrg {
  id: number
  village: PlaceRef
  township_name: string
  name: string
  kind: OrgKind
  members: number
  secretary_person_id: number | null
  secretary_name: string | null
  founded_on: string | null
  year: number
  rating: OrgRating | null
  previous_rating: OrgRating | null
  in_rectification: boolean
}
export interface PartyOrgInput {
  village_code?: string
  name?: string
  kind?: OrgKind
  members?: number
  secretary_person_id?: number | null
  founded_on?: string | null
}
export interface RatingChange {
  year: number
  from: OrgRating | null
  to: OrgRating
  reason: string
  by: string
  at: string
}
export interface RatingHistory {
  org_id: number
  ratings: { year: number; rating: OrgRating }[]
  changes: RatingChange[]
}

export interface Category {
  code: string
  name: string
  active: boolean
}
export interface Pairing {
  leader_name: string
  leader_post: string
  first_secretary_person_id: number | null
  first_secretary_name?: string
  first_secretary_dispatch_id: number | null
  department: string
  work_group: string
}
export interface RectificationCase {
  id: number
  org_id: number
  org_name: string
  village: PlaceRef
  township_name: string
  year: number
  rating: 'backward' | 'weak'
  reason: string
  pairing: Pairing
  status: CaseStatus
  result_day: string | null
  result_note: string
  carried_from: number | null
  progress_reports: number
  inspections: number
  measures: number
  categories: string[]
  measure_list?: { id: number; content: string; due_day: string | null }[]
  progress_list?: { id: number; month: string; content: string }[]
  inspection_list?: { id: number; day: string; inspector: string; finding: string }[]
}
export interface CaseCounts {
  identified: number
  weak: number
  backward: number
  work_groups: number
  leaders: number
  first_secretaries: number
  departments: number
  transformed: number
  carried_over: number
  open: number
  progress_reports: number
  inspections: number
}
export interface CountsAnswer extends CaseCounts {
  region_code: string
  year: number
  by_region: (CaseCounts & { region: PlaceRef })[]
}
export interface CaseInput {
  org_id: number
  year: number
  rating: 'backward' | 'weak'
  categories: string[]
  reason?: string
  leader_name?: string
  leader_post?: string
  first_secretary_person_id?: number
  first_secretary_dispatch_id?: number
  department?: string
  work_group?: string
  measures?: string[]
}

export interface StandardItem {
  code: string
  area: string
  area_name: string
  title: string
  points: number
  met: boolean
}
export interface OrgScore {
  org_id: number
  org_name: string
  year: number
  points_met: number
  points_total: number
  score: number
  scored: boolean
  status: StandardStatus | null
  items: StandardItem[]
  thresholds: { demonstration_score: number; standard_score: number }
}
export interface SummaryRow {
  org_id: number
  org_name: string
  village: PlaceRef
  township_name: string
  rating: OrgRating | null
  score: number
  scored: boolean
  status: StandardStatus | null
}
export interface StandardSummary {
  region_code: string
  year: number
  orgs: number
  scored: number
  demonstration: number
  standard: number
  below: number
  up_to_standard_pct: number
  advanced: number
  first_class_pct: number
  first_class_target_pct: number
  meets_target: boolean
  thresholds: { demonstration_score: number; standard_score: number }
  items: SummaryRow[]
}
export interface Targets {
  region_code?: string
  first_class_pct: number
  demonstration_score: number
  standard_score: number
}

export interface Reserve {
  id: number
  person_id: number
  village: PlaceRef
  township_name: string
  name: string
  sex: 'M' | 'F'
  birth_date: string | null
  age: number | null
  education: string
  source: ReserveSource
  note: string
}
export interface ReserveTally {
  reserves: number
  villages: number
  villages_with_reserves: number
  per_village: number
  under_35: number
  under_35_pct: number
  by_source: Record<ReserveSource, number>
}
export interface ReserveCounts extends ReserveTally {
  region_code: string
  by_region: (ReserveTally & { region: PlaceRef })[]
}

// ---- Organizations and ratings ----
export const listPartyOrgs = (q: { region?: string; year?: number; rating?: string; q?: string }) =>
  api.get<{ year: number; items: PartyOrg[] }>('/party-orgs', { query: { ...q } })
export const createPartyOrg = (body: PartyOrgInput) => api.post<PartyOrg>('/party-orgs', body)
export const updatePartyOrg = (id: number, body: PartyOrgInput) => api.request<PartyOrg>('PATCH', `/party-orgs/${id}`, { body })
export const getRatingHistory = (id: number) => api.get<RatingHistory>(`/party-orgs/${id}/ratings`)
export const rateOrg = (id: number, body: { year: number; rating: OrgRating; reason?: string }) =>
  api.post<unknown>(`/party-orgs/${id}/ratings`, body)

// ---- Rectification ----
export const listCategories = () => api.get<{ items: Category[] }>('/rectification-categories')
export const listCases = (q: { region?: string; year?: number; status?: string }) =>
  api.get<{ year: number; items: RectificationCase[] }>('/rectifications', { query: { ...q } })
/** The rectification ledger (整顿台账) of a region and year as an .xlsx download. */
export function ledgerXlsxUrl(year: number, region?: string): string {
  const q = new URLSearchParams({ year: String(year), format: 'xlsx' })
  if (region) q.set('region', region)
  return `/api/v1/rectifications?${q}`
}
export const getCounts = (q: { region?: string; year?: number }) => api.get<CountsAnswer>('/rectification-counts', { query: { ...q } })
export const createCase = (body: CaseInput) => api.post<RectificationCase>('/rectifications', body)
export const getCase = (id: number) => api.get<RectificationCase>(`/rectifications/${id}`)
export const setPairing = (id: number, body: Partial<Pairing>) => api.request<RectificationCase>('PUT', `/rectifications/${id}/pairing`, { body })
export const addMeasure = (id: number, body: { content: string; due_day?: string }) => api.post<unknown>(`/rectifications/${id}/measures`, body)
export const addProgress = (id: number, body: { month: string; content: string }) => api.post<unknown>(`/rectifications/${id}/progress`, body)
export const addInspection = (id: number, body: { day: string; inspector: string; finding: string }) =>
  api.post<unknown>(`/rectifications/${id}/inspections`, body)
export const setResult = (id: number, body: { result: 'transformed' | 'carried_over'; day: string; note?: string }) =>
  api.post<RectificationCase>(`/rectifications/${id}/result`, body)

// ---- Standardization ----
export const getOrgScore = (id: number, year: number) => api.get<OrgScore>(`/party-orgs/${id}/standards`, { query: { year } })
export const saveOrgScore = (id: number, year: number, met: string[]) =>
  api.request<OrgScore>('PUT', `/party-orgs/${id}/standards`, { body: { year, met } })
export const getSummary = (q: { region?: string; year?: number }) => api.get<StandardSummary>('/party-standard-summary', { query: { ...q } })
export const getTargets = (region?: string) => api.get<Targets>('/party-targets', { query: { region } })
export const setTargets = (code: string, body: Targets) => api.request<Targets>('PUT', `/party-targets/${code}`, { body })

// ---- Reserve cadres ----
export const listReserves = (q: { region?: string; source?: string; min_age?: number; max_age?: number; education?: string; q?: string }) =>
  api.get<{ items: Reserve[] }>('/reserve-cadres', { query: { ...q } })
export const getReserveCounts = (region?: string) => api.get<ReserveCounts>('/reserve-cadre-counts', { query: { region } })
export const addReserve = (body: { village_code: string; person_id: number; source: ReserveSource; note?: string }) =>
  api.post<Reserve>('/reserve-cadres', body)
export const removeReserve = (id: number, reason: string) => api.post<void>(`/reserve-cadres/${id}/removal`, { reason })
