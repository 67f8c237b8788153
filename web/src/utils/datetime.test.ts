import { describe, expect, it } from 'vitest'
import { formatDateTime, isoDate, rangeQuery } from './datetime'

const pad = (n: number) => String(n).padStart(2, '0')
function local(d: Date) {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}

describe('date helpers', () => {
  it('formats ISO times and unix seconds in local time', () => {
    const iso = '2026-11-22T08:00:05Z'
    expect(formatDateTime(iso)).toBe(local(new Date(iso)))
    expect(formatDateTime(1700000000)).toBe(local(new Date(1700000000 * 1000)))
  })

  it('leaves odd input alone', () => {
    expect(formatDateTime('')).toBe('—')
    expect(formatDateTime(null)).toBe('—')
    expect(formatDateTime('yesterday')).toBe('yesterday')
  })

  it('builds from/to from a range', () => {
    expect(rangeQuery(['2026-11-01', '2026-11-30'])).toEqual({ from: '2026-11-01', to: '2026-11-30' })
    expect(rangeQuery(null)).toEqual({})
    expect(rangeQuery([null, '2026-11-30'])).toEqual({ to: '2026-11-30' })
    expect(isoDate(new Date(2026, 0, 5))).toBe('2026-01-05')
  })
})
