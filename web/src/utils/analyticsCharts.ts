// ECharts options of the dashboards, built from the API answers (pure, so they can be tested).
import { numberText, periodText, rankingBars, type RankingRow } from './analytics'

export interface ChartTheme {
  text: string
  axis: string
  split: string
  bar: string
  laggard: string
  target: string
  lines: string[]
}

export const DARK: ChartTheme = {
  text: '#c9d6ea',
  axis: '#3b5378',
  split: 'rgba(120,150,200,0.15)',
  bar: '#2fb7ff',
  laggard: '#ff4d4f',
  target: '#ffc53d',
  lines: ['#2fb7ff', '#36cfc9', '#ffc53d', '#ff7a45'],
}

export const LIGHT: ChartTheme = {
  text: '#606266',
  axis: '#c0c4cc',
  split: 'rgba(0,0,0,0.08)',
  bar: '#409eff',
  laggard: '#c8161d',
  target: '#e6a23c',
  lines: ['#409eff', '#67c23a', '#e6a23c', '#c8161d'],
}

export interface TrendSeries {
  name: string
  unit: string
  values: (number | null)[]
}

/** A line per indicator over the periods; indicators in % share the left axis, others the right. */
export function trendOption(periods: string[], series: TrendSeries[], theme: ChartTheme, locale = 'zh-CN'): Record<string, unknown> {
  const anyOther = series.some((s) => s.unit !== '%')
  const axis = (position: 'left' | 'right', name: string) => ({
    type: 'value',
    position,
    name,
    nameTextStyle: { color: theme.text },
    axisLabel: { color: theme.text },
    axisLine: { lineStyle: { color: theme.axis } },
    splitLine: { lineStyle: { color: theme.split, type: 'dashed' } },
  })
  return {
    color: theme.lines,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { color: theme.text }, type: 'plain' },
    grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: periods.map((p) => periodText(p, locale).replace(/^\d{4}年/, '')),
      axisLabel: { color: theme.text },
      axisLine: { lineStyle: { color: theme.axis } },
    },
    yAxis: anyOther ? [axis('left', '%'), { ...axis('right', ''), splitLine: { show: false } }] : [axis('left', '%')],
    series: series.map((s) => ({
      name: s.name,
      type: 'line',
      smooth: true,
      connectNulls: false,
      yAxisIndex: anyOther && s.unit !== '%' ? 1 : 0,
      data: s.values.map((v) => (v === null ? '-' : v)),
    })),
  }
}

/** A bar's label: the value as the tables show it, without the unit (the axis names it). */
export function barLabel(value: unknown, unit: string): string {
  return typeof value === 'number' ? numberText(value, unit) : ''
}

/** Bars of the children, laggards in red, the shared target as a mark line. */
export function rankingOption(rows: readonly RankingRow[], unit: string, theme: ChartTheme): Record<string, unknown> {
  const bars = rankingBars(rows)
  const many = rows.length > 8
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 44, top: 28, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: bars.names,
      axisLabel: { color: theme.text, interval: 0, rotate: many ? 40 : 0, width: 80, overflow: 'truncate' },
      axisLine: { lineStyle: { color: theme.axis } },
    },
    yAxis: {
      type: 'value',
      name: unit,
      nameTextStyle: { color: theme.text },
      axisLabel: { color: theme.text },
      splitLine: { lineStyle: { color: theme.split, type: 'dashed' } },
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: 32,
        cursor: 'pointer',
        data: bars.values.map((v, i) => ({
          value: v === null ? '-' : v,
          itemStyle: { color: bars.laggard[i] ? theme.laggard : theme.bar, borderRadius: [3, 3, 0, 0] },
        })),
        label: { show: rows.length <= 12, position: 'top', color: theme.text, fontSize: 11, formatter: (p: { value: unknown }) => barLabel(p.value, unit) },
        // Always there (empty without a target) so a refresh merged into the chart removes an old line.
        markLine: {
          symbol: 'none',
          lineStyle: { color: theme.target, type: 'dashed' },
          label: { color: theme.target, formatter: bars.target === null ? '' : `${bars.target}${unit === '%' ? '%' : ''}` },
          data: bars.target === null ? [] : [{ yAxis: bars.target }],
        },
      },
    ],
  }
}
