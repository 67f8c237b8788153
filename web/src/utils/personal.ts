// Personal data (phone, ID number): the server sends masked values; the clear ones come only from
// the audited unmask call and are shown for a short while.

export const REVEAL_SECONDS = 30

/** A placeholder for an absent value. */
export const EMPTY = '—'

/** True when the value is a masked one from the server ("138****1234"). */
export function isMasked(value: string | null | undefined): boolean {
  return !!value && value.includes('*')
}

/** What a cell shows: the value itself, or a dash when there is none. */
export function displayPersonal(value: string | null | undefined): string {
  const v = (value ?? '').trim()
  return v || EMPTY
}

/** Masks a phone number the way the server does: first 3 and last 4 digits kept. */
export function maskPhone(value: string): string {
  const v = value.trim()
  if (v.length <= 7) return '*'.repeat(v.length)
  return v.slice(0, 3) + '*'.repeat(v.length - 7) + v.slice(-4)
}

/** Masks an ID number the way the server does: first 4 and last 4 characters kept. */
export function maskIdNumber(value: string): string {
  const v = value.trim()
  if (v.length <= 8) return '*'.repeat(v.length)
  return v.slice(0, 4) + '*'.repeat(v.length - 8) + v.slice(-4)
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

export type IdNumberCheck = 'ok' | 'legacy15' | 'bad_format' | 'bad_date' | 'bad_checksum'

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return d <= days
}

/**
 * Checks a resident identity card number (GB 11643): 18 characters with the ISO 7064 MOD 11-2 check
 * character, or an old 15-digit number. The server decides; this gives an early, precise message.
 */
export function checkIdNumber(raw: string): IdNumberCheck {
  const v = raw.replace(/[\s-]/g, '').toUpperCase()
  if (/^\d{15}$/.test(v)) {
    const y = 1900 + Number(v.slice(6, 8))
    return validDate(y, Number(v.slice(8, 10)), Number(v.slice(10, 12))) ? 'legacy15' : 'bad_date'
  }
  if (!/^\d{17}[\dX]$/.test(v)) return 'bad_format'
  if (!validDate(Number(v.slice(6, 10)), Number(v.slice(10, 12)), Number(v.slice(12, 14)))) return 'bad_date'
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(v[i]) * ID_WEIGHTS[i]
  return ID_CHECK[sum % 11] === v[17] ? 'ok' : 'bad_checksum'
}

/** A mainland mobile number (11 digits starting with 1; spaces, dashes and +86 allowed), as the server wants. */
export function looksLikePhone(raw: string): boolean {
  let v = raw.replace(/[\s-]/g, '')
  if (v.startsWith('+86')) v = v.slice(3)
  else if (v.length === 13 && v.startsWith('86')) v = v.slice(2)
  return /^1\d{10}$/.test(v)
}

/** A short description of a browser user agent: "Chrome 130 · Windows". */
export function shortUserAgent(ua: string | null | undefined): string {
  const s = (ua ?? '').trim()
  if (!s) return EMPTY
  const browsers: [RegExp, string][] = [
    [/MicroMessenger\/(\d+)/, 'WeChat'],
    [/Edg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
    [/OPR\/(\d+)/, 'Opera'],
    [/Firefox\/(\d+)/, 'Firefox'],
    [/FxiOS\/(\d+)/, 'Firefox'],
    [/CriOS\/(\d+)/, 'Chrome'],
    [/HeadlessChrome\/(\d+)/, 'Chrome (headless)'],
    [/Chrom(?:e|ium)\/(\d+)/, 'Chrome'],
    [/Version\/(\d+)[\d.]* (?:Mobile\/\S+ )?Safari\//, 'Safari'],
    [/^curl\/(\d+)/, 'curl'],
  ]
  let browser = ''
  for (const [re, name] of browsers) {
    const m = re.exec(s)
    if (m) {
      browser = `${name} ${m[1]}`
      break
    }
  }
  let os = ''
  if (/Windows/.test(s)) os = 'Windows'
  else if (/iPhone|iPad|iPod/.test(s)) os = 'iOS'
  else if (/Android/.test(s)) os = 'Android'
  else if (/Mac OS X|Macintosh/.test(s)) os = 'macOS'
  else if (/HarmonyOS|OpenHarmony/.test(s)) os = 'HarmonyOS'
  else if (/CrOS/.test(s)) os = 'ChromeOS'
  else if (/Linux|X11/.test(s)) os = 'Linux'
  if (browser && os) return `${browser} · ${os}`
  if (browser || os) return browser || os
  return s.length > 40 ? s.slice(0, 39) + '…' : s
}
