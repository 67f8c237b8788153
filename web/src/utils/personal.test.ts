import { describe, expect, it } from 'vitest'
import { checkIdNumber, displayPersonal, isMasked, looksLikePhone, maskIdNumber, maskPhone, shortUserAgent } from './personal'

describe('personal data display', () => {
  it('recognises masked values', () => {
    expect(isMasked('138****1234')).toBe(true)
    expect(isMasked('13812341234')).toBe(false)
    expect(isMasked(null)).toBe(false)
    expect(isMasked('')).toBe(false)
  })

  it('shows a dash for missing values', () => {
    expect(displayPersonal(null)).toBe('—')
    expect(displayPersonal(undefined)).toBe('—')
    expect(displayPersonal('  ')).toBe('—')
    expect(displayPersonal('138****1234')).toBe('138****1234')
  })

  it('masks like the server', () => {
    expect(maskPhone('13812345678')).toBe('138****5678')
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X')
    expect(maskIdNumber('610331900101123')).toBe('6103*******1123')
    expect(maskPhone('12345')).toBe('*****')
  })
})

describe('ID number check', () => {
  it('accepts valid 18-character numbers', () => {
    expect(checkIdNumber('11010519491231002X')).toBe('ok')
    expect(checkIdNumber('11010519491231002x')).toBe('ok')
    expect(checkIdNumber(' 11010519491231002X ')).toBe('ok')
  })

  it('rejects a wrong check character', () => {
    expect(checkIdNumber('110105194912310021')).toBe('bad_checksum')
  })

  it('rejects impossible dates and bad formats', () => {
    expect(checkIdNumber('110105194902301234')).toBe('bad_date')
    expect(checkIdNumber('1101051949123100')).toBe('bad_format')
    expect(checkIdNumber('11010519491231002Y')).toBe('bad_format')
    expect(checkIdNumber('')).toBe('bad_format')
  })

  it('flags old 15-digit numbers', () => {
    expect(checkIdNumber('110105491231002')).toBe('legacy15')
    expect(checkIdNumber('110105491331002')).toBe('bad_date')
  })
})

describe('phone check', () => {
  it('accepts mainland mobile numbers', () => {
    expect(looksLikePhone('13812345678')).toBe(true)
    expect(looksLikePhone('138-1234-5678')).toBe(true)
    expect(looksLikePhone('+86 138 1234 5678')).toBe(true)
    expect(looksLikePhone('8613812345678')).toBe(true)
  })
  it('rejects text', () => {
    expect(looksLikePhone('abc')).toBe(false)
    expect(looksLikePhone('12')).toBe(false)
    expect(looksLikePhone('138****5678')).toBe(false)
    expect(looksLikePhone('0917-1234567')).toBe(false)
    expect(looksLikePhone('23812345678')).toBe(false)
  })
})

describe('user agent summary', () => {
  it('names browser, version and system', () => {
    expect(
      shortUserAgent(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36',
      ),
    ).toBe('Chrome 130 · Windows')
    expect(
      shortUserAgent(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.2849.68',
      ),
    ).toBe('Edge 130 · Windows')
    expect(shortUserAgent('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0')).toBe('Firefox 128 · Linux')
    expect(
      shortUserAgent(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      ),
    ).toBe('Safari 17 · iOS')
    expect(
      shortUserAgent(
        'Mozilla/5.0 (Linux; Android 14; V2203A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0 Mobile Safari/537.36 MicroMessenger/8.0.49',
      ),
    ).toBe('WeChat 8 · Android')
    expect(
      shortUserAgent('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36'),
    ).toBe('Chrome (headless) 140 · Linux')
    expect(shortUserAgent('curl/8.5.0')).toBe('curl 8')
  })

  it('falls back to the shortened text', () => {
    expect(shortUserAgent('')).toBe('—')
    expect(shortUserAgent(null)).toBe('—')
    expect(shortUserAgent('x'.repeat(60))).toHaveLength(40)
  })
})
