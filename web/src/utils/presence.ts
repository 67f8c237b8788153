// Helpers of the presence pages: months, days, compliance colours.
import type { Compliance } from '../api/cadres'

export const COMPLIANCE: Compliance[] = ['compliant', 'warning', 'non_compliant']

const pad = (n: number) => String(n).padStart(2, '0')

/** "YYYY-MM-DD" of a date in local time. */
export function dayString(d: Date = new Date()): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** "YYYY-MM" of a date in local time. */
export function monthString(d: Date = new Date()): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`
}

/** The month before the date's month ("2026-01" for any day in February 2026). */
export function lastMonth(d: Date = new Date()): string {
  return monthString(new Date(d.getFullYear(), d.getMonth() - 1, 1))
}

export function complianceTagType(c: Compliance | string): 'success' | 'warning' | 'danger' | 'info' {
  return c === 'compliant' ? 'success' : c === 'warning' ? 'warning' : c === 'non_compliant' ? 'danger' : 'info'
}

/** Colour of the days progress bar (Element Plus status colours). */
export function complianceColor(c: Compliance | string): string {
  return c === 'compliant' ? '#67c23a' : c === 'warning' ? '#e6a23c' : '#f56c6c'
}

/** Days in the village as a percentage of the required days, 0–100. */
export function daysPercent(days: number, minDays: number): number {
  if (!minDays || minDays <= 0) return days > 0 ? 100 : 0
  return Math.max(0, Math.min(100, Math.round((days / minDays) * 100)))
}

export function countByCompliance<T extends { compliance: Compliance }>(rows: readonly T[]): Record<Compliance, number> {
  const counts: Record<Compliance, number> = { compliant: 0, warning: 0, non_compliant: 0 }
  for (const r of rows) if (r.compliance in counts) counts[r.compliance]++
  return counts
}

export function filterByCompliance<T extends { compliance: Compliance }>(rows: readonly T[], tab: Compliance | 'all'): T[] {
  return tab === 'all' ? [...rows] : rows.filter((r) => r.compliance === tab)
}

/** Inclusive number of days between two "YYYY-MM-DD" days (0 when the end is before the start). */
export function daysBetween(start: string, end: string): number {
  const a = Date.parse(start + 'T00:00:00Z')
  const b = Date.parse(end + 'T00:00:00Z')
  if (Number.isNaN(a) || Number.isNaN(b) || b < a) return 0
  return Math.round((b - a) / 86_400_000) + 1
}

/** The server counts days in China time (UTC+8) whatever the phone's time zone. */
export function chinaNow(now: number = Date.now()): Date {
  const d = new Date(now + 8 * 3_600_000)
  return new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())
}

/** Today in China time, "YYYY-MM-DD". */
export function chinaDay(now: number = Date.now()): string {
  return dayString(chinaNow(now))
}
