import { describe, expect, it } from 'vitest'
import { inScope, isStrictAncestor, lockButtons, lockStateTagType, periodOptions, signed } from './periods'
import type { LockState } from '../api/periods'

const county = { roles: ['org_admin'], permissions: ['period.read', 'period.submit', 'period.approve'], scope: { code: '610331000000', level: 'county' } }
const township = { roles: ['township_admin'], permissions: ['period.read', 'period.submit'], scope: { code: '610331100000', level: 'township' } }
const leader = { roles: ['leader'], permissions: ['period.read'], scope: { code: '610331000000', level: 'county' } }
const lock = (state: LockState, code = '610331100000', pending: number | null = null) =>
  ({ state, region: { code, name: '咀头镇', level: 'township' as const }, pending_unlock_request_id: pending })

describe('scope', () => {
  it('knows the subtree and strict ancestors', () => {
    expect(inScope('610331100200', county.scope)).toBe(true)
    expect(inScope('420323100000', county.scope)).toBe(false)
    expect(isStrictAncestor(county.scope, '610331100000')).toBe(true)
    expect(isStrictAncestor(county.scope, '610331000000')).toBe(false)
    expect(isStrictAncestor(township.scope, '610331100000')).toBe(false)
    expect(isStrictAncestor({ code: '000000000000', level: 'country' }, '420323000000')).toBe(true)
  })
})

describe('lock buttons', () => {
  it('lets only the level above decide', () => {
    expect(lockButtons(lock('submitted'), county)).toEqual(['approve', 'return'])
    expect(lockButtons(lock('submitted'), township)).toEqual([])
    expect(lockButtons(lock('submitted', '610331000000'), county)).toEqual([])  // a county never approves itself
    expect(lockButtons(lock('unlock_requested', '610331100000', 7), county)).toEqual(['approveUnlock', 'rejectUnlock'])
    expect(lockButtons(lock('unlock_requested', '610331100000', 7), township)).toEqual([])
  })
  it('lets the region ask for an unlock and submit again', () => {
    expect(lockButtons(lock('locked'), township)).toEqual(['requestUnlock'])
    expect(lockButtons(lock('unlocked'), township)).toEqual(['resubmit'])
    expect(lockButtons(lock('returned'), township)).toEqual(['resubmit'])
    expect(lockButtons(lock('locked'), leader)).toEqual([])
    expect(lockButtons(lock('locked'), null)).toEqual([])
  })
})

describe('presentation', () => {
  it('tags states', () => {
    expect(lockStateTagType('locked')).toBe('success')
    expect(lockStateTagType('returned')).toBe('danger')
    expect(lockStateTagType('submitted')).toBe('warning')
  })
  it('offers months, quarters and years newest first', () => {
    const o = periodOptions('2026-02-10', 3)
    expect(o).toEqual(['2026-02', '2026-01', '2025-12', '2026-Q1', '2025-Q4', '2025-Q3', '2025-Q2', '2026', '2025'])
  })
  it('signs differences', () => {
    expect(signed(1)).toBe('+1')
    expect(signed(-2)).toBe('-2')
    expect(signed(0)).toBe('0')
  })
})
