// Before/after comparison for audit entries: both objects are flattened to dotted key paths
// ("scope.code") and compared value by value. Arrays are compared whole (["a","b"]).

export type DiffStatus = 'same' | 'changed' | 'added' | 'removed'

export interface DiffRow {
  key: string
  status: DiffStatus
  /** The value before as text; undefined when the key was absent. */
  before?: string
  after?: string
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

/** A value as a line of JSON-like text (strings unquoted, so Chinese reads naturally). */
export function formatValue(v: unknown): string {
  if (v === undefined) return ''
  if (typeof v === 'string') return v
  return JSON.stringify(v)
}

/** Flattens nested objects to key paths, keeping the order keys appear in. */
export function flatten(value: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (isPlainObject(value)) {
    const entries = Object.entries(value)
    if (entries.length === 0 && prefix) out.set(prefix, {})
    for (const [k, v] of entries) flatten(v, prefix ? `${prefix}.${k}` : k, out)
  } else if (prefix) {
    out.set(prefix, value)
  } else if (value !== null && value !== undefined) {
    out.set('(value)', value) // A bare scalar or array at the top.
  }
  return out
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** Rows for every key in either object: before's keys first, then keys only in after. */
export function diffJson(before: unknown, after: unknown): DiffRow[] {
  const b = flatten(before)
  const a = flatten(after)
  const keys = [...b.keys(), ...[...a.keys()].filter((k) => !b.has(k))]
  return keys.map((key) => {
    const inB = b.has(key)
    const inA = a.has(key)
    const row: DiffRow = {
      key,
      status: !inB ? 'added' : !inA ? 'removed' : sameValue(b.get(key), a.get(key)) ? 'same' : 'changed',
    }
    if (inB) row.before = formatValue(b.get(key))
    if (inA) row.after = formatValue(a.get(key))
    return row
  })
}

/** Only the keys that differ ("added", "removed", "changed"). */
export function changedKeys(before: unknown, after: unknown): string[] {
  return diffJson(before, after)
    .filter((r) => r.status !== 'same')
    .map((r) => r.key)
}
