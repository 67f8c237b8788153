// Browser test of the party-organization pages (村党组织, 整顿转化, 标准化建设, 后备干部) against a
// running Zhenxing server.
//
//   ZX_BASE_URL=http://127.0.0.1:18080 ZX_USER=admin ZX_PASSWORD='…' npm run test:e2e
//
// Same server and variables as the other files (see session.mjs); it does not depend on what they
// create. Through the API it registers two people of its own (a villager for the reserve pool, a
// first secretary for the pairing). Then, in the UI: creates the party branch of 咀头街村
// (610331100200), rates it 一般 and sees the rating history; identifies it as 软弱涣散 with two
// problem categories and the pairing set, records a monthly report, an inspection and the result
// (转化) in the case drawer while the count panel follows; scores the standardization checklist
// to 100 (示范); adds the villager to the reserve pool and sees the counts. Screenshots:
// party-orgs.png, party-rectification.png, party-standards.png, party-reserves.png.
import { after, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { BASE_URL, DESKTOP, PASSWORD, SHOT_DIR, TIMEOUT, acquireServerLock, atPath, launchBrowser, chinaToday, loginAdmin, pageHelpers, preflight, walk } from './session.mjs'

const VILLAGE = '610331100200'
const VILLAGE_QUERY = '咀头街'
const PERSON_VILLAGE = '610331100201'
const ORG_NAME = 'E2E 咀头街村党支部'
const RESERVE_NAME = '王后备'
const SECRETARY_NAME = '张帮扶'

/** A valid (fictitious) ID number for a birth date. */
function idNumber(birth, seq) {
  const body = `110101${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...body].reduce((s, d, i) => s + Number(d) * w[i], 0)
  return body + '10X98765432'[sum % 11]
}

/** @type {import('playwright-core').Browser} */
let browser
/** @type {import('playwright-core').Page} */
let page
const pageErrors = []
const { step, waitForText, waitForCount, input, textarea, tableRows, quiet, api, pickRegion } = pageHelpers(() => page)

async function gotoMenu(test, path) {
  const item = page.locator(`[data-test="${test}"]`)
  if (!(await item.isVisible())) await page.locator('[data-test="menu-party"]').click()
  await item.click()
  await page.waitForURL(atPath(path))
}

/** Types into a remote PersonSelect and picks the person. */
async function pickPerson(test, name, id) {
  await page.locator(`[data-test="${test}"]`).first().click()
  await page.keyboard.type(name, { delay: 40 })
  await page.locator(`.person-select-popper [data-test="person-option-${id}"]`).filter({ visible: true }).first().click()
}

describe('party organizations: orgs, rating, rectification, standardization, reserves', { timeout: 600_000 }, () => {
  let releaseLock = () => {}
  let reserveId = 0
  let secretaryId = 0
  const year = Number(chinaToday().slice(0, 4))
  const { part, state } = walk()

  it('preflight: configuration, server and browser', async () => {
    const pf = await preflight(['/api/v1/party-orgs', '/api/v1/rectifications', '/api/v1/rectification-counts', '/api/v1/party-standard-summary', '/api/v1/reserve-cadres'], { viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true })
    releaseLock = pf.release
    browser = pf.browser
    const context = pf.context
    page = await context.newPage()
    page.on('pageerror', (e) => pageErrors.push(`page error: ${e.message}`))
    state.ready = true
  })

  after(async () => {
    await browser?.close()
    releaseLock()
  })

  it('sets up two people (API)', part(async () => {
    await step('admin login', async () => {
      await page.goto(`${BASE_URL}/login`)
      await page.locator('[data-test="login-username"]').waitFor()
      await loginAdmin(page)
    })
    await step('people', async () => {
      const r = await api('POST', '/people', { name: RESERVE_NAME, id_number: idNumber('1996-04-18', 501), education: 'college', region_code: PERSON_VILLAGE })
      assert.equal(r.status, 201, `POST /people answered ${r.status}: ${r.text}`)
      reserveId = r.body.id
      const s = await api('POST', '/people', { name: SECRETARY_NAME, id_number: idNumber('1984-09-09', 502), region_code: '610331000000' })
      assert.equal(s.status, 201, `POST /people answered ${s.status}: ${s.text}`)
      secretaryId = s.body.id
    })
  }))

  it('creates the village party branch, rates it and sees the history', part(async () => {
    await step('organizations page', async () => {
      await page.goto(`${BASE_URL}/regions`)
      await gotoMenu('menu-party-orgs', '/party/orgs')
      await page.locator('[data-test="party-orgs-table"]').waitFor()
    })
    await step('new organization', async () => {
      await page.locator('[data-test="party-org-add"]').click()
      await pickRegion('party-org-form-village', VILLAGE_QUERY, VILLAGE)
      await input('party-org-form-name').fill(ORG_NAME)
      await input('party-org-form-members').fill('36')
      await page.locator('[data-test="party-org-form-save"]').click()
      await page.locator('[data-test="party-org-form-save"]').waitFor({ state: 'hidden' })
      await waitForCount(tableRows('party-orgs-table').filter({ hasText: ORG_NAME }), 1, 'rows of the new organization')
    })
    await step('rate 一般', async () => {
      const row = tableRows('party-orgs-table').filter({ hasText: ORG_NAME })
      await row.locator('[data-test="party-org-rate"]').click()
      await page.locator('[data-test="party-rating-ordinary"]').click()
      await page.locator('[data-test="party-rate-save"]').click()
      await page.locator('[data-test="party-rate-save"]').waitFor({ state: 'hidden' })
      await waitForText(row.locator('[data-test="party-org-rating"]'), '一般', 'rating in the table')
    })
    await step('rating history', async () => {
      await tableRows('party-orgs-table').filter({ hasText: ORG_NAME }).locator('[data-test="party-org-history"]').click()
      await waitForCount(page.locator('[data-test="party-history-table"] .el-table__body-wrapper tbody tr.el-table__row'), 1, 'history rows')
      await waitForText(page.locator('[data-test="party-history-year"]'), `${year}：一般`, 'the year in the history')
      await quiet()
      await page.screenshot({ path: join(SHOT_DIR, 'party-orgs.png'), fullPage: true })
      await page.keyboard.press('Escape')
      await page.locator('[data-test="party-history-table"]').waitFor({ state: 'hidden' })
    })
  }))

  it('identifies it as 软弱涣散, records progress, an inspection and the result', part(async () => {
    let orgId = 0
    await step('rectification page', async () => {
      const list = await api('GET', `/party-orgs?region=${VILLAGE}`)
      orgId = list.body.items.find((o) => o.name === ORG_NAME).id
      await gotoMenu('menu-party-rectifications', '/party/rectifications')
      await page.locator('[data-test="cases-counts"]').waitFor()
    })
    await step('identify with the pairing set', async () => {
      await page.locator('[data-test="case-add"]').click()
      await page.locator('[data-test="case-form-org"]').first().click()
      await page.locator(`.case-org-popper [data-test="case-org-option-${orgId}"]`).filter({ visible: true }).first().click()
      await page.locator('[data-test="case-rating-weak"]').click()
      await page.locator('[data-test="case-category-secretary"]').click()
      await page.locator('[data-test="case-category-economy"]').click()
      await input('case-form-leader').fill('刘县长')
      await input('case-form-leader-post').fill('副县长')
      await pickPerson('case-form-secretary', SECRETARY_NAME, secretaryId)
      await input('case-form-department').fill('县农业农村局')
      await input('case-form-work-group').fill('县委组织部帮促工作组')
      await textarea('case-form-measures').fill('调整充实村党组织班子\n落实“三会一课”制度')
      await page.locator('[data-test="case-form-save"]').click()
      await page.locator('[data-test="case-form-save"]').waitFor({ state: 'hidden' })
      await waitForCount(page.locator('[data-test="case-measures"] .el-table__body-wrapper tbody tr.el-table__row'), 2, 'measures in the case')
      await waitForText(page.locator('[data-test="count-identified"] .count-value'), '1', 'identified count')
      await waitForText(page.locator('[data-test="count-workGroups"] .count-value'), '1', 'work groups count')
      await waitForText(page.locator('[data-test="count-firstSecretaries"] .count-value'), '1', 'first secretaries count')
    })
    await step('monthly report and inspection', async () => {
      await input('progress-content').fill('班子调整到位，制定整改台账')
      await page.locator('[data-test="progress-add"]').click()
      await waitForCount(page.locator('[data-test="case-progress"] .el-table__body-wrapper tbody tr.el-table__row'), 1, 'progress rows')
      await input('inspection-inspector').fill('县委组织部督查组')
      await input('inspection-finding').fill('整改措施已落实')
      await page.locator('[data-test="inspection-add"]').click()
      await waitForCount(page.locator('[data-test="case-inspections"] .el-table__body-wrapper tbody tr.el-table__row'), 1, 'inspection rows')
    })
    await step('result: transformed', async () => {
      await page.locator('[data-test="result-transformed"]').click()
      await input('result-note').fill('转化为一般党组织')
      await page.locator('[data-test="result-save"]').click()
      await waitForText(page.locator('[data-test="case-detail-status"]'), '已转化', 'case status')
      await waitForText(page.locator('[data-test="count-transformed"] .count-value'), '1', 'transformed count')
      await quiet()
      await page.screenshot({ path: join(SHOT_DIR, 'party-rectification.png'), fullPage: true })
      await page.keyboard.press('Escape')
      await waitForText(tableRows('cases-table').filter({ hasText: ORG_NAME }).locator('[data-test="case-status"]'), '已转化', 'status in the list')
    })
    await step('download the ledger', async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="cases-xlsx"]').click()])
      const name = download.suggestedFilename()
      assert.ok(name.endsWith('.xlsx') && name.includes('整顿台账'), `the ledger download is named ${name}`)
    })
  }))

  it('scores the standardization checklist to 示范', part(async () => {
    await step('standards page', async () => {
      await gotoMenu('menu-party-standards', '/party/standards')
      await waitForCount(tableRows('standards-table').filter({ hasText: ORG_NAME }), 1, 'row of the organization')
    })
    await step('tick every standard', async () => {
      await tableRows('standards-table').filter({ hasText: ORG_NAME }).locator('[data-test="standards-score-open"]').click()
      await page.locator('[data-test="area-setup"]').waitFor()
      for (const area of ['setup', 'team', 'members', 'life', 'venue', 'mechanism', 'support']) await page.locator(`[data-test="area-all-${area}"]`).click()
      await waitForText(page.locator('[data-test="score-preview-status"]'), '示范', 'status preview')
      await page.locator('[data-test="std-S29"]').click()
      await waitForText(page.locator('[data-test="score-preview"] .preview-score'), '97', 'score without one 3-point standard')
      await page.locator('[data-test="score-save"]').click()
      await page.locator('[data-test="score-save"]').waitFor({ state: 'hidden' })
      const row = tableRows('standards-table').filter({ hasText: ORG_NAME })
      await waitForText(row.locator('[data-test="standards-score"]'), '97', 'score in the table')
      await waitForText(row.locator('[data-test="standards-status-tag"]'), '示范', 'status in the table')
      await page.locator('[data-test="sum-first-class"]').waitFor()
      await quiet()
      await page.screenshot({ path: join(SHOT_DIR, 'party-standards.png'), fullPage: true })
    })
  }))

  it('adds a villager to the reserve pool', part(async () => {
    await step('reserves page', async () => {
      await gotoMenu('menu-party-reserves', '/party/reserves')
      await page.locator('[data-test="reserves-counts"]').waitFor()
    })
    await step('add the reserve', async () => {
      await page.locator('[data-test="reserve-add"]').click()
      await pickPerson('reserve-form-person', RESERVE_NAME, reserveId)
      await page.locator(`[data-test="reserve-form-village"] [data-test="region-picked"][data-code="${PERSON_VILLAGE}"]`).waitFor()
      await page.locator('[data-test="reserve-source-returned_youth"]').click()
      await input('reserve-form-note').fill('返乡创业，带头发展食用菌')
      await page.locator('[data-test="reserve-form-save"]').click()
      await page.locator('[data-test="reserve-form-save"]').waitFor({ state: 'hidden' })
      const row = tableRows('reserves-table').filter({ hasText: RESERVE_NAME })
      await waitForCount(row, 1, 'reserve rows')
      await waitForText(row.locator('[data-test="reserve-source"]'), '返乡青年', 'source in the table')
    })
    await step('search by source and age', async () => {
      await page.locator('[data-test="reserves-source"]').first().click()
      await page.locator('.el-select-dropdown__item').filter({ hasText: '返乡青年' }).filter({ visible: true }).first().click()
      await waitForCount(tableRows('reserves-table').filter({ hasText: RESERVE_NAME }), 1, 'reserve rows after the source filter')
      await input('reserves-max-age').fill('25')
      await page.locator('[data-test="reserves-search"]').click()
      await waitForCount(tableRows('reserves-table').filter({ hasText: RESERVE_NAME }), 0, 'reserve rows under 26')
      await page.locator('[data-test="reserves-max-age"] input').fill('')
      await input('reserves-max-age').fill('40')
      await page.locator('[data-test="reserves-search"]').click()
      await waitForCount(tableRows('reserves-table').filter({ hasText: RESERVE_NAME }), 1, 'reserve rows under 41')
      await quiet()
      await page.screenshot({ path: join(SHOT_DIR, 'party-reserves.png'), fullPage: true })
    })
    assert.deepEqual(pageErrors, [])
  }))
})
