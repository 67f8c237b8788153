import { describe, expect, it } from 'vitest'
import { allowedRoleChange, roleLabel, roleOptions, roleTagType, sortRoles } from './roles'
import zhCN from '../i18n/locales/zh-CN'
import en from '../i18n/locales/en'
import { ALL_ROLES } from './access'

const serverRoles = [
  { name: 'leader', title: '领导', grantable: true },
  { name: 'sys_admin', title: '系统管理员', grantable: false },
  { name: 'org_admin', title: '组织部管理员', grantable: true },
]

describe('role helpers', () => {
  it('gives each role a tag colour', () => {
    expect(roleTagType('sys_admin')).toBe('danger')
    expect(roleTagType('org_admin')).toBe('warning')
    expect(roleTagType('township_admin')).toBe('primary')
    expect(roleTagType('village_secretary')).toBe('success')
    expect(roleTagType('something_new')).toBe('info')
  })

  it('labels roles: translation, then server title, then the name', () => {
    const zh = zhCN.roles.names as Record<string, string>
    expect(roleLabel('org_admin', (r) => zh[r])).toBe('组织部管理员')
    expect(roleLabel('auditor', (r) => zh[r], { auditor: '审计员' })).toBe('审计员')
    expect(roleLabel('auditor', (r) => zh[r])).toBe('auditor')
  })

  it('has a Chinese and an English title for every known role', () => {
    for (const r of ALL_ROLES) {
      expect((zhCN.roles.names as Record<string, string>)[r], r).toMatch(/[\u4e00-\u9fff]/)
      expect((en.roles.names as Record<string, string>)[r], r).toMatch(/[A-Za-z]/)
    }
  })

  it('sorts roles most powerful first', () => {
    expect(sortRoles(['leader', 'zzz', 'sys_admin', 'org_admin', 'aaa'])).toEqual([
      'sys_admin',
      'org_admin',
      'leader',
      'aaa',
      'zzz',
    ])
  })

  it('disables the roles the caller may not grant', () => {
    expect(roleOptions(serverRoles)).toEqual([
      { name: 'sys_admin', title: '系统管理员', disabled: true },
      { name: 'org_admin', title: '组织部管理员', disabled: false },
      { name: 'leader', title: '领导', disabled: false },
    ])
  })

  it('keeps a non-grantable role only when the user had it', () => {
    expect(allowedRoleChange(['sys_admin', 'leader'], [], serverRoles)).toEqual(['leader'])
    expect(allowedRoleChange(['leader', 'sys_admin'], ['sys_admin'], serverRoles)).toEqual(['sys_admin', 'leader'])
  })
})
