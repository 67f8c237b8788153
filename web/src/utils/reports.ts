// Pure helpers of the report centre: download addresses and the periods one may pick per kind.

export type PeriodKind = 'week' | 'month' | 'quarter' | 'year'

/** The same-origin address of a report in a format (the session cookie goes along). */
export function reportUrl(kind: string, format: 'json' | 'xlsx' | 'docx', region?: string | null, period?: string | null): string {
  const q = new URLSearchParams()
  if (region) q.set('region', region)
  if (period) q.set('period', period)
  q.set('format', format)
  return `/api/v1/reports/${encodeURIComponent(kind)}?${q.toString()}`
}

function isoWeek(d: Date): { year: number; week: number } {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()))
  const day = t.getUTCDay() || 7
  t.setUTCDate(t.getUTCDate() + 4 - day) // the Thursday of this week names its year
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1)
  return { year: t.getUTCFullYear(), week: Math.ceil(((t.getTime() - yearStart) / 86400000 + 1) / 7) }
}

/** The `count` latest periods of a kind up to the one containing `today` (China date), newest first. */
export function recentPeriods(kind: PeriodKind, today: Date, count: number): string[] {
  const out: string[] = []
  const pad = (n: number) => String(n).padStart(2, '0')
  for (let i = 0; i < count; i++) {
    if (kind === 'week') {
      const d = new Date(today.getTime() - i * 7 * 86400000)
      const { year, week } = isoWeek(d)
      out.push(`${year}-W${pad(week)}`)
    } else if (kind === 'month') {
      const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i, 1))
      out.push(`${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`)
    } else if (kind === 'quarter') {
      const q = Math.floor(today.getUTCMonth() / 3) - i
      const year = today.getUTCFullYear() + Math.floor(q / 4)
      out.push(`${year}-Q${((q % 4) + 4) % 4 + 1}`)
    } else {
      out.push(String(today.getUTCFullYear() - i))
    }
  }
  return out
}

/** Today in China (UTC+8) as a Date whose UTC fields are the China calendar date. */
export function chinaToday(now: Date = new Date()): Date {
  const d = new Date(now.getTime() + 8 * 3600000)
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()))
}
