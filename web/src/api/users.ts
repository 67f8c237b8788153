import { api } from './client'
import type { Account, AccountCreate, AccountCreated, AccountPatch, Page, PersonalData, Role } from './types'

export function listRoles(): Promise<{ items: Role[] }> {
  return api.get<{ items: Role[] }>('/roles')
}

export interface UserQuery {
  q?: string
  role?: string
  region?: string
  page?: number
  page_size?: number
}

export function listUsers(query: UserQuery, signal?: AbortSignal): Promise<Page<Account>> {
  return api.get<Page<Account>>('/users', { query: { ...query }, signal })
}

export function getUser(id: number): Promise<Account> {
  return api.get<Account>(`/users/${id}`)
}

export function createUser(body: AccountCreate): Promise<AccountCreated> {
  return api.post<AccountCreated>('/users', body)
}

export function updateUser(id: number, body: AccountPatch): Promise<Account> {
  return api.request<Account>('PATCH', `/users/${id}`, { body })
}

export function resetPassword(id: number): Promise<{ initial_password: string }> {
  return api.post<{ initial_password: string }>(`/users/${id}/reset-password`)
}

export function unlockUser(id: number): Promise<Account> {
  return api.post<Account>(`/users/${id}/unlock`)
}

/** The clear phone and ID number. The server writes every call to the audit log. */
export function getPersonalData(id: number): Promise<PersonalData> {
  return api.get<PersonalData>(`/users/${id}/personal-data`)
}
