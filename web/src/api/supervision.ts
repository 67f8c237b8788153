// Supervision (督查): groups, plans, inspections (明查/暗访), findings with follow-up and sign-off, interviews.
import { api } from './client'
import type { PlaceRef } from './cadres'
import type { Attachment } from './tasks'

export type Severity = 'minor' | 'major' | 'serious'
export type FindingStatus = 'open' | 'rectifying' | 'signed_off' | 'closed'
export interface GroupMember { name: string; role: 'leader' | 'member'; user_id: number | null; work_unit: string }
export interface InspectionGroup { id: number; region_code: string; name: string; year: number; members: GroupMember[] }
export interface Inspection {
  id: number
  group_id: number
  group_name: string
  region: PlaceRef
  kind: 'open' | 'unannounced'
  day: string
  notes: string
  findings: number
}
export interface Finding {
  id: number
  inspection_id: number
  region: PlaceRef
  owner_unit: string
  category: string
  severity: Severity
  description: string
  deadline: string
  status: FindingStatus
  repeat_count: number
  found_on: string
  signed_off_by: string | null
  signed_off_at: string | null
  closed_at: string | null
  inspection_kind: string
  group_name: string
  evidence_files: number
  overdue: boolean
  followups?: { at: string; text: string; by: string }[]
  attachments?: Attachment[]
}
export interface Interview { id: number; region: PlaceRef; interviewer: string; interviewee: string; day: string; reason: string; result: string }

export const listGroups = () => api.get<{ items: InspectionGroup[] }>('/inspection-groups')
export const createGroup = (body: { name: string; year: number; members: { name: string; role?: string; user_id?: number; work_unit?: string }[] }) =>
  api.post<{ id: number }>('/inspection-groups', body)
export const listInspections = () => api.get<{ items: Inspection[] }>('/inspections')
export const createInspection = (body: { group_id: number; region_code: string; kind: string; day: string; notes?: string }) =>
  api.post<{ id: number }>('/inspections', body)
export const listFindings = (status?: string) => api.get<{ items: Finding[] }>('/findings', { query: { status } })
export const getFinding = (id: number) => api.get<Finding>(`/findings/${id}`)
export const createFinding = (body: {
  inspection_id: number; category: string; severity: Severity; description: string; deadline: string; region_code?: string; owner_unit?: string
}) => api.post<Finding>('/findings', body)
export const addFollowup = (id: number, text: string) => api.post(`/findings/${id}/followups`, { text })
export const uploadFindingEvidence = (id: number, file_name: string, content_base64: string) =>
  api.post<Attachment>(`/findings/${id}/attachments`, { file_name, content_base64 })
export const signOff = (id: number, signer: string, note?: string) => api.post(`/findings/${id}/sign-off`, { signer, note })
export const closeFinding = (id: number, note: string) => api.post(`/findings/${id}/close`, { note })
export const listInterviews = () => api.get<{ items: Interview[] }>('/interviews')
export const createInterview = (body: { region_code: string; interviewer: string; interviewee: string; day: string; reason: string; result?: string }) =>
  api.post('/interviews', body)

// Responsibility lists (责任清单) and the command structure (指挥体系).
export type Rating = 'good' | 'fairly_good' | 'average' | 'poor'
export interface DutyList {
  id: number
  region: PlaceRef
  level: 'county' | 'township' | 'village'
  year: number
  secretary_name: string
  secretary_signed_on: string | null
  superior_name: string
  superior_signed_on: string | null
  year_end_report: string
  rating: Rating | null
  rated_on: string | null
  items: { id: number; content: string; progress_note: string }[]
}
export interface CommandUnit {
  id: number
  region: PlaceRef
  kind: 'county_command' | 'office' | 'thematic_group' | 'township_post' | 'village_post'
  name: string
  theme: string
  parent_id: number | null
  members: { name: string; role: string; title: string }[]
}
export interface LeaderArea { leader_name: string; title: string; regions: PlaceRef[] }

export const listDutyLists = (year: number, region?: string) => api.get<{ items: DutyList[] }>('/responsibility-lists', { query: { year, region } })
export const signDutyList = (id: number, side: 'secretary' | 'superior', name: string, day: string) =>
  api.post<DutyList>(`/responsibility-lists/${id}/sign`, { side, name, day })
export const rateDutyList = (id: number, report: string, rating: Rating, day: string) =>
  api.post<DutyList>(`/responsibility-lists/${id}/year-end`, { report, rating, day })
export const listCommandUnits = (kind?: string) => api.get<{ items: CommandUnit[] }>('/command-units', { query: { kind } })
export const listLeaderAreas = () => api.get<{ items: LeaderArea[] }>('/leader-areas')
