export type RegionLevel = 'country' | 'province' | 'city' | 'county' | 'township' | 'village'

export interface RegionRef {
  code: string
  name: string
  level: RegionLevel
}

export interface RegionCounts {
  province: number
  city: number
  county: number
  township: number
  village: number
}

export interface Region extends RegionRef {
  parent_code?: string | null
  /** Ancestors, root first, without the region itself. */
  chain: RegionRef[]
  counts: RegionCounts
  child_count: number
}

export interface RegionChild extends RegionRef {
  child_count: number
  counts: RegionCounts
}

export interface Page<T> {
  items: T[]
  total: number
  page: number
  page_size: number
}

export interface RegionSearchHit extends RegionRef {
  path: string
}

export interface User {
  id: number
  username: string
  display_name: string
  roles: string[]
  scope: RegionRef
  must_change_password: boolean
}

export interface SessionResponse {
  user: User
  csrf_token: string
}
