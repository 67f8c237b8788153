// Generated reports (报表中心): the kinds, one report as JSON for the printable page, and the
// download addresses of its XLSX and DOCX renderings.
import { api } from './client'

export const REPORT_KINDS = ['weekly-dispatch', 'monthly-bulletin', 'quarterly-inspection', 'year-end'] as const
export type ReportKindId = (typeof REPORT_KINDS)[number]
export type ReportFormat = 'json' | 'xlsx' | 'docx'

export interface ReportKind {
  kind: ReportKindId
  title: string
  title_en: string
  period_kind: 'week' | 'month' | 'quarter' | 'year'
  default_period: string
}
export interface ReportCell {
  text: string
  value: number | null
  warn?: boolean
}
export interface ReportTable {
  caption: string
  headers: string[]
  rows: ReportCell[][]
}
export interface ReportSection {
  heading: string
  paragraphs: string[]
  tables: ReportTable[]
}
export interface Report {
  kind: ReportKindId
  title: string
  region: { code: string; name: string }
  period: { label: string; kind: string; from: string; to: string }
  generated_at: string
  sections: ReportSection[]
}

export const listReportKinds = () => api.get<{ items: ReportKind[] }>('/reports')
export const getReport = (kind: ReportKindId, region?: string, period?: string) =>
  api.get<Report>(`/reports/${kind}`, { query: { region, period } })
export { reportUrl } from '../utils/reports'
