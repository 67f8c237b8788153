// Households (户), grids (网格) and visits (巡村访户): the registry, status changes, checks, the
// party-member chain, visit entry, coverage and the 两率一度-style figures.
import { api } from './client'
import type { PlaceRef } from './cadres'
import type { Page } from './types'

export const HOUSEHOLD_STATUSES = ['ordinary', 'registered_poor', 'lifted', 'monitored', 'risk_removed'] as const
export type HouseholdStatus = (typeof HOUSEHOLD_STATUSES)[number]
export const RISK_TYPES = ['unstable', 'marginal', 'sudden'] as const
export type RiskType = (typeof RISK_TYPES)[number]
export const RELATIONS = ['head', 'spouse', 'child', 'child_in_law', 'grandchild', 'parent', 'grandparent', 'sibling', 'other'] as const
export const SATISFACTIONS = ['satisfied', 'basic', 'unsatisfied'] as const
export type Satisfaction = (typeof SATISFACTIONS)[number]
export const VISIT_KINDS = ['routine', 'leader', 'festival'] as const
export const LABOURS = ['full', 'weak', 'none', 'no_need'] as const
export const HEALTHS = ['healthy', 'chronic', 'serious', 'disabled'] as const
export const SCHOOLINGS = ['kindergarten', 'primary_student', 'junior_student', 'senior_student', 'college_student', 'preschool', 'dropout',
  'illiterate', 'primary', 'junior', 'senior', 'college'] as const
export const CHECK_RULES = ['no_head', 'duplicate_heads', 'head_spouse_same_sex', 'school_age_not_in_school', 'infant_in_school',
  'income_below_line_not_monitored', 'risk_removed_too_soon'] as const

export interface HouseholdRow {
  id: number
  village: PlaceRef
  villager_group: string
  address: string
  status: HouseholdStatus
  risk_type: RiskType | null
  income_per_head: number | null
  registered_year: number | null
  head_name: string | null
  members: number
}

export interface Member {
  member_id: number
  person_id: number
  name: string
  sex: 'M' | 'F'
  birth_date: string | null
  id_number: string | null
  relation: string
  labour: string
  health: string
  schooling: string
  party_member: boolean
}

export interface StatusEntry {
  id: number
  date: string
  from: HouseholdStatus | null
  to: HouseholdStatus
  risk_type: RiskType | null
  reason: string
  approver: string
}

export interface Household {
  id: number
  village: PlaceRef
  villager_group: string
  address: string
  latitude: number | null
  longitude: number | null
  income_per_head: number | null
  income_year: number | null
  measures: string[]
  status: HouseholdStatus
  risk_type: RiskType | null
  status_since: string
  registered_year: number | null
  monitored_since: string | null
  active: boolean
  members: Member[]
  history: StatusEntry[]
  links: { kind: 'split' | 'merge'; from_household: number; to_household: number; member_ids: string[]; date: string; reason: string }[]
  grid: { id: number; name: string; member: { person_id: number; name: string } | null } | null
}

export interface MemberInput {
  name: string
  relation: string
  id_number?: string
  sex?: 'M' | 'F'
  schooling?: string
  labour?: string
  health?: string
  party_member?: boolean
}

export interface HouseholdInput {
  village_code: string
  villager_group?: string
  address?: string
  income_per_head?: number
  status?: HouseholdStatus
  risk_type?: RiskType
  members: MemberInput[]
}

export const listHouseholds = (query: { region?: string; q?: string; status?: string; group?: string; page: number; page_size: number }) =>
  api.get<Page<HouseholdRow>>('/households', { query })
export const getHousehold = (id: number) => api.get<Household>(`/households/${id}`)
export const createHousehold = (body: HouseholdInput) => api.post<Household>('/households', body)
export const changeStatus = (id: number, body: { to: string; risk_type?: string; date: string; reason: string; approver: string }) =>
  api.post<Household>(`/households/${id}/status`, body)

export const splitHousehold = (id: number, body: { member_ids: number[]; villager_group?: string; date: string; reason: string }) =>
  api.post<Household>(`/households/${id}/split`, body)
export const mergeHousehold = (id: number, body: { from_household_id: number; date: string; reason: string }) =>
  api.post<Household>(`/households/${id}/merge`, body)

export interface Finding {
  household_id: number
  village: PlaceRef
  head_name: string
  rule: string
  message: string
  member_id: number | null
}
export interface Checks {
  line: number
  villages: { code: string; name: string; households: number; households_with_findings: number; findings: number }[]
  by_rule: Record<string, number>
  items: Finding[]
  total: number
  page: number
  page_size: number
}
export const getChecks = (query: { region?: string; line?: number; rule?: string; page: number; page_size: number }) =>
  api.get<Checks>('/household-checks', { query })

export interface LinkedHousehold {
  id: number
  villager_group: string
  status: HouseholdStatus
  head_name: string | null
  manual: boolean
}
export interface GridMember {
  person_id: number
  name: string
  households: number
  flag: 'ok' | 'over' | 'under' | 'idle'
  linked: LinkedHousehold[]
}
export interface Grids {
  village: PlaceRef
  branch: string
  min_households: number
  max_households: number
  grids: { id: number; name: string; households: number; members: GridMember[]; unlinked: LinkedHousehold[] }[]
  party_members: Omit<GridMember, 'linked'>[]
  unassigned_households: number
}
export interface AutoAssignReport {
  villages: number
  households: number
  party_members: number
  grids: number
  members_over: number
  members_under: number
  members_idle: number
  villages_bounds_met: number
}
export const getGrids = (village: string, min: number, max: number) =>
  api.get<Grids>('/grids', { query: { village, min_households: min, max_households: max } })
export const autoAssign = (body: { region_code: string; basis: 'group' | 'count'; grid_size?: number; min_households: number; max_households: number }) =>
  api.post<AutoAssignReport>('/grids/auto-assign', body)
export const moveHousehold = (id: number, body: { member_person_id?: number; grid_id?: number }) =>
  api.request<unknown>('PATCH', `/households/${id}/grid`, { body })

export interface VisitInput {
  household_id: number
  day: string
  kind: string
  satisfaction: Satisfaction
  problems?: string
  follow_ups?: { problem: string; owner: string; deadline: string }[]
}
export const createVisit = (body: VisitInput) => api.post<{ id: number }>('/visits', body)

export interface Tally {
  households: number
  visited: number
  visit_rate: number | null
  poor_households: number
  poor_visited: number
  poor_visit_rate: number | null
  visits: number
  satisfied: number
  satisfaction_rate: number | null
}
export interface Coverage extends Tally {
  region: PlaceRef
  period: string
  first_day: string
  last_day: string
  not_visited: number
  children: (Tally & { code: string; name: string; not_visited: number })[]
}
export const getCoverage = (region: string | undefined, period: string) => api.get<Coverage>('/visits/coverage', { query: { region, period } })
export interface NotVisited {
  id: number
  village: PlaceRef
  villager_group: string
  status: HouseholdStatus
  registered_poor: boolean
  head_name: string | null
  last_visit: string | null
}
export const getNotVisited = (region: string | undefined, period: string, page: number, page_size: number) =>
  api.get<Page<NotVisited>>('/visits/not-visited', { query: { region, period, page, page_size } })
export const getLeaderVisits = (region: string | undefined, period: string) =>
  api.get<{ period: string; visits: number; items: { visitor: string; visits: number; households: number; villages: number; satisfied: number }[] }>(
    '/visits/leaders', { query: { region, period } })
export interface Metrics {
  period: string
  line: number
  households: number
  registered_households: number
  monitored_households: number
  identified: number
  missed: number
  identification_accuracy: number | null
  exits: number
  wrong_exits: number
  exit_accuracy: number | null
  answers: number
  satisfied: number
  satisfaction: number | null
}
export const getMetrics = (region: string | undefined, period: string) => api.get<Metrics>('/household-metrics', { query: { region, period } })

export interface FollowUp {
  id: number
  visit_id: number
  household_id: number
  village_code: string
  problem: string
  owner: string
  deadline: string
  result: string
  closed_on: string | null
}
export const getFollowUps = (region: string | undefined, open: boolean) =>
  api.get<{ items: FollowUp[] }>('/follow-ups', { query: { region, open: open ? 1 : 0 } })
export const closeFollowUp = (id: number, result: string) => api.request<unknown>('PATCH', `/follow-ups/${id}`, { body: { result } })
