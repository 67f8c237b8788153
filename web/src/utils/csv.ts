// CSV export for spreadsheets: UTF-8 with a byte-order mark (so Excel detects the encoding),
// CRLF line ends, RFC 4180 quoting.

export type CsvCell = string | number | boolean | null | undefined

export const BOM = '\uFEFF'

/**
 * One cell as CSV text. Text that a spreadsheet would take for a formula (starting with = + - @,
 * tab or carriage return) gets a leading apostrophe; numbers are written as they are.
 */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return ''
  let s = String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = "'" + s
  if (/[",\r\n]/.test(s) || /^\s|\s$/.test(s)) s = '"' + s.replace(/"/g, '""') + '"'
  return s
}

export function toCsv(header: CsvCell[], rows: CsvCell[][]): string {
  const lines = [header, ...rows].map((r) => r.map(csvCell).join(','))
  return BOM + lines.join('\r\n') + '\r\n'
}

/** Characters that Windows and macOS refuse in file names become '_'. */
export function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim() || 'export'
}

/** Offers the text as a download (browser only). */
export function downloadText(fileName: string, text: string, mime = 'text/csv;charset=utf-8'): void {
  const blob = new Blob([text], { type: mime })
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = safeFileName(fileName)
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
