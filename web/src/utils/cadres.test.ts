import { describe, expect, it } from 'vitest'
import { dispatchStatusTagType, fromIdNumber, leaveTagType, nextStatuses, statusNeedsReason } from './cadres'

describe('cadre helpers', () => {
  it('colours statuses', () => {
    expect(dispatchStatusTagType('in_post')).toBe('success')
    expect(dispatchStatusTagType('recalled')).toBe('danger')
    expect(leaveTagType('approved')).toBe('success')
    expect(leaveTagType('township_approved')).toBe('warning')
    expect(leaveTagType('cancelled')).toBe('info')
  })

  it('moves only dispatches in post, recalls with a reason', () => {
    expect(nextStatuses('in_post')).toEqual(['rotated', 'recalled', 'term_ended'])
    expect(nextStatuses('recalled')).toEqual([])
    expect(statusNeedsReason('recalled')).toBe(true)
    expect(statusNeedsReason('rotated')).toBe(false)
  })

  it('reads birth date and sex from an ID number', () => {
    expect(fromIdNumber('110101199003074514')).toEqual({ birth_date: '1990-03-07', sex: 'M' })
    expect(fromIdNumber('11010519491231002X')).toEqual({ birth_date: '1949-12-31', sex: 'F' })
    expect(fromIdNumber('110101199002304514')).toBeNull()
    expect(fromIdNumber('12345')).toBeNull()
  })
})
