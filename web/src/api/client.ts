// A small fetch wrapper for the Zhenxing JSON API (/api/v1).
//
// - Errors come back as {"error":{"code","message","field?"}}; every failure is thrown as ApiError.
// - The session is an HttpOnly cookie the browser handles; requests go out with
//   credentials: 'same-origin'.
// - Every non-GET request carries X-CSRF-Token with the token from the login or /auth/me answer,
//   kept in memory only.
// - A 401 from any call except those marked `noAuthRedirect` (login, the first /auth/me) calls
//   onUnauthorized, which the app uses to go to /login.

export type ApiErrorCode =
  | 'invalid_argument'
  | 'unauthenticated'
  | 'permission_denied'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'locked'
  | 'too_many_requests'
  | 'internal'
  | 'network'
  | 'bad_response'
  | (string & {})

export class ApiError extends Error {
  readonly code: ApiErrorCode
  readonly status: number
  readonly field?: string

  constructor(code: ApiErrorCode, message: string, status: number, field?: string) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    this.status = status
    if (field) this.field = field
  }
}

const codeByStatus: Record<number, ApiErrorCode> = {
  400: 'invalid_argument',
  401: 'unauthenticated',
  403: 'permission_denied',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  423: 'locked',
  429: 'too_many_requests',
}

/** Builds the ApiError for a failed response from its status and (possibly non-JSON) body text. */
export function parseApiError(status: number, bodyText: string): ApiError {
  let code: ApiErrorCode = codeByStatus[status] ?? (status >= 500 ? 'internal' : 'bad_response')
  let message = ''
  let field: string | undefined
  if (bodyText) {
    try {
      const body = JSON.parse(bodyText) as unknown
      const err = (body as { error?: unknown } | null)?.error
      if (err && typeof err === 'object') {
        const e = err as Record<string, unknown>
        if (typeof e.code === 'string' && e.code) code = e.code
        if (typeof e.message === 'string') message = e.message
        if (typeof e.field === 'string' && e.field) field = e.field
      }
    } catch {
      // Not JSON (a proxy's HTML error page, say): keep the code derived from the status.
    }
  }
  return new ApiError(code, message, status, field)
}

export type Query = Record<string, string | number | boolean | undefined | null>

export interface RequestOptions {
  query?: Query
  body?: unknown
  /** Do not call onUnauthorized on a 401 (login itself, the session probe on page load). */
  noAuthRedirect?: boolean
  signal?: AbortSignal
}

export interface ClientOptions {
  fetch?: typeof fetch
  /** Prefix for every path, default '/api/v1'. */
  baseUrl?: string
  onUnauthorized?: (error: ApiError) => void
}

export interface ApiClient {
  request<T>(method: string, path: string, options?: RequestOptions): Promise<T>
  get<T>(path: string, options?: Omit<RequestOptions, 'body'>): Promise<T>
  post<T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>): Promise<T>
  setCsrfToken(token: string | null | undefined): void
  getCsrfToken(): string
  setOnUnauthorized(handler: ((error: ApiError) => void) | undefined): void
}

export function buildUrl(baseUrl: string, path: string, query?: Query): string {
  let url = baseUrl.replace(/\/+$/, '') + (path.startsWith('/') ? path : '/' + path)
  if (query) {
    const params = new URLSearchParams()
    for (const [k, v] of Object.entries(query)) {
      if (v === undefined || v === null || v === '') continue
      params.append(k, String(v))
    }
    const qs = params.toString()
    if (qs) url += (url.includes('?') ? '&' : '?') + qs
  }
  return url
}

export function createApiClient(options: ClientOptions = {}): ApiClient {
  const baseUrl = options.baseUrl ?? '/api/v1'
  let onUnauthorized = options.onUnauthorized
  let csrfToken = ''

  async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis)
    const m = method.toUpperCase()
    const headers: Record<string, string> = { Accept: 'application/json' }
    const init: RequestInit = { method: m, headers, credentials: 'same-origin', signal: opts.signal }
    if (m !== 'GET' && m !== 'HEAD') {
      if (csrfToken) headers['X-CSRF-Token'] = csrfToken
      if (opts.body !== undefined) {
        headers['Content-Type'] = 'application/json'
        init.body = JSON.stringify(opts.body)
      }
    }

    let res: Response
    try {
      res = await doFetch(buildUrl(baseUrl, path, opts.query), init)
    } catch (e) {
      if ((e as { name?: string })?.name === 'AbortError') throw e
      throw new ApiError('network', '', 0)
    }

    const text = res.status === 204 ? '' : await res.text().catch(() => '')
    if (!res.ok) {
      const err = parseApiError(res.status, text)
      if (res.status === 401 && !opts.noAuthRedirect) {
        csrfToken = ''
        onUnauthorized?.(err)
      }
      throw err
    }
    if (!text) return undefined as T
    try {
      return JSON.parse(text) as T
    } catch {
      throw new ApiError('bad_response', '', res.status)
    }
  }

  return {
    request,
    get: (path, o) => request('GET', path, o),
    post: (path, body, o) => request('POST', path, { ...o, body }),
    setCsrfToken(token) {
      csrfToken = token ?? ''
    },
    getCsrfToken: () => csrfToken,
    setOnUnauthorized(handler) {
      onUnauthorized = handler
    },
  }
}

/** The client the app uses. */
export const api = createApiClient()
