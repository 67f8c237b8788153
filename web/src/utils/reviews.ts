// Helpers of the review pages: half-years and periods in China time, rating colours, fund totals,
// work logs grouped by month.
import type { Fund, Rating } from '../api/reviews'
import { chinaNow } from './presence'

/** "2026-H1" or "2026-H2" of a date's own calendar fields. */
export function halfOfDate(d: Date): string {
  return `${d.getFullYear()}-H${d.getMonth() < 6 ? 1 : 2}`
}

/** The current half-year in China time (UTC+8), whatever the browser's time zone. */
export function currentHalf(now: number = Date.now()): string {
  return halfOfDate(chinaNow(now))
}

/** The current year in China time. */
export function chinaYear(now: number = Date.now()): number {
  return chinaNow(now).getFullYear()
}

/** Half-years to choose from: the current one and the `back` before it, newest first. */
export function recentHalves(current: string, back = 3): string[] {
  const m = /^(\d{4})-H([12])$/.exec(current)
  if (!m) return [current]
  let year = Number(m[1])
  let h = Number(m[2])
  const out: string[] = []
  for (let i = 0; i <= back; i++) {
    out.push(`${year}-H${h}`)
    if (h === 2) h = 1
    else {
      h = 2
      year--
    }
  }
  return out
}

/** Evaluation periods of a year and the one before: 2026-H2, 2026-H1, 2026, 2025-H2, … */
export function periodOptions(year: number): string[] {
  return [year, year - 1].flatMap((y) => [`${y}-H2`, `${y}-H1`, String(y)])
}

/** The default evaluation period: the half-year that has just ended (reviews look back). */
export function defaultPeriod(now: number = Date.now()): string {
  return recentHalves(currentHalf(now), 1)[1]
}

export function ratingTagType(r: Rating | string): 'success' | 'primary' | 'warning' | 'danger' | 'info' {
  return r === 'excellent' ? 'success' : r === 'competent' ? 'primary' : r === 'basic' ? 'warning' : r === 'incompetent' ? 'danger' : 'info'
}

export interface FundTotals {
  budget_yuan: number
  spent_yuan: number
  balance_yuan: number
}

export function fundTotals(rows: readonly Pick<Fund, 'budget_yuan' | 'spent_yuan' | 'balance_yuan'>[]): FundTotals {
  const t: FundTotals = { budget_yuan: 0, spent_yuan: 0, balance_yuan: 0 }
  for (const r of rows) {
    t.budget_yuan += r.budget_yuan || 0
    t.spent_yuan += r.spent_yuan || 0
    t.balance_yuan += r.balance_yuan || 0
  }
  return t
}

/** The default budget of a fund kind (the server's defaults). */
export function defaultBudget(kind: string): number {
  return kind === 'team' ? 50000 : 10000
}

/** Yuan with thousands separators: 12345 → "12,345". */
export function yuan(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return ''
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** Tags as a list, from a comma-separated string or a list. */
export function tagList(tags: string | readonly string[] | null | undefined): string[] {
  if (!tags) return []
  const list = typeof tags === 'string' ? tags.split(',') : [...tags]
  return list.map((s) => s.trim()).filter(Boolean)
}

/** Items with a "YYYY-MM-DD" day grouped by month, months in order of first appearance. */
export function groupByMonth<T extends { day: string }>(items: readonly T[]): { month: string; items: T[] }[] {
  const groups = new Map<string, T[]>()
  for (const it of items) {
    const m = it.day.slice(0, 7)
    const g = groups.get(m)
    if (g) g.push(it)
    else groups.set(m, [it])
  }
  return [...groups].map(([month, list]) => ({ month, items: list }))
}
