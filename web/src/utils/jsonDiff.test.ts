import { describe, expect, it } from 'vitest'
import { changedKeys, diffJson, flatten, formatValue } from './jsonDiff'

describe('audit JSON diff', () => {
  it('flattens nested objects to dotted keys', () => {
    const m = flatten({ a: 1, scope: { code: '610331000000', name: '太白县' }, roles: ['org_admin'], empty: {} })
    expect([...m.entries()]).toEqual([
      ['a', 1],
      ['scope.code', '610331000000'],
      ['scope.name', '太白县'],
      ['roles', ['org_admin']],
      ['empty', {}],
    ])
    expect(flatten(null).size).toBe(0)
    expect([...flatten(5).entries()]).toEqual([['(value)', 5]])
  })

  it('formats values', () => {
    expect(formatValue('太白县')).toBe('太白县')
    expect(formatValue(null)).toBe('null')
    expect(formatValue(false)).toBe('false')
    expect(formatValue(['a', 'b'])).toBe('["a","b"]')
    expect(formatValue(undefined)).toBe('')
  })

  it('marks changed, added, removed and unchanged keys', () => {
    const before = { display_name: '旧', roles: ['leader'], phone: '138****1234', disabled: false }
    const after = { display_name: '新', roles: ['leader'], disabled: true, scope: { code: '610331' } }
    expect(diffJson(before, after)).toEqual([
      { key: 'display_name', status: 'changed', before: '旧', after: '新' },
      { key: 'roles', status: 'same', before: '["leader"]', after: '["leader"]' },
      { key: 'phone', status: 'removed', before: '138****1234' },
      { key: 'disabled', status: 'changed', before: 'false', after: 'true' },
      { key: 'scope.code', status: 'added', after: '610331' },
    ])
    expect(changedKeys(before, after)).toEqual(['display_name', 'phone', 'disabled', 'scope.code'])
  })

  it('treats a create (no before) and a delete (no after)', () => {
    expect(diffJson(null, { username: 'u' })).toEqual([{ key: 'username', status: 'added', after: 'u' }])
    expect(diffJson({ username: 'u' }, null)).toEqual([{ key: 'username', status: 'removed', before: 'u' }])
    expect(diffJson(null, null)).toEqual([])
  })

  it('tells null apart from a missing key and compares arrays by content', () => {
    expect(diffJson({ phone: null }, { phone: null })[0].status).toBe('same')
    expect(diffJson({ phone: null }, {})[0]).toEqual({ key: 'phone', status: 'removed', before: 'null' })
    expect(diffJson({ r: ['a', 'b'] }, { r: ['b', 'a'] })[0].status).toBe('changed')
  })
})
