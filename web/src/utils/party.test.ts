import { describe, expect, it } from 'vitest'
import type { StandardItem } from '../api/party'
import { caseStatusTagType, checklistScore, groupByArea, pageSlice, ratingTagType, reportMonths, standardScore, standardStatus, standardStatusTagType, yearOptions } from './party'

const item = (code: string, area: string, points: number): StandardItem => ({ code, area, area_name: area, title: code, points, met: false })

describe('party helpers', () => {
  it('colours ratings, case results and standard statuses', () => {
    expect(ratingTagType('advanced')).toBe('success')
    expect(ratingTagType('weak')).toBe('danger')
    expect(ratingTagType('backward')).toBe('warning')
    expect(ratingTagType(null)).toBe('info')
    expect(caseStatusTagType('transformed')).toBe('success')
    expect(caseStatusTagType('open')).toBe('danger')
    expect(standardStatusTagType('demonstration')).toBe('success')
    expect(standardStatusTagType(null)).toBe('info')
  })

  it('pages a whole list', () => {
    const xs = Array.from({ length: 25 }, (_, i) => i)
    expect(pageSlice(xs, 1, 10)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(pageSlice(xs, 3, 10)).toEqual([20, 21, 22, 23, 24])
    expect(pageSlice(xs, 4, 10)).toEqual([])
    expect(pageSlice(xs, 0, 10)).toEqual(pageSlice(xs, 1, 10))
  })

  it('scores like the server: one decimal, thresholds inclusive', () => {
    expect(standardScore(91, 100)).toBe(91)
    expect(standardScore(2, 3)).toBe(66.7)
    expect(standardScore(5, 0)).toBe(0)
    const t = { demonstration_score: 90, standard_score: 75 }
    expect(standardStatus(90, t)).toBe('demonstration')
    expect(standardStatus(89.9, t)).toBe('standard')
    expect(standardStatus(75, t)).toBe('standard')
    expect(standardStatus(74.9, t)).toBe('below')
  })

  it('groups the checklist by area and adds up the ticked points', () => {
    const items = [item('S01', 'setup', 4), item('S02', 'setup', 4), item('S03', 'team', 3)]
    const met = new Set(['S01', 'S03'])
    const groups = groupByArea(items, met)
    expect(groups.map((g) => [g.area, g.items.length, g.points_met, g.points_total])).toEqual([
      ['setup', 2, 4, 8],
      ['team', 1, 3, 3],
    ])
    expect(checklistScore(items, met)).toEqual({ points_met: 7, points_total: 11, score: 63.6 })
  })

  it('offers the months that can be reported on', () => {
    expect(reportMonths(2026, '2026-03-15')).toEqual(['2026-03', '2026-02', '2026-01'])
    expect(reportMonths(2025, '2026-03-15')).toHaveLength(12)
    expect(reportMonths(2027, '2026-03-15')).toEqual([])
    expect(yearOptions(2026, 2)).toEqual([2026, 2025, 2024])
  })
})
