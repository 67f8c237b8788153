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
  /** Permissions the user's roles grant (e.g. "people.read"). */
  permissions?: string[]
  /** The person-register entry of a stationed cadre. */
  person_id?: number | null
}

export interface SessionResponse {
  user: User
  csrf_token: string
}

// ---- Accounts and security ----

export interface Role {
  name: string
  /** Display name from the server (Chinese). */
  title: string
  /** The caller may give this role to others. */
  grantable: boolean
}

/** A user account as the user administration pages see it (personal data masked). */
export interface Account {
  id: number
  username: string
  display_name: string
  roles: string[]
  scope: RegionRef
  /** Masked, e.g. "138****1234". */
  phone: string | null
  /** Masked, e.g. "6103**********1234". */
  id_number: string | null
  /** "legacy15" for an old 15-digit number. */
  id_number_flag: string | null
  disabled: boolean
  locked: boolean
  /** Unix seconds; 0 when not locked. */
  locked_until: number
  must_change_password: boolean
  created_at: string
}

export interface AccountCreate {
  username: string
  display_name: string
  scope_code: string
  roles: string[]
  phone?: string
  id_number?: string
  password?: string
}

export interface AccountCreated {
  user: Account
  /** Only when the server generated the password. */
  initial_password: string | null
}

export interface AccountPatch {
  display_name?: string
  roles?: string[]
  scope_code?: string
  phone?: string | null
  id_number?: string | null
  disabled?: boolean
}

export interface PersonalData {
  phone: string | null
  id_number: string | null
}

export type AuditAction =
  | 'create'
  | 'update'
  | 'delete'
  | 'unmask'
  | 'reset_password'
  | 'unlock'
  | 'login'
  | 'logout'
  | (string & {})

export interface AuditEntry {
  id: number
  at: string
  user_id: number | null
  username: string | null
  remote_addr: string | null
  request_id: string | null
  action: AuditAction
  entity: string
  record_id: string | null
  region_code: string | null
  region_name: string | null
  before: unknown
  after: unknown
}

export interface AuditVerify {
  ok: boolean
  rows: number
  first_broken: { id: number; reason: string } | null
}

export type LoginOutcome = 'ok' | 'bad_password' | 'unknown_user' | 'locked' | 'locked_now' | 'disabled' | (string & {})

export interface LoginAttempt {
  id: number
  at: string
  username: string
  remote_addr: string | null
  outcome: LoginOutcome
}

export interface SessionInfo {
  id: string
  created_at: string
  last_seen: string
  remote_addr: string | null
  user_agent: string | null
  current: boolean
}
