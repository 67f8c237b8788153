// Spreadsheet import and export (XLSX or CSV) of the registries: template, preview, import,
// error report and export. Uploads send the file itself as the request body.
import { api, parseApiError } from './client'

export const IMPORT_KINDS = ['people', 'households', 'visits', 'collective_income', 'dispatches', 'training', 'village_cadres', 'reserve_cadres'] as const
export type ImportKind = (typeof IMPORT_KINDS)[number]
// What a kind's import needs (the server checks it again); the page offers only these kinds.
export const IMPORT_PERMISSION: Record<ImportKind, string> = {
  people: 'people.manage',
  households: 'household.manage',
  visits: 'visit.write',
  collective_income: 'economy.manage',
  dispatches: 'dispatch.manage',
  training: 'training.manage',
  village_cadres: 'villagecadre.manage',
  reserve_cadres: 'partyorg.manage',
}
export type ImportMode = 'all' | 'good'

export interface RowError {
  row: number
  column: string
  reason: string
}
export interface ImportSummary {
  rows: number
  inserted: number
  updated: number
  unchanged: number
  failed: number
  written: boolean
  errors: RowError[]
  extra_columns: string[]
  hidden_rows: number[]
}

async function upload(path: string, file: Blob, query: Record<string, string> = {}): Promise<Response> {
  const qs = new URLSearchParams(Object.entries(query).filter(([, v]) => v)).toString()
  const res = await fetch(`/api/v1${path}${qs ? '?' + qs : ''}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'X-CSRF-Token': api.getCsrfToken(), 'Content-Type': file.type || 'application/octet-stream' },
    body: file,
  })
  if (!res.ok) throw parseApiError(res.status, await res.text().catch(() => ''))
  return res
}

export async function previewImport(kind: ImportKind, file: Blob, sheet = ''): Promise<ImportSummary> {
  return (await upload(`/imports/${kind}/preview`, file, { sheet })).json()
}
export async function runImport(kind: ImportKind, file: Blob, mode: ImportMode, sheet = ''): Promise<ImportSummary> {
  return (await upload(`/imports/${kind}`, file, { mode, sheet })).json()
}
export async function errorReport(kind: ImportKind, file: Blob, sheet = ''): Promise<Blob> {
  return (await upload(`/imports/${kind}/error-report`, file, { sheet })).blob()
}

/** Same-origin download links (the session cookie goes along). */
export const templateUrl = (kind: ImportKind) => `/api/v1/imports/${kind}/template`
export function exportUrl(kind: ImportKind, format: 'xlsx' | 'csv', region?: string): string {
  const q = new URLSearchParams({ format })
  if (region) q.set('region', region)
  return `/api/v1/imports/${kind}/export?${q}`
}
