import { describe, expect, it } from 'vitest'
import { complianceColor, complianceTagType, countByCompliance, dayString, daysBetween, daysPercent, filterByCompliance, lastMonth, monthString } from './presence'
import type { Compliance } from '../api/cadres'

describe('presence helpers', () => {
  it('formats days and months and finds last month', () => {
    expect(dayString(new Date(2026, 0, 5))).toBe('2026-01-05')
    expect(monthString(new Date(2026, 10, 30))).toBe('2026-11')
    expect(lastMonth(new Date(2026, 2, 31))).toBe('2026-02')
    expect(lastMonth(new Date(2026, 0, 1))).toBe('2025-12')
  })

  it('colours compliance', () => {
    expect(complianceTagType('compliant')).toBe('success')
    expect(complianceTagType('warning')).toBe('warning')
    expect(complianceTagType('non_compliant')).toBe('danger')
    expect(complianceTagType('other')).toBe('info')
    expect(complianceColor('non_compliant')).toBe('#f56c6c')
  })

  it('computes the progress against the required days', () => {
    expect(daysPercent(10, 20)).toBe(50)
    expect(daysPercent(25, 20)).toBe(100)
    expect(daysPercent(0, 0)).toBe(0)
    expect(daysPercent(3, 0)).toBe(100)
  })

  it('counts and filters by compliance', () => {
    const rows: { id: number; compliance: Compliance }[] = [
      { id: 1, compliance: 'compliant' },
      { id: 2, compliance: 'warning' },
      { id: 3, compliance: 'compliant' },
      { id: 4, compliance: 'non_compliant' },
    ]
    expect(countByCompliance(rows)).toEqual({ compliant: 2, warning: 1, non_compliant: 1 })
    expect(filterByCompliance(rows, 'compliant').map((r) => r.id)).toEqual([1, 3])
    expect(filterByCompliance(rows, 'all')).toHaveLength(4)
  })

  it('counts days inclusively', () => {
    expect(daysBetween('2026-03-01', '2026-03-03')).toBe(3)
    expect(daysBetween('2026-02-28', '2026-03-01')).toBe(2)
    expect(daysBetween('2026-03-03', '2026-03-01')).toBe(0)
  })
})

describe('China days', () => {
  it('counts the day in UTC+8', async () => {
    const { chinaDay } = await import('./presence')
    expect(chinaDay(Date.UTC(2026, 10, 21, 17, 0))).toBe('2026-11-22')
    expect(chinaDay(Date.UTC(2026, 10, 21, 15, 59))).toBe('2026-11-21')
  })
})
