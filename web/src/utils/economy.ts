// Pure helpers of the village cadre and collective economy pages.
import type { IncomeClass, IncomeItem } from '../api/economy'

/** The class of a village by its yearly total, as the server decides it (for the entry dialog's preview). */
export function incomeClassOf(total: number): IncomeClass {
  if (!(total > 0)) return 'none'
  if (total < 50000) return 'under_50k'
  if (total < 100000) return '50k_100k'
  return '100k_plus'
}

/** The total of the amounts typed in, ignoring empty fields. */
export function incomeTotal(items: Partial<Record<IncomeItem, number | null | undefined>>): number {
  return Object.values(items).reduce<number>((s, v) => s + (typeof v === 'number' && Number.isFinite(v) ? v : 0), 0)
}

/** 0.3456 → "34.6%". */
export function percent(share: number | null | undefined, digits = 1): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—'
  return `${(share * 100).toFixed(digits)}%`
}

/** Basis points → "15%" / "12.5%". */
export function rateText(bp: number): string {
  const p = bp / 100
  return `${Number.isInteger(p) ? p : p.toFixed(2).replace(/0+$/, '')}%`
}

/** Checks a reward sheet the way the payment office would: never more than the pool, whole yuan. */
export function rewardSheetProblems(pool: number, amounts: readonly number[]): string[] {
  const out: string[] = []
  const sum = amounts.reduce((s, a) => s + a, 0)
  if (sum > pool) out.push('over_pool')
  if (amounts.some((a) => !Number.isInteger(a) || a < 0)) out.push('not_whole_yuan')
  return out
}

/** Hex SHA-256 of a file's bytes (evidence attached to an income entry). */
export async function sha256Hex(data: ArrayBuffer): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', data)
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/** People of a village's cadre list, once each (a 一肩挑 secretary holds two posts). */
export function distinctPeople<T extends { person_id: number }>(rows: readonly T[]): T[] {
  const seen = new Set<number>()
  return rows.filter((r) => (seen.has(r.person_id) ? false : (seen.add(r.person_id), true)))
}
