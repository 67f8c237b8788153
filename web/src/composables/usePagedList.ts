import { ref, shallowRef } from 'vue'
import type { Page } from '../api/types'
import { errorMessage } from '../utils/errors'

type Translate = (key: string) => string

/**
 * A server-paginated list: rows, total, page and page size, loading and error state. Answers that
 * arrive after a newer request are dropped.
 */
export function usePagedList<T>(fetchPage: (page: number, pageSize: number) => Promise<Page<T>>, t: Translate, pageSize = 20) {
  const rows = shallowRef<T[]>([])
  const total = ref(0)
  const page = ref(1)
  const size = ref(pageSize)
  const loading = ref(false)
  const error = ref('')
  let seq = 0

  async function load() {
    const my = ++seq
    loading.value = true
    error.value = ''
    try {
      const res = await fetchPage(page.value, size.value)
      if (my !== seq) return
      rows.value = res.items
      total.value = res.total
    } catch (e) {
      if (my !== seq) return
      rows.value = []
      total.value = 0
      error.value = errorMessage(e, t)
    } finally {
      if (my === seq) loading.value = false
    }
  }

  /** Back to page 1 (after the filters changed). */
  function search() {
    page.value = 1
    return load()
  }

  function onPageChange(p: number) {
    page.value = p
    void load()
  }

  function onSizeChange(s: number) {
    size.value = s
    page.value = 1
    void load()
  }

  /** Replaces one row in place (after an edit). */
  function replaceRow(match: (row: T) => boolean, row: T) {
    rows.value = rows.value.map((r) => (match(r) ? row : r))
  }

  return { rows, total, page, pageSize: size, loading, error, load, search, onPageChange, onSizeChange, replaceRow }
}
