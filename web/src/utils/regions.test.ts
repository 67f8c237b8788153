import { describe, expect, it } from 'vitest'
import { isLeafRegion, levelsBelow, openableFrom } from './regions'

describe('region helpers', () => {
  it('lists the count levels below a level', () => {
    expect(levelsBelow('country')).toEqual(['province', 'city', 'county', 'township', 'village'])
    expect(levelsBelow('county')).toEqual(['township', 'village'])
    expect(levelsBelow('village')).toEqual([])
  })

  it('treats villages and childless regions as leaves', () => {
    expect(isLeafRegion({ level: 'village' })).toBe(true)
    expect(isLeafRegion({ level: 'township', child_count: 0 })).toBe(true)
    expect(isLeafRegion({ level: 'township', child_count: 8 })).toBe(false)
    expect(isLeafRegion({ level: 'county' })).toBe(false)
  })

  it('finds the first openable chain entry from the scope', () => {
    const chain = [
      { code: '000000000000', name: '全国', level: 'country' as const },
      { code: '610000000000', name: '陕西省', level: 'province' as const },
      { code: '610300000000', name: '宝鸡市', level: 'city' as const },
    ]
    expect(openableFrom(chain, '000000000000')).toBe(0)
    expect(openableFrom(chain, '610300000000')).toBe(2)
    // The scope is the region itself (not in its own chain): nothing above is openable.
    expect(openableFrom(chain, '610331000000')).toBe(3)
  })
})
