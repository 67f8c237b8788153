import { describe, expect, it } from 'vitest'
import { usePagedList } from './usePagedList'
import { ApiError } from '../api/client'
import type { Page } from '../api/types'

const t = (k: string) => k

function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('usePagedList', () => {
  it('loads a page and keeps page and size', async () => {
    const calls: [number, number][] = []
    const list = usePagedList<number>(async (page, size) => {
      calls.push([page, size])
      return { items: [page], total: 41, page, page_size: size }
    }, t)
    await list.load()
    expect(list.rows.value).toEqual([1])
    expect(list.total.value).toBe(41)
    list.onPageChange(3)
    list.onSizeChange(50)
    await Promise.resolve()
    await list.load()
    expect(calls).toEqual([
      [1, 20],
      [3, 20],
      [1, 50],
      [1, 50],
    ])
  })

  it('drops an answer that arrives after a newer request', async () => {
    const pending = [deferred<Page<string>>(), deferred<Page<string>>()]
    let i = 0
    const list = usePagedList<string>(() => pending[i++].promise, t)
    const first = list.load()
    const second = list.search()
    pending[1].resolve({ items: ['new'], total: 1, page: 1, page_size: 20 })
    await second
    pending[0].resolve({ items: ['old'], total: 1, page: 1, page_size: 20 })
    await first
    expect(list.rows.value).toEqual(['new'])
    expect(list.loading.value).toBe(false)
  })

  it('shows the error and empties the table', async () => {
    let fail = false
    const list = usePagedList<number>(async () => {
      if (fail) throw new ApiError('permission_denied', '', 403)
      return { items: [1, 2], total: 2, page: 1, page_size: 20 }
    }, t)
    await list.load()
    fail = true
    await list.load()
    expect(list.rows.value).toEqual([])
    expect(list.total.value).toBe(0)
    expect(list.error.value).toBe('errors.permission_denied')
  })

  it('replaces one row in place', async () => {
    const list = usePagedList<{ id: number; v: string }>(async () => ({
      items: [
        { id: 1, v: 'a' },
        { id: 2, v: 'b' },
      ],
      total: 2,
      page: 1,
      page_size: 20,
    }), t)
    await list.load()
    list.replaceRow((r) => r.id === 2, { id: 2, v: 'B' })
    expect(list.rows.value.map((r) => r.v)).toEqual(['a', 'B'])
  })
})
