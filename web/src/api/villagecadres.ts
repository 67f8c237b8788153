// Village two committees (村两委) and their training.
import { api } from './client'
import type { PlaceRef } from './cadres'

export const VILLAGE_POSTS = ['secretary', 'director', 'deputy_secretary', 'branch_member', 'committee_member', 'supervisor', 'supervisor_member'] as const
export type VillagePost = (typeof VILLAGE_POSTS)[number]
export const SECRETARY_RATINGS = ['excellent', 'competent', 'basic', 'incompetent'] as const
export type SecretaryRating = (typeof SECRETARY_RATINGS)[number]
export const TRAINING_LEVELS = ['central', 'provincial', 'city', 'county', 'township'] as const
export type TrainingLevel = (typeof TRAINING_LEVELS)[number]

export interface VillagePostRow {
  id: number
  village: PlaceRef
  township: PlaceRef
  person_id: number
  name: string
  sex: string
  age: number | null
  education: string
  post: VillagePost
  post_title: string
  term_start: string
  term_end: string | null
  end_reason: string
  yijiantiao: boolean
}

export interface CadreStatsRow {
  code: string
  name: string
  villages: number
  secretaries: number
  yijiantiao: number
  yijiantiao_share: number
  cadres: number
  average_age: number | null
  education: Record<string, number>
}

export interface RatingRow {
  village: PlaceRef
  township: PlaceRef
  person_id: number
  name: string
  rating: SecretaryRating | null
  rating_title: string
  comment: string
}

export interface TrainingClass {
  id: number
  region: PlaceRef
  level: TrainingLevel
  level_title: string
  organizer: string
  title: string
  topic: string
  start_day: string
  end_day: string
  hours: number
  trainees: number
  attended: number
}

export interface Trainee {
  person_id: number
  name: string
  region: PlaceRef
  attendance: 'enrolled' | 'attended' | 'absent'
  certificate_no: string
}

export interface CoverageRow {
  key: string
  name: string
  cadres: number
  trained: number
  share: number
}

export interface Coverage {
  year: number
  total: CoverageRow
  by_post: CoverageRow[]
  by_region: CoverageRow[]
  secretaries: number
  secretaries_trained_by_city: number
  secretaries_city_share: number
  untrained: { person_id: number; name: string; post: string; post_title: string; village: PlaceRef; township: PlaceRef }[]
}

export const listPosts = (region?: string, opts: { history?: boolean; post?: string } = {}) =>
  api.get<{ items: VillagePostRow[]; yijiantiao_villages: number }>('/village-posts', {
    query: { region, history: opts.history ? 1 : undefined, post: opts.post },
  })
export const createPost = (body: { village_code: string; person_id: number; post: string; term_start: string }) =>
  api.post<{ id: number }>('/village-posts', body)
export const replacePost = (id: number, body: { day: string; reason: string; person_id?: number }) =>
  api.post<unknown>(`/village-posts/${id}/replacement`, body)
export const cadreStats = (region?: string) => api.get<{ rows: CadreStatsRow[]; total: CadreStatsRow }>('/village-cadres/stats', { query: { region } })
export const listRatings = (year: number, region?: string) =>
  api.get<{ year: number; items: RatingRow[]; counts: Record<string, number> }>('/secretary-ratings', { query: { year, region } })
export const rateSecretary = (body: { village_code: string; person_id: number; year: number; rating: string; comment?: string }) =>
  api.post<unknown>('/secretary-ratings', body)

export const listClasses = (year: number, region?: string) => api.get<{ items: TrainingClass[] }>('/training-classes', { query: { year, region } })
export const createClass = (body: Omit<TrainingClass, 'id' | 'region' | 'level_title' | 'trainees' | 'attended'> & { region_code: string }) =>
  api.post<{ id: number }>('/training-classes', body)
export const listTrainees = (id: number) => api.get<{ items: Trainee[] }>(`/training-classes/${id}/trainees`)
export const enrol = (id: number, personIds: number[]) =>
  api.post<{ added: number }>(`/training-classes/${id}/trainees`, { trainees: personIds.map((person_id) => ({ person_id })) })
export const markAttendance = (id: number, items: { person_id: number; attendance: 'attended' | 'absent' }[]) =>
  api.request<unknown>('PUT', `/training-classes/${id}/attendance`, { body: { items } })
export const trainingCoverage = (year: number, region?: string) => api.get<Coverage>('/training/coverage', { query: { year, region } })
export const certificatesUrl = (year: number, region?: string, format: 'xlsx' | 'csv' = 'xlsx') =>
  `/api/v1/training/certificates.xlsx?year=${year}${region ? `&region=${region}` : ''}${format === 'csv' ? '&format=csv' : ''}`

export interface Election {
  id: number
  village: PlaceRef
  day: string
  term_start: string
  term_end: string
  note: string
}
export const listElections = (region?: string) => api.get<{ items: Election[] }>('/village-elections', { query: { region } })
export const createElection = (body: { village_code: string; day: string; term_start: string; term_end: string; note?: string }) =>
  api.post<{ id: number }>('/village-elections', body)
