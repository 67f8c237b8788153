// Pure helpers of the dashboards and the indicator pages: values with units, change arrows, period
// labels for the pickers, the ranking CSV and the drill-down breadcrumb. No Vue, no I/O.
import { toCsv } from './csv'

export type Direction = 'higher' | 'lower'
export type PickerKind = 'month' | 'quarter' | 'year'

/** What the pages show for a missing value (no data, or a division by zero). */
export const NO_VALUE = '—'

/** The modules that have their own dashboard page, in menu order. */
export const DASHBOARD_MODULES = ['presence', 'households', 'party_orgs', 'economy', 'training', 'supervision'] as const
export type DashboardModule = (typeof DASHBOARD_MODULES)[number]

/** The indicator a module's ranking opens with: the figure its reports lead with. */
export const MODULE_HEADLINE: Record<DashboardModule, string> = {
  presence: 'presence.within_rate',
  households: 'visits.coverage',
  party_orgs: 'party_orgs.weak_share',
  economy: 'income.share_100k',
  training: 'training.per_cadre',
  supervision: 'findings.closed_rate',
}

/** A module's indicators with its headline first (the rest keep their order). */
export function headlineFirst<T extends { id: string }>(module: string, items: readonly T[]): T[] {
  const head = isDashboardModule(module) ? MODULE_HEADLINE[module] : ''
  return [...items.filter((i) => i.id === head), ...items.filter((i) => i.id !== head)]
}

export function isDashboardModule(m: string): m is DashboardModule {
  return (DASHBOARD_MODULES as readonly string[]).includes(m)
}

/** The number alone: percentages with one decimal, money grouped, others with at most two decimals. */
export function numberText(value: number | null | undefined, unit = ''): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE
  if (unit === '%') return value.toFixed(1)
  if (unit === '元') return Math.round(value).toLocaleString('en-US')
  const rounded = Math.round(value * 100) / 100
  return String(rounded)
}

/** The value with its unit: "93.5%", "12.25 天", "120,000 元"; "—" when missing. */
export function formatValue(value: number | null | undefined, unit = ''): string {
  const n = numberText(value, unit)
  if (n === NO_VALUE) return n
  if (!unit) return n
  return unit === '%' ? `${n}%` : `${n} ${unit}`
}

export interface Change {
  /** now − before; null when either is missing. */
  delta: number | null
  arrow: 'up' | 'down' | 'flat' | 'none'
  /** The change is for the better (true), worse (false) or neither/unknown (null). */
  good: boolean | null
  /** "↑ 2.5", "↓ 1", "→ 0" or "—" (percentages change in points, so no % sign). */
  text: string
}

export function changeOf(now: number | null | undefined, before: number | null | undefined, direction: Direction = 'higher'): Change {
  if (now === null || now === undefined || before === null || before === undefined) {
    return { delta: null, arrow: 'none', good: null, text: NO_VALUE }
  }
  const delta = Math.round((now - before) * 100) / 100
  if (delta === 0) return { delta: 0, arrow: 'flat', good: null, text: '→ 0' }
  const arrow = delta > 0 ? 'up' : 'down'
  const good = direction === 'higher' ? delta > 0 : delta < 0
  return { delta, arrow, good, text: `${delta > 0 ? '↑' : '↓'} ${Math.abs(delta)}` }
}

/** True / false when the value meets / misses the target; null without a value or a target. */
export function meetsTarget(value: number | null | undefined, target: number | null | undefined, direction: Direction = 'higher'): boolean | null {
  if (value === null || value === undefined || target === null || target === undefined) return null
  return direction === 'higher' ? value >= target : value <= target
}

// ---- Periods ----

const pad = (n: number) => String(n).padStart(2, '0')

/** The period label (as the server reads it) of a kind containing a day "YYYY-MM-DD". */
export function periodOfDay(kind: PickerKind, day: string): string {
  const [y, m] = day.split('-').map(Number)
  if (kind === 'year') return String(y)
  if (kind === 'quarter') return `${y}-Q${Math.floor((m - 1) / 3) + 1}`
  return `${y}-${pad(m)}`
}

/** The kind of a picker label, or null for labels the picker does not offer (weeks, days, ranges). */
export function kindOfLabel(label: string): PickerKind | null {
  if (/^\d{4}$/.test(label)) return 'year'
  if (/^\d{4}-Q[1-4]$/.test(label)) return 'quarter'
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(label)) return 'month'
  return null
}

/** The period before a picker label: 2026-01 → 2025-12, 2026-Q1 → 2025-Q4, 2026 → 2025. */
export function previousLabel(label: string): string {
  const kind = kindOfLabel(label)
  if (kind === 'year') return String(Number(label) - 1)
  if (kind === 'quarter') {
    const y = Number(label.slice(0, 4))
    const q = Number(label.slice(6))
    return q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`
  }
  if (kind === 'month') {
    const y = Number(label.slice(0, 4))
    const m = Number(label.slice(5))
    return m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`
  }
  return label
}

/** The `count` most recent periods of a kind up to the one containing `today`, newest first. */
export function recentPeriods(kind: PickerKind, today: string, count: number): string[] {
  const out: string[] = []
  let label = periodOfDay(kind, today)
  for (let i = 0; i < count; i++) {
    out.push(label)
    label = previousLabel(label)
  }
  return out
}

/** The last day of a picker period, "YYYY-MM-DD". */
export function periodEnd(label: string): string {
  const kind = kindOfLabel(label)
  const y = Number(label.slice(0, 4))
  let month = 12
  if (kind === 'month') month = Number(label.slice(5))
  else if (kind === 'quarter') month = Number(label.slice(6)) * 3
  const last = new Date(Date.UTC(y, month, 0)).getUTCDate()
  return `${y}-${pad(month)}-${pad(last)}`
}

/** The `to` day of a trend for a period: its last day, but never after today (the future has no data). */
export function trendEnd(label: string, today: string): string {
  const end = periodEnd(label)
  return end > today ? today : end
}

/** A label as people read it: 2026年11月, 2026年第4季度, 2026年 (zh) or Nov 2026, Q4 2026, 2026 (en). */
export function periodText(label: string, locale = 'zh-CN'): string {
  const kind = kindOfLabel(label)
  const zh = locale.startsWith('zh')
  const y = label.slice(0, 4)
  if (kind === 'month') {
    const m = Number(label.slice(5))
    if (zh) return `${y}年${m}月`
    return `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1]} ${y}`
  }
  if (kind === 'quarter') return zh ? `${y}年第${label.slice(6)}季度` : `Q${label.slice(6)} ${y}`
  if (kind === 'year') return zh ? `${y}年` : y
  return label
}

/** "HH:MM:SS" of an instant in China time (the dashboards' "updated at"). */
export function clockText(unixMs: number): string {
  const d = new Date(unixMs + 8 * 3_600_000)
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
}

// ---- Drill-down ----

export interface Place {
  code: string
  name: string
  /** 0 country … 3 county, 4 township, 5 village. */
  level: number
}

export const VILLAGE_LEVEL = 5

/** A place below which there is nothing to rank. */
export function isLeaf(p: Pick<Place, 'level'>): boolean {
  return p.level >= VILLAGE_LEVEL
}

/** The digits that identify a region of a level (as the server's region codes do). */
const PREFIX_LENGTH = [0, 2, 4, 6, 9, 12]

/** True when `code` lies in the subtree of `root` (or is root itself). */
export function withinScope(root: Place, code: string): boolean {
  if (!/^\d{12}$/.test(code)) return false
  const n = PREFIX_LENGTH[root.level] ?? 12
  return code.slice(0, n) === root.code.slice(0, n)
}

/**
 * The breadcrumb after opening a child: the trail grows by the child when the child lies below the
 * last place; a place outside the first (the user's scope) is refused, so the dashboard never climbs
 * above what the user may see; a place already on the trail cuts the trail back to it.
 */
export function drillInto(trail: readonly Place[], child: Place): Place[] {
  if (!trail.length) return [child]
  const at = trail.findIndex((p) => p.code === child.code)
  if (at >= 0) return trail.slice(0, at + 1)
  if (!withinScope(trail[0], child.code)) return [...trail]
  const last = trail[trail.length - 1]
  if (isLeaf(last) || child.level <= last.level || !withinScope(last, child.code)) return [...trail]
  return [...trail, child]
}

/** The breadcrumb after clicking its entry `index` (0 = the user's scope). */
export function drillUp(trail: readonly Place[], index: number): Place[] {
  if (index < 0) return trail.slice(0, 1)
  return trail.slice(0, Math.min(index + 1, trail.length))
}

// ---- Rankings ----

export interface RankingRow {
  code: string
  name: string
  value: number | null
  previous: number | null
  change: number | null
  target: number | null
  meets_target: boolean | null
  rank: number
  laggard: boolean
}

export interface RankingCsvLabels {
  rank: string
  code: string
  name: string
  value: string
  previous: string
  change: string
  target: string
  status: string
  met: string
  missed: string
}

/** The ranking table as CSV (UTF-8 with BOM, for Excel and WPS); missing numbers are empty cells. */
export function rankingCsv(rows: readonly RankingRow[], unit: string, labels: RankingCsvLabels): string {
  const u = unit ? `（${unit}）` : ''
  const header = [labels.rank, labels.code, labels.name, labels.value + u, labels.previous + u, labels.change, labels.target + u, labels.status]
  const body = rows.map((r) => [
    r.rank || '',
    r.code,
    r.name,
    r.value,
    r.previous,
    r.change,
    r.target,
    r.meets_target === null ? '' : r.meets_target ? labels.met : labels.missed,
  ])
  return toCsv(header, body)
}

/** Chart bars of a ranking: the value (0 for missing, drawn empty) and whether it is a laggard. */
export function rankingBars(rows: readonly RankingRow[]): { names: string[]; values: (number | null)[]; laggard: boolean[]; target: number | null } {
  const targets = rows.map((r) => r.target).filter((t): t is number => t !== null)
  // One mark line only when every child has the same target (it usually comes from the county).
  const same = targets.length > 0 && targets.length === rows.length && targets.every((t) => t === targets[0])
  return {
    names: rows.map((r) => r.name),
    values: rows.map((r) => r.value),
    laggard: rows.map((r) => r.laggard),
    target: same ? targets[0] : null,
  }
}

// ---- Custom indicators ----

/** An indicator id as the catalogue accepts: lower-case letters, digits and _, with a dot (custom.poor_rate). */
export function customIdOk(id: string): boolean {
  return id.length >= 3 && id.length <= 64 && id.includes('.') && /^[a-z0-9_.]+$/.test(id)
}

/** The character position a formula error names ("…第 12 个字符…" or "position 12"), or null. */
export function formulaErrorPosition(message: string): number | null {
  const m = /第\s*(\d+)\s*个?字符|position\s+(\d+)|位置\s*(\d+)/i.exec(message)
  if (!m) return null
  return Number(m[1] ?? m[2] ?? m[3])
}
