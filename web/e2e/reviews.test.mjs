// Browser test of the review pages (谈心谈话, 考核评价, 工作经费, 生活补助, 考勤册, 纪实手册) against
// a running Zhenxing server.
//
//   ZX_BASE_URL=http://127.0.0.1:18080 ZX_USER=admin ZX_PASSWORD='…' npm run test:e2e
//
// Same server and variables as the other files (see session.mjs); it does not depend on what they
// create. Through the API with the admin's session it registers its own person and posts them as
// first secretary of 塘口村 (610331100201), with one work log. Then, in the UI: records this
// half-year's talk from the overdue list, rates the cadre 基本称职 and sees the improvement plan (and
// the 409 of a second rating), opens a work fund and records spending, sees the overspend error
// under the amount, downloads the allowance sheet and the village's attendance book (.xlsx), and
// opens the record manual with an award. At the end the dispatch is moved out of post again so that
// the other files' counts of first secretaries are not changed. Screenshots: talks.png,
// evaluations.png, funds.png, allowances.png, record-manual.png.
import { after, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { BASE_URL, DESKTOP, MOBILE, PASSWORD, SHOT_DIR, TIMEOUT, acquireServerLock, atPath, launchBrowser, chinaToday, loginAdmin, pageHelpers, preflight, walk } from './session.mjs'

const TAIBAI = '610331000000'
const VILLAGE = '610331100201'
const VILLAGE_NAME = '塘口'
const PERSON_NAME = '李考核'
const ID_NUMBER = '110101198506121234'
const UNIT_NAME = 'E2E 省直考核单位'

/** @type {import('playwright-core').Browser} */
let browser
/** @type {import('playwright-core').Page} */
let page
const pageErrors = []
const { step, waitForText, waitForCount, settle, input, textarea, tableRows, quiet, api, pickRegion } = pageHelpers(() => page)






/** Chooses our dispatch in the DispatchPicker of the open dialog. */
async function pickDispatch(dialog, dispatchId) {
  await page.locator(`[data-test="${dialog}"] [data-test="dispatch-picker"]`).first().click()
  await page.locator(`.dispatch-picker-popper [data-test="dispatch-option-${dispatchId}"]`).filter({ visible: true }).click()
}

async function gotoMenu(test, path) {
  const item = page.locator(`[data-test="${test}"]`)
  if (!(await item.isVisible())) await page.locator('[data-test="menu-cadres"]').click()
  await item.click()
  await page.waitForURL(atPath(path))
}

describe('cadre reviews: talks, evaluations, funds, allowances, record manual', { timeout: 600_000 }, () => {
  let releaseLock = () => {}
  let personId = 0
  let dispatchId = 0
  const { part, state } = walk()

  it('preflight: configuration, server and browser', async () => {
    const pf = await preflight(['/api/v1/talks', '/api/v1/evaluations', '/api/v1/funds', '/api/v1/presence/allowances', '/api/v1/people/{id}/record-manual'], { viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true })
    releaseLock = pf.release
    browser = pf.browser
    const context = pf.context
    page = await context.newPage()
    page.on('pageerror', (e) => pageErrors.push(`page error: ${e.message}`))
    state.ready = true
  })

  after(async () => {
    // Out of post again: the other files count the first secretaries in post.
    if (dispatchId && page) {
      await api('POST', `/dispatches/${dispatchId}/status`, { status: 'rotated', reason: 'e2e 测试结束' }).catch(() => {})
    }
    await browser?.close()
    releaseLock()
  })

  it('sets up a first secretary (API)', part(async () => {
    await step('admin login', async () => {
      await page.goto(`${BASE_URL}/login`)
      await page.locator('[data-test="login-username"]').waitFor()
      await loginAdmin(page)
    })
    await step('person, unit, dispatch, work log', async () => {
      const year = Number(chinaToday().slice(0, 4))
      const unit = await api('POST', '/sending-units', { name: UNIT_NAME, level: 'provincial', region_code: TAIBAI })
      assert.equal(unit.status, 201, `POST /sending-units answered ${unit.status}: ${unit.text}`)
      const person = await api('POST', '/people', { name: PERSON_NAME, id_number: ID_NUMBER, region_code: TAIBAI, work_unit: UNIT_NAME })
      assert.equal(person.status, 201, `POST /people answered ${person.status}: ${person.text}`)
      personId = person.body.id
      const d = await api('POST', '/dispatches', {
        person_id: personId,
        village_code: VILLAGE,
        role: 'first_secretary',
        sending_unit_id: unit.body.id,
        term_start: `${year - 1}-01-01`,
        term_end: `${year + 1}-12-31`,
        insured: true,
      })
      assert.equal(d.status, 201, `POST /dispatches answered ${d.status}: ${d.text}`)
      dispatchId = d.body.id
      const log = await api('POST', '/work-logs', { dispatch_id: dispatchId, day: chinaToday(), content: '召开村民代表大会，商议产业项目。', tags: ['industry'], in_village: true })
      assert.equal(log.status, 201, `POST /work-logs answered ${log.status}: ${log.text}`)
    })
  }))

  it('records a talk from the overdue list', part(async () => {
    await step('talks page', async () => {
      await page.goto(`${BASE_URL}/regions`)
      await gotoMenu('menu-talks', '/cadres/talks')
      await waitForCount(tableRows('talks-overdue').filter({ hasText: PERSON_NAME }), 1, 'overdue rows of the cadre')
      await page.locator('[data-test="talks-overdue-badge"] .el-badge__content').waitFor()
    })
    await step('record the talk', async () => {
      await tableRows('talks-overdue').filter({ hasText: PERSON_NAME }).locator('[data-test="talk-record-row"]').click()
      await input('talk-form-talker').waitFor()
      await waitForText(page.locator('[data-test="talk-form-person"]'), new RegExp(PERSON_NAME), 'cadre in the dialog')
      await input('talk-form-talker').fill('县委组织部 王部长')
      await textarea('talk-form-notes').fill('了解驻村工作情况，提醒落实在岗要求。')
      await page.locator('[data-test="talk-form-save"]').click()
      await input('talk-form-talker').waitFor({ state: 'hidden' })
      const done = tableRows('talks-done').filter({ hasText: PERSON_NAME })
      await waitForCount(done, 1, 'talked-with rows of the cadre')
      await waitForText(done.locator('[data-test="talk-day"]'), chinaToday(), 'day of the talk')
      await waitForCount(tableRows('talks-overdue').filter({ hasText: PERSON_NAME }), 0, 'overdue rows after the talk')
      await quiet()
      await page.screenshot({ path: join(SHOT_DIR, 'talks.png'), fullPage: true })
    })
  }))

  it('rates the cadre 基本称职 and sees the improvement plan', part(async () => {
    await step('evaluations page', async () => {
      await gotoMenu('menu-evaluations', '/cadres/evaluations')
      await page.locator('[data-test="evaluations-table"]').waitFor()
    })
    await step('rate with the evidence', async () => {
      await page.locator('[data-test="evaluation-add"]').click()
      await page.locator('[data-test="evaluation-dialog"] [data-test="dispatch-picker"]').first().waitFor()
      await pickDispatch('evaluation-dialog', dispatchId)
      await page.locator('[data-test="evaluation-dialog"] [data-test="evidence"]').waitFor()
      await page.locator('[data-test="evaluation-dialog"] [data-test="evidence-counts"]').waitFor()
      await page.locator('[data-test="rating-basic"]').click()
      await textarea('evaluation-form-comment').fill('在村天数不足，需加强在岗管理。')
      await page.locator('[data-test="evaluation-form-save"]').click()
      await page.locator('[data-test="evaluation-form-save"]').waitFor({ state: 'hidden' })
      await waitForText(page.locator('[data-test="evaluation-plan"]'), /整改计划须于 \d{4}-\d{2}-\d{2} 前完成/, 'improvement plan')
      const row = tableRows('evaluations-table').filter({ hasText: PERSON_NAME })
      await waitForCount(row, 1, 'evaluation rows of the cadre')
      await waitForText(row.locator('[data-test="evaluation-rating"]'), '基本称职', 'rating in the table')
      await row.locator('.el-table__expand-icon').click()
      await page.locator('[data-test="evaluations-table"] [data-test="evidence"]').first().waitFor()
      await quiet()
      await page.screenshot({ path: join(SHOT_DIR, 'evaluations.png'), fullPage: true })
    })
    await step('a second rating of the period is refused (409)', async () => {
      await page.locator('[data-test="evaluation-add"]').click()
      await pickDispatch('evaluation-dialog', dispatchId)
      await page.locator('[data-test="rating-competent"]').click()
      await page.locator('[data-test="evaluation-form-save"]').click()
      await waitForText(page.locator('[data-test="evaluation-form-error"] .el-alert__title'), /已评定/, 'conflict message')
      await page.keyboard.press('Escape')
      await page.locator('[data-test="evaluation-form-save"]').waitFor({ state: 'hidden' })
    })
  }))

  it('opens a work fund, records spending, refuses overspending', part(async () => {
    await step('funds page', async () => {
      await gotoMenu('menu-funds', '/cadres/funds')
      await page.locator('[data-test="funds-table"]').waitFor()
    })
    await step('new fund with the default budget', async () => {
      await page.locator('[data-test="fund-add"]').click()
      await page.locator('[data-test="fund-dialog"] [data-test="dispatch-picker"]').first().waitFor()
      await pickDispatch('fund-dialog', dispatchId)
      assert.equal(await input('fund-form-amount').getAttribute('placeholder'), '默认 10000')
      await page.locator('[data-test="fund-form-save"]').click()
      await page.locator('[data-test="fund-form-save"]').waitFor({ state: 'hidden' })
      const row = tableRows('funds-table').filter({ hasText: PERSON_NAME })
      await waitForCount(row, 1, 'fund rows of the cadre')
      await waitForText(row.locator('[data-test="fund-budget"]'), '10,000', 'budget')
    })
    await step('record spending', async () => {
      const row = tableRows('funds-table').filter({ hasText: PERSON_NAME })
      await row.locator('[data-test="fund-spend"]').click()
      await input('spend-form-amount').fill('3000')
      await input('spend-form-purpose').fill('购买村民培训教材')
      await page.locator('[data-test="spend-form-save"]').click()
      await page.locator('[data-test="spend-form-save"]').waitFor({ state: 'hidden' })
      await waitForText(row.locator('[data-test="fund-balance"]'), '7,000', 'balance after spending')
      await waitForText(row.locator('[data-test="fund-spent"]'), '3,000', 'spent')
    })
    await step('overspending shows the message under the amount', async () => {
      const row = tableRows('funds-table').filter({ hasText: PERSON_NAME })
      await row.locator('[data-test="fund-spend"]').click()
      await input('spend-form-amount').fill('20000')
      await input('spend-form-purpose').fill('修建村道')
      await page.locator('[data-test="spend-form-save"]').click()
      await waitForText(page.locator('[data-test="spend-form-amount-item"] .el-form-item__error'), /超出经费余额/, 'overspend message')
      await quiet()
      await page.screenshot({ path: join(SHOT_DIR, 'funds.png'), fullPage: true })
      await page.keyboard.press('Escape')
      await page.locator('[data-test="spend-form-save"]').waitFor({ state: 'hidden' })
      await waitForText(row.locator('[data-test="fund-balance"]'), '7,000', 'balance unchanged')
    })
  }))

  it('downloads the allowance sheet and the attendance book', part(async () => {
    await step('allowances page and Excel export', async () => {
      await gotoMenu('menu-allowances', '/cadres/allowances')
      await page.locator('[data-test="allowances-table"]').waitFor()
      await settle()
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="allowances-xlsx"]').click()])
      const name = download.suggestedFilename()
      assert.ok(name.endsWith('.xlsx'), `the allowance download is named ${name}`)
      assert.equal(await download.failure(), null, 'the allowance download failed')
      assert.equal(page.url(), `${BASE_URL}/cadres/allowances`, 'the download navigated away')
      await page.locator('[data-test="rates-save"]').click()
      await page.locator('.el-message--success').first().waitFor()
      await quiet()
      await page.screenshot({ path: join(SHOT_DIR, 'allowances.png'), fullPage: true })
    })
    await step('attendance book of a village', async () => {
      await gotoMenu('menu-presence', '/cadres/presence')
      await page.locator('[data-test="presence-table"]').waitFor()
      assert.ok(await page.locator('[data-test="attendance-xlsx"]').isDisabled(), 'the attendance book needs a village')
      await pickRegion('presence-region', '塘口', VILLAGE)
      await page.locator('[data-test="attendance-xlsx"]:not(.is-disabled)').waitFor()
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="attendance-xlsx"]').click()])
      const name = download.suggestedFilename()
      assert.ok(name.endsWith('.xlsx'), `the attendance book is named ${name}`)
      assert.equal(await download.failure(), null, 'the attendance download failed')
    })
  }))

  it('shows the record manual and records an award', part(async () => {
    await step('open the record manual from the people page', async () => {
      await gotoMenu('menu-people', '/cadres/people')
      await input('people-q').fill(PERSON_NAME)
      await page.locator('[data-test="people-search"]').click()
      const row = tableRows('people-table').filter({ hasText: PERSON_NAME })
      await waitForCount(row, 1, 'people rows of the cadre')
      await row.locator('[data-test="person-manual"]').click()
      await waitForText(page.locator('[data-test="manual-name"]'), PERSON_NAME, 'name in the manual')
      await waitForCount(page.locator('[data-test="manual-dispatch"]'), 1, 'dispatches in the manual')
      await waitForText(page.locator('[data-test="manual-dispatch"] h3'), new RegExp(VILLAGE_NAME), 'village name in the manual')
      await waitForCount(page.locator('[data-test="manual-log"]'), 1, 'work logs in the manual')
      await waitForText(page.locator('[data-test="manual-evaluation"]'), /基本称职/, 'evaluation in the manual')
    })
    await step('record an award', async () => {
      await page.locator('[data-test="award-add"]').click()
      await input('award-form-title').fill('优秀驻村第一书记')
      await page.locator('[data-test="award-form-save"]').click()
      await input('award-form-title').waitFor({ state: 'hidden' })
      await waitForText(page.locator('[data-test="manual-award"]'), '优秀驻村第一书记', 'award in the manual')
      await quiet()
      await page.screenshot({ path: join(SHOT_DIR, 'record-manual.png'), fullPage: true })
      await page.keyboard.press('Escape')
    })
    await step('the review pages fit a 360 px phone', async () => {
      await page.setViewportSize(MOBILE)
      for (const path of ['/cadres/talks', '/cadres/evaluations', '/cadres/funds', '/cadres/allowances']) {
        await page.goto(`${BASE_URL}${path}`)
        await page.locator('.zx-card').first().waitFor()
        await settle()
        const width = await page.evaluate(() => document.documentElement.scrollWidth)
        assert.ok(width <= MOBILE.width + 4, `${path} is ${width} px wide at ${MOBILE.width} px`)
      }
      await page.setViewportSize(DESKTOP)
    })
    assert.deepEqual(pageErrors, [], 'the page raised errors')
  }))
})
