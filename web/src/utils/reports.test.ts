import { describe, expect, it } from 'vitest'
import { chinaToday, recentPeriods, reportUrl } from './reports'

describe('report centre helpers', () => {
  it('builds download addresses with region, period and format', () => {
    expect(reportUrl('year-end', 'docx', '610331', '2026')).toBe('/api/v1/reports/year-end?region=610331&period=2026&format=docx')
    expect(reportUrl('weekly-dispatch', 'xlsx')).toBe('/api/v1/reports/weekly-dispatch?format=xlsx')
  })
  it('lists recent periods of each kind, newest first', () => {
    const today = new Date(Date.UTC(2026, 10, 22)) // 2026-11-22, a Sunday of ISO week 47
    expect(recentPeriods('week', today, 3)).toEqual(['2026-W47', '2026-W46', '2026-W45'])
    expect(recentPeriods('month', today, 3)).toEqual(['2026-11', '2026-10', '2026-09'])
    expect(recentPeriods('quarter', today, 5)).toEqual(['2026-Q4', '2026-Q3', '2026-Q2', '2026-Q1', '2025-Q4'])
    expect(recentPeriods('year', today, 2)).toEqual(['2026', '2025'])
    expect(recentPeriods('week', new Date(Date.UTC(2027, 0, 2)), 1)).toEqual(['2026-W53'])
  })
  it('takes the China date', () => {
    expect(chinaToday(new Date('2026-11-21T17:00:00Z')).toISOString().slice(0, 10)).toBe('2026-11-22')
  })
})
