import { describe, expect, it } from 'vitest'
import { BOM, csvCell, safeFileName, toCsv } from './csv'

describe('csvCell', () => {
  it('leaves plain text and numbers alone', () => {
    expect(csvCell('太白县')).toBe('太白县')
    expect(csvCell(46)).toBe('46')
    expect(csvCell('610331000000')).toBe('610331000000')
    expect(csvCell(null)).toBe('')
    expect(csvCell(undefined)).toBe('')
  })

  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('line1\nline2')).toBe('"line1\nline2"')
    expect(csvCell('line1\r\nline2')).toBe('"line1\r\nline2"')
    expect(csvCell(' padded ')).toBe('" padded "')
  })

  it('defuses spreadsheet formulas in text', () => {
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)")
    expect(csvCell('+1')).toBe("'+1")
    expect(csvCell('@cmd')).toBe("'@cmd")
    expect(csvCell('-2,3')).toBe('"\'-2,3"')
    expect(csvCell(-5)).toBe('-5')
  })
})

describe('toCsv', () => {
  it('starts with a UTF-8 BOM and uses CRLF', () => {
    const csv = toCsv(['代码', '名称'], [
      ['610331100000', '咀头镇'],
      ['610331101000', '桃川镇'],
    ])
    expect(csv.startsWith(BOM)).toBe(true)
    expect(csv.charCodeAt(0)).toBe(0xfeff)
    expect(csv).toBe('\uFEFF代码,名称\r\n610331100000,咀头镇\r\n610331101000,桃川镇\r\n')
  })

  it('encodes to UTF-8 bytes with EF BB BF first', () => {
    const bytes = new TextEncoder().encode(toCsv(['a'], []))
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  })

  it('quotes fields that need it inside rows', () => {
    const csv = toCsv(['name', 'note'], [['A, "B"', 'x\ny']])
    expect(csv).toBe('\uFEFFname,note\r\n"A, ""B""","x\ny"\r\n')
  })
})

describe('safeFileName', () => {
  it('replaces characters file systems refuse', () => {
    expect(safeFileName('a/b:c*?.csv')).toBe('a_b_c_.csv')
    expect(safeFileName('太白县下级区划-610331000000.csv')).toBe('太白县下级区划-610331000000.csv')
    expect(safeFileName('  ')).toBe('export')
  })
})
