import { describe, expect, it } from 'vitest'
import zhCN from './locales/zh-CN'
import en from './locales/en'
import { keyPaths } from './index'

describe('locales', () => {
  it('zh-CN and en have exactly the same keys', () => {
    const zh = keyPaths(zhCN)
    const e = keyPaths(en)
    expect(zh.filter((k) => !e.includes(k)), 'keys missing from en').toEqual([])
    expect(e.filter((k) => !zh.includes(k)), 'keys missing from zh-CN').toEqual([])
    expect(zh.length).toBeGreaterThan(50)
  })

  it('has no empty Chinese strings', () => {
    const empty: string[] = []
    const walk = (o: Record<string, unknown>, p: string) => {
      for (const [k, v] of Object.entries(o)) {
        if (typeof v === 'string') {
          if (!v.trim()) empty.push(p + k)
        } else walk(v as Record<string, unknown>, `${p}${k}.`)
      }
    }
    walk(zhCN, '')
    expect(empty).toEqual([])
  })

  it('uses no characters that the message compiler treats specially', () => {
    // '@' starts a linked message and '|' separates plural forms in vue-i18n.
    const bad: string[] = []
    const check = (o: Record<string, unknown>, p: string) => {
      for (const [k, v] of Object.entries(o)) {
        if (typeof v === 'string') {
          if (/[@|]/.test(v)) bad.push(p + k)
        } else check(v as Record<string, unknown>, `${p}${k}.`)
      }
    }
    check(zhCN, 'zh-CN.')
    check(en, 'en.')
    expect(bad).toEqual([])
  })

  it('names the same placeholders in both languages', () => {
    const zhMap = new Map<string, string>()
    const collect = (o: Record<string, unknown>, p: string, into: Map<string, string>) => {
      for (const [k, v] of Object.entries(o)) {
        if (typeof v === 'string') into.set(p + k, (v.match(/\{\w+\}/g) ?? []).sort().join(','))
        else collect(v as Record<string, unknown>, `${p}${k}.`, into)
      }
    }
    const enMap = new Map<string, string>()
    collect(zhCN, '', zhMap)
    collect(en, '', enMap)
    const diff = [...zhMap].filter(([k, v]) => enMap.get(k) !== v).map(([k]) => k)
    expect(diff).toEqual([])
  })
})
