// Browser test of the stationed-cadre workflows that the other files do not walk through, against a
// running Zhenxing server.
//
//   ZX_BASE_URL=http://127.0.0.1:18080 ZX_USER=admin ZX_PASSWORD='…' npm run test:e2e
//
// Same server and variables as the other files (see session.mjs); it does not depend on what they
// create and uses villages of its own (拐里, 黄凤山, 方才关, 梅湾 in 咀头镇). Set-up data (people, a
// sending unit, dispatches, a cadre account, a leave request) go through the API with the page's
// session; the workflows themselves through the pages:
//   1. a new dispatch batch (选派批次) opened from the dispatch dialog and used for a new dispatch;
//   2. that dispatch rotated (轮换) with a reason: status in the table, status, reason and history
//      in the detail drawer;
//   3. presence rules of a village saved on the presence page: the values come back after a reload
//      and the month list judges the village's cadre against them;
//   4. a leave approved on the leaves page and reported back (销假) by the cadre on the phone: the
//      phone and the leaves page show the return day;
//   5. a cadre rated 不称职: the dispatch is recalled with the reason, the register shows 已召回 and
//      the village among those without a first secretary; another rated 基本称职 gets an
//      improvement plan with a three-month deadline.
// At the end every dispatch of this file is out of post, so the other files' counts of first
// secretaries in post are unchanged. Screenshots: wf-batch-dispatch.png, wf-dispatch-rotated.png,
// wf-presence-rules.png, wf-leave-returned-phone.png, wf-leave-returned.png, wf-recalled-filing.png,
// wf-improvement-plan.png.
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
const UNIT_NAME = 'E2E 市直选派单位'
const BATCH_NAME = `E2E 第${randomBytes(2).readUInt16BE() % 90 + 10}批选派`
const CADRE_USER = 'e2e_wf_fs'
const CADRE_PASSWORD = `Wf-${randomBytes(9).toString('base64url')}-3k`
const CADRE_NEW_PASSWORD = `Wf-${randomBytes(9).toString('base64url')}-5m`

/** An 18-digit ID number with its GB 11643 check character. */
function idNumber(first17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i], 0)
  return first17 + '10X98765432'[sum % 11]
}

// One person per workflow; fresh ID numbers (the other files use their own constants).
const BATCHED = { name: '王批次', id: idNumber('11010219800315123'), village: '610331100204', query: '拐里', villageName: '拐里' }
const RULED = { name: '赵考勤', id: idNumber('11010219810720234'), village: '610331100206', query: '黄凤山', villageName: '黄凤山' }
const RECALLED = { name: '孙召回', id: idNumber('11010219820905345'), village: '610331100209', query: '方才关', villageName: '方才关' }
const IMPROVING = { name: '周整改', id: idNumber('11010219831111456'), village: '610331100213', query: '梅湾', villageName: '梅湾' }

const RULES = { min_days: 18, warning_days: 12, radius_m: 1500 }

/** @type {import('playwright-core').Browser} */
let browser
/** @type {import('playwright-core').Page} */
let page
/** @type {import('playwright-core').Page} */
let phone
const pageErrors = []
const { step, waitForText, waitForCount, settle, input, textarea, tableRows, quiet, api, pickRegion } = pageHelpers(() => page)
const cadre = pageHelpers(() => phone)

/** A string as a literal part of a regular expression. */
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The day in China `days` from now. */
const chinaDayIn = (days) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10)

async function gotoMenu(test, path) {
  const item = page.locator(`[data-test="${test}"]`)
  if (!(await item.isVisible())) await page.locator('[data-test="menu-cadres"]').click()
  await item.click()
  await page.waitForURL(atPath(path))
}

/** Picks an option of an el-select (the wrapper with that data-test) by its visible text. */
async function chooseOption(test, text) {
  await page.locator(`[data-test="${test}"]`).first().click()
  await page.locator('.el-select-dropdown__item').filter({ visible: true, hasText: text }).first().click()
}

/** Types a value into an el-input-number and leaves it, so that the model takes it. */
async function setNumber(test, value) {
  const box = input(test)
  await box.fill(String(value))
  await box.press('Tab')
}

async function dispatchRow(name) {
  const row = tableRows('dispatches-table').filter({ hasText: name })
  await waitForCount(row, 1, `dispatch rows of ${name}`)
  return row
}

describe('stationed-cadre workflows: batches, status changes, presence rules, leave, ratings', { timeout: 600_000 }, () => {
  let releaseLock = () => {}
  let unitId = 0
  const dispatchIds = {}
  let leaveId = 0
  const { part, state } = walk()

  it('preflight: configuration, server and browser', async () => {
    const pf = await preflight(['/api/v1/dispatch-batches', '/api/v1/dispatches/{id}/status', '/api/v1/presence/rules/{code}', '/api/v1/leaves/{id}/return', '/api/v1/evaluations', '/api/v1/filing'], { viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
    releaseLock = pf.release
    browser = pf.browser
    const context = pf.context
    page = await context.newPage()
    page.on('pageerror', (e) => pageErrors.push(`page error: ${e.message}`))
    // The cadre's phone: a session of its own next to the admin's.
    const phoneContext = await browser.newContext({ viewport: MOBILE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', isMobile: true, hasTouch: true })
    phoneContext.setDefaultTimeout(TIMEOUT)
    phoneContext.setDefaultNavigationTimeout(TIMEOUT)
    phone = await phoneContext.newPage()
    phone.on('pageerror', (e) => pageErrors.push(`phone page error: ${e.message}`))
    state.ready = true
  })

  after(async () => {
    // Out of post again: the other files count the first secretaries in post.
    if (page) {
      for (const id of Object.values(dispatchIds)) {
        const d = await api('GET', `/dispatches/${id}`).catch(() => null)
        if (d?.body?.status === 'in_post') await api('POST', `/dispatches/${id}/status`, { status: 'term_ended', reason: 'e2e 测试结束' }).catch(() => {})
      }
    }
    await browser?.close()
    releaseLock()
  })

  it('sets up people, a sending unit and dispatches (API)', part(async () => {
    await step('admin login', async () => {
      await page.goto(`${BASE_URL}/login`)
      await page.locator('[data-test="login-username"]').waitFor()
      await loginAdmin(page)
    })
    await step('people, unit, dispatches, the cadre account', async () => {
      const year = Number(chinaToday().slice(0, 4))
      const unit = await api('POST', '/sending-units', { name: UNIT_NAME, level: 'city', region_code: TAIBAI })
      assert.equal(unit.status, 201, `POST /sending-units answered ${unit.status}: ${unit.text}`)
      unitId = unit.body.id
      for (const p of [BATCHED, RULED, RECALLED, IMPROVING]) {
        const person = await api('POST', '/people', { name: p.name, id_number: p.id, region_code: TAIBAI, work_unit: UNIT_NAME })
        assert.equal(person.status, 201, `POST /people (${p.name}) answered ${person.status}: ${person.text}`)
        p.personId = person.body.id
      }
      for (const p of [RULED, RECALLED, IMPROVING]) {
        const d = await api('POST', '/dispatches', {
          person_id: p.personId,
          village_code: p.village,
          role: 'first_secretary',
          sending_unit_id: unitId,
          term_start: `${year - 1}-01-01`,
          term_end: `${year + 1}-12-31`,
          insured: true,
        })
        assert.equal(d.status, 201, `POST /dispatches (${p.name}) answered ${d.status}: ${d.text}`)
        dispatchIds[p.name] = d.body.id
      }
      const user = await api('POST', '/users', {
        username: CADRE_USER,
        display_name: RULED.name,
        scope_code: RULED.village,
        roles: ['first_secretary'],
        person_id: RULED.personId,
        password: CADRE_PASSWORD,
      })
      assert.equal(user.status, 201, `POST /users answered ${user.status}: ${user.text}`)
    })
  }))

  it('opens a dispatch batch and posts a cadre in it', part(async () => {
    await step('dispatches page, new dispatch', async () => {
      await page.goto(`${BASE_URL}/regions`)
      await gotoMenu('menu-dispatches', '/cadres/dispatches')
      await page.locator('[data-test="dispatches-table"]').waitFor()
      await page.locator('[data-test="dispatch-add"]').click()
      const personBox = page.locator('[data-test="dispatch-form-person"] input').first()
      await personBox.waitFor()
      await personBox.click()
      await personBox.pressSequentially(BATCHED.name.slice(0, 2), { delay: 60 })
      await page.locator(`[data-test="person-option-${BATCHED.personId}"]`).filter({ visible: true }).click()
      await pickRegion('dispatch-form-village', BATCHED.query, BATCHED.village)
      await chooseOption('dispatch-form-unit', UNIT_NAME)
      await waitForText(page.locator('[data-test="dispatch-form-unit"]'), new RegExp(UNIT_NAME), 'chosen unit')
    })
    await step('open a new batch from the dialog', async () => {
      await page.locator('[data-test="batch-add"]').click()
      await input('batch-form-name').waitFor()
      await input('batch-form-name').fill(BATCH_NAME)
      assert.equal(await input('batch-form-year').inputValue(), chinaToday().slice(0, 4), 'the batch year defaults to this year')
      await pickRegion('batch-form-region', '太白', TAIBAI)
      await page.locator('[data-test="batch-form-save"]').click()
      await input('batch-form-name').waitFor({ state: 'hidden' })
      await page.locator('.el-message--success').filter({ hasText: '批次' }).first().waitFor()
      // The new batch is chosen for the dispatch at once.
      await waitForText(page.locator('[data-test="dispatch-form-batch"]'), new RegExp(BATCH_NAME), 'chosen batch')
    })
    await step('save the dispatch in the batch', async () => {
      await page.locator('[data-test="dispatch-form-save"]').click()
      await page.locator('[data-test="dispatch-form-save"]').waitFor({ state: 'hidden' })
      const row = await dispatchRow(BATCHED.name)
      await waitForText(row.locator('[data-test="dispatch-batch"]'), BATCH_NAME, 'batch in the table')
      assert.equal(await row.locator('[data-test="dispatch-status"]').getAttribute('data-status'), 'in_post')
      assert.equal(await row.locator('[data-test="dispatch-village"]').getAttribute('data-code'), BATCHED.village)
      dispatchIds[BATCHED.name] = Number(await row.locator('[data-test="dispatch-person"]').getAttribute('data-id'))
      assert.ok(dispatchIds[BATCHED.name] > 0, 'the dispatch row has no id')
    })
    await step('the batch is offered for the next dispatch', async () => {
      await page.locator('[data-test="dispatch-add"]').click()
      await page.locator('[data-test="dispatch-form-batch"]').first().click()
      await page.locator('.el-select-dropdown__item').filter({ visible: true, hasText: BATCH_NAME }).first().waitFor()
      await page.keyboard.press('Escape')
      await page.locator('[data-test="dispatch-dialog"]').locator('button').filter({ hasText: '取消' }).click()
      await page.locator('[data-test="dispatch-form-save"]').waitFor({ state: 'hidden' })
      await quiet()
      await page.screenshot({ path: join(SHOT_DIR, 'wf-batch-dispatch.png'), fullPage: true })
    })
  }))

  it('rotates the dispatch and shows status and history in the detail', part(async () => {
    const reason = '轮换回派出单位任职'
    await step('change the status to 已轮换', async () => {
      const row = await dispatchRow(BATCHED.name)
      await row.locator('[data-test="dispatch-change-status"]').click()
      await page.locator('[data-test="status-option-rotated"]').click()
      await page.locator('[data-test="status-option-rotated"].is-checked').waitFor()
      await textarea('status-form-reason').fill(reason)
      await page.locator('[data-test="status-form-save"]').click()
      await page.locator('[data-test="status-form-save"]').waitFor({ state: 'hidden' })
      await waitForText(row.locator('[data-test="dispatch-status"]'), '已轮换', 'status in the table')
      assert.equal(await row.locator('[data-test="dispatch-status"]').getAttribute('data-status'), 'rotated')
      await waitForCount(row.locator('[data-test="dispatch-change-status"]'), 0, 'status buttons of an ended dispatch')
    })
    await step('detail: status, reason, batch and history', async () => {
      const row = await dispatchRow(BATCHED.name)
      await row.locator('[data-test="dispatch-detail"]').click()
      await waitForText(page.locator('[data-test="detail-status"]'), '已轮换', 'status in the detail')
      await waitForText(page.locator('[data-test="detail-status-reason"]'), reason, 'reason in the detail')
      await waitForText(page.locator('[data-test="detail-batch"]'), BATCH_NAME, 'batch in the detail')
      const items = page.locator('[data-test="dispatch-history"] .el-timeline-item')
      await waitForCount(items, 2, 'history entries')
      await waitForText(items.nth(0).locator('.el-timeline-item__content'), /^在岗$/, 'first history entry')
      await waitForText(items.nth(1).locator('.el-timeline-item__content'), new RegExp(`^在岗 → 已轮换\\s*${escapeRe(reason)}$`), 'second history entry')
      await quiet()
      await page.screenshot({ path: join(SHOT_DIR, 'wf-dispatch-rotated.png'), fullPage: true })
      await page.keyboard.press('Escape')
      await page.locator('[data-test="detail-status"]').waitFor({ state: 'hidden' })
    })
    await step('the status filter finds it among the rotated', async () => {
      await chooseOption('dispatches-status', '已轮换')
      await dispatchRow(BATCHED.name)
      await waitForCount(tableRows('dispatches-table').filter({ hasText: RULED.name }), 0, `${RULED.name} among the rotated`)
      await page.locator('[data-test="dispatches-filter"] button').filter({ hasText: '重置' }).click()
      await dispatchRow(RULED.name)
    })
  }))

  it('saves the presence rules of a village and judges the month by them', part(async () => {
    const month = chinaToday().slice(0, 7)
    await step('presence page of the village', async () => {
      await page.goto(`${BASE_URL}/cadres/presence?month=${month}`)
      await page.locator('[data-test="presence-table"]').waitFor()
      await pickRegion('presence-region', RULED.query, RULED.village)
      await waitForText(page.locator('[data-test="rules-title"]'), new RegExp(RULED.villageName), 'rules of the village')
      const row = tableRows('presence-table').filter({ hasText: RULED.name })
      await waitForCount(row, 1, `presence rows of ${RULED.name}`)
      const before = Number(await input('rules-min-days').inputValue())
      assert.notEqual(before, RULES.min_days, 'the village already has the rule this test sets')
      await waitForText(row.locator('[data-test="presence-days"]'), `0 / ${before} 天`, 'days before the new rule')
    })
    await step('save the rules', async () => {
      await setNumber('rules-min-days', RULES.min_days)
      await setNumber('rules-warning-days', RULES.warning_days)
      await setNumber('rules-radius', RULES.radius_m)
      await page.locator('[data-test="rules-save"]').click()
      await page.locator('.el-message--success').filter({ hasText: '考勤规则' }).first().waitFor()
      const row = tableRows('presence-table').filter({ hasText: RULED.name })
      await waitForText(row.locator('[data-test="presence-days"]'), `0 / ${RULES.min_days} 天`, 'days against the new rule')
      assert.equal(await row.locator('[data-test="presence-compliance"]').getAttribute('data-compliance'), 'non_compliant')
    })
    await step('a reload shows the saved rules', async () => {
      await page.reload()
      await page.locator('[data-test="presence-table"]').waitFor()
      await pickRegion('presence-region', RULED.query, RULED.village)
      await waitForText(page.locator('[data-test="rules-title"]'), new RegExp(RULED.villageName), 'rules of the village')
      const values = async () => [await input('rules-min-days').inputValue(), await input('rules-warning-days').inputValue(), await input('rules-radius').inputValue()]
      const want = [RULES.min_days, RULES.warning_days, RULES.radius_m].map(String)
      const deadline = Date.now() + TIMEOUT
      let got = await values()
      while (JSON.stringify(got) !== JSON.stringify(want) && Date.now() < deadline) {
        await page.waitForTimeout(100)
        got = await values()
      }
      assert.deepEqual(got, want, 'rules after the reload')
    })
    await step('the county list judges the village by its own rule', async () => {
      await pickRegion('presence-region', '太白', TAIBAI)
      await waitForText(page.locator('[data-test="rules-title"]'), /太白县/, 'rules of the county')
      assert.notEqual(await input('rules-min-days').inputValue(), String(RULES.min_days), 'the village rule leaked to the county')
      const row = tableRows('presence-table').filter({ hasText: RULED.name })
      await waitForCount(row, 1, `presence rows of ${RULED.name} in the county`)
      await waitForText(row.locator('[data-test="presence-days"]'), `0 / ${RULES.min_days} 天`, 'days in the county list')
      await pickRegion('presence-region', RULED.query, RULED.village)
      await quiet()
      await page.screenshot({ path: join(SHOT_DIR, 'wf-presence-rules.png'), fullPage: true })
    })
  }))

  it('approves a leave and the cadre reports back (销假)', part(async () => {
    const today = chinaToday()
    const reason = '回派出单位汇报工作'
    await step('the cadre logs in on the phone and asks for leave (API)', async () => {
      await phone.goto(`${BASE_URL}/login`)
      await phone.locator('[data-test="login-username"]').waitFor()
      assert.equal(await submitLogin(phone, CADRE_USER, CADRE_PASSWORD), 200)
      await phone.waitForURL(atPath('/password'))
      await changePasswordForm(phone, CADRE_PASSWORD, CADRE_NEW_PASSWORD)
      await phone.waitForURL(atPath('/m/'))
      const res = await cadre.api('POST', '/leaves', { dispatch_id: dispatchIds[RULED.name], start_day: today, end_day: today, reason })
      assert.equal(res.status, 201, `POST /leaves answered ${res.status}: ${res.text}`)
      leaveId = res.body.id
    })
    await step('approve on the leaves page', async () => {
      await gotoMenu('menu-leaves', '/cadres/leaves')
      const row = tableRows('leaves-table').filter({ hasText: reason })
      await waitForCount(row, 1, 'rows of the leave')
      await waitForText(row.locator('[data-test="leave-status"]'), '待审批', 'status before the decision')
      await row.locator('[data-test="leave-approve"]').click()
      await page.locator('[data-test="leave-dialog"] textarea').fill('同意，按时销假。')
      await page.locator('[data-test="leave-decision-save"]').click()
      await page.locator('[data-test="leave-decision-save"]').waitFor({ state: 'hidden' })
      await waitForText(row.locator('[data-test="leave-status"]'), '已批准', 'status after approval')
      await waitForCount(row.locator('[data-test="leave-approve"]'), 0, 'approve buttons of a decided leave')
      await waitForText(row.locator('[data-test="leave-returned"]'), '', 'return day before the return')
    })
    await step('the cadre reports back on the phone', async () => {
      await phone.locator('[data-test="m-nav-leave"]').click()
      await phone.waitForURL(atPath('/m/leave'))
      const mine = phone.locator('[data-test="my-leave"]').filter({ hasText: reason })
      await cadre.waitForCount(mine, 1, 'my leave')
      await cadre.waitForText(mine.locator('.el-tag'), '已批准', 'my leave approved')
      await mine.locator('[data-test="leave-return"]').click()
      await cadre.waitForText(mine.locator('.muted').filter({ hasText: '已销假' }), `已销假 ${today}`, 'return on the phone')
      await cadre.waitForCount(mine.locator('[data-test="leave-return"]'), 0, 'return buttons after the return')
      await cadre.quiet()
      await phone.screenshot({ path: join(SHOT_DIR, 'wf-leave-returned-phone.png'), fullPage: true })
    })
    await step('the leaves page shows the return', async () => {
      await page.reload()
      const row = tableRows('leaves-table').filter({ hasText: reason })
      await waitForCount(row, 1, 'rows of the leave')
      await waitForText(row.locator('[data-test="leave-returned"]'), today, 'return day on the leaves page')
      await waitForText(row.locator('[data-test="leave-status"]'), '已批准', 'status after the return')
      const check = await api('GET', `/leaves?region=${RULED.village}`)
      assert.equal(check.body?.items?.find((l) => l.id === leaveId)?.returned_on, today, 'returned_on of the leave')
      await quiet()
      await page.screenshot({ path: join(SHOT_DIR, 'wf-leave-returned.png'), fullPage: true })
    })
  }))

  it('recalls a cadre rated 不称职 and opens an improvement plan for 基本称职', part(async () => {
    let period = ''
    await step('before: the village has its first secretary', async () => {
      await gotoMenu('menu-filing', '/cadres/filing')
      const row = tableRows('filing-table').filter({ hasText: RECALLED.name })
      await waitForCount(row, 1, `register rows of ${RECALLED.name}`)
      await waitForText(row.locator('[data-test="filing-status"]'), '在岗', 'status in the register')
      await page.locator('[data-test="filing-no-fs-village"]').first().waitFor()
      await waitForCount(page.locator(`[data-test="filing-no-fs-village"][data-code="${RECALLED.village}"]`), 0, `${RECALLED.villageName} among the villages without a first secretary`)
    })
    await step('rate 不称职 and confirm', async () => {
      await gotoMenu('menu-evaluations', '/cadres/evaluations')
      await page.locator('[data-test="evaluations-table"]').waitFor()
      await page.locator('[data-test="evaluation-add"]').click()
      await page.locator('[data-test="evaluation-dialog"] [data-test="dispatch-picker"]').first().click()
      await page.locator(`.dispatch-picker-popper [data-test="dispatch-option-${dispatchIds[RECALLED.name]}"]`).filter({ visible: true }).click()
      await page.locator('[data-test="evaluation-dialog"] [data-test="evidence"]').waitFor()
      period = ((await page.locator('[data-test="evaluation-form-period"]').first().textContent()) ?? '').trim()
      assert.match(period, /^\d{4}(-H[12])?$/, 'period in the dialog')
      await page.locator('[data-test="rating-incompetent"]').click()
      await textarea('evaluation-form-comment').fill('长期不在岗，群众反映强烈。')
      await page.locator('[data-test="evaluation-form-save"]').click()
      const confirm = page.locator('.incompetent-confirm')
      await waitForText(confirm.locator('.el-message-box__message'), new RegExp(`${RECALLED.name}.*${RECALLED.villageName}`), 'recall confirmation')
      await confirm.locator('.el-button--primary').click()
      await page.locator('[data-test="evaluation-form-save"]').waitFor({ state: 'hidden' })
      await waitForText(page.locator('[data-test="evaluation-recalled"]'), new RegExp(`${RECALLED.name}已召回.*${RECALLED.villageName}`), 'recall notice')
      const row = tableRows('evaluations-table').filter({ hasText: RECALLED.name })
      await waitForCount(row, 1, `evaluation rows of ${RECALLED.name}`)
      await waitForText(row.locator('[data-test="evaluation-rating"]'), '不称职', 'rating in the table')
    })
    const reason = () => `考核不称职（${period}）`
    await step('the dispatch is recalled with the reason', async () => {
      await gotoMenu('menu-dispatches', '/cadres/dispatches')
      const row = await dispatchRow(RECALLED.name)
      await waitForText(row.locator('[data-test="dispatch-status"]'), '已召回', 'status in the table')
      assert.equal(await row.locator('[data-test="dispatch-status"]').getAttribute('title'), reason(), 'reason on the status tag')
      await row.locator('[data-test="dispatch-detail"]').click()
      await waitForText(page.locator('[data-test="detail-status"]'), '已召回', 'status in the detail')
      await waitForText(page.locator('[data-test="detail-status-reason"]'), reason(), 'reason in the detail')
      const items = page.locator('[data-test="dispatch-history"] .el-timeline-item')
      await waitForCount(items, 2, 'history entries')
      await waitForText(items.nth(1).locator('.el-timeline-item__content'), new RegExp(`^在岗 → 已召回\\s*${escapeRe(reason())}$`), 'recall in the history')
      await page.keyboard.press('Escape')
      await page.locator('[data-test="detail-status"]').waitFor({ state: 'hidden' })
    })
    await step('the register shows the recall and the village needing a replacement', async () => {
      await gotoMenu('menu-filing', '/cadres/filing')
      const row = tableRows('filing-table').filter({ hasText: RECALLED.name })
      await waitForCount(row, 1, `register rows of ${RECALLED.name}`)
      await waitForText(row.locator('[data-test="filing-status"]'), '已召回', 'status in the register')
      const village = page.locator(`[data-test="filing-no-fs-village"][data-code="${RECALLED.village}"]`)
      await waitForCount(village, 1, `${RECALLED.villageName} among the villages without a first secretary`)
      await waitForText(village, new RegExp(RECALLED.villageName), 'village tag')
      await village.scrollIntoViewIfNeeded()
      await quiet()
      await page.screenshot({ path: join(SHOT_DIR, 'wf-recalled-filing.png'), fullPage: true })
    })
    await step('rate another cadre 基本称职: an improvement plan', async () => {
      await gotoMenu('menu-evaluations', '/cadres/evaluations')
      await page.locator('[data-test="evaluation-add"]').click()
      await page.locator('[data-test="evaluation-dialog"] [data-test="dispatch-picker"]').first().click()
      // The recalled cadre is no longer offered.
      await page.locator(`.dispatch-picker-popper [data-test="dispatch-option-${dispatchIds[IMPROVING.name]}"]`).filter({ visible: true }).waitFor()
      await waitForCount(page.locator(`.dispatch-picker-popper [data-test="dispatch-option-${dispatchIds[RECALLED.name]}"]`), 0, 'options of the recalled dispatch')
      await page.locator(`.dispatch-picker-popper [data-test="dispatch-option-${dispatchIds[IMPROVING.name]}"]`).filter({ visible: true }).click()
      await page.locator('[data-test="evaluation-dialog"] [data-test="evidence"]').waitFor()
      await page.locator('[data-test="rating-basic"]').click()
      await textarea('evaluation-form-comment').fill('走访群众偏少，需加强。')
      const due = chinaDayIn(90)
      await page.locator('[data-test="evaluation-form-save"]').click()
      await page.locator('[data-test="evaluation-form-save"]').waitFor({ state: 'hidden' })
      const plan = page.locator('[data-test="evaluation-plan"]')
      await waitForText(plan.locator('.el-alert__title'), '已生成整改计划', 'plan title')
      await waitForText(plan, new RegExp(`${IMPROVING.name} · ${IMPROVING.villageName}.*整改计划须于 ${due} 前完成（状态：`), 'improvement plan')
      await waitForCount(page.locator('[data-test="evaluation-recalled"]'), 0, 'recall notices for 基本称职')
      const row = tableRows('evaluations-table').filter({ hasText: IMPROVING.name })
      await waitForCount(row, 1, `evaluation rows of ${IMPROVING.name}`)
      await waitForText(row.locator('[data-test="evaluation-rating"]'), '基本称职', 'rating in the table')
      await waitForText(tableRows('evaluations-table').filter({ hasText: RECALLED.name }).locator('[data-test="evaluation-rating"]'), '不称职', 'the other rating')
      await quiet()
      await page.screenshot({ path: join(SHOT_DIR, 'wf-improvement-plan.png'), fullPage: true })
    })
    await step('基本称职 keeps the cadre in post', async () => {
      await gotoMenu('menu-dispatches', '/cadres/dispatches')
      const row = await dispatchRow(IMPROVING.name)
      assert.equal(await row.locator('[data-test="dispatch-status"]').getAttribute('data-status'), 'in_post')
    })
    await settle()
    assert.deepEqual(pageErrors, [], 'the pages raised errors')
  }))
})
