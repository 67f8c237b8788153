import { describe, expect, it } from 'vitest'
import { DARK, barLabel, rankingOption, trendOption } from './analyticsCharts'
import type { RankingRow } from './analytics'

const row = (name: string, value: number | null, laggard = false, target: number | null = null): RankingRow =>
  ({ code: '610331100000', name, value, previous: null, change: null, target, meets_target: null, rank: 1, laggard })

describe('chart options', () => {
  it('colours laggards red and draws the shared target', () => {
    const o = rankingOption([row('咀头镇', 95, false, 90), row('桃川镇', 70, true, 90), row('靖口镇', null, false, 90)], '%', DARK) as any
    const data = o.series[0].data
    expect(data.map((d: any) => d.value)).toEqual([95, 70, '-'])
    expect(data[1].itemStyle.color).toBe(DARK.laggard)
    expect(data[0].itemStyle.color).toBe(DARK.bar)
    expect(o.series[0].markLine.data).toEqual([{ yAxis: 90 }])
    expect((rankingOption([row('a', 1)], '%', DARK) as any).series[0].markLine.data).toEqual([])
    expect(barLabel(63.6364, '%')).toBe('63.6')
    expect(barLabel('-', '%')).toBe('')
  })

  it('puts percentages on the left axis and other units on the right', () => {
    const o = trendOption(['2026-10', '2026-11'], [
      { name: '走访覆盖率', unit: '%', values: [50, null] },
      { name: '人均在村天数', unit: '天', values: [10, 12] },
    ], DARK) as any
    expect(o.xAxis.data).toEqual(['10月', '11月'])
    expect(o.yAxis).toHaveLength(2)
    expect(o.series[0].data).toEqual([50, '-'])
    expect(o.series[1].yAxisIndex).toBe(1)
    expect((trendOption(['2026'], [{ name: 'x', unit: '%', values: [1] }], DARK) as any).yAxis).toHaveLength(1)
  })
})
