// The village collective economy: income, classes and targets, the contribution reward and pay.
import { api } from './client'
import type { PlaceRef } from './cadres'

export const INCOME_ITEMS = ['operating', 'contracting', 'investment', 'subsidy', 'other'] as const
export type IncomeItem = (typeof INCOME_ITEMS)[number]
export const INCOME_CLASSES = ['none', 'under_50k', '50k_100k', '100k_plus'] as const
export type IncomeClass = (typeof INCOME_CLASSES)[number]

export interface VillageIncomeRow {
  village: PlaceRef
  township: PlaceRef
  reported: boolean
  items: Partial<Record<IncomeItem, number>>
  evidence: Partial<Record<IncomeItem, { name: string; sha256: string }>>
  total: number
  class: IncomeClass
  class_title: string
}

export interface ProgressRow {
  code: string
  name: string
  villages: number
  income: number
  classes: Record<IncomeClass, number>
  at_50k: number
  at_100k: number
  pct_50k: number
  pct_100k: number
  target_pct_50k: number
  target_pct_100k: number
  met_50k: boolean
  met_100k: boolean
}

export interface RewardLine {
  person_id: number
  name: string
  post?: string
  post_title?: string
  score: number
  amount_yuan: number
}

export interface RewardResult {
  id?: number
  village_code: string
  year: number
  income_yuan: number
  rate_bp: number
  max_pool_yuan: number
  pool_yuan: number
  paid_yuan: number
  unpaid_yuan: number
  lines: RewardLine[]
}

export interface RewardRequest {
  village_code: string
  year: number
  pool_yuan?: number
  floor_yuan?: number
  cap_yuan?: number
  people: { person_id: number; score: number }[]
}

export interface SavedReward {
  id: number
  village: PlaceRef
  year: number
  income_yuan: number
  rate_bp: number
  pool_yuan: number
  paid_yuan: number
  lines: RewardLine[]
}

export interface PayLine {
  village: PlaceRef
  township: PlaceRef
  kind: 'current' | 'retired'
  person_id: number
  name: string
  post: string
  post_title: string
  income_class: string
  monthly_yuan: number
  months: number
  years_served: number
  amount_yuan: number
}

export interface EconomyRates {
  region_code: string
  reward_rate_bp: number
  retired_yuan_per_year_month: number
  pct_50k: number
  pct_100k: number
}

export const listIncome = (year: number, region?: string) =>
  api.get<{ year: number; items: VillageIncomeRow[]; total: number }>('/collective-income', { query: { year, region } })
export const putIncome = (body: { village_code: string; year: number; items: { item: IncomeItem; amount_yuan: number; evidence_name?: string; evidence_sha256?: string }[] }) =>
  api.request<{ total: number; class: IncomeClass }>('PUT', '/collective-income', { body })
export const incomeProgress = (year: number, region?: string) =>
  api.get<{ year: number; rows: ProgressRow[]; total: ProgressRow }>('/collective-income/progress', { query: { year, region } })
export const putTargets = (code: string, body: { pct_50k: number; pct_100k: number }) =>
  api.request<unknown>('PUT', `/economy/targets/${code}`, { body })
export const getRates = (region?: string) => api.get<EconomyRates>('/economy/rates', { query: { region } })
export const previewReward = (body: RewardRequest) => api.post<RewardResult>('/rewards/preview', body)
export const saveReward = (body: RewardRequest) => api.post<RewardResult>('/rewards', body)
export const listRewards = (year: number, region?: string) => api.get<{ items: SavedReward[]; paid_yuan: number }>('/rewards', { query: { year, region } })
export const rewardSheetUrl = (id: number) => `/api/v1/rewards/${id}/sheet.xlsx`
export const paySheet = (year: number, region?: string) =>
  api.get<{ year: number; items: PayLine[]; villages: { code: string; name: string; amount_yuan: number }[]; townships: { code: string; name: string; amount_yuan: number }[]; current: number; retired: number; total_yuan: number }>(
    '/pay-sheet', { query: { year, region } })
export const paySheetUrl = (year: number, region?: string) => `/api/v1/pay-sheet?year=${year}&format=xlsx${region ? `&region=${region}` : ''}`
export const putRates = (code: string, body: { reward_rate_bp: number; retired_yuan_per_year_month: number }) =>
  api.request<unknown>('PUT', `/economy/rates/${code}`, { body })
export const addRetired = (body: { village_code: string; person_id: number; years_served: number; left_on: string }) =>
  api.post<{ id: number }>('/retired-cadres', body)
