// Pure helpers of the household pages: the status machine as the server enforces it (so the
// dialog offers only allowed changes), percentages, periods and the grid member flags.
import type { HouseholdStatus, RiskType } from '../api/households'

const NEXT: Record<HouseholdStatus, HouseholdStatus[]> = {
  ordinary: ['registered_poor', 'monitored'],
  registered_poor: ['lifted'],
  lifted: ['monitored'],
  monitored: ['risk_removed'],
  risk_removed: ['monitored'],
}

/** Statuses a household may move to from `from` (the server's table, src/modules/households/household_rules.cpp). */
export function nextStatuses(from: HouseholdStatus): HouseholdStatus[] {
  return NEXT[from] ?? []
}

/** Risk types that fit a change into monitoring: 脱贫不稳定 needs a registered household, 边缘易致贫 one never registered. */
export function riskTypesFor(from: HouseholdStatus, everRegistered: boolean): RiskType[] {
  const registered = everRegistered || from === 'lifted'
  return registered ? ['unstable', 'sudden'] : ['marginal', 'sudden']
}

export function statusTagType(s: string): 'success' | 'warning' | 'danger' | 'info' | 'primary' {
  switch (s) {
    case 'registered_poor': return 'danger'
    case 'monitored': return 'warning'
    case 'lifted': return 'success'
    case 'risk_removed': return 'primary'
    default: return 'info'
  }
}

/** "98.1%" from a share; "—" when there is nothing to divide. */
export function percent(share: number | null | undefined, digits = 1): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—'
  return `${(share * 100).toFixed(digits)}%`
}

/** The quarter of a day: "2026-11-20" → "2026-Q4". */
export function quarterOf(day: string): string {
  const [y, m] = day.split('-').map(Number)
  return `${y}-Q${Math.floor((m - 1) / 3) + 1}`
}

/** The quarter and the n - 1 before it, newest first. */
export function recentQuarters(day: string, n: number): string[] {
  let [y, q] = quarterOf(day).split('-Q').map(Number)
  const out: string[] = []
  for (let i = 0; i < n; i++) {
    out.push(`${y}-Q${q}`)
    if (--q === 0) {
      q = 4
      y--
    }
  }
  return out
}

export const CYCLES = ['month', 'quarter', 'half', 'year'] as const
export type Cycle = (typeof CYCLES)[number]

/** The period of the cycle containing `day` and the n - 1 before it, newest first ("2026-11", "2026-Q4", "2026-H2", "2026"). */
export function recentPeriods(cycle: Cycle, day: string, n: number): string[] {
  if (cycle === 'quarter') return recentQuarters(day, n)
  const [y0, m0] = day.split('-').map(Number)
  const out: string[] = []
  for (let i = 0; i < n; i++) {
    if (cycle === 'year') out.push(String(y0 - i))
    else if (cycle === 'half') {
      const h = (m0 <= 6 ? 0 : 1) - i
      const y = y0 + Math.floor(h / 2)
      out.push(`${y}-H${((h % 2) + 2) % 2 + 1}`)
    } else {
      const k = y0 * 12 + (m0 - 1) - i
      out.push(`${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`)
    }
  }
  return out
}

/** The ISO week of a day, e.g. "2026-W47" (the leaders' weekly report). */
export function isoWeekOf(day: string): string {
  const d = new Date(`${day}T00:00:00Z`)
  const weekday = (d.getUTCDay() + 6) % 7 // Monday 0
  const thursday = new Date(d.getTime() + (3 - weekday) * 86_400_000)
  const year = thursday.getUTCFullYear()
  const jan1 = new Date(Date.UTC(year, 0, 1))
  const week = Math.floor((thursday.getTime() - jan1.getTime()) / 86_400_000 / 7) + 1
  return `${year}-W${String(week).padStart(2, '0')}`
}

/** How a party member's share compares with the bounds. */
export function memberFlag(count: number, min: number, max: number): 'idle' | 'under' | 'over' | 'ok' {
  if (count === 0) return 'idle'
  if (count < min) return 'under'
  if (count > max) return 'over'
  return 'ok'
}
