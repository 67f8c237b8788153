import type { RegionLevel, RegionRef } from '../api/types'

export const LEVELS: RegionLevel[] = ['country', 'province', 'city', 'county', 'township', 'village']
export const COUNT_LEVELS = ['province', 'city', 'county', 'township', 'village'] as const
export type CountLevel = (typeof COUNT_LEVELS)[number]

export function levelIndex(level: string): number {
  return LEVELS.indexOf(level as RegionLevel)
}

/** The count levels strictly below a region's level (a county shows townships and villages). */
export function levelsBelow(level: string): CountLevel[] {
  const i = levelIndex(level)
  return COUNT_LEVELS.filter((l) => levelIndex(l) > i)
}

/** Villages are always leaves; other regions are leaves when they have no children. */
export function isLeafRegion(r: { level: string; child_count?: number }): boolean {
  return r.level === 'village' || r.child_count === 0
}

/**
 * Which chain entries the user may open: the scope and anything below it. `chain` is root first;
 * entries above the scope are shown as plain text.
 */
export function openableFrom(chain: RegionRef[], scopeCode: string): number {
  const i = chain.findIndex((c) => c.code === scopeCode)
  return i < 0 ? chain.length : i
}

/** Element Plus tag type for a level. */
export function levelTagType(level: string): 'primary' | 'success' | 'warning' | 'danger' | 'info' {
  switch (level) {
    case 'country':
    case 'province':
      return 'danger'
    case 'city':
      return 'warning'
    case 'county':
      return 'primary'
    case 'township':
      return 'success'
    default:
      return 'info'
  }
}
