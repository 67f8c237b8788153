import { api } from './client'
import type { Page, Region, RegionChild, RegionSearchHit } from './types'

export function getRegion(code: string, signal?: AbortSignal): Promise<Region> {
  return api.get<Region>(`/regions/${encodeURIComponent(code)}`, { signal })
}

export function getChildren(
  code: string,
  page = 1,
  pageSize = 20,
  signal?: AbortSignal,
): Promise<Page<RegionChild>> {
  return api.get<Page<RegionChild>>(`/regions/${encodeURIComponent(code)}/children`, {
    query: { page, page_size: pageSize },
    signal,
  })
}

/** Every child of a region, fetched page by page (the server caps page_size). */
export async function getAllChildren(code: string, pageSize = 100, max = 20000): Promise<RegionChild[]> {
  const items: RegionChild[] = []
  for (let page = 1; ; page++) {
    const res = await getChildren(code, page, pageSize)
    items.push(...res.items)
    const size = res.page_size || pageSize
    if (res.items.length === 0 || items.length >= res.total || res.items.length < size || items.length >= max) break
  }
  return items
}

export function searchRegions(q: string, limit = 20): Promise<{ items: RegionSearchHit[] }> {
  return api.get<{ items: RegionSearchHit[] }>('/regions', { query: { q, limit } })
}
