import { api } from './client'
import type { SessionInfo, SessionResponse } from './types'

export function login(username: string, password: string): Promise<SessionResponse> {
  return api.post<SessionResponse>('/auth/login', { username, password }, { noAuthRedirect: true })
}

/** The current session; a 401 means "not logged in" and is left to the caller. */
export function fetchMe(): Promise<SessionResponse> {
  return api.get<SessionResponse>('/auth/me', { noAuthRedirect: true })
}

export function logout(): Promise<void> {
  return api.post<void>('/auth/logout', undefined, { noAuthRedirect: true })
}

export function changePassword(oldPassword: string, newPassword: string): Promise<SessionResponse> {
  return api.post<SessionResponse>('/auth/password', {
    old_password: oldPassword,
    new_password: newPassword,
  })
}

export function listSessions(): Promise<{ items: SessionInfo[] }> {
  return api.get<{ items: SessionInfo[] }>('/auth/sessions')
}

export function revokeOtherSessions(): Promise<{ revoked: number }> {
  return api.post<{ revoked: number }>('/auth/sessions/revoke-others')
}

/** Ends every session of the user, this one included (the server clears the cookie). */
export function logoutAll(): Promise<void> {
  return api.post<void>('/auth/logout-all', undefined, { noAuthRedirect: true })
}
