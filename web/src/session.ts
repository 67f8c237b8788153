// The logged-in user and the CSRF token, in memory only. On page load the app asks /auth/me once.
import { reactive, readonly } from 'vue'
import { api, ApiError } from './api/client'
import * as auth from './api/auth'
import type { SessionResponse, User } from './api/types'

interface SessionState {
  user: User | null
  /** True once /auth/me has answered (with a user or a 401). */
  checked: boolean
}

const state = reactive<SessionState>({ user: null, checked: false })
let pending: Promise<User | null> | null = null

export const session = readonly(state)

export function applySession(res: SessionResponse): User {
  state.user = res.user
  state.checked = true
  api.setCsrfToken(res.csrf_token)
  return res.user
}

export function clearSession(): void {
  state.user = null
  state.checked = true
  api.setCsrfToken('')
  pending = null
}

/** Loads the session once; later calls return the user kept in memory. */
export function ensureSession(): Promise<User | null> {
  if (state.checked) return Promise.resolve(state.user)
  if (!pending) {
    pending = auth
      .fetchMe()
      .then((res) => applySession(res))
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 401) {
          clearSession()
          return null
        }
        // A network or server error: leave "checked" unset so the next navigation tries again.
        pending = null
        throw e
      })
  }
  return pending
}

export async function login(username: string, password: string): Promise<User> {
  return applySession(await auth.login(username, password))
}

export async function changePassword(oldPassword: string, newPassword: string): Promise<User> {
  return applySession(await auth.changePassword(oldPassword, newPassword))
}

export async function logout(): Promise<void> {
  try {
    await auth.logout()
  } finally {
    clearSession()
  }
}
