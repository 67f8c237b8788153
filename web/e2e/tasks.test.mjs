// Browser test of tasks and supervision against a running Zhenxing server (see session.mjs for the
// variables). Through the API with the admin's session it makes a county organization department
// account (太白县) and a township account (咀头镇), each logging in once and changing its password.
// In the UI: the county issues a task with a form field to 咀头镇 picked from the region tree; the
// township finds it, reports with an answer, sees a forbidden file refused, uploads a PDF and
// closes; the county sees it done. Then a finding: the county records it, the township reports
// rectification with evidence, the county cannot close before signing off, signs off and closes.
// Finally the inspector's phone page at 360 px records a finding. Screenshots: tasks-issued.png,
// tasks-mine.png, supervision-finding.png, inspect-mobile.png.
import { after, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { BASE_URL, DESKTOP, MOBILE, PASSWORD, SHOT_DIR, TIMEOUT, acquireServerLock, atPath, changePasswordForm, chinaToday, launchBrowser, loginAdmin, pageHelpers, submitLogin, preflight, walk } from './session.mjs'

const TOWNSHIP = '610331100000'
const SUFFIX = Math.random().toString(36).slice(2, 7)
const COUNTY_USER = `e2e_tk_county_${SUFFIX}`
const TOWN_USER = `e2e_tk_town_${SUFFIX}`
const FIRST_PW = 'E2e-Tasks-First-2026'
const NEW_PW = 'E2e-Tasks-Changed-2026'
const TITLE = `E2E 报送专题会议情况 ${SUFFIX}`
const CATEGORY = `E2E 台账不实 ${SUFFIX}`
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')

/** @type {import('playwright-core').Browser} */
let browser
/** @type {import('playwright-core').Page} */
let page
let adminPage, countyPage, townPage
const pageErrors = []
const { step, waitForText, waitForCount, settle, input, textarea, tableRows, quiet, api } = pageHelpers(() => page)

function addDays(day, n) {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

async function newPage(viewport = DESKTOP) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  context.setDefaultTimeout(TIMEOUT)
  context.setDefaultNavigationTimeout(TIMEOUT)
  const p = await context.newPage()
  p.on('pageerror', (e) => pageErrors.push(`page error: ${e.message}`))
  return p
}

/** Logs a fresh account in and does its forced password change. */
async function firstLogin(p, username) {
  await p.goto(`${BASE_URL}/login`)
  await p.locator('[data-test="login-username"]').waitFor()
  assert.equal(await submitLogin(p, username, FIRST_PW), 200)
  await p.waitForURL(atPath('/password'))
  await changePasswordForm(p, FIRST_PW, NEW_PW)
  await p.waitForURL((u) => u.pathname !== '/password' && u.pathname !== '/login')
}

async function fillDate(test, day) {
  const box = input(test)
  await box.click()
  await box.fill(day)
  await box.press('Enter')
  await page.waitForTimeout(200)
}

async function pickOption(selectTest, text) {
  await page.locator(`[data-test="${selectTest}"]`).first().click()
  await page.locator('.el-select-dropdown__item').filter({ visible: true }).filter({ hasText: text }).first().click()
}

describe('tasks and supervision: issue → receive → report → close, a finding to sign-off', { timeout: 600_000 }, () => {
  let releaseLock = () => {}
  const { part, state } = walk()

  it('preflight: configuration, server and browser', async () => {
    const pf = await preflight(['/api/v1/tasks', '/api/v1/task-receivers/{id}/close', '/api/v1/findings/{id}/sign-off'])
    releaseLock = pf.release
    browser = pf.browser
    state.ready = true
  })

  after(async () => {
    await browser?.close()
    releaseLock()
  })

  it('sets up a county and a township account (API)', part(async () => {
    adminPage = await newPage()
    page = adminPage
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

  it('the county issues a task to 咀头镇 picked from the region tree', part(async () => {
    page = countyPage
    await step('issued tasks page', async () => {
      await page.goto(`${BASE_URL}/tasks/issued`)
      await page.locator('[data-test="task-issue"]').waitFor()
    })
    await step('fill in and pick the receiver', async () => {
      await page.locator('[data-test="task-issue"]').click()
      await input('task-title').fill(TITLE)
      await textarea('task-content').fill('请召开专题会议并报送会议记录。')
      await fillDate('task-deadline', addDays(chinaToday(), 10))
      await input('task-evidence').fill('会议记录扫描件')
      await page.locator('[data-test="task-add-field"]').click()
      await input('task-field-label').fill('会议次数')
      const node = page.locator('.el-tree-node__content', { has: page.locator(`[data-test="task-tree-${TOWNSHIP}"]`) })
      await node.locator('.el-checkbox').click()
      await waitForCount(page.locator('[data-test="task-receiver-tag"]'), 1, 'picked receivers')
      await page.locator('[data-test="task-save"]').click()
      await waitForCount(tableRows('tasks-table').filter({ hasText: TITLE }), 1, 'the issued task in the list')
      await quiet()
      await page.screenshot({ path: join(SHOT_DIR, 'tasks-issued.png'), fullPage: true })
    })
  }))

  it('the township reports, uploads evidence (a forbidden type refused) and closes', part(async () => {
    page = townPage
    await step('my tasks', async () => {
      await page.goto(`${BASE_URL}/tasks/mine`)
      const row = tableRows('mytasks-table').filter({ hasText: TITLE })
      await waitForCount(row, 1, 'the received task')
      await row.locator('[data-test="mytask-open"]').click()
      await page.locator('[data-test="report-text"]').first().waitFor()
    })
    await step('report with an answer', async () => {
      await input('answer-f1').fill('2')
      await textarea('report-text').fill('已召开两次专题会议')
      await page.locator('[data-test="report-submit"]').click()
      await waitForText(page.locator('[data-test="mytask-drawer-status"]'), '办理中', 'status after the report')
    })
    await step('evidence', async () => {
      const file = page.locator('[data-test="mytask-evidence-file"]')
      await file.setInputFiles({ name: 'tool.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') })
      await waitForText(page.locator('[data-test="mytask-evidence-error"]'), /不允许的文件类型/, 'forbidden type refused')
      await file.setInputFiles({ name: '会议记录.pdf', mimeType: 'application/pdf', buffer: PDF })
      await waitForCount(page.locator('[data-test="mytask-file"]'), 1, 'uploaded evidence')
    })
    await step('close', async () => {
      await input('close-note').fill('已按要求完成')
      await page.locator('[data-test="close-submit"]').click()
      await waitForText(page.locator('[data-test="mytask-drawer-status"]'), '已办结', 'status after closing')
      await quiet()
      await page.screenshot({ path: join(SHOT_DIR, 'tasks-mine.png'), fullPage: true })
    })
  }))

  it('the county sees the task done', part(async () => {
    page = countyPage
    await step('completion', async () => {
      await page.reload()
      const row = tableRows('tasks-table').filter({ hasText: TITLE })
      await waitForText(row.locator('[data-test="task-summary"]'), '1/1', 'done of total')
      await row.locator('[data-test="task-open"]').click()
      await waitForText(page.locator('[data-test="receiver-status"]'), '已办结', 'receiver row')
    })
  }))

  it('a finding: recorded, rectified with evidence, not closed before sign-off, signed off and closed', part(async () => {
    page = countyPage
    await step('group and inspection (API)', async () => {
      const g = await api('POST', '/inspection-groups', { name: `E2E 督查组 ${SUFFIX}`, year: Number(chinaToday().slice(0, 4)), members: [{ name: '王督查', role: 'leader' }] })
      assert.equal(g.status, 201, g.text)
      const i = await api('POST', '/inspections', { group_id: g.body.id, region_code: TOWNSHIP, kind: 'unannounced', day: chinaToday(), notes: 'E2E 暗访' })
      assert.equal(i.status, 201, i.text)
    })
    await step('record the finding', async () => {
      await page.goto(`${BASE_URL}/supervision`)
      await page.locator('[data-test="finding-add"]').click()
      await pickOption('finding-inspection', '咀头镇')
      await input('finding-category').fill(CATEGORY)
      await textarea('finding-description').fill('帮扶台账与实际不符')
      await fillDate('finding-deadline', addDays(chinaToday(), 20))
      await page.locator('[data-test="sup-save"]').click()
      await waitForCount(tableRows('findings-table').filter({ hasText: CATEGORY }), 1, 'the finding in the list')
    })
    page = townPage
    await step('the township rectifies with evidence', async () => {
      await page.goto(`${BASE_URL}/supervision`)
      const row = tableRows('findings-table').filter({ hasText: CATEGORY })
      await waitForCount(row, 1, 'the finding seen by its owner')
      await row.locator('[data-test="finding-open"]').click()
      await textarea('followup-text').fill('已重新核对台账')
      await page.locator('[data-test="followup-submit"]').click()
      await waitForText(page.locator('[data-test="finding-drawer-status"]'), '整改中', 'status after follow-up')
      await page.locator('[data-test="finding-evidence-file"]').setInputFiles({ name: '整改报告.pdf', mimeType: 'application/pdf', buffer: PDF })
      await waitForCount(page.locator('[data-test="finding-file"]'), 1, 'evidence of the finding')
      assert.equal(await page.locator('[data-test="signoff-submit"]').count(), 0, 'the owner has no sign-off button')
    })
    page = countyPage
    await step('close refused before sign-off, then sign off and close', async () => {
      await page.reload()
      const row = tableRows('findings-table').filter({ hasText: CATEGORY })
      await row.locator('[data-test="finding-open"]').click()
      await input('finding-close-note').fill('销号')
      await page.locator('[data-test="finding-close"]').click()
      await waitForText(page.locator('[data-test="finding-error-sign_off"]'), /签字确认/, 'close refused without sign-off')
      await input('signoff-signer').fill('王督查')
      await page.locator('[data-test="signoff-submit"]').click()
      await waitForText(page.locator('[data-test="finding-drawer-status"]'), '已签字确认', 'signed off')
      await page.locator('[data-test="finding-close"]').click()
      await waitForText(page.locator('[data-test="finding-drawer-status"]'), '已销号', 'closed')
      await quiet()
      await page.screenshot({ path: join(SHOT_DIR, 'supervision-finding.png'), fullPage: true })
    })
  }))

  it('a responsibility list signed by both sides is rated at year end (述职评议)', part(async () => {
    page = countyPage
    const year = Number(chinaToday().slice(0, 4))
    await step('list and signatures (API)', async () => {
      const l = await api('POST', '/responsibility-lists', { region_code: '610331101', year, secretary_name: `E2E 书记 ${SUFFIX}`, superior_name: '县委书记', items: ['抓党建促乡村振兴第一责任人'] })
      if (l.status === 409) return // a rerun against the same server: the list is there already
      assert.equal(l.status, 201, l.text)
      for (const side of ['secretary', 'superior']) {
        const s = await api('POST', `/responsibility-lists/${l.body.id}/sign`, { side, name: side === 'secretary' ? `E2E 书记 ${SUFFIX}` : '县委书记', day: chinaToday() })
        assert.equal(s.status, 200, s.text)
      }
    })
    await step('rate in the UI', async () => {
      await page.goto(`${BASE_URL}/supervision/duties`)
      const row = tableRows('duties-table').filter({ hasText: '桃川镇' })
      await waitForCount(row, 1, 'the list of 桃川镇')
      if (await row.locator('[data-test="duty-rate"]').count()) {
        await row.locator('[data-test="duty-rate"]').click()
        await page.locator('[data-test="duty-rate-dialog"] .el-radio').filter({ hasText: '较好' }).click()
        await page.locator('[data-test="duty-rate-dialog"] .el-button--primary').click()
      }
      await waitForText(row.locator('.el-tag'), /较好|好/, 'the rating')
    })
  }))

  it('the inspector\'s phone page records a finding at 360 px', part(async () => {
    page = countyPage
    await step('phone page', async () => {
      await page.setViewportSize(MOBILE)
      await page.goto(`${BASE_URL}/m/inspect`)
      await input('m-finding-category').fill(`${CATEGORY} 手机`)
      await textarea('m-finding-description').fill('村务公开栏未更新')
      await fillDate('m-finding-deadline', addDays(chinaToday(), 15))
      await page.locator('[data-test="m-finding-save"]').click()
      await waitForText(page.locator('[data-test="m-finding-last"]'), /手机/, 'recorded on the phone')
      const width = await page.evaluate(() => document.documentElement.scrollWidth)
      assert.ok(width <= 360, `the phone page is ${width}px wide`)
      await quiet()
      await page.screenshot({ path: join(SHOT_DIR, 'inspect-mobile.png'), fullPage: true })
    })
    assert.deepEqual(pageErrors, [])
  }))
})
