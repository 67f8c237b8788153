import { describe, expect, it } from 'vitest'
import { charClasses, checkPasswordStrength, strengthScore } from './password'

describe('checkPasswordStrength', () => {
  it('accepts 12+ characters with 3 classes', () => {
    expect(checkPasswordStrength('Abcdefghijk1').ok).toBe(true)
    expect(checkPasswordStrength('abcdefgh-123').ok).toBe(true)
    expect(checkPasswordStrength('Very-Strong-Pass-123').ok).toBe(true)
  })

  it('rejects short passwords', () => {
    const s = checkPasswordStrength('Ab1-Ab1-Ab1')
    expect(s.length).toBe(11)
    expect(s.tooShort).toBe(true)
    expect(s.ok).toBe(false)
  })

  it('rejects passwords with fewer than 3 classes', () => {
    const s = checkPasswordStrength('abcdefghijklmnop123')
    expect(s.classes).toEqual(['lower', 'digit'])
    expect(s.tooFewClasses).toBe(true)
    expect(s.ok).toBe(false)
    expect(checkPasswordStrength('ABCDEFGHIJKLMNOP').ok).toBe(false)
  })

  it('counts code points, not UTF-16 units', () => {
    expect(checkPasswordStrength('密码密码密码密码aB1').length).toBe(11)
    expect(checkPasswordStrength('😀😀😀😀😀😀aaBB11').length).toBe(12)
  })

  it('counts everything but ASCII letters and digits as a symbol, as the server does', () => {
    expect(charClasses('aA1!')).toEqual(['upper', 'lower', 'digit', 'symbol'])
    expect(charClasses('  ')).toEqual(['symbol'])
    expect(charClasses('中')).toEqual(['symbol'])
    expect(charClasses('ÄÖ')).toEqual(['symbol'])
  })

  it('refuses a password containing the user name, ignoring case', () => {
    const s = checkPasswordStrength('xxAdmin-2024-yy', 'admin')
    expect(s.containsUsername).toBe(true)
    expect(s.ok).toBe(false)
    expect(checkPasswordStrength('xxAdmin-2024-yy').ok).toBe(true)
    expect(checkPasswordStrength('Totally-Other-99', 'admin').ok).toBe(true)
  })
})

describe('strengthScore', () => {
  it('grades from empty to strong', () => {
    expect(strengthScore('')).toBe(0)
    expect(strengthScore('abc')).toBe(1)
    expect(strengthScore('abcdef12')).toBe(2)
    expect(strengthScore('Abcdefghijk1')).toBe(3)
    expect(strengthScore('Abcdefghijk1-xyz')).toBe(4)
  })
})
