import { describe, expect, it } from 'vitest'
import { currentHalf, defaultPeriod, fundTotals, groupByMonth, halfOfDate, periodOptions, ratingTagType, recentHalves, tagList, yuan } from './reviews'

describe('review helpers', () => {
  it('finds the half-year in China time', () => {
    expect(halfOfDate(new Date(2026, 5, 30))).toBe('2026-H1')
    expect(halfOfDate(new Date(2026, 6, 1))).toBe('2026-H2')
    // 2026-06-30 17:00 UTC is already 1 July in China.
    expect(currentHalf(Date.UTC(2026, 5, 30, 17, 0))).toBe('2026-H2')
    expect(currentHalf(Date.UTC(2026, 5, 30, 15, 0))).toBe('2026-H1')
    // 2026-12-31 16:30 UTC is 2027 in China.
    expect(currentHalf(Date.UTC(2026, 11, 31, 16, 30))).toBe('2027-H1')
  })

  it('lists recent halves and periods', () => {
    expect(recentHalves('2026-H1', 2)).toEqual(['2026-H1', '2025-H2', '2025-H1'])
    expect(recentHalves('bad')).toEqual(['bad'])
    expect(periodOptions(2026).slice(0, 3)).toEqual(['2026-H2', '2026-H1', '2026'])
    expect(defaultPeriod(Date.UTC(2026, 10, 22))).toBe('2026-H1')
    expect(defaultPeriod(Date.UTC(2026, 2, 1))).toBe('2025-H2')
  })

  it('colours ratings', () => {
    expect(ratingTagType('excellent')).toBe('success')
    expect(ratingTagType('basic')).toBe('warning')
    expect(ratingTagType('incompetent')).toBe('danger')
    expect(ratingTagType('x')).toBe('info')
  })

  it('adds up funds and formats yuan', () => {
    const t = fundTotals([
      { budget_yuan: 10000, spent_yuan: 2500, balance_yuan: 7500 },
      { budget_yuan: 50000, spent_yuan: 0, balance_yuan: 50000 },
    ])
    expect(t).toEqual({ budget_yuan: 60000, spent_yuan: 2500, balance_yuan: 57500 })
    expect(fundTotals([])).toEqual({ budget_yuan: 0, spent_yuan: 0, balance_yuan: 0 })
    expect(yuan(1234567)).toBe('1,234,567')
    expect(yuan(0)).toBe('0')
    expect(yuan(null)).toBe('')
  })

  it('reads tags and groups logs by month', () => {
    expect(tagList('visits, industry')).toEqual(['visits', 'industry'])
    expect(tagList(['health'])).toEqual(['health'])
    expect(tagList('')).toEqual([])
    const g = groupByMonth([{ day: '2026-03-02' }, { day: '2026-03-09' }, { day: '2026-04-01' }])
    expect(g.map((x) => [x.month, x.items.length])).toEqual([
      ['2026-03', 2],
      ['2026-04', 1],
    ])
  })
})
