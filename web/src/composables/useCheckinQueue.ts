// The check-in queue of the logged-in user, bound to localStorage and the 'online' event.
import { onBeforeUnmount, onMounted, ref } from 'vue'
import { postCheckin, type CheckinBody, type CheckinResult } from '../api/cadres'
import type { ApiError } from '../api/client'
import { session } from '../session'
import { enqueue, flushQueue, queueKey, readQueue, type QueueStorage, type QueuedCheckin } from '../utils/checkinQueue'

const memory = new Map<string, string>()
/** localStorage, or memory when it is unavailable (private mode). */
function storage(): QueueStorage {
  try {
    if (globalThis.localStorage) return globalThis.localStorage
  } catch {
    // fall through
  }
  return {
    getItem: (k) => memory.get(k) ?? null,
    setItem: (k, v) => void memory.set(k, v),
    removeItem: (k) => void memory.delete(k),
  }
}

const LAST_KEY = (id: number | string) => `zhenxing.lastCheckin.${id}`

export interface LastCheckin {
  day: string
  within: boolean
  distance_m: number
  late: boolean
  at: number
}

export function readLastCheckin(): LastCheckin | null {
  const id = session.user?.id
  if (!id) return null
  try {
    return JSON.parse(storage().getItem(LAST_KEY(id)) ?? 'null') as LastCheckin | null
  } catch {
    return null
  }
}

function rememberLast(res: CheckinResult) {
  const id = session.user?.id
  if (!id) return
  const c = res.checkin
  const last: LastCheckin = {
    day: String(c.day ?? ''),
    within: !!c.within,
    distance_m: Number(c.distance_m ?? 0),
    late: !!c.late,
    at: Date.now(),
  }
  storage().setItem(LAST_KEY(id), JSON.stringify(last))
}

type Handlers = {
  onUploaded?: (res: CheckinResult, body: CheckinBody) => void
  onRejected?: (error: ApiError, body: CheckinBody) => void
}

// One queue state for all components of the page (the layout flushes, the check-in page shows it).
const items = ref<QueuedCheckin[]>([])
const flushing = ref(false)
const listeners = new Set<Handlers>()
let inflight: Promise<void> | null = null

const currentKey = () => queueKey(session.user?.id ?? 'anonymous')

function refresh() {
  items.value = readQueue(storage(), currentKey())
}

function add(body: CheckinBody) {
  items.value = enqueue(storage(), currentKey(), body)
}

/** Sends the queue (once at a time); answers go to every mounted listener. */
function flush(): Promise<void> {
  if (inflight) return inflight
  const key = currentKey()
  if (!readQueue(storage(), key).length) {
    refresh()
    return Promise.resolve()
  }
  flushing.value = true
  inflight = (async () => {
    try {
      const res = await flushQueue(storage(), key, postCheckin)
      for (const u of res.uploaded) {
        rememberLast(u.result)
        for (const l of listeners) l.onUploaded?.(u.result, u.body)
      }
      for (const r of res.rejected) for (const l of listeners) l.onRejected?.(r.error, r.body)
    } finally {
      flushing.value = false
      inflight = null
      refresh()
    }
  })()
  return inflight
}

/**
 * The check-in queue of the logged-in user. With `auto` (the phone layout) it is sent on mount and
 * whenever the browser comes back online.
 */
export function useCheckinQueue(handlers: Handlers = {}, options: { auto?: boolean } = {}) {
  refresh()
  const onOnline = () => void flush()
  onMounted(() => {
    listeners.add(handlers)
    if (options.auto) {
      window.addEventListener('online', onOnline)
      void flush()
    }
  })
  onBeforeUnmount(() => {
    listeners.delete(handlers)
    if (options.auto) window.removeEventListener('online', onOnline)
  })
  return { items, flushing, add, flush, refresh, rememberLast }
}
