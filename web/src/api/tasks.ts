// Tasks handed down the tree (任务交办): issue, track completion, receive, report, pass down, close.
import { api } from './client'
import type { PlaceRef } from './cadres'

export type FieldType = 'text' | 'number' | 'date'
export interface FormField {
  name: string
  label: string
  type: FieldType
  required: boolean
  /** The platform has the figure (e.g. presence.compliance_rate): nobody is asked for it. */
  indicator?: string
}
export type ReceiverStatus = 'pending' | 'in_progress' | 'done'
export type Answers = Record<string, string | number | null>

export interface Summary {
  total: number
  done: number
  in_progress: number
  pending: number
  overdue: number
}
export interface ReceiverRow {
  id: number
  task_id: number
  depth: number
  parent_receiver_id: number | null
  region: PlaceRef
  status: ReceiverStatus
  deadline: string
  overdue: boolean
  escalated: boolean
  passed_down: boolean
  last_report_at: string | null
  closed_at: string | null
  answers: Answers
}
export interface TaskDetail {
  id: number
  root_task_id: number
  parent_receiver_id: number | null
  issuer: PlaceRef & { unit: string }
  title: string
  content: string
  deadline: string
  evidence_required: string
  form: FormField[]
  period: string | null
  created_at: string
  summary: Summary
  receivers: ReceiverRow[]
}
export interface TaskListItem {
  id: number
  title: string
  issuer: PlaceRef & { unit: string }
  deadline: string
  created_at: string
  passed_down_from: number | null
  period: string | null
  summary: Summary
}
export interface ReceivedItem {
  id: number
  task_id: number
  region: PlaceRef
  status: ReceiverStatus
  title: string
  issuer: { code: string; unit: string }
  deadline: string
  overdue: boolean
  passed_down: boolean
}
export interface Attachment {
  id: number
  file_name: string
  content_type: string
  size_bytes: number
  created_at: string
}
export interface ReceivedDetail {
  id: number
  task: Omit<TaskDetail, 'summary' | 'receivers'>
  region: PlaceRef
  status: ReceiverStatus
  overdue: boolean
  passed_down: boolean
  answers: Answers
  reports: { id: number; at: string; text: string; answers: Answers; by: string }[]
  attachments: Attachment[]
  passed_down_tasks: TaskDetail[]
  can_act: boolean
}
export interface NewTask {
  title: string
  content: string
  deadline: string
  evidence_required?: string
  form?: FormField[]
  receivers: (string | { region_code: string; user_id?: number })[]
}

export const listIssued = (mine: boolean, q?: string) =>
  api.get<{ items: TaskListItem[] }>('/tasks', { query: { mine: mine ? 1 : undefined, q } })
export const getTask = (id: number) => api.get<TaskDetail>(`/tasks/${id}`)
export const issueTask = (body: NewTask) => api.post<TaskDetail>('/tasks', body)
export const listReceived = (status?: string) => api.get<{ items: ReceivedItem[] }>('/task-receivers', { query: { status } })
export const getReceived = (id: number) => api.get<ReceivedDetail>(`/task-receivers/${id}`)
export const reportProgress = (id: number, text: string, answers: Answers) =>
  api.post(`/task-receivers/${id}/reports`, { text, answers })
export const passDown = (id: number, body: { deadline: string; receivers: string[]; content?: string }) =>
  api.post<TaskDetail>(`/task-receivers/${id}/pass-down`, body)
export const uploadEvidence = (id: number, file_name: string, content_base64: string) =>
  api.post<Attachment>(`/task-receivers/${id}/attachments`, { file_name, content_base64 })
export const closeReceived = (id: number, note: string) => api.post(`/task-receivers/${id}/close`, { note })
export const runTaskJobs = () => api.post<{ escalated: number; opened: number }>('/task-jobs/run', {})
export const attachmentUrl = (id: number) => `/api/v1/attachments/${id}`

// Cycles (周调度、月通报、季督查) and notifications.
export type Frequency = 'weekly' | 'monthly' | 'quarterly'
export interface Cycle {
  id: number
  issuer: { code: string; unit: string }
  frequency: Frequency
  title: string
  receivers: string[]
  due_days: number
  starts_on: string
  active: boolean
  periods_opened: number
  last_period: string | null
}
export interface Notice { id: number; kind: string; ref_id: number | null; message: string; created_at: string }
export const listCycles = () => api.get<{ items: Cycle[] }>('/task-cycles')
export const createCycle = (body: { frequency: Frequency; title: string; content: string; due_days: number; receivers: string[] }) =>
  api.post<Cycle>('/task-cycles', body)
export const listNotifications = () => api.get<{ items: Notice[] }>('/notifications')
