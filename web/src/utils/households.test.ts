import { describe, expect, it } from 'vitest'
import { HOUSEHOLD_STATUSES } from '../api/households'
import { isoWeekOf, memberFlag, recentPeriods, nextStatuses, percent, quarterOf, recentQuarters, riskTypesFor } from './households'

describe('household status machine (mirror of the server table)', () => {
  it('allows exactly the server transitions', () => {
    const allowed = new Set(['ordinary>registered_poor', 'ordinary>monitored', 'registered_poor>lifted', 'lifted>monitored',
      'monitored>risk_removed', 'risk_removed>monitored'])
    for (const from of HOUSEHOLD_STATUSES)
      for (const to of HOUSEHOLD_STATUSES) expect(nextStatuses(from).includes(to)).toBe(allowed.has(`${from}>${to}`))
  })
  it('offers risk types that fit the household', () => {
    expect(riskTypesFor('ordinary', false)).toEqual(['marginal', 'sudden'])
    expect(riskTypesFor('lifted', true)).toEqual(['unstable', 'sudden'])
    expect(riskTypesFor('risk_removed', true)).toEqual(['unstable', 'sudden'])
  })
})

describe('periods and figures', () => {
  it('quarters and weeks', () => {
    expect(quarterOf('2026-11-20')).toBe('2026-Q4')
    expect(recentQuarters('2026-02-01', 3)).toEqual(['2026-Q1', '2025-Q4', '2025-Q3'])
    expect(isoWeekOf('2026-11-20')).toBe('2026-W47')
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53')
    expect(isoWeekOf('2025-12-29')).toBe('2026-W01')
    expect(recentPeriods('month', '2026-02-10', 3)).toEqual(['2026-02', '2026-01', '2025-12'])
    expect(recentPeriods('half', '2026-02-10', 3)).toEqual(['2026-H1', '2025-H2', '2025-H1'])
    expect(recentPeriods('year', '2026-02-10', 2)).toEqual(['2026', '2025'])
    expect(recentPeriods('quarter', '2026-02-10', 2)).toEqual(['2026-Q1', '2025-Q4'])
  })
  it('percent and member flags', () => {
    expect(percent(0.98123)).toBe('98.1%')
    expect(percent(null)).toBe('—')
    expect(memberFlag(0, 10, 15)).toBe('idle')
    expect(memberFlag(9, 10, 15)).toBe('under')
    expect(memberFlag(16, 10, 15)).toBe('over')
    expect(memberFlag(12, 10, 15)).toBe('ok')
  })
})
