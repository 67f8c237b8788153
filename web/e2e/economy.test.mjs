// Browser test of the village organization pages (村两委, 村干部培训, 集体经济) against a running
// Zhenxing server (same variables as the other files, see session.mjs).
//
// Through the API with the admin's session it registers six cadres of 东青村 (610331104200, 太白河镇)
// — the secretary also the committee director (一肩挑) — and a secretary of 兴隆村 (610331104201).
// Then, in the UI: sees the posts of 东青村 with the 一肩挑 tags and the counts, replaces 兴隆村's
// secretary and sees the post's history; adds a training class, sees an unknown trainee refused,
// enrols two cadres and marks one attended (certificate number), sees the coverage with the untrained
// list and downloads the certificate list; enters 东青村's 2021 income by item with an evidence file
// (190,000 yuan, 10万元及以上), calculates the contribution reward from the cadres' scores — 6,000
// yuan the most and 3,600 the least from a 28,500 yuan pool — saves it and downloads the payment
// sheet (.xlsx), and exports the pay sheet. It touches no village the other files use.
// Screenshots: village-cadres.png, training.png, economy-income.png, economy-reward.png.
import { after, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { BASE_URL, DESKTOP, PASSWORD, SHOT_DIR, TIMEOUT, acquireServerLock, atPath, launchBrowser, chinaToday, loginAdmin, pageHelpers, preflight, walk } from './session.mjs'

const DONGQING = '610331104200'
const XINGLONG = '610331104201'
const NAMES = ['东青甲', '东青乙', '东青丙', '东青丁', '东青戊', '东青己']
const POSTS = ['secretary', 'deputy_secretary', 'branch_member', 'committee_member', 'committee_member', 'supervisor']
const SCORES = [100, 90, 80, 75, 70, 60]

/** Synthetic ID numbers with valid check digits. */
function idNumber(birth, seq) {
  const body = `610331${birth}${String(seq).padStart(3, '0')}`
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...body].reduce((s, ch, i) => s + Number(ch) * w[i], 0)
  return body + '10X98765432'[sum % 11]
}

/** @type {import('playwright-core').Browser} */
let browser
/** @type {import('playwright-core').Page} */
let page
const { step, waitForText, waitForCount, quiet, input, tableRows, api, pickRegion } = pageHelpers(() => page)

async function gotoMenu(test, path) {
  const item = page.locator(`[data-test="${test}"]`)
  if (!(await item.isVisible())) await page.locator('[data-test="menu-village"]').click()
  await item.click()
  await page.waitForURL(atPath(path))
}

async function chooseOption(selectTest, label) {
  await page.locator(`[data-test="${selectTest}"]`).click()
  await page.locator('.el-select-dropdown__item').filter({ visible: true, hasText: new RegExp(`^\\s*${label}\\s*$`) }).first().click()
}

async function fillNumber(test, value) {
  const box = input(test)
  await box.fill(String(value))
  await box.blur()
}

describe('village organizations: 村两委, training, collective economy', { timeout: 600_000 }, () => {
  let releaseLock = () => {}
  const people = []
  let xinglongNew = 0
  const { part, state } = walk()

  it('preflight: configuration, server and browser', async () => {
    const pf = await preflight(['/api/v1/village-posts', '/api/v1/training-classes', '/api/v1/collective-income', '/api/v1/rewards/preview'], { viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true })
    releaseLock = pf.release
    browser = pf.browser
    const context = pf.context
    page = await context.newPage()
    state.ready = true
  })

  after(async () => {
    await browser?.close()
    releaseLock()
  })

  it('sets up the cadres of 东青村 and 兴隆村 (API)', part(async () => {
    await step('admin login', async () => {
      await page.goto(`${BASE_URL}/login`)
      await page.locator('[data-test="login-username"]').waitFor()
      await loginAdmin(page)
    })
    await step('people and posts', async () => {
      const register = async (name, region, birth, seq) => {
        const id = idNumber(birth, seq)
        const r = await api('POST', '/people', { name, id_number: id, region_code: region, education: 'college' })
        if (r.status === 201) return r.body.id
        assert.equal(r.status, 409, `POST /people answered ${r.status}: ${r.text}`)
        const found = await api('GET', `/people?q=${id}`)
        return found.body.items[0].id
      }
      for (let i = 0; i < 6; i++) people.push(await register(NAMES[i], DONGQING, `19${70 + i}0520`, 900 + i))
      const posts = POSTS.map((p, i) => [DONGQING, people[i], p]).concat([[DONGQING, people[0], 'director']])
      const oldSec = await register('兴隆旧书记', XINGLONG, '19650808', 910)
      xinglongNew = await register('兴隆新书记', XINGLONG, '19880808', 911)
      posts.push([XINGLONG, oldSec, 'secretary'])
      for (const [village, person, post] of posts) {
        const r = await api('POST', '/village-posts', { village_code: village, person_id: person, post, term_start: '2021-02-27' })
        assert.ok(r.status === 201 || r.status === 409, `POST /village-posts answered ${r.status}: ${r.text}`)
      }
    })
  }))

  it('村两委: posts with 一肩挑, replacement with history, counts', part(async () => {
    await step('posts of 东青村', async () => {
      await page.goto(`${BASE_URL}/regions`)
      await gotoMenu('menu-village-cadres', '/village/cadres')
      await pickRegion('vc-region', '东青', DONGQING)
      await waitForCount(tableRows('vc-posts'), 7, 'post rows of 东青村')
      await waitForCount(page.locator('[data-test="vc-posts"] [data-test="vc-both-tag"]'), 2, '一肩挑 tags (secretary and director)')
      await waitForText(page.locator('[data-test="vc-both-count"]'), '一肩挑村数：1', 'villages with 一肩挑')
      await quiet()
      await page.screenshot({ path: join(SHOT_DIR, 'village-cadres.png'), fullPage: true })
    })
    await step('replace the secretary of 兴隆村', async () => {
      await pickRegion('vc-region', '兴隆', XINGLONG)
      const row = tableRows('vc-posts').filter({ hasText: '兴隆旧书记' })
      await waitForCount(row, 1, 'the old secretary')
      await row.locator('[data-test="vc-replace"]').click()
      await waitForCount(tableRows('vc-history-table'), 1, 'history before')
      await input('vc-replace-reason').fill('年度考核不称职,予以调整')
      await fillNumber('vc-replace-person', xinglongNew)
      await page.locator('[data-test="vc-replace-save"]').click()
      await page.locator('[data-test="vc-replace-save"]').waitFor({ state: 'hidden' })
      await waitForCount(tableRows('vc-posts').filter({ hasText: '兴隆新书记' }), 1, 'the new secretary')
      await waitForCount(tableRows('vc-posts').filter({ hasText: '兴隆旧书记' }), 0, 'the old secretary after')
      await page.locator('[data-test="vc-history"]').click()
      await waitForCount(tableRows('vc-posts').filter({ hasText: '予以调整' }), 1, 'the ended row with its reason')
      await page.locator('[data-test="vc-history"]').click()
    })
    await step('counts per region', async () => {
      await pickRegion('vc-region', '太白河', '610331104000')
      await page.locator('[data-test="vc-tabs"] .el-tabs__item').filter({ hasText: '统计' }).click()
      const rows = tableRows('vc-stats')
      await waitForText(rows.filter({ hasText: '东青' }).locator('[data-test="vc-share"]'), '100.0%', '一肩挑 share of 东青村')
    })
  }))

  it('培训: class, refused and accepted trainees, attendance, coverage, certificates', part(async () => {
    const year = chinaToday().slice(0, 4)
    await step('add a class', async () => {
      await gotoMenu('menu-village-training', '/village/training')
      await pickRegion('tr-region', '太白河', '610331104000')
      await page.locator('[data-test="tr-add"]').click()
      await chooseOption('tr-form-level', '市级')
      await input('tr-form-organizer').fill('宝鸡市委组织部')
      await input('tr-form-title').fill('E2E 村党组织书记示范培训班')
      for (const [test, day] of [['tr-form-start', `${year}-04-10`], ['tr-form-end', `${year}-04-14`]]) {
        await input(test).fill(day)
        await input(test).press('Enter')
      }
      await page.locator('[data-test="tr-form-save"]').click()
      await page.locator('[data-test="tr-form-save"]').waitFor({ state: 'hidden' })
      await waitForCount(tableRows('tr-classes').filter({ hasText: 'E2E 村党组织书记示范培训班' }), 1, 'the new class')
    })
    await step('trainees: unknown refused, two enrolled, one attended', async () => {
      await tableRows('tr-classes').filter({ hasText: 'E2E 村党组织书记示范培训班' }).locator('[data-test="tr-trainees"]').click()
      await input('tr-enrol-ids').fill(`${people[0]}, ${people[1]}, 99999999`)
      await page.locator('[data-test="tr-enrol"]').click()
      await waitForText(page.locator('[data-test="tr-trainee-error"] .el-alert__title'), /人员库中没有编号为 99999999/, 'unknown trainee refused')
      await waitForCount(tableRows('tr-trainee-table'), 0, 'nothing half-written')
      await input('tr-enrol-ids').fill(`${people[0]}, ${people[1]}`)
      await page.locator('[data-test="tr-enrol"]').click()
      await waitForCount(tableRows('tr-trainee-table'), 2, 'enrolled trainees')
      await tableRows('tr-trainee-table').filter({ hasText: NAMES[0] }).locator('[data-test="tr-mark-attended"]').click()
      await waitForText(tableRows('tr-trainee-table').filter({ hasText: NAMES[0] }).locator('[data-test="tr-attendance"]'), '参训', 'attendance')
      await waitForText(tableRows('tr-trainee-table').filter({ hasText: NAMES[0] }), new RegExp(`PX${year}-`), 'certificate number')
      await page.keyboard.press('Escape')
    })
    await step('coverage and certificates', async () => {
      await page.locator('[data-test="tr-tabs"] .el-tabs__item').filter({ hasText: '年度覆盖' }).click()
      await waitForText(page.locator('[data-test="tr-city-share"]'), /市级以上直接培训村党组织书记 1\//, 'secretaries trained by the city')
      await waitForCount(tableRows('tr-untrained').filter({ hasText: NAMES[5] }), 1, 'an untrained cadre listed')
      await quiet()
      await page.screenshot({ path: join(SHOT_DIR, 'training.png'), fullPage: true })
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="tr-export"]').click()])
      assert.match(download.suggestedFilename(), /培训结业证书名单\d{4}\.xlsx$/)
    })
  }))

  it('集体经济: income with evidence, the 东青村 reward sheet, the pay sheet', part(async () => {
    await step('enter 2021 income of 东青村', async () => {
      await gotoMenu('menu-village-economy', '/village/economy')
      await chooseOption('ec-year', '2021')
      await pickRegion('ec-region', '东青', DONGQING)
      const row = tableRows('ec-income').filter({ hasText: '东青' })
      await waitForCount(row, 1, 'the income row of 东青村')
      await row.locator('[data-test="ec-enter"]').click()
      for (const [k, v] of [['operating', 120000], ['contracting', 40000], ['investment', 20000], ['subsidy', 10000]]) await fillNumber(`ec-entry-${k}`, v)
      await waitForText(page.locator('[data-test="ec-entry-total"]'), '190,000（10万元及以上）', 'total and class before saving')
      await page.locator('[data-test="ec-entry-file"]').setInputFiles({ name: '东青村2021收支台账.pdf', mimeType: 'application/pdf', buffer: Buffer.from('ledger') })
      await waitForText(page.locator('[data-test="ec-entry-sha"]'), /SHA-256 [0-9a-f]{16}/, 'evidence hash')
      await page.locator('[data-test="ec-entry-save"]').click()
      await page.locator('[data-test="ec-entry-save"]').waitFor({ state: 'hidden' })
      await waitForText(row.locator('[data-test="ec-total"]'), '190,000', 'saved total')
      await quiet()
      await page.screenshot({ path: join(SHOT_DIR, 'economy-income.png'), fullPage: true })
    })
    await step('progress against targets', async () => {
      await page.locator('[data-test="ec-tabs"] .el-tabs__item').filter({ hasText: '分类与目标' }).click()
      await waitForText(tableRows('ec-progress').last().locator('[data-test="ec-progress-income"]'), '190,000', 'income of the region')
    })
    await step('the contribution reward: 6,000 the most, 3,600 the least', async () => {
      await page.locator('[data-test="ec-tabs"] .el-tabs__item').filter({ hasText: '贡献补贴奖' }).click()
      await input('rw-village').fill(DONGQING)
      await page.locator('[data-test="rw-load"]').click()
      await waitForCount(tableRows('rw-people'), 6, 'six cadres')
      const scores = page.locator('[data-test="rw-people"] [data-test="rw-score"] input')
      for (let i = 0; i < 6; i++) {
        await scores.nth(i).fill(String(SCORES[i]))
        await scores.nth(i).blur()
      }
      await page.locator('[data-test="rw-calc"]').click()
      await waitForText(page.locator('[data-test="rw-summary"]'), /上限 28,500 元；本次总额 28,500 元，发放 28,500 元/, 'pool within 15%')
      const amounts = await page.locator('[data-test="rw-people"] [data-test="rw-amount"]').allTextContents()
      assert.deepEqual(amounts.map((s) => s.trim()), ['6,000', '5,400', '4,800', '4,500', '4,200', '3,600'])
      await page.locator('[data-test="rw-save"]').click()
      await page.locator('[data-test="rw-download"]').waitFor()
      await waitForCount(tableRows('rw-saved').filter({ hasText: '东青' }), 1, 'the saved sheet')
      await quiet()
      await page.screenshot({ path: join(SHOT_DIR, 'economy-reward.png'), fullPage: true })
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="rw-download"]').click()])
      assert.match(download.suggestedFilename(), /东青村委会贡献补贴奖发放表2021\.xlsx$/)
    })
    await step('the pay sheet', async () => {
      await page.locator('[data-test="ec-tabs"] .el-tabs__item').filter({ hasText: '报酬发放' }).click()
      await waitForText(page.locator('[data-test="pay-summary"]'), /现任 6 人/, 'six serving cadres paid')
      // Rates are set per county: for a village the server refuses and the dialog says why.
      await page.locator('[data-test="pay-rates"]').click()
      await input('pay-rate-bp').waitFor()
      await page.locator('[data-test="pay-rates-save"]').click()
      await waitForText(page.locator('[data-test="pay-rates-error"] .el-alert__title'), /按县/, 'rates refused for a village')
      await page.keyboard.press('Escape')
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="pay-export"]').click()])
      assert.match(download.suggestedFilename(), /\.xlsx$/)
    })
  }))
})
