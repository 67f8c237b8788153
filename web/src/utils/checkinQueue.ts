// The phone's check-in queue: check-ins that could not reach the server (offline, network error,
// 5xx) wait in localStorage, one list per user, and are sent again later in their original order
// with their original client_id and device_time, so a retry never counts twice.
import { ApiError } from '../api/client'
import type { CheckinBody, CheckinResult } from '../api/cadres'

export interface QueueStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

export interface QueuedCheckin {
  body: CheckinBody
  /** When it was queued (ms since the epoch). */
  queued_at: number
}

export function queueKey(userId: number | string): string {
  return `zhenxing.checkinQueue.${userId}`
}

export function readQueue(storage: QueueStorage, key: string): QueuedCheckin[] {
  try {
    const v = JSON.parse(storage.getItem(key) ?? '[]') as unknown
    return Array.isArray(v) ? v.filter((x): x is QueuedCheckin => !!x && typeof x === 'object' && !!(x as QueuedCheckin).body?.client_id) : []
  } catch {
    return []
  }
}

function writeQueue(storage: QueueStorage, key: string, items: QueuedCheckin[]): void {
  if (items.length) storage.setItem(key, JSON.stringify(items))
  else storage.removeItem(key)
}

/** Adds a check-in at the end; one already queued with the same client_id is not added again. */
export function enqueue(storage: QueueStorage, key: string, body: CheckinBody, now = Date.now()): QueuedCheckin[] {
  const items = readQueue(storage, key)
  if (!items.some((q) => q.body.client_id === body.client_id)) items.push({ body, queued_at: now })
  writeQueue(storage, key, items)
  return items
}

/** True for failures worth retrying later: no connection, or the server failing (5xx). */
export function isRetryable(e: unknown): boolean {
  if (e instanceof ApiError) return e.code === 'network' || e.status === 0 || e.status >= 500
  return true
}

export interface FlushResult {
  uploaded: { body: CheckinBody; result: CheckinResult }[]
  /** Refused by the server (4xx): dropped from the queue, with the server's message. */
  rejected: { body: CheckinBody; error: ApiError }[]
  /** Still waiting (the first retryable failure stops the run to keep the order). */
  remaining: QueuedCheckin[]
}

/** Sends the queued check-ins in order. The queue in storage is updated after each answer. */
export async function flushQueue(
  storage: QueueStorage,
  key: string,
  send: (body: CheckinBody) => Promise<CheckinResult>,
): Promise<FlushResult> {
  const out: FlushResult = { uploaded: [], rejected: [], remaining: [] }
  let items = readQueue(storage, key)
  while (items.length) {
    const head = items[0]!
    try {
      const result = await send(head.body)
      out.uploaded.push({ body: head.body, result })
    } catch (e) {
      if (isRetryable(e)) break
      out.rejected.push({ body: head.body, error: e as ApiError })
    }
    // Re-read: another tab (or enqueue during the await) may have changed the queue.
    items = readQueue(storage, key).filter((q) => q.body.client_id !== head.body.client_id)
    writeQueue(storage, key, items)
  }
  out.remaining = items
  return out
}
