import { describe, expect, it } from 'vitest'
import { distinctPeople, incomeClassOf, incomeTotal, percent, rateText, rewardSheetProblems, sha256Hex } from './economy'

describe('economy helpers', () => {
  it('classes villages like the server', () => {
    expect(incomeClassOf(0)).toBe('none')
    expect(incomeClassOf(49999)).toBe('under_50k')
    expect(incomeClassOf(50000)).toBe('50k_100k')
    expect(incomeClassOf(100000)).toBe('100k_plus')
    expect(incomeClassOf(Number.NaN)).toBe('none')
  })
  it('adds the typed amounts', () => {
    expect(incomeTotal({ operating: 120000, contracting: 40000, investment: undefined, subsidy: null })).toBe(160000)
  })
  it('formats shares and rates', () => {
    expect(percent(0.5)).toBe('50.0%')
    expect(percent(null)).toBe('—')
    expect(rateText(1500)).toBe('15%')
    expect(rateText(1250)).toBe('12.5%')
  })
  it('flags a sheet over the pool or with fractions', () => {
    expect(rewardSheetProblems(28500, [6000, 5400, 4800, 4500, 4200, 3600])).toEqual([])
    expect(rewardSheetProblems(28499, [6000, 5400, 4800, 4500, 4200, 3600])).toEqual(['over_pool'])
    expect(rewardSheetProblems(100, [10.5])).toEqual(['not_whole_yuan'])
  })
  it('hashes evidence files', async () => {
    const bytes = new TextEncoder().encode('abc')
    expect(await sha256Hex(bytes.buffer as ArrayBuffer)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })
  it('keeps each person once', () => {
    expect(distinctPeople([{ person_id: 1 }, { person_id: 1 }, { person_id: 2 }]).map((p) => p.person_id)).toEqual([1, 2])
  })
})
