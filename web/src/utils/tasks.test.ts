import { describe, expect, it } from 'vitest'
import { buildAnswers, donePercent, evidenceProblem, fieldName, findingTag, receiverTag, toBase64 } from './tasks'
import type { FormField } from '../api/tasks'

const form: FormField[] = [
  { name: 'meetings', label: '会议次数', type: 'number', required: true },
  { name: 'held_on', label: '会议日期', type: 'date', required: false },
  { name: 'note', label: '说明', type: 'text', required: false },
  { name: 'rate', label: '在岗率', type: 'number', required: false, indicator: 'presence.compliance_rate' },
]

describe('task helpers', () => {
  it('builds answers from the form inputs', () => {
    expect(buildAnswers(form, { meetings: '2', held_on: '2026-11-20', note: ' 已开 ' }, true)).toEqual({
      answers: { meetings: 2, held_on: '2026-11-20', note: '已开' },
      errors: {},
    })
    expect(buildAnswers(form, { meetings: 'two' }, false).errors).toEqual({ meetings: 'number' })
    expect(buildAnswers(form, { held_on: '20.11.2026' }, false).errors).toEqual({ held_on: 'date' })
    expect(buildAnswers(form, {}, true).errors).toEqual({ meetings: 'required' })
    expect(buildAnswers(form, {}, false).errors).toEqual({})
    expect(buildAnswers(form, { rate: '0.9' }, false).answers).toEqual({})
  })
  it('checks evidence by name and size', () => {
    expect(evidenceProblem('会议记录.PDF', 10)).toBeNull()
    expect(evidenceProblem('a.exe', 10)).toBe('type')
    expect(evidenceProblem('noext', 10)).toBe('type')
    expect(evidenceProblem('a.png', 5 * 1024 * 1024 + 1)).toBe('size')
    expect(evidenceProblem('a.png', 0)).toBe('empty')
  })
  it('encodes base64', () => {
    expect(toBase64(new TextEncoder().encode('%PDF-'))).toBe('JVBERi0=')
  })
  it('percent and tags', () => {
    expect(donePercent({ total: 4, done: 3, in_progress: 0, pending: 0, overdue: 1 })).toBe(75)
    expect(donePercent(null)).toBe(0)
    expect(receiverTag('pending', true)).toBe('danger')
    expect(receiverTag('done', true)).toBe('success')
    expect(findingTag('signed_off', true)).toBe('primary')
    expect(findingTag('open', true)).toBe('danger')
  })
  it('field names', () => {
    expect(fieldName('Meetings held', 0)).toBe('meetings_held')
    expect(fieldName('会议次数', 2)).toBe('f3')
  })
})
