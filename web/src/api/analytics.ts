// Indicators, rollups, rankings, trends, the dashboard's headline figures and indicator targets.
import { api } from './client'
import type { Direction, RankingRow } from '../utils/analytics'

export interface Indicator {
  id: string
  name: string
  name_en: string
  module: string
  unit: string
  direction: Direction
  definition: string
  formula: string
  numerator: string
  denominator: string
  builtin: boolean
  element: boolean
}

/** A region as the analytics answers name it (level is a number: 3 county, 4 township, 5 village). */
export interface AnalyticsRegion {
  code: string
  name?: string
  level?: number
}

export interface PeriodInfo {
  label: string
  kind: string
  from: string
  to: string
}

export interface IndicatorValue {
  indicator: string
  name: string
  unit: string
  direction: Direction
  value: number | null
  parts: Record<string, number | null>
}

export interface DashboardCard extends IndicatorValue {
  previous: number | null
  last_year: number | null
  target: number | null
}

export interface Dashboard {
  region: AnalyticsRegion
  period: PeriodInfo
  previous_period: PeriodInfo
  last_year_period: PeriodInfo
  cards: DashboardCard[]
  as_of_unix_ms: number
}

export interface RankingItem extends RankingRow {
  level: number
}

export interface Ranking {
  region: AnalyticsRegion
  indicator: Indicator
  period: PeriodInfo
  previous_period: PeriodInfo
  total: number | null
  items: RankingItem[]
  laggards: RankingItem[]
}

export interface Trends {
  region: AnalyticsRegion
  kind: string
  periods: string[]
  series: { indicator: string; name: string; unit: string; values: (number | null)[] }[]
}

export interface Rollup {
  region: AnalyticsRegion
  period: PeriodInfo
  values: IndicatorValue[]
}

export interface IndicatorTarget {
  indicator: string
  region_code: string
  region_name: string
  year: number
  target: number
  updated_by: string
  updated_at: number
}

export interface IndicatorInput {
  id: string
  name: string
  name_en?: string
  unit?: string
  direction: Direction
  formula: string
  definition?: string
}

export const listIndicators = () => api.get<{ items: Indicator[] }>('/indicators')
export const checkFormula = (formula: string) => api.post<{ ok: boolean; references: string[] }>('/indicators/check', { formula })
export const saveIndicator = (body: IndicatorInput) => api.post<Indicator>('/indicators', body)
export const deleteIndicator = (id: string) => api.request<void>('DELETE', '/indicators', { query: { id } })

export const getDashboard = (region?: string, period?: string) => api.get<Dashboard>('/dashboard', { query: { region, period } })
export const getRollups = (indicators: string[], region?: string, period?: string) =>
  api.get<Rollup>('/rollups', { query: { indicators: indicators.join(','), region, period } })
export const getRanking = (indicator: string, region?: string, period?: string) =>
  api.get<Ranking>('/rankings', { query: { indicator, region, period } })
export const getTrends = (indicators: string[], opts: { region?: string; kind?: string; count?: number; to?: string } = {}) =>
  api.get<Trends>('/trends', { query: { indicators: indicators.join(','), ...opts } })

export const listTargets = (q: { region?: string; year?: number; indicator?: string } = {}) =>
  api.get<{ items: IndicatorTarget[] }>('/indicator-targets', { query: q })
export const putTarget = (body: { indicator: string; region: string; year: number; target: number }) =>
  api.request<unknown>('PUT', '/indicator-targets', { body })
