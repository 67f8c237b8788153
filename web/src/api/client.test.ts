import { describe, expect, it, vi } from 'vitest'
import { ApiError, buildUrl, createApiClient, parseApiError } from './client'

interface Call {
  url: string
  init: RequestInit
}

function fakeFetch(status: number, body: unknown, calls: Call[] = []) {
  const fn = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} })
    const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body)
    return new Response(status === 204 ? null : text, {
      status,
      headers: { 'Content-Type': 'application/json' },
    })
  })
  return fn as unknown as typeof fetch
}

function headersOf(call: Call): Record<string, string> {
  return call.init.headers as Record<string, string>
}

describe('parseApiError', () => {
  it('reads code, message and field from the error body', () => {
    const e = parseApiError(
      400,
      JSON.stringify({ error: { code: 'invalid_argument', message: '代码格式不正确', field: 'code' } }),
    )
    expect(e).toBeInstanceOf(ApiError)
    expect(e.code).toBe('invalid_argument')
    expect(e.message).toBe('代码格式不正确')
    expect(e.field).toBe('code')
    expect(e.status).toBe(400)
  })

  it('leaves field undefined when absent', () => {
    const e = parseApiError(404, JSON.stringify({ error: { code: 'not_found', message: '区划不存在' } }))
    expect(e.field).toBeUndefined()
    expect(e.code).toBe('not_found')
  })

  it('falls back to a code derived from the status for a non-JSON body', () => {
    expect(parseApiError(502, '<html>Bad Gateway</html>').code).toBe('internal')
    expect(parseApiError(423, '').code).toBe('locked')
    expect(parseApiError(429, 'slow down').code).toBe('too_many_requests')
    expect(parseApiError(418, '').code).toBe('bad_response')
    expect(parseApiError(502, '').message).toBe('')
  })
})

describe('buildUrl', () => {
  it('joins the base and path and drops empty query values', () => {
    expect(buildUrl('/api/v1/', '/regions', { q: '太白', limit: 20, empty: '', none: undefined })).toBe(
      '/api/v1/regions?q=%E5%A4%AA%E7%99%BD&limit=20',
    )
    expect(buildUrl('/api/v1', 'auth/me')).toBe('/api/v1/auth/me')
  })
})

describe('createApiClient', () => {
  it('parses JSON on success and sends same-origin credentials', async () => {
    const calls: Call[] = []
    const client = createApiClient({ fetch: fakeFetch(200, { status: 'ok', n: 1 }, calls) })
    const res = await client.get<{ n: number }>('/regions/61', { query: { page: 1 } })
    expect(res.n).toBe(1)
    expect(calls[0].url).toBe('/api/v1/regions/61?page=1')
    expect(calls[0].init.method).toBe('GET')
    expect(calls[0].init.credentials).toBe('same-origin')
  })

  it('adds X-CSRF-Token on non-GET requests only', async () => {
    const calls: Call[] = []
    const client = createApiClient({ fetch: fakeFetch(200, {}, calls) })
    client.setCsrfToken('tok-123')
    await client.get('/auth/me')
    await client.post('/auth/password', { old_password: 'a', new_password: 'b' })
    await client.request('DELETE', '/things/1')
    expect(headersOf(calls[0])['X-CSRF-Token']).toBeUndefined()
    expect(headersOf(calls[1])['X-CSRF-Token']).toBe('tok-123')
    expect(headersOf(calls[1])['Content-Type']).toBe('application/json')
    expect(JSON.parse(String(calls[1].init.body))).toEqual({ old_password: 'a', new_password: 'b' })
    expect(headersOf(calls[2])['X-CSRF-Token']).toBe('tok-123')
    expect(calls[2].init.method).toBe('DELETE')
  })

  it('sends no CSRF header before a token is known', async () => {
    const calls: Call[] = []
    const client = createApiClient({ fetch: fakeFetch(200, {}, calls) })
    await client.post('/auth/login', { username: 'u', password: 'p' })
    expect(headersOf(calls[0])['X-CSRF-Token']).toBeUndefined()
  })

  it('throws ApiError with the server code, message and field', async () => {
    const client = createApiClient({
      fetch: fakeFetch(400, {
        error: { code: 'invalid_argument', message: '新密码强度不足', field: 'new_password' },
      }),
    })
    const err = await client.post('/auth/password', {}).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ code: 'invalid_argument', message: '新密码强度不足', field: 'new_password', status: 400 })
  })

  it('calls onUnauthorized on 401 and forgets the CSRF token', async () => {
    const onUnauthorized = vi.fn()
    const client = createApiClient({
      fetch: fakeFetch(401, { error: { code: 'unauthenticated', message: '请先登录' } }),
      onUnauthorized,
    })
    client.setCsrfToken('tok')
    await expect(client.get('/regions/61')).rejects.toMatchObject({ code: 'unauthenticated', status: 401 })
    expect(onUnauthorized).toHaveBeenCalledTimes(1)
    expect(onUnauthorized.mock.calls[0][0]).toBeInstanceOf(ApiError)
    expect(client.getCsrfToken()).toBe('')
  })

  it('does not call onUnauthorized for calls marked noAuthRedirect (login)', async () => {
    const onUnauthorized = vi.fn()
    const client = createApiClient({
      fetch: fakeFetch(401, { error: { code: 'unauthenticated', message: '用户名或密码错误' } }),
      onUnauthorized,
    })
    await expect(
      client.post('/auth/login', { username: 'a', password: 'b' }, { noAuthRedirect: true }),
    ).rejects.toMatchObject({ message: '用户名或密码错误' })
    expect(onUnauthorized).not.toHaveBeenCalled()
  })

  it('does not call onUnauthorized for other errors', async () => {
    const onUnauthorized = vi.fn()
    const client = createApiClient({
      fetch: fakeFetch(423, { error: { code: 'locked', message: '账号已锁定至 10:30' } }),
      onUnauthorized,
    })
    await expect(client.post('/auth/login', {})).rejects.toMatchObject({ code: 'locked', status: 423 })
    expect(onUnauthorized).not.toHaveBeenCalled()
  })

  it('returns undefined for 204 No Content', async () => {
    const client = createApiClient({ fetch: fakeFetch(204, undefined) })
    await expect(client.post('/auth/logout')).resolves.toBeUndefined()
  })

  it('turns a network failure into ApiError code "network"', async () => {
    const failing = (async () => {
      throw new TypeError('Failed to fetch')
    }) as unknown as typeof fetch
    const client = createApiClient({ fetch: failing })
    await expect(client.get('/healthz')).rejects.toMatchObject({ code: 'network', status: 0 })
  })

  it('reports a malformed success body as bad_response', async () => {
    const client = createApiClient({ fetch: fakeFetch(200, 'not json') })
    await expect(client.get('/regions')).rejects.toMatchObject({ code: 'bad_response' })
  })
})
