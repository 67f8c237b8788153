import { ApiError } from '../api/client'

type Translate = (key: string) => string

/** The text to show for a failed call: the server's own message first, then a generic one. */
export function errorMessage(e: unknown, t: Translate): string {
  if (e instanceof ApiError) {
    if (e.message) return e.message
    if (e.code === 'network') return t('errors.network')
    const known = ['unauthenticated', 'permission_denied', 'not_found', 'too_many_requests', 'internal']
    if (known.includes(e.code)) return t(`errors.${e.code}`)
    return t('errors.generic')
  }
  return t('errors.generic')
}
