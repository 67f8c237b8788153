import { api } from './client'
import type { SessionResponse } from './types'

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
