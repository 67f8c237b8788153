// Pure helpers of the party-organization pages: tag colours, client-side paging, the checklist
// grouped by area with a live score (the same rule as the server), and months to report on.
import type { CaseStatus, OrgRating, StandardItem, StandardStatus } from '../api/party'

type TagType = 'success' | 'info' | 'warning' | 'danger' | 'primary'

export function ratingTagType(r: OrgRating | null | undefined): TagType {
  switch (r) {
    case 'advanced':
      return 'success'
    case 'ordinary':
      return 'primary'
    case 'backward':
      return 'warning'
    case 'weak':
      return 'danger'
    default:
      return 'info'
  }
}

export function caseStatusTagType(s: CaseStatus): TagType {
  return s === 'transformed' ? 'success' : s === 'carried_over' ? 'warning' : 'danger'
}

export function standardStatusTagType(s: StandardStatus | null | undefined): TagType {
  return s === 'demonstration' ? 'success' : s === 'standard' ? 'primary' : s === 'below' ? 'danger' : 'info'
}

/** One page of a list held whole in the browser (pages count from 1). */
export function pageSlice<T>(items: readonly T[], page: number, size: number): T[] {
  const p = Math.max(1, Math.floor(page))
  const s = Math.max(1, Math.floor(size))
  return items.slice((p - 1) * s, p * s)
}

/** The score out of 100 with one decimal, as the server computes it. */
export function standardScore(pointsMet: number, pointsTotal: number): number {
  if (pointsTotal <= 0) return 0
  return Math.round((1000 * pointsMet) / pointsTotal) / 10
}

export function standardStatus(score: number, t: { demonstration_score: number; standard_score: number }): StandardStatus {
  if (score >= t.demonstration_score) return 'demonstration'
  if (score >= t.standard_score) return 'standard'
  return 'below'
}

export interface AreaGroup {
  area: string
  area_name: string
  items: StandardItem[]
  points_met: number
  points_total: number
}

/** The checklist by area, in the server's order, with the points of the standards ticked in `met`. */
export function groupByArea(items: readonly StandardItem[], met: ReadonlySet<string>): AreaGroup[] {
  const groups: AreaGroup[] = []
  for (const it of items) {
    let g = groups[groups.length - 1]
    if (!g || g.area !== it.area) {
      g = { area: it.area, area_name: it.area_name, items: [], points_met: 0, points_total: 0 }
      groups.push(g)
    }
    g.items.push(it)
    g.points_total += it.points
    if (met.has(it.code)) g.points_met += it.points
  }
  return groups
}

export function checklistScore(items: readonly StandardItem[], met: ReadonlySet<string>): { points_met: number; points_total: number; score: number } {
  let pointsMet = 0
  let pointsTotal = 0
  for (const it of items) {
    pointsTotal += it.points
    if (met.has(it.code)) pointsMet += it.points
  }
  return { points_met: pointsMet, points_total: pointsTotal, score: standardScore(pointsMet, pointsTotal) }
}

/** The months of a year up to (and including) `today`'s month, newest first: what progress can be reported on. */
export function reportMonths(year: number, today: string): string[] {
  const ty = Number(today.slice(0, 4))
  const tm = Number(today.slice(5, 7))
  const last = year < ty ? 12 : year === ty ? tm : 0
  const out: string[] = []
  for (let m = last; m >= 1; m--) out.push(`${year}-${String(m).padStart(2, '0')}`)
  return out
}

/** Years to choose from: this one and the `back` before it, newest first. */
export function yearOptions(current: number, back = 4): number[] {
  return Array.from({ length: back + 1 }, (_, i) => current - i)
}
