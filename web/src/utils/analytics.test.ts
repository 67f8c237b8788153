import { describe, expect, it } from 'vitest'
import { BOM } from './csv'
import {
  NO_VALUE, changeOf, headlineFirst, clockText, customIdOk, drillInto, drillUp, formatValue, formulaErrorPosition, isDashboardModule, kindOfLabel,
  meetsTarget, numberText, periodEnd, periodOfDay, periodText, previousLabel, rankingBars, rankingCsv, recentPeriods, trendEnd, withinScope,
  type Place, type RankingRow,
} from './analytics'

describe('values', () => {
  it('formats by unit and shows a dash for missing values', () => {
    expect(formatValue(93.456, '%')).toBe('93.5%')
    expect(formatValue(12.254, '天')).toBe('12.25 天')
    expect(formatValue(120000, '元')).toBe('120,000 元')
    expect(formatValue(3, '')).toBe('3')
    expect(formatValue(null, '%')).toBe(NO_VALUE)
    expect(formatValue(undefined, '人')).toBe(NO_VALUE)
    expect(formatValue(Number.NaN, '人')).toBe(NO_VALUE)
    expect(numberText(0, '%')).toBe('0.0')
  })

  it('gives change arrows that know which way is better', () => {
    expect(changeOf(95, 90, 'higher')).toEqual({ delta: 5, arrow: 'up', good: true, text: '↑ 5' })
    expect(changeOf(5, 7.5, 'lower')).toEqual({ delta: -2.5, arrow: 'down', good: true, text: '↓ 2.5' })
    expect(changeOf(5, 7.5, 'higher').good).toBe(false)
    expect(changeOf(4, 4).arrow).toBe('flat')
    expect(changeOf(null, 4)).toEqual({ delta: null, arrow: 'none', good: null, text: NO_VALUE })
    expect(changeOf(0.1 + 0.2, 0.3).arrow).toBe('flat')
  })

  it('checks targets in the indicator direction', () => {
    expect(meetsTarget(90, 85)).toBe(true)
    expect(meetsTarget(80, 85)).toBe(false)
    expect(meetsTarget(10, 15, 'lower')).toBe(true)
    expect(meetsTarget(null, 15)).toBeNull()
    expect(meetsTarget(10, null)).toBeNull()
  })
})

describe('periods', () => {
  it('labels the period of a day as the server reads it', () => {
    expect(periodOfDay('month', '2026-11-22')).toBe('2026-11')
    expect(periodOfDay('quarter', '2026-11-22')).toBe('2026-Q4')
    expect(periodOfDay('quarter', '2026-01-01')).toBe('2026-Q1')
    expect(periodOfDay('year', '2026-11-22')).toBe('2026')
  })

  it('steps back across years', () => {
    expect(previousLabel('2026-01')).toBe('2025-12')
    expect(previousLabel('2026-11')).toBe('2026-10')
    expect(previousLabel('2026-Q1')).toBe('2025-Q4')
    expect(previousLabel('2026')).toBe('2025')
    expect(recentPeriods('month', '2026-02-10', 3)).toEqual(['2026-02', '2026-01', '2025-12'])
    expect(recentPeriods('quarter', '2026-02-10', 2)).toEqual(['2026-Q1', '2025-Q4'])
  })

  it('knows the kinds and last days, and never ends a trend in the future', () => {
    expect(kindOfLabel('2026-W47')).toBeNull()
    expect(kindOfLabel('2026-13')).toBeNull()
    expect(periodEnd('2026-02')).toBe('2026-02-28')
    expect(periodEnd('2028-02')).toBe('2028-02-29')
    expect(periodEnd('2026-Q3')).toBe('2026-09-30')
    expect(periodEnd('2026')).toBe('2026-12-31')
    expect(trendEnd('2026-11', '2026-11-22')).toBe('2026-11-22')
    expect(trendEnd('2026-10', '2026-11-22')).toBe('2026-10-31')
  })

  it('reads labels in both languages', () => {
    expect(periodText('2026-11')).toBe('2026年11月')
    expect(periodText('2026-Q4')).toBe('2026年第4季度')
    expect(periodText('2026')).toBe('2026年')
    expect(periodText('2026-11', 'en')).toBe('Nov 2026')
    expect(periodText('2026-Q4', 'en')).toBe('Q4 2026')
  })

  it('shows the update time in China time', () => {
    expect(clockText(Date.UTC(2026, 10, 22, 0, 5, 9))).toBe('08:05:09')
    expect(clockText(Date.UTC(2026, 10, 22, 16, 0, 0))).toBe('00:00:00')
  })
})

describe('drill-down breadcrumb', () => {
  const county: Place = { code: '610331000000', name: '太白县', level: 3 }
  const town: Place = { code: '610331100000', name: '咀头镇', level: 4 }
  const village: Place = { code: '610331100200', name: '咀头街村委会', level: 5 }
  const otherTown: Place = { code: '610331101000', name: '桃川镇', level: 4 }
  const outside: Place = { code: '420323100000', name: '城关镇', level: 4 }

  it('goes down county → township → village and back up', () => {
    let trail = drillInto([county], town)
    expect(trail.map((p) => p.name)).toEqual(['太白县', '咀头镇'])
    trail = drillInto(trail, village)
    expect(trail.map((p) => p.level)).toEqual([3, 4, 5])
    expect(drillInto(trail, { ...village, code: '610331100201' })).toEqual(trail) // nothing below a village
    expect(drillUp(trail, 1)).toEqual([county, town])
    expect(drillUp(trail, 0)).toEqual([county])
    expect(drillUp(trail, -1)).toEqual([county])
    expect(drillInto(trail, town)).toEqual([county, town])
  })

  it('never leaves the user scope or jumps sideways', () => {
    expect(drillInto([county], outside)).toEqual([county])
    expect(drillInto([county, town], { code: '610331101200', name: 'x', level: 5 })).toEqual([county, town])
    expect(drillInto([county, town], otherTown)).toEqual([county, town])
    expect(withinScope(county, '610331100200')).toBe(true)
    expect(withinScope(town, '610331101200')).toBe(false)
    expect(withinScope(county, 'abc')).toBe(false)
    expect(drillInto([], town)).toEqual([town])
  })
})

describe('rankings', () => {
  const rows: RankingRow[] = [
    { code: '610331100000', name: '咀头镇', value: 92.5, previous: 90, change: 2.5, target: 90, meets_target: true, rank: 1, laggard: false },
    { code: '610331101000', name: '桃川镇, 东', value: null, previous: null, change: null, target: 90, meets_target: null, rank: 0, laggard: false },
    { code: '610331102000', name: '=靖口镇', value: 80, previous: 85, change: -5, target: 90, meets_target: false, rank: 2, laggard: true },
  ]
  const labels = { rank: '排名', code: '区划代码', name: '名称', value: '本期', previous: '上期', change: '变化', target: '目标', status: '达标情况', met: '达标', missed: '未达标' }

  it('builds a CSV Excel opens: BOM, CRLF, quoted and guarded cells, empty for missing', () => {
    const csv = rankingCsv(rows, '%', labels)
    expect(csv.startsWith(BOM)).toBe(true)
    const lines = csv.slice(1).split('\r\n')
    expect(lines[0]).toBe('排名,区划代码,名称,本期（%）,上期（%）,变化,目标（%）,达标情况')
    expect(lines[1]).toBe('1,610331100000,咀头镇,92.5,90,2.5,90,达标')
    expect(lines[2]).toBe(',610331101000,"桃川镇, 东",,,,90,')
    expect(lines[3]).toBe("2,610331102000,'=靖口镇,80,85,-5,90,未达标")
  })

  it('draws one target line only when all children share it', () => {
    expect(rankingBars(rows).target).toBe(90)
    expect(rankingBars(rows).laggard).toEqual([false, false, true])
    expect(rankingBars([{ ...rows[0] }, { ...rows[2], target: 80 }]).target).toBeNull()
    expect(rankingBars([]).target).toBeNull()
  })
})

describe('indicator definitions', () => {
  it('checks ids as the catalogue does', () => {
    expect(customIdOk('custom.poor_visit_rate')).toBe(true)
    expect(customIdOk('Custom.x')).toBe(false)
    expect(customIdOk('nodot')).toBe(false)
    expect(customIdOk('a.b')).toBe(true)
    expect(customIdOk('a.')).toBe(false)
  })

  it('finds the position in a formula error', () => {
    expect(formulaErrorPosition('公式第 12 个字符处: 缺少右括号')).toBe(12)
    expect(formulaErrorPosition('unknown')).toBeNull()
  })

  it('knows the module dashboards and puts their headline first', () => {
    expect(isDashboardModule('presence')).toBe(true)
    expect(isDashboardModule('custom')).toBe(false)
    const items = [{ id: 'households.monitored_share' }, { id: 'visits.coverage' }, { id: 'visits.satisfaction' }]
    expect(headlineFirst('households', items).map((i) => i.id)).toEqual(['visits.coverage', 'households.monitored_share', 'visits.satisfaction'])
    expect(headlineFirst('custom', items)).toEqual(items)
  })
})
