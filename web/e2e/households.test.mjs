// Browser test of the household pages against a running Zhenxing server (see session.mjs for the
// variables). Through the API with the admin's session it registers 24 households in 咀头街村
// (610331100200) in four villager groups, two heads being party members. Then, in the UI: registers
// one more household in the dialog (a member whose ID number is already in another household is
// refused under that member's row, then corrected), finds a household, opens it and changes its
// status 一般户 → 建档立卡贫困户 in the status dialog; divides the village into grids automatically and
// sees every party member within 10–15 households and the chain; enters a visit on the phone page at
// 360 px (reached from the phone tab bar); and reads the coverage page, whose cards agree with the
// API's own count, and closes the visit's follow-up item there; last, splits a member off into a new
// household and merges it back (分户, 并户) in the detail drawer. Screenshots:
// households.png, household-status.png, grids.png, visit-phone.png, coverage.png.
import { after, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { BASE_URL, DESKTOP, MOBILE, PASSWORD, SHOT_DIR, TIMEOUT, acquireServerLock, atPath, launchBrowser, loginAdmin, pageHelpers, preflight, walk } from './session.mjs'

const VILLAGE = '610331100200'
const GROUPS = { 一组: 7, 二组: 6, 三组: 6, 四组: 5 }

/** A valid (fictitious) ID number born in the 1950s, unique per n. */
function idNumber(n, male) {
  const day = 1 + (n % 28)
  const birth = `195${Math.floor(n / 28) % 10}03${String(day).padStart(2, '0')}`
  const body = '610331' + birth + String(2 * (100 + n) + (male ? 1 : 0)).slice(-3)
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...body].reduce((s, d, i) => s + Number(d) * w[i], 0)
  return body + '10X98765432'[sum % 11]
}

/** @type {import('playwright-core').Browser} */
let browser
/** @type {import('playwright-core').Page} */
let page
const pageErrors = []
const { step, waitForText, waitForCount, settle, input, textarea, tableRows, quiet, api, pickRegion } = pageHelpers(() => page)

async function gotoMenu(test, path) {
  const item = page.locator(`[data-test="${test}"]`)
  if (!(await item.isVisible())) await page.locator('[data-test="menu-households-group"]').click()
  await item.click()
  await page.waitForURL(atPath(path))
}

describe('households: registry, status change, grids, phone visit, coverage', { timeout: 600_000 }, () => {
  let releaseLock = () => {}
  const households = []
  let takenId = ''
  const { part, state } = walk()

  it('preflight: configuration, server and browser', async () => {
    const pf = await preflight(['/api/v1/households', '/api/v1/grids/auto-assign', '/api/v1/visits', '/api/v1/visits/coverage'], { viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
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

  it('registers households (API)', part(async () => {
    await step('admin login', async () => {
      await page.goto(`${BASE_URL}/login`)
      await page.locator('[data-test="login-username"]').waitFor()
      await loginAdmin(page)
    })
    await step('24 households in four groups', async () => {
      let n = 0
      for (const [group, size] of Object.entries(GROUPS)) {
        for (let i = 0; i < size; i++, n++) {
          const head = { name: `户主${String(n).padStart(2, '0')}`, relation: 'head', id_number: idNumber(2 * n, true), party_member: n === 0 || n === 13 }
          const spouse = { name: `配偶${String(n).padStart(2, '0')}`, relation: 'spouse', id_number: idNumber(2 * n + 1, false) }
          const r = await api('POST', '/households', { village_code: VILLAGE, villager_group: group, income_per_head: 9000 + 100 * n,
            latitude: 34.06 + n * 0.0003, longitude: 107.31, members: [head, spouse] })
          assert.equal(r.status, 201, `POST /households answered ${r.status}: ${r.text}`)
          households.push(r.body)
        }
      }
      takenId = idNumber(1, false)  // the first household's spouse
    })
  }))

  it('adds a household in the dialog; a member of another household is refused under that member', part(async () => {
    await step('registry page', async () => {
      await page.goto(`${BASE_URL}/regions`)
      await gotoMenu('menu-households', '/households')
      await waitForCount(tableRows('hh-table'), 20, 'first page of households')
    })
    await step('fill the dialog', async () => {
      await page.locator('[data-test="hh-add"]').click()
      await pickRegion('hh-add-village', '咀头街', VILLAGE)
      await input('hh-add-group').fill('四组')
      const first = page.locator('[data-test="hh-member-0"]')
      await first.locator('input[data-test="hh-member-name"], [data-test="hh-member-name"] input').first().fill('王新户')
      await first.locator('input[data-test="hh-member-id"], [data-test="hh-member-id"] input').first().fill(idNumber(60, true))
      await page.locator('[data-test="hh-add-member"]').click()
      const second = page.locator('[data-test="hh-member-1"]')
      await second.locator('input[data-test="hh-member-name"], [data-test="hh-member-name"] input').first().fill('配偶00')
      await second.locator('input[data-test="hh-member-id"], [data-test="hh-member-id"] input').first().fill(takenId)
      await page.locator('[data-test="hh-add-save"]').click()
      await waitForText(second.locator('[data-test="hh-member-error"]'), /配偶00.*已登记在户/, 'the refused member')
      await second.locator('input[data-test="hh-member-name"], [data-test="hh-member-name"] input').first().fill('李新')
      await second.locator('input[data-test="hh-member-id"], [data-test="hh-member-id"] input').first().fill(idNumber(61, false))
      await page.locator('[data-test="hh-add-save"]').click()
      await page.locator('[data-test="hh-detail"] [data-test="hh-detail-status"]').waitFor()
      await waitForCount(page.locator('[data-test="hh-detail"] [data-test="hh-members"] .el-table__body tr'), 2, 'members of the new household')
      await page.keyboard.press('Escape')
    })
  }))

  it('finds a household and changes its status in the dialog', part(async () => {
    await step('search by the head\'s name', async () => {
      await input('hh-q').fill('户主05')
      await page.locator('[data-test="hh-search"]').click()
      await waitForCount(tableRows('hh-table'), 1, 'rows for 户主05')
      await settle()
      await page.screenshot({ path: join(SHOT_DIR, 'households.png'), fullPage: true })
    })
    await step('status dialog', async () => {
      await tableRows('hh-table').first().locator('[data-test="hh-open"]').click()
      await waitForText(page.locator('[data-test="hh-detail-status"]'), '一般户', 'status before')
      await page.locator('[data-test="hh-change-status"]').click()
      const dialog = page.locator('[data-test="hh-status-dialog"]')
      await dialog.locator('[data-test="hh-to-registered_poor"]').click()
      await dialog.locator('textarea[data-test="hh-status-reason"], [data-test="hh-status-reason"] textarea').first().fill('精准识别，村民代表评议通过')
      await dialog.locator('[data-test="hh-status-save"]').click()
      await waitForText(page.locator('[data-test="hh-detail-status"]'), '建档立卡贫困户', 'status after')
      await waitForCount(page.locator('[data-test="hh-history"] .el-timeline-item'), 2, 'history entries')
      await quiet()
      await page.screenshot({ path: join(SHOT_DIR, 'household-status.png'), fullPage: true })
      await page.keyboard.press('Escape')
      const h = await api('GET', `/households/${households[5].id}`)
      assert.equal(h.body.status, 'registered_poor')
    })
  }))

  it('divides the village into grids automatically', part(async () => {
    await step('grids page', async () => {
      await gotoMenu('menu-household-grids', '/households/grids')
      await pickRegion('grids-village', '咀头街', VILLAGE)
    })
    await step('auto-assign', async () => {
      await page.locator('[data-test="grids-auto"]').click()
      await page.locator('.el-message-box .el-message-box__btns .el-button--primary').click()
      await page.locator('[data-test="grids-chain"]').waitFor()
      // 25 households, groups of 7, 6, 6, 6 (the dialog's household joined 四组); two party members.
      await waitForCount(page.locator('[data-test="grids-members"] .el-table__body tr'), 2, 'party members')
      // The table shows the members before the assignment first; wait for the new flags.
      const flags = page.locator('[data-test="grids-members"] .el-table__body tr .el-tag')
      const deadline = Date.now() + TIMEOUT
      let seen = []
      while (Date.now() < deadline) {
        seen = (await flags.allTextContents()).map((f) => f.trim())
        if (seen.length === 2 && seen.every((f) => f === '符合')) break
        await page.waitForTimeout(100)
      }
      assert.deepEqual(seen, ['符合', '符合'])
      const g = await api('GET', `/grids?village=${VILLAGE}`)
      const shares = g.body.party_members.map((m) => m.households).sort()
      assert.deepEqual(shares, [12, 13])
      await page.locator('[data-test="grid-一组"] .el-collapse-item__header').click()
      await page.locator('[data-test="grid-一组"] [data-test="grid-household"]').first().waitFor()
      await settle()
      await page.screenshot({ path: join(SHOT_DIR, 'grids.png'), fullPage: true })
    })
  }))

  it('enters a visit on the phone page at 360 px', part(async () => {
    await step('phone page', async () => {
      await page.setViewportSize(MOBILE)
      await page.goto(`${BASE_URL}/m/`)
      await page.locator('[data-test="m-nav-visit"]').click()
      await page.waitForURL(atPath('/m/visit'))
      await page.locator('[data-test="m-visit"]').waitFor()
      const width = await page.evaluate(() => document.documentElement.scrollWidth)
      assert.ok(width <= 360, `the phone page is ${width} px wide`)
    })
    await step('fill and submit', async () => {
      const box = input('visit-household')
      await box.click()
      await box.pressSequentially('户主05', { delay: 50 })
      await page.locator('.visit-household-popper .el-select-dropdown__item').filter({ hasText: '户主05' }).filter({ visible: true }).first().click()
      await page.locator('[data-test="visit-sat-basic"]').click()
      await textarea('visit-problems').fill('房屋漏雨需修缮')
      await page.locator('[data-test="visit-follow"]').click()
      await input('visit-owner').fill('村委会')
      await input('visit-deadline').fill('2099-12-31')
      await page.keyboard.press('Enter')
      await settle()
      await page.screenshot({ path: join(SHOT_DIR, 'visit-phone.png'), fullPage: true })
      const saved = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/visits' && r.request().method() === 'POST')
      await page.locator('[data-test="visit-submit"]').click()
      const res = await saved
      assert.equal(res.status(), 201, await res.text())
      await page.locator('.el-message--success').waitFor()
    })
  }))

  it('shows coverage that agrees with the records', part(async () => {
    await step('coverage page', async () => {
      await page.setViewportSize(DESKTOP)
      await page.goto(`${BASE_URL}/households/coverage`)
      await page.locator('[data-test="cov-cards"]').waitFor()
      // Other walks register households elsewhere in the county: count this village only.
      await pickRegion('cov-region', '咀头街', VILLAGE)
      const cov = await api('GET', `/visits/coverage?region=${VILLAGE}`)
      assert.equal(cov.body.visited, 1)
      assert.equal(cov.body.households, 25)
      assert.equal(cov.body.poor_visited, 1)  // 户主05 was registered poor above
      await waitForText(page.locator('[data-test="cov-households"]'), '25', 'households card')
      await waitForText(page.locator('[data-test="cov-visit-rate"]'), '4.0%', 'visit rate card')
      await waitForText(page.locator('[data-test="cov-satisfaction"]'), '100.0%', 'satisfaction card (基本满意 counts)')
      await waitForText(page.locator('.section-title', { hasText: '本期未走访农户' }), /24$/, 'not visited')
      // The follow-up opened from the phone visit is closed with its result.
      await waitForCount(tableRows('cov-follow-ups'), 1, 'open follow-ups')
      await tableRows('cov-follow-ups').first().locator('[data-test="follow-close"]').click()
      const box = page.locator('.el-message-box')
      await box.locator('input').fill('已安排维修')
      await box.locator('.el-message-box__btns .el-button--primary').click()
      await waitForCount(tableRows('cov-follow-ups'), 0, 'open follow-ups after closing')
      const open = await api('GET', '/follow-ups?open=1')
      assert.equal(open.body.items.length, 0)
      await quiet()
      await page.screenshot({ path: join(SHOT_DIR, 'coverage.png'), fullPage: true })
    })
  }))

  it('splits a member off into a new household and merges it back, keeping the links', part(async () => {
    await step('split', async () => {
      await gotoMenu('menu-households', '/households')
      await input('hh-q').fill('王新户')
      await page.locator('[data-test="hh-search"]').click()
      await waitForCount(tableRows('hh-table'), 1, 'rows for 王新户')
      await tableRows('hh-table').first().locator('[data-test="hh-open"]').click()
      await page.locator('[data-test="hh-split"]').click()
      const dialog = page.locator('[data-test="hh-link-dialog"]')
      await dialog.locator('.el-checkbox', { hasText: '李新' }).click()
      await dialog.locator('textarea').fill('子女成家分户')
      await dialog.locator('.el-button--primary').click()
      await waitForCount(page.locator('[data-test="hh-members"] .el-table__body tr'), 1, 'members of the new household')
      await waitForText(page.locator('[data-test="hh-members"] .el-table__body tr td').first(), '李新', 'the member who moved')
    })
    await step('merge back', async () => {
      const found = await api('GET', `/households?q=${encodeURIComponent('李新')}`)
      const newId = found.body.items[0].id
      await page.keyboard.press('Escape')
      await tableRows('hh-table').first().locator('[data-test="hh-open"]').click()
      await page.locator('[data-test="hh-merge"]').click()
      const dialog = page.locator('[data-test="hh-link-dialog"]')
      await dialog.locator('.el-input-number input').fill(String(newId))
      await dialog.locator('textarea').fill('回户')
      await dialog.locator('.el-button--primary').click()
      await waitForCount(page.locator('[data-test="hh-members"] .el-table__body tr'), 2, 'members after the merge')
      await waitForCount(page.locator('[data-test="hh-detail"] .links li'), 2, 'split and merge links')
      const old = await api('GET', `/households/${newId}`)
      assert.equal(old.body.active, false)
    })
    assert.deepEqual(pageErrors, [])
  }))
})
