// Browser walk of reporting periods and locks against a running Zhenxing server (see session.mjs
// for the variables). Through the API with the admin's session it makes a county organization
// department account (太白县) and a township account (咀头镇). In the UI: the township submits last
// month, the county approves it and sees it locked, the township asks for an unlock with a reason,
// the county approves the unlock and opens the dialog with the figures at submission against now.
// The walk ends with the period unlocked, so later walks on the same server may write into it.
// Screenshots: periods-locked.png, periods-detail.png.
import { after, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { BASE_URL, DESKTOP, SHOT_DIR, TIMEOUT, atPath, changePasswordForm, chinaToday, loginAdmin, pageHelpers, preflight, submitLogin, walk } from './session.mjs'

const SUFFIX = Math.random().toString(36).slice(2, 7)
const COUNTY_USER = `e2e_pl_county_${SUFFIX}`
const TOWN_USER = `e2e_pl_town_${SUFFIX}`
const FIRST_PW = 'E2e-Periods-First-2026'
const NEW_PW = 'E2e-Periods-Changed-2026'

/** @type {import('playwright-core').Browser} */
let browser
/** @type {import('playwright-core').Page} */
let page
let countyPage, townPage
const { step, waitForText, waitForCount, quiet, textarea, tableRows, api } = pageHelpers(() => page)

/** Last month as "2026-10" and as the page shows it ("2026年10月"). */
function lastMonth() {
  const [y, m] = chinaToday().split('-').map(Number)
  const total = y * 12 + (m - 1) - 1
  const yy = Math.floor(total / 12)
  const mm = (total % 12) + 1
  return { label: `${yy}-${String(mm).padStart(2, '0')}`, title: `${yy}年${mm}月` }
}

async function newPage() {
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  context.setDefaultTimeout(TIMEOUT)
  context.setDefaultNavigationTimeout(TIMEOUT)
  return context.newPage()
}

async function firstLogin(p, username) {
  await p.goto(`${BASE_URL}/login`)
  await p.locator('[data-test="login-username"]').waitFor()
  assert.equal(await submitLogin(p, username, FIRST_PW), 200)
  await p.waitForURL(atPath('/password'))
  await changePasswordForm(p, FIRST_PW, NEW_PW)
  await p.waitForURL((u) => u.pathname !== '/password' && u.pathname !== '/login')
}

const row = () => tableRows('periods-table').filter({ hasText: '咀头镇' }).filter({ hasText: lastMonth().title })

async function openPeriods() {
  await page.goto(`${BASE_URL}/periods`)
  await page.locator('[data-test="periods-table"]').waitFor()
}

describe('reporting periods: submit → approve (locked) → request unlock → approve unlock', { timeout: 300_000 }, () => {
  let releaseLock = () => {}
  const { part, state } = walk()

  it('preflight: configuration, server and browser', async () => {
    const pf = await preflight(['/api/v1/period-locks', '/api/v1/period-locks/{id}/approve', '/api/v1/unlock-requests/{id}/approve'])
    releaseLock = pf.release
    browser = pf.browser
    state.ready = true
  })

  after(async () => {
    await browser?.close()
    releaseLock()
  })

  it('sets up a county and a township account (API)', part(async () => {
    page = await newPage()
    await step('admin login', async () => {
      await page.goto(`${BASE_URL}/login`)
      await page.locator('[data-test="login-username"]').waitFor()
      await loginAdmin(page)
    })
    await step('accounts', async () => {
      for (const [username, display_name, scope_code, role] of [
        [COUNTY_USER, '太白县委组织部', '610331', 'org_admin'],
        [TOWN_USER, '咀头镇党委', '610331100', 'township_admin'],
      ]) {
        const r = await api('POST', '/users', { username, display_name, scope_code, roles: [role], password: FIRST_PW })
        assert.equal(r.status, 201, `POST /users answered ${r.status}: ${r.text}`)
      }
    })
    countyPage = await newPage()
    townPage = await newPage()
    await step('first logins', async () => {
      await firstLogin(countyPage, COUNTY_USER)
      await firstLogin(townPage, TOWN_USER)
    })
  }))

  it('the township submits last month; it shows no approve button to itself', part(async () => {
    page = townPage
    await step('submit', async () => {
      await openPeriods()
      await page.locator('[data-test="period-submit"]').click()
      const dialog = page.locator('[data-test="period-submit-dialog"]')
      await dialog.locator('[data-test="region-picked"][data-code="610331100000"]').waitFor()
      await page.locator('[data-test="period-submit-period"]').click()
      await page.locator('.el-select-dropdown__item').filter({ visible: true }).filter({ hasText: lastMonth().label }).first().click()
      await page.locator('[data-test="period-submit-save"]').click()
      await waitForCount(row(), 1, 'the submitted period')
      await waitForText(row().locator('[data-test="lock-state"]'), '已上报（待审核）', 'state after submitting')
      assert.equal(await row().locator('[data-test="lock-approve"]').count(), 0, 'a township does not approve its own period')
    })
  }))

  it('the county approves and sees the period locked', part(async () => {
    page = countyPage
    await step('approve', async () => {
      await openPeriods()
      await waitForCount(row(), 1, 'the period to approve')
      await row().locator('[data-test="lock-approve"]').click()
      await page.locator('.el-message-box__btns .el-button--primary').click()
      await waitForText(row().locator('[data-test="lock-state"]'), '已锁定', 'state after approval')
      await quiet()
      await page.screenshot({ path: join(SHOT_DIR, 'periods-locked.png'), fullPage: true })
    })
  }))

  it('the township asks for an unlock with a reason', part(async () => {
    page = townPage
    await step('request unlock', async () => {
      await openPeriods()
      await waitForText(row().locator('[data-test="lock-state"]'), '已锁定', 'locked as the township sees it')
      await row().locator('[data-test="lock-request-unlock"]').click()
      await textarea('period-reason').fill('补录走访记录')
      await page.locator('[data-test="period-reason-save"]').click()
      await waitForText(row().locator('[data-test="lock-state"]'), '申请解锁中', 'state after the request')
    })
  }))

  it('the county approves the unlock and sees the figures at submission against now', part(async () => {
    page = countyPage
    await step('approve unlock', async () => {
      await openPeriods()
      await row().locator('[data-test="lock-approve-unlock"]').click()
      await waitForText(row().locator('[data-test="lock-state"]'), '已解锁（可修改）', 'state after the unlock')
    })
    await step('difference dialog', async () => {
      await row().locator('[data-test="lock-detail"]').click()
      const dialog = page.locator('[data-test="period-detail"]')
      await waitForText(dialog.locator('[data-test="detail-state"]'), '已解锁（可修改）', 'state in the dialog')
      await waitForText(dialog.locator('[data-test="delta-visits"]'), '0', 'no visit changed yet')
      await waitForCount(dialog.locator('[data-test="period-unlocks"] .el-table__body-wrapper tbody tr.el-table__row'), 1, 'the unlock request')
      await quiet()
      await page.screenshot({ path: join(SHOT_DIR, 'periods-detail.png'), fullPage: true })
    })
  }))
})
