// Dates from the API are ISO 8601 (UTC); the console shows them in the browser's time zone.

const pad = (n: number) => String(n).padStart(2, '0')

/** "2026-11-22 16:00:00" in local time; the input itself when it is not a date. */
export function formatDateTime(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—'
  const d = typeof value === 'number' ? new Date(value * 1000) : new Date(value)
  if (Number.isNaN(d.getTime())) return String(value)
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  )
}

/** A local date as "YYYY-MM-DD". */
export function isoDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** from/to query values for a date range picker value (either end may be missing). */
export function rangeQuery(range: readonly (string | null | undefined)[] | null | undefined): { from?: string; to?: string } {
  const out: { from?: string; to?: string } = {}
  if (range?.[0]) out.from = range[0]
  if (range?.[1]) out.to = range[1]
  return out
}
