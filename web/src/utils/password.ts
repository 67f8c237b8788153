// Client-side password policy check. The server is authoritative; this only spares a round trip.
export const PASSWORD_MIN_LENGTH = 12
export const PASSWORD_MIN_CLASSES = 3

export type CharClass = 'upper' | 'lower' | 'digit' | 'symbol'

export interface PasswordStrength {
  ok: boolean
  /** Length in Unicode code points. */
  length: number
  classes: CharClass[]
  tooShort: boolean
  tooFewClasses: boolean
  /** The password contains the user name (case-insensitive), which the server refuses. */
  containsUsername: boolean
}

export function charClasses(password: string): CharClass[] {
  const found = new Set<CharClass>()
  for (const ch of password) {
    if (/[A-Z]/.test(ch)) found.add('upper')
    else if (/[a-z]/.test(ch)) found.add('lower')
    else if (/[0-9]/.test(ch)) found.add('digit')
    else found.add('symbol')
  }
  return (['upper', 'lower', 'digit', 'symbol'] as const).filter((c) => found.has(c))
}

export function checkPasswordStrength(password: string, username = ''): PasswordStrength {
  const length = [...password].length
  const classes = charClasses(password)
  const tooShort = length < PASSWORD_MIN_LENGTH
  const tooFewClasses = classes.length < PASSWORD_MIN_CLASSES
  const containsUsername = username !== '' && password.toLowerCase().includes(username.toLowerCase())
  return {
    ok: !tooShort && !tooFewClasses && !containsUsername,
    length,
    classes,
    tooShort,
    tooFewClasses,
    containsUsername,
  }
}

/** 0..4 for a strength meter: 0 empty, 1 weak, 2 fair, 3 good (meets the policy), 4 strong. */
export function strengthScore(password: string): number {
  if (!password) return 0
  const s = checkPasswordStrength(password)
  if (!s.ok) return s.length >= 8 && s.classes.length >= 2 ? 2 : 1
  return s.length >= 16 && s.classes.length === 4 ? 4 : 3
}
