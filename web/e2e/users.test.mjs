// Browser test of the accounts and security pages against a running Zhenxing server.
//
//   ZX_BASE_URL=http://127.0.0.1:18080 ZX_USER=admin ZX_PASSWORD='…' npm run test:e2e
//
// Same server and variables as regions.test.mjs (see session.mjs for the shared admin login). As the
// admin it creates a county user e2e_county (太白县, org_admin) with a phone and an ID number,
// checks masking, the audited unmask and the audit log, resets the user's password, then logs in as
// that user: forced password change, region tree rooted at 太白县, only 太白县 users listed, and the
// user's sessions (also on a 360 px phone screen). Screenshots: users.png, audit.png,
// login-log.png, sessions.png, sessions-mobile.png.
import { after, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, readFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import {
  BASE_URL,
  DESKTOP,
  MOBILE,
  PASSWORD,
  SHOT_DIR,
  TIMEOUT,
  acquireServerLock,
  atPath,
  changePasswordForm,
  launchBrowser,
  loginAdmin,
  pageHelpers,
  submitLogin,
  preflight,
  walk,
} from './session.mjs'

const TAIBAI = '610331000000'
const COUNTY_USER = 'e2e_county'
const COUNTY_NAME = 'E2E 太白县委组织部'
const PHONE = '13812345678'
const PHONE_MASKED = '138****5678'
const ID_NUMBER = '11010519491231002X'
const COUNTY_NEW_PASSWORD = `Cty-${randomBytes(9).toString('base64url')}-8k`

/** @type {import('playwright-core').Browser} */
let browser
/** @type {import('playwright-core').Page} */
let page
const pageErrors = []
const { step, waitForText, waitForCount, settle, input, tableRows, quiet, logout } = pageHelpers(() => page)

/** An Element Plus input by its data-test (the attribute lands on the <input> or on its wrapper). */
const userRow = (username) =>
  page.locator('[data-test="users-table"] .el-table__body-wrapper tbody tr.el-table__row', {
    has: page.locator(`[data-username="${username}"]`),
  })

async function confirmMessageBox() {
  const box = page.locator('.el-message-box')
  await box.waitFor()
  await box.locator('.el-message-box__btns .el-button--primary').click()
  await box.waitFor({ state: 'hidden' })
}


async function readOneTimePassword() {
  const code = page.locator('[data-test="one-time-password"]')
  await code.waitFor()
  const text = ((await code.textContent()) ?? '').trim()
  assert.ok(text.length >= 12, `the one-time password looks wrong: "${text}"`)
  await page.locator('[data-test="otp-done"]').click()
  await code.waitFor({ state: 'hidden' })
  return text
}


describe('accounts and security console', { timeout: 600_000 }, () => {
  let releaseLock = () => {}
  let countyId = 0
  let countyPassword = ''
  const { part, state } = walk()

  it('preflight: configuration, server and browser', async () => {
    const pf = await preflight(['/api/v1/users', '/api/v1/audit', '/api/v1/login-log', '/api/v1/auth/sessions'], { viewport: DESKTOP, locale: 'zh-CN', acceptDownloads: true })
    releaseLock = pf.release
    browser = pf.browser
    const context = pf.context
    page = await context.newPage()
    page.on('pageerror', (e) => pageErrors.push(`page error: ${e.message}`))
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) pageErrors.push(`console: ${m.text()}`)
    })
    state.ready = true
  })

  after(async () => {
    await browser?.close()
    releaseLock()
  })

  it('creates a county user and shows its phone masked, then in full', part(async () => {
    await step('an unknown user fails to log in', async () => {
      await page.goto(`${BASE_URL}/login`)
      await page.locator('[data-test="login-username"]').waitFor()
      assert.equal(await submitLogin(page, 'e2e_nobody', 'Not-the-password-1'), 401)
      await page.locator('[data-test="login-error"]').waitFor()
    })
    await step('admin login', async () => {
      await loginAdmin(page)
    })
    await step('system menu', async () => {
      await page.goto(`${BASE_URL}/regions`)
      await page.locator('[data-test="menu-system"]').click()
      await page.locator('[data-test="menu-users"]').click()
      await page.waitForURL(atPath('/system/users'))
      await page.locator('[data-test="menu-audit"]').waitFor()
      await page.locator('[data-test="menu-login-log"]').waitFor()
      await tableRows('users-table').first().waitFor()
    })
    await step('create dialog', async () => {
      await page.locator('[data-test="user-add"]').click()
      await input('user-form-username').waitFor()
      await input('user-form-username').fill(COUNTY_USER)
      await input('user-form-display-name').fill(COUNTY_NAME)
      const scopeBox = page.locator('[data-test="user-form-scope"] input').first()
      await scopeBox.click()
      await scopeBox.pressSequentially('太白', { delay: 60 })
      await page.locator(`.region-search-popper .hit[data-code="${TAIBAI}"]`).filter({ visible: true }).first().click()
      await waitForText(page.locator('[data-test="user-form-scope"] [data-test="region-picked"]'), '太白县', 'picked scope')
      await page.locator('[data-test="user-form-roles"]').first().click()
      await page.locator('.user-roles-popper .el-select-dropdown__item[data-role="org_admin"]').filter({ visible: true }).click()
      await page.locator('.user-form-dialog .el-dialog__title').click() // Closes the roles drop-down.
      await waitForCount(page.locator('.user-roles-popper .el-select-dropdown__item').filter({ visible: true }), 0, 'open role options')
      await input('user-form-phone').fill(PHONE)
      await input('user-form-id-number').fill(ID_NUMBER)
    })
    await step('save and read the generated password', async () => {
      const [res] = await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/users' && r.request().method() === 'POST'),
        page.locator('[data-test="user-form-submit"]').click(),
      ])
      const body = await res.json().catch(() => ({}))
      assert.equal(res.status(), 201, `POST /api/v1/users answered ${res.status()}: ${JSON.stringify(body)}`)
      countyId = body.user?.id
      assert.ok(countyId, 'the created user has an id')
      assert.equal(body.user.scope?.code, TAIBAI)
      countyPassword = await readOneTimePassword()
    })
    await step('masked phone in the table', async () => {
      await input('users-q').fill(COUNTY_USER)
      await input('users-q').press('Enter')
      await waitForCount(tableRows('users-table'), 1, `rows for ${COUNTY_USER}`)
      const row = userRow(COUNTY_USER)
      await waitForText(row.locator('[data-test="personal-phone-value"]'), PHONE_MASKED, 'masked phone')
      await waitForText(row.locator('[data-test="personal-id_number-value"]'), '1101**********002X', 'masked ID number')
      await waitForText(row.locator('[data-test="user-scope"]'), '太白县', 'scope')
      await waitForText(row.locator('[data-role="org_admin"]'), '组织部管理员', 'role tag')
    })
    await step('unmask the phone', async () => {
      const row = userRow(COUNTY_USER)
      await row.locator('[data-test="unmask-phone"]').click()
      await waitForText(row.locator('[data-test="personal-phone-value"]'), PHONE, 'phone in full')
      await waitForText(row.locator('[data-test="personal-phone-note"]'), /审计日志/, 'audit note')
      await quiet()
      await page.screenshot({ path: join(SHOT_DIR, 'users.png'), fullPage: true })
    })
    await step('export the page', async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="export-csv"]').click()])
      const text = readFileSync(await download.path()).toString('utf8')
      assert.ok(text.includes(PHONE_MASKED), 'the CSV holds the masked phone')
      assert.ok(!text.includes(PHONE), 'the CSV does not hold the clear phone')
    })
  }))

  it('finds the create and the unmask in the audit log', part(async () => {
    await step('open the audit log', async () => {
      await page.locator('[data-test="menu-audit"]').click()
      await page.waitForURL(atPath('/system/audit'))
      await tableRows('audit-table').first().waitFor()
    })
    await step('filter by record', async () => {
      await input('audit-record').fill(String(countyId))
      await input('audit-record').press('Enter')
      const actions = page.locator('[data-test="audit-table"] [data-test="audit-action"]')
      const deadline = Date.now() + TIMEOUT
      let seen = []
      while (Date.now() < deadline) {
        seen = await actions.evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))
        if (seen.includes('create') && seen.includes('unmask')) break
        await page.waitForTimeout(200)
      }
      assert.ok(seen.includes('create') && seen.includes('unmask'), `audit actions for user ${countyId}: ${seen.join(', ')}`)
      const records = await page.locator('[data-test="audit-table"] [data-test="audit-record-cell"]').allTextContents()
      assert.ok(records.every((r) => r.trim() === String(countyId)), `record ids: ${records.join(', ')}`)
    })
    await step('details of the create', async () => {
      const row = tableRows('audit-table').filter({ has: page.locator('[data-action="create"]') }).first()
      await row.locator('.el-table__expand-icon').click()
      const diff = page.locator('[data-test="audit-diff"]').first()
      await diff.waitFor()
      await diff.locator('[data-key="username"][data-status="added"]').first().waitFor()
      const text = (await diff.textContent()) ?? ''
      assert.ok(text.includes(COUNTY_USER), 'the create entry shows the new username')
      assert.ok(!text.includes(PHONE) && !text.includes(ID_NUMBER), 'the audit entry holds no clear personal data')
    })
    await step('verify the chain', async () => {
      const button = page.locator('[data-test="audit-verify"]')
      if ((await button.count()) === 0) return // Only a sys_admin has the button.
      await button.click()
      const result = page.locator('[data-test="audit-verify-result"]')
      await result.waitFor()
      assert.equal(await result.getAttribute('data-ok'), 'true', `verify: ${await result.textContent()}`)
      await quiet()
      await page.screenshot({ path: join(SHOT_DIR, 'audit.png'), fullPage: true })
    })
    await step('audit screenshot', async () => {
      if (await page.locator('[data-test="audit-verify"]').count()) return
      await quiet()
      await page.screenshot({ path: join(SHOT_DIR, 'audit.png'), fullPage: true })
    })
    await step('login log shows the unknown user', async () => {
      await page.locator('[data-test="menu-login-log"]').click()
      await page.waitForURL(atPath('/system/login-log'))
      await input('login-log-username').fill('e2e_nobody')
      await input('login-log-username').press('Enter')
      // The unfiltered page may already show an unknown_user row: wait until the filtered answer
      // has replaced the table (every row is that user's), not just for one matching row.
      await page
        .waitForFunction(() => {
          const tags = [...document.querySelectorAll('[data-test="login-outcome"]')]
          return tags.length > 0 && tags.every((t) => t.getAttribute('data-outcome') === 'unknown_user')
        }, null, { timeout: TIMEOUT })
        .catch(() => {})
      const outcomes = await page
        .locator('[data-test="login-outcome"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-outcome')))
      assert.ok(outcomes.length >= 1 && outcomes.every((o) => o === 'unknown_user'), `outcomes of e2e_nobody: ${outcomes.join(', ')}`)
      await waitForText(page.locator('[data-test="login-outcome"]'), '用户不存在', 'outcome tag')
      await input('login-log-username').fill('')
      await input('login-log-username').press('Enter')
      await page.locator('[data-test="login-outcome"][data-outcome="ok"]').first().waitFor()
      await quiet()
      await page.screenshot({ path: join(SHOT_DIR, 'login-log.png'), fullPage: true })
    })
  }))

  it('resets the password; the county user must change it and sees only 太白县', part(async () => {
    await step('reset password', async () => {
      await page.locator('[data-test="menu-users"]').click()
      await page.waitForURL(atPath('/system/users'))
      await input('users-q').fill(COUNTY_USER)
      await input('users-q').press('Enter')
      await waitForCount(tableRows('users-table'), 1, `rows for ${COUNTY_USER}`)
      await userRow(COUNTY_USER).locator('[data-test="user-reset-password"]').click()
      await confirmMessageBox()
      const fresh = await readOneTimePassword()
      assert.notEqual(fresh, countyPassword, 'the reset gives a new password')
      countyPassword = fresh
    })
    await step('admin logout', logout)
    await step('county login and forced change', async () => {
      assert.equal(await submitLogin(page, COUNTY_USER, countyPassword), 200, 'login with the reset password')
      await page.waitForURL(atPath('/password'))
      await page.locator('[data-test="password-forced"]').waitFor()
      await changePasswordForm(page, countyPassword, COUNTY_NEW_PASSWORD)
      await page.waitForURL((u) => u.pathname === '/regions' || u.pathname.startsWith('/regions/'))
    })
    await step('region tree root is 太白县', async () => {
      await waitForText(
        page.locator('[data-test="region-tree"] > .el-tree-node > .el-tree-node__content .tree-node'),
        '太白县',
        'tree root',
      )
      await waitForCount(page.locator('[data-test="region-tree"] > .el-tree-node'), 1, 'tree roots')
    })
    await step('users page lists only 太白县 users', async () => {
      await page.locator('[data-test="menu-system"]').click()
      await page.locator('[data-test="menu-users"]').click()
      await page.waitForURL(atPath('/system/users'))
      await userRow(COUNTY_USER).waitFor()
      await waitForText(page.locator('[data-test="users-region"] [data-test="region-picked"]'), /^太白县/, 'region filter default')
      const names = await page.locator('[data-test="users-table"] [data-test="user-username"]').allTextContents()
      assert.ok(!names.map((n) => n.trim()).includes('admin'), `admin is listed for a county user: ${names.join(', ')}`)
      const scopes = await page.locator('[data-test="users-table"] [data-test="user-scope"]').evaluateAll((els) =>
        els.map((e) => e.getAttribute('title') ?? ''),
      )
      assert.ok(scopes.every((c) => c.startsWith('610331')), `scopes outside 太白县: ${scopes.join(', ')}`)
    })
  }))

  it('lists my sessions, also on a 360 px phone', part(async () => {
    await step('open my sessions', async () => {
      await page.locator('[data-test="user-menu"]').click()
      await page.locator('[data-test="my-sessions"]').click()
      await page.waitForURL(atPath('/me/sessions'))
      await waitForCount(page.locator('[data-test="session-item"]'), 1, 'sessions')
      await waitForCount(page.locator('[data-test="session-current"]'), 1, 'current sessions')
      assert.equal(await page.locator('[data-test="session-item"]').first().getAttribute('data-current'), 'true')
      await quiet()
      await page.screenshot({ path: join(SHOT_DIR, 'sessions.png'), fullPage: true })
    })
    await step('phone layout', async () => {
      await page.setViewportSize(MOBILE)
      await page.locator('.session-card [data-test="session-current"]').waitFor()
      await quiet()
      await page.screenshot({ path: join(SHOT_DIR, 'sessions-mobile.png'), fullPage: true })
      const width = await page.evaluate(() => document.documentElement.scrollWidth)
      assert.ok(width <= MOBILE.width + 4, `the page is ${width} px wide at a ${MOBILE.width} px viewport (horizontal overflow)`)
    })
    await step('users page fits the phone too', async () => {
      await page.goto(`${BASE_URL}/system/users`)
      await userRow(COUNTY_USER).waitFor()
      await settle()
      const width = await page.evaluate(() => document.documentElement.scrollWidth)
      assert.ok(width <= MOBILE.width + 4, `the users page is ${width} px wide at ${MOBILE.width} px`)
    })
    await step('end all sessions', async () => {
      await page.goto(`${BASE_URL}/me/sessions`)
      await page.locator('[data-test="logout-all"]').click()
      await confirmMessageBox()
      await page.waitForURL(atPath('/login'))
      await page.goto(`${BASE_URL}/me/sessions`)
      await page.waitForURL(atPath('/login'))
    })
    assert.deepEqual(pageErrors, [], 'the page raised errors')
  }))
})
