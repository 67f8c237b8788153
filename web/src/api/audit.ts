import { api } from './client'
import type { AuditEntry, AuditVerify, LoginAttempt, Page } from './types'

export interface AuditQuery {
  user?: string
  entity?: string
  record?: string
  region?: string
  /** YYYY-MM-DD, inclusive. */
  from?: string
  to?: string
  page?: number
  page_size?: number
}

export function listAudit(query: AuditQuery, signal?: AbortSignal): Promise<Page<AuditEntry>> {
  return api.get<Page<AuditEntry>>('/audit', { query: { ...query }, signal })
}

export function verifyAudit(): Promise<AuditVerify> {
  return api.get<AuditVerify>('/audit/verify')
}

export interface LoginLogQuery {
  username?: string
  outcome?: string
  from?: string
  to?: string
  page?: number
  page_size?: number
}

export function listLoginLog(query: LoginLogQuery, signal?: AbortSignal): Promise<Page<LoginAttempt>> {
  return api.get<Page<LoginAttempt>>('/login-log', { query: { ...query }, signal })
}
