import { describe, expect, it } from 'vitest'
import { createApiClient } from '../api/client'
import type { CheckinBody, CheckinResult } from '../api/cadres'
import { enqueue, flushQueue, isRetryable, queueKey, readQueue, type QueueStorage } from './checkinQueue'

function fakeStorage(): QueueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>()
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  }
}

const body = (id: string, t = 1000): CheckinBody => ({
  client_id: id,
  person_id: 7,
  village_code: '610331100200',
  device_time: t,
  latitude: 34.06,
  longitude: 107.32,
  accuracy_m: 12,
})

type Answer = { status: number; json?: unknown } | 'network'

/** A fetch answering from a script, recording each request body. */
function fakeFetch(answers: Answer[]) {
  const sent: CheckinBody[] = []
  const fetch = (async (_url: string, init: RequestInit) => {
    sent.push(JSON.parse(String(init.body)) as CheckinBody)
    const a = answers.shift() ?? { status: 201, json: { checkin: { within: true, distance_m: 5 }, duplicate: false } }
    if (a === 'network') throw new TypeError('Failed to fetch')
    return new Response(a.json === undefined ? '' : JSON.stringify(a.json), { status: a.status })
  }) as unknown as typeof globalThis.fetch
  const client = createApiClient({ fetch })
  const send = (b: CheckinBody) => client.post<CheckinResult>('/checkins', b)
  return { sent, send }
}

const ok = (duplicate = false): Answer => ({ status: duplicate ? 200 : 201, json: { checkin: { within: true, distance_m: 3 }, duplicate } })

describe('check-in queue', () => {
  it('keys the queue per user', () => {
    expect(queueKey(3)).not.toBe(queueKey(4))
  })

  it('enqueues in order and ignores a repeated client_id', () => {
    const s = fakeStorage()
    const k = queueKey(1)
    enqueue(s, k, body('a'))
    enqueue(s, k, body('b'))
    enqueue(s, k, body('a', 5000))
    const q = readQueue(s, k)
    expect(q.map((x) => x.body.client_id)).toEqual(['a', 'b'])
    expect(q[0]!.body.device_time).toBe(1000)
  })

  it('survives garbage in storage', () => {
    const s = fakeStorage()
    s.setItem('k', '{not json')
    expect(readQueue(s, 'k')).toEqual([])
    s.setItem('k', '[1, null, {"body": {}}]')
    expect(readQueue(s, 'k')).toEqual([])
  })

  it('uploads in order with the original client_id and device_time and empties the queue', async () => {
    const s = fakeStorage()
    const k = queueKey(1)
    enqueue(s, k, body('a', 100))
    enqueue(s, k, body('b', 200))
    const { sent, send } = fakeFetch([ok(), ok(true)])
    const res = await flushQueue(s, k, send)
    expect(sent.map((b) => [b.client_id, b.device_time])).toEqual([
      ['a', 100],
      ['b', 200],
    ])
    expect(res.uploaded).toHaveLength(2)
    expect(res.uploaded[1]!.result.duplicate).toBe(true)
    expect(res.remaining).toEqual([])
    expect(s.data.has(k)).toBe(false)
  })

  it('drops a check-in the server refuses (4xx) and keeps its message', async () => {
    const s = fakeStorage()
    const k = queueKey(1)
    enqueue(s, k, body('old'))
    enqueue(s, k, body('new'))
    const { send } = fakeFetch([
      { status: 400, json: { error: { code: 'invalid_argument', message: 'device_time too old', field: 'device_time' } } },
      ok(),
    ])
    const res = await flushQueue(s, k, send)
    expect(res.rejected).toHaveLength(1)
    expect(res.rejected[0]!.error.message).toBe('device_time too old')
    expect(res.uploaded.map((u) => u.body.client_id)).toEqual(['new'])
    expect(readQueue(s, k)).toEqual([])
  })

  it('keeps everything from the first network error or 5xx on, in order', async () => {
    const s = fakeStorage()
    const k = queueKey(1)
    enqueue(s, k, body('a'))
    enqueue(s, k, body('b'))
    enqueue(s, k, body('c'))
    const first = fakeFetch([ok(), 'network'])
    const res = await flushQueue(s, k, first.send)
    expect(first.sent.map((b) => b.client_id)).toEqual(['a', 'b'])
    expect(res.remaining.map((q) => q.body.client_id)).toEqual(['b', 'c'])
    expect(readQueue(s, k).map((q) => q.body.client_id)).toEqual(['b', 'c'])

    const second = fakeFetch([{ status: 503, json: { error: { code: 'internal', message: 'busy' } } }])
    const res2 = await flushQueue(s, k, second.send)
    expect(res2.remaining).toHaveLength(2)
    expect(second.sent).toHaveLength(1)
  })

  it('tells retryable failures apart', () => {
    expect(isRetryable(new TypeError('x'))).toBe(true)
  })
})
