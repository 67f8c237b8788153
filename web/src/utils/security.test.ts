import { describe, expect, it } from 'vitest'
import { accountStatus, actionTagType, AUDIT_ACTIONS, LOGIN_OUTCOMES, outcomeTagType, statusTagType } from './security'
import zhCN from '../i18n/locales/zh-CN'

describe('security display helpers', () => {
  it('colours login outcomes', () => {
    expect(outcomeTagType('ok')).toBe('success')
    expect(outcomeTagType('bad_password')).toBe('warning')
    expect(outcomeTagType('locked')).toBe('danger')
    expect(outcomeTagType('locked_now')).toBe('danger')
    expect(outcomeTagType('unknown_user')).toBe('info')
    expect(outcomeTagType('disabled')).toBe('info')
  })

  it('has Chinese names for every outcome and action', () => {
    expect(LOGIN_OUTCOMES.map((o) => zhCN.loginLog.outcomes[o])).toEqual([
      '成功',
      '密码错误',
      '用户不存在',
      '已锁定',
      '触发锁定',
      '已停用',
    ])
    for (const a of AUDIT_ACTIONS) expect(zhCN.audit.actions[a], a).toBeTruthy()
  })

  it('colours audit actions', () => {
    expect(actionTagType('create')).toBe('success')
    expect(actionTagType('delete')).toBe('danger')
    expect(actionTagType('unmask')).toBe('warning')
    expect(actionTagType('login')).toBe('info')
  })

  it('derives one account status', () => {
    expect(accountStatus({ disabled: false, locked: false })).toBe('active')
    expect(accountStatus({ disabled: false, locked: true })).toBe('locked')
    expect(accountStatus({ disabled: true, locked: true })).toBe('disabled')
    expect(statusTagType('active')).toBe('success')
    expect(statusTagType('locked')).toBe('danger')
    expect(statusTagType('disabled')).toBe('info')
  })
})
