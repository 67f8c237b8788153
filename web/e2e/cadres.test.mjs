// Browser test of the stationed-cadre pages against a running Zhenxing server.
//
//   ZX_BASE_URL=http://127.0.0.1:18080 ZX_USER=admin ZX_PASSWORD='…' npm run test:e2e
//
// Same server and variables as the other files (see session.mjs). The server holds 太白县 but no
// cadres. As the admin it sets the position of village 610331100200 (through the API with the
// page's session), registers a person and posts them as first secretary of that village through
// the UI (adding a sending unit on the way), and creates their account through the API. Then it
// logs in as that cadre on a 360 px phone: forced password change, the phone start page /m/, a
// check-in at the village's position (fake geolocation), and an offline check-in that waits in the
// queue and uploads once the phone is back online; a work log and a day of leave. Back as the
// admin, the presence page of the current month lists the cadre; the filing register, the dispatch
// history, the leave approval and the work logs follow. Screenshots: people.png, dispatches.png,
// m-checkin-queued.png, m-checkin.png, m-home.png, presence.png, filing.png, worklogs.png,
// presence-mobile.png.
import { after, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import {
  BASE_URL,
  DESKTOP,
  MOBILE,
  PASSWORD,
  SHOT_DIR,
  TIMEOUT,
  USER,
  acquireServerLock,
  atPath,
  changePasswordForm,
  chinaToday,
  launchBrowser,
  loginAdmin,
  pageHelpers,
  submitLogin,
  preflight,
  walk,
} from './session.mjs'

const TAIBAI = '610331000000'
const VILLAGE = '610331100200'
const POSITION = { latitude: 34.0626, longitude: 107.3197 }
const PERSON_NAME = '张驻村'
const ID_NUMBER = '110101199003074514'
const PHONE = '13900001111'
const UNIT_NAME = 'E2E 县委组织部'
const FS_USER = 'e2e_fs'
const FS_PASSWORD = `Fs-${randomBytes(9).toString('base64url')}-7q`
const FS_NEW_PASSWORD = `Fs-${randomBytes(9).toString('base64url')}-8w`

/** @type {import('playwright-core').Browser} */
let browser
/** @type {import('playwright-core').BrowserContext} */
let context
/** @type {import('playwright-core').Page} */
let page
const pageErrors = []
const { step, waitForText, waitForCount, settle, input, textarea, tableRows, quiet, api, pickRegion, logout } = pageHelpers(() => page)







describe('stationed cadres: register, dispatch, phone check-in, presence', { timeout: 600_000 }, () => {
  let releaseLock = () => {}
  let adminPassword = ''
  let personId = 0
  const { part, state } = walk()

  it('preflight: configuration, server and browser', async () => {
    // One context for both users: the phone part needs the fake position and the permission.
    const pf = await preflight(['/api/v1/people', '/api/v1/dispatches', '/api/v1/checkins', '/api/v1/presence/month', '/api/v1/sending-units'], {
      viewport: DESKTOP,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      geolocation: { ...POSITION, accuracy: 8 },
      permissions: ['geolocation'],
      acceptDownloads: true,
    })
    releaseLock = pf.release
    browser = pf.browser
    context = pf.context
    page = await context.newPage()
    page.on('pageerror', (e) => pageErrors.push(`page error: ${e.message}`))
    state.ready = true
  })

  after(async () => {
    await browser?.close()
    releaseLock()
  })

  it('registers a person and posts them as first secretary', part(async () => {
    await step('admin login', async () => {
      await page.goto(`${BASE_URL}/login`)
      await page.locator('[data-test="login-username"]').waitFor()
      adminPassword = (await loginAdmin(page)).password
    })
    await step('set the village position (API)', async () => {
      const res = await api('PUT', `/regions/${VILLAGE}/position`, POSITION)
      assert.ok(res.status === 200 || res.status === 204, `PUT /regions/${VILLAGE}/position answered ${res.status}: ${res.text}`)
    })
    await step('cadre menu', async () => {
      await page.goto(`${BASE_URL}/regions`)
      await page.locator('[data-test="menu-cadres"]').click()
      await page.locator('[data-test="menu-people"]').click()
      await page.waitForURL(atPath('/cadres/people'))
      await page.locator('[data-test="people-table"]').waitFor()
    })
    await step('register the person', async () => {
      await page.locator('[data-test="person-add"]').click()
      await input('person-form-name').waitFor()
      await input('person-form-name').fill(PERSON_NAME)
      await input('person-form-id').fill(ID_NUMBER)
      await input('person-form-phone').fill(PHONE)
      await pickRegion('person-form-region', '太白', TAIBAI)
      await page.locator('[data-test="person-form-save"]').click()
      await page.locator('[data-test="person-form-name"]').first().waitFor({ state: 'hidden' })
      await waitForCount(tableRows('people-table').filter({ hasText: PERSON_NAME }), 1, 'rows of the new person')
      const row = tableRows('people-table').filter({ hasText: PERSON_NAME })
      personId = Number(await row.locator('[data-test="person-name"]').getAttribute('data-id'))
      assert.ok(personId > 0, 'the person row has no id')
      await waitForText(row.locator('[data-test="personal-phone-value"]'), '139****1111', 'masked phone')
      await row.locator('[data-test="unmask-phone"]').click()
      await waitForText(row.locator('[data-test="personal-phone-value"]'), PHONE, 'unmasked phone (audited)')
      await row.locator('[data-test="mask-phone"]').click()
      await waitForText(row.locator('[data-test="personal-phone-value"]'), '139****1111', 'masked again')
    })
    await step('the same ID number again is refused with the server message', async () => {
      await page.locator('[data-test="person-add"]').click()
      await input('person-form-name').fill('重复人员')
      await input('person-form-id').fill(ID_NUMBER)
      await pickRegion('person-form-region', '太白', TAIBAI)
      await page.locator('[data-test="person-form-save"]').click()
      const err = page.locator('[data-test="person-dialog"] .el-form-item__error').filter({ visible: true })
      await err.first().waitFor()
      assert.ok(((await err.first().textContent()) ?? '').trim().length > 0, 'no message under the ID number')
      await page.keyboard.press('Escape')
      await page.locator('[data-test="person-form-name"]').first().waitFor({ state: 'hidden' })
      await quiet()
      await page.screenshot({ path: join(SHOT_DIR, 'people.png'), fullPage: true })
    })
    await step('new dispatch with a new sending unit', async () => {
      await page.locator('[data-test="menu-dispatches"]').click()
      await page.waitForURL(atPath('/cadres/dispatches'))
      await page.locator('[data-test="dispatch-add"]').click()
      const personBox = page.locator('[data-test="dispatch-form-person"] input').first()
      await personBox.waitFor()
      await personBox.click()
      await personBox.pressSequentially(PERSON_NAME.slice(0, 2), { delay: 60 })
      await page.locator(`[data-test="person-option-${personId}"]`).filter({ visible: true }).click()
      await pickRegion('dispatch-form-village', '咀头', VILLAGE)
      await page.locator('[data-test="unit-add"]').click()
      await input('unit-form-name').waitFor()
      await input('unit-form-name').fill(UNIT_NAME)
      await page.locator('[data-test="unit-form-save"]').click()
      await input('unit-form-name').waitFor({ state: 'hidden' })
      await waitForText(page.locator('[data-test="dispatch-form-unit"]'), new RegExp(UNIT_NAME), 'chosen unit')
      await page.locator('[data-test="dispatch-form-save"]').click()
      await page.locator('[data-test="dispatch-form-save"]').waitFor({ state: 'hidden' })
      const row = tableRows('dispatches-table').filter({ hasText: PERSON_NAME })
      await waitForCount(row, 1, 'dispatch rows of the person')
      assert.equal(await row.locator('[data-test="dispatch-status"]').getAttribute('data-status'), 'in_post')
      assert.equal(await row.locator('[data-test="dispatch-village"]').getAttribute('data-code'), VILLAGE)
      await quiet()
      await page.screenshot({ path: join(SHOT_DIR, 'dispatches.png'), fullPage: true })
    })
    await step('the cadre account (API)', async () => {
      const res = await api('POST', '/users', {
        username: FS_USER,
        display_name: '驻村书记',
        scope_code: VILLAGE,
        roles: ['first_secretary'],
        person_id: personId,
        password: FS_PASSWORD,
      })
      assert.equal(res.status, 201, `POST /users answered ${res.status}: ${res.text}`)
    })
  }))

  it('checks in on the phone, also offline', part(async () => {
    await step('log out, cadre logs in on a phone', async () => {
      await logout()
      await page.setViewportSize(MOBILE)
      assert.equal(await submitLogin(page, FS_USER, FS_PASSWORD), 200)
      await page.waitForURL(atPath('/password'))
      await changePasswordForm(page, FS_PASSWORD, FS_NEW_PASSWORD)
      await page.waitForURL(atPath('/m/'))
      await page.locator('[data-test="m-home"]').waitFor()
      assert.equal(await page.locator('[data-test="m-today"]').getAttribute('data-checked'), 'false')
    })
    await step('check in at the village', async () => {
      await page.locator('[data-test="m-nav-checkin"]').click()
      await page.waitForURL(atPath('/m/checkin'))
      await page.locator('[data-test="checkin-button"]').click()
      await page.locator('[data-test="checkin-status"][data-state="done"]').waitFor()
      await waitForText(page.locator('[data-test="checkin-status"]'), /已签到/, 'check-in state')
      assert.equal(await page.locator('[data-test="checkin-last"]').getAttribute('data-within'), 'true')
      await waitForText(page.locator('[data-test="checkin-within"]'), '在村范围内', 'within the radius')
    })
    await step('check in offline: queued', async () => {
      await context.setOffline(true)
      await page.locator('[data-test="checkin-button"]').click()
      await page.locator('[data-test="checkin-status"][data-state="queued"]').waitFor()
      await waitForCount(page.locator('[data-test="queue-item"]'), 1, 'queued check-ins')
      await waitForText(page.locator('[data-test="queue-item"]'), /待上传/, 'queued label')
      await page.locator('[data-test="checkin-offline"]').waitFor()
      await quiet()
      await page.screenshot({ path: join(SHOT_DIR, 'm-checkin-queued.png'), fullPage: true })
    })
    await step('back online: the queue uploads and empties', async () => {
      await context.setOffline(false)
      await waitForCount(page.locator('[data-test="queue-item"]'), 0, 'queued check-ins after going online')
      await page.locator('[data-test="checkin-status"][data-state="done"]').waitFor()
      assert.equal(await page.locator('[data-test="checkin-last"]').getAttribute('data-within'), 'true')
      await quiet()
      await page.screenshot({ path: join(SHOT_DIR, 'm-checkin.png'), fullPage: true })
      const width = await page.evaluate(() => document.documentElement.scrollWidth)
      assert.ok(width <= MOBILE.width + 4, `the check-in page is ${width} px wide at ${MOBILE.width} px`)
    })
    await step('write a work log', async () => {
      await page.locator('[data-test="m-nav-log"]').click()
      await page.waitForURL(atPath('/m/log'))
      await page.locator('[data-test="log-submit"]:not(.is-disabled)').waitFor()
      await textarea('log-content').fill('走访脱贫户 3 户，了解产业发展情况。')
      await page.locator('[data-test="log-tag-visits"]').click()
      await page.locator('[data-test="log-submit"]').click()
      await page.locator('.el-message--success').first().waitFor()
      assert.equal(await textarea('log-content').inputValue(), '', 'the log form was not cleared after saving')
    })
    await step('request a day of leave', async () => {
      await page.locator('[data-test="m-nav-leave"]').click()
      await page.waitForURL(atPath('/m/leave'))
      await page.locator('[data-test="leave-submit"]:not(.is-disabled)').waitFor()
      for (const test of ['leave-start', 'leave-end']) {
        await input(test).click()
        await page.locator('.el-picker-panel td.today').filter({ visible: true }).first().click()
        await page.locator('.el-picker-panel').filter({ visible: true }).first().waitFor({ state: 'hidden' })
      }
      await textarea('leave-reason').fill('参加县委组织部培训')
      await page.locator('[data-test="leave-submit"]').click()
      await waitForCount(page.locator('[data-test="my-leave"]'), 1, 'my leave requests')
      await waitForText(page.locator('[data-test="my-leave"]'), /待审批/, 'leave status')
      const width = await page.evaluate(() => document.documentElement.scrollWidth)
      assert.ok(width <= MOBILE.width + 4, `the leave page is ${width} px wide at ${MOBILE.width} px`)
    })
    await step('start page shows today checked in', async () => {
      await page.locator('[data-test="m-nav-home"]').click()
      await page.waitForURL(atPath('/m/'))
      await page.locator('[data-test="m-today"][data-checked="true"]').waitFor()
      await quiet()
      await page.screenshot({ path: join(SHOT_DIR, 'm-home.png'), fullPage: true })
    })
  }))

  it('lists the cadre on the presence page', part(async () => {
    await step('admin logs in again', async () => {
      await logout()
      await page.setViewportSize(DESKTOP)
      assert.equal(await submitLogin(page, USER, adminPassword), 200)
      await page.waitForURL((u) => u.pathname !== '/login')
    })
    await step('presence of the current month', async () => {
      const month = chinaToday().slice(0, 7)
      await page.goto(`${BASE_URL}/cadres/presence?month=${month}`)
      const row = tableRows('presence-table').filter({ hasText: PERSON_NAME })
      await waitForCount(row, 1, `presence rows of ${PERSON_NAME} in ${month}`)
      await waitForText(row.locator('[data-test="presence-days"]'), /^1 \/ \d+ 天$/, 'days in the village')
      await quiet()
      await page.screenshot({ path: join(SHOT_DIR, 'presence.png'), fullPage: true })
    })
    await step('filing register', async () => {
      await page.locator('[data-test="menu-filing"]').click()
      await page.waitForURL(atPath('/cadres/filing'))
      await waitForText(page.locator('[data-test="filing-fs-count"]'), '1', 'first secretaries in post')
      await waitForCount(tableRows('filing-table').filter({ hasText: PERSON_NAME }), 1, 'register rows')
      await quiet()
      await page.screenshot({ path: join(SHOT_DIR, 'filing.png'), fullPage: true })
    })
    await step('dispatch details with history', async () => {
      await page.locator('[data-test="menu-dispatches"]').click()
      await page.waitForURL(atPath('/cadres/dispatches'))
      const row = tableRows('dispatches-table').filter({ hasText: PERSON_NAME })
      await row.locator('[data-test="dispatch-detail"]').click()
      await page.locator('[data-test="dispatch-history"] .el-timeline-item').first().waitFor()
      await page.keyboard.press('Escape')
    })
    await step('approve the leave', async () => {
      await page.locator('[data-test="menu-leaves"]').click()
      await page.waitForURL(atPath('/cadres/leaves'))
      const row = tableRows('leaves-table').filter({ hasText: PERSON_NAME })
      await waitForCount(row, 1, 'leave rows')
      await row.locator('[data-test="leave-approve"]').click()
      await page.locator('[data-test="leave-decision-save"]').click()
      await waitForText(row.locator('[data-test="leave-status"]'), '已批准', 'leave status after approval')
    })
    await step('work logs', async () => {
      await page.locator('[data-test="menu-worklogs"]').click()
      await page.waitForURL(atPath('/cadres/worklogs'))
      await waitForCount(tableRows('worklogs-table').filter({ hasText: '走访脱贫户' }), 1, 'work log rows')
      await quiet()
      await page.screenshot({ path: join(SHOT_DIR, 'worklogs.png'), fullPage: true })
    })
    await step('the cadre pages fit a 360 px phone', async () => {
      await page.setViewportSize(MOBILE)
      for (const path of ['/cadres/people', '/cadres/dispatches', '/cadres/filing', '/cadres/presence', '/cadres/leaves', '/cadres/worklogs']) {
        await page.goto(`${BASE_URL}${path}`)
        await page.locator('.zx-card').first().waitFor()
        await settle()
        const width = await page.evaluate(() => document.documentElement.scrollWidth)
        assert.ok(width <= MOBILE.width + 4, `${path} is ${width} px wide at ${MOBILE.width} px`)
        if (path === '/cadres/presence') await page.screenshot({ path: join(SHOT_DIR, 'presence-mobile.png'), fullPage: true })
      }
    })
    assert.deepEqual(pageErrors, [], 'the page raised errors')
  }))
})
