// Pure helpers of the task and supervision pages: answers checked against the form before they go
// to the server, evidence files checked by name and size, completion percentages, status tags.
import type { Answers, FormField, Summary } from '../api/tasks'

export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024
export const EVIDENCE_EXTENSIONS = ['pdf', 'jpg', 'jpeg', 'png', 'docx', 'xlsx'] as const

/** The error key for an evidence file the server would refuse, or null. */
export function evidenceProblem(name: string, size: number): 'type' | 'size' | 'empty' | null {
  const ext = name.toLowerCase().split('.').pop() ?? ''
  if (!name.includes('.') || !(EVIDENCE_EXTENSIONS as readonly string[]).includes(ext)) return 'type'
  if (size <= 0) return 'empty'
  if (size > MAX_EVIDENCE_BYTES) return 'size'
  return null
}

/** Base64 of bytes (browser and node alike), in chunks so large files do not overflow the stack. */
export function toBase64(bytes: Uint8Array): string {
  let s = ''
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(s)
}

/** The fields somebody is asked to fill in: indicator-linked ones are the platform's. */
export function askedFields(form: FormField[]): FormField[] {
  return form.filter((f) => !f.indicator)
}

/**
 * Raw inputs (strings from the form controls) to answers: numbers parsed, blanks left out.
 * Returns the answers and, per field name, an error key (number, date, required).
 */
export function buildAnswers(form: FormField[], raw: Record<string, string>, complete: boolean): { answers: Answers; errors: Record<string, string> } {
  const answers: Answers = {}
  const errors: Record<string, string> = {}
  for (const f of askedFields(form)) {
    const v = (raw[f.name] ?? '').trim()
    if (!v) {
      if (complete && f.required) errors[f.name] = 'required'
      continue
    }
    if (f.type === 'number') {
      const n = Number(v)
      if (!Number.isFinite(n)) errors[f.name] = 'number'
      else answers[f.name] = n
    } else if (f.type === 'date') {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) errors[f.name] = 'date'
      else answers[f.name] = v
    } else {
      answers[f.name] = v
    }
  }
  return { answers, errors }
}

/** Share done, 0–100, of a task's receivers. */
export function donePercent(s: Summary | null | undefined): number {
  if (!s || !s.total) return 0
  return Math.round((s.done * 100) / s.total)
}

export type TagType = 'success' | 'warning' | 'danger' | 'info' | 'primary'
/** Overdue beats everything but done. */
export function receiverTag(status: string, overdue: boolean): TagType {
  if (status === 'done') return 'success'
  if (overdue) return 'danger'
  return status === 'in_progress' ? 'primary' : 'info'
}
export function findingTag(status: string, overdue: boolean): TagType {
  if (status === 'closed') return 'success'
  if (status === 'signed_off') return 'primary'
  if (overdue) return 'danger'
  return status === 'rectifying' ? 'warning' : 'info'
}

/** A field name from a label the issuer typed: ascii letters/digits kept, else f1, f2, … */
export function fieldName(label: string, index: number): string {
  const ascii = label.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '')
  return /^[a-z]/.test(ascii) && ascii.length <= 40 ? ascii : `f${index + 1}`
}
