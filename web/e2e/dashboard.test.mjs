// Browser test of the dashboards against a running Zhenxing server (see session.mjs for the
// variables). Through the API with the admin's session it registers households in 塘口村 and a
// second village of 咀头镇 (not 咀头街村, whose households the household walk counts) and in one
// village of another township, records visits this month and last month, sets a county target for
// 走访覆盖率, and makes a county account (太白县, org_admin). In the UI, as that account at
// 1920×1080: the leader dashboard shows its cards; clicking the first township in the ranking opens
// it (title and breadcrumb), clicking 塘口村 opens the village, and the breadcrumb goes back to the
// county; at 375 px the cards stack and nothing overflows. Then the 走访 module dashboard with its
// ranking table, CSV export (UTF-8 with BOM) and drill-down, and 指标管理: a custom indicator whose
// formula is checked as it is typed (an error names the character position), saved and deleted.
// Screenshots: dashboard-county.png, dashboard-township.png, dashboard-village.png,
// dashboard-phone.png, dashboard-module.png, indicators.png.
import { after, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { BASE_URL, SHOT_DIR, TIMEOUT, atPath, changePasswordForm, chinaToday, loginAdmin, pageHelpers, preflight, submitLogin, walk } from './session.mjs'

const COUNTY = '610331000000'
const TOWNSHIP = '610331100000'
// 咀头街村 (610331100200) is left alone: the household walk counts its households and grids.
const VILLAGES = ['610331100201']
const SUFFIX = Math.random().toString(36).slice(2, 7)
const COUNTY_USER = `e2e_dash_county_${SUFFIX}`
const FIRST_PW = 'E2e-Dash-First-2026'
const NEW_PW = 'E2e-Dash-Changed-2026'
const BIG = { width: 1920, height: 1080 }
const PHONE = { width: 375, height: 812 }

/** A valid (fictitious) ID number born in 1966, unique per n (other browser tests use other years). */
function idNumber(n) {
  const body = '610331' + `1966${String(1 + (Math.floor(n / 28) % 12)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}` +
    String(300 + (n % 600)).padStart(3, '0')
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...body].reduce((s, d, i) => s + Number(d) * w[i], 0)
  return body + '10X98765432'[sum % 11]
}

function addDays(day, n) {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

/** @type {import('playwright-core').Browser} */
let browser
/** @type {import('playwright-core').Page} */
let page
const pageErrors = []
const { step, waitForText, waitForCount, settle, input, textarea, tableRows, quiet, api } = pageHelpers(() => page)

/** The page's width fits the viewport (nothing sticks out sideways). */
async function assertNoOverflow(width) {
  const w = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(w <= width, `the page is ${w} px wide at a ${width} px viewport`)
}

describe('dashboards: leader dashboard with drill-down, module dashboard, indicator management', { timeout: 600_000 }, () => {
  let releaseLock = () => {}
  const { part, state } = walk()
  let context
  let otherVillage = ''
  const unvisited = []  // households of the other township, for a visit while the dashboard is open

  it('preflight: configuration, server and browser', async () => {
    const pf = await preflight(['/api/v1/dashboard', '/api/v1/rankings', '/api/v1/trends', '/api/v1/indicators/check'], { viewport: BIG })
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

  it('records households, visits, a target and a county account (API)', part(async () => {
    await step('admin login', async () => {
      await page.goto(`${BASE_URL}/login`)
      await page.locator('[data-test="login-username"]').waitFor()
      await loginAdmin(page)
    })
    await step('a second village of 咀头镇 and a village of another township', async () => {
      const own = await api('GET', `/regions/${TOWNSHIP}/children?page_size=100`)
      assert.equal(own.status, 200, own.text)
      const second = own.body.items.find((r) => !['610331100200', VILLAGES[0]].includes(r.code))
      assert.ok(second, '咀头镇 has a third village')
      VILLAGES.push(second.code)
      const towns = await api('GET', `/regions/${COUNTY}/children?page_size=100`)
      assert.equal(towns.status, 200, towns.text)
      const other = towns.body.items.find((r) => r.code !== TOWNSHIP)
      assert.ok(other, '太白县 has a second township')
      const villages = await api('GET', `/regions/${other.code}/children?page_size=100`)
      assert.equal(villages.status, 200, villages.text)
      otherVillage = villages.body.items[0].code
    })
    await step('households and visits', async () => {
      const today = chinaToday()
      const lastMonth = addDays(`${today.slice(0, 8)}01`, -10)
      let n = 0
      for (const [village, count, visited] of [[VILLAGES[0], 6, 5], [VILLAGES[1], 5, 2], [otherVillage, 4, 0]]) {
        for (let i = 0; i < count; i++, n++) {
          const r = await api('POST', '/households', { village_code: village, villager_group: '一组', income_per_head: 9000 + 50 * n,
            members: [{ name: `看板户${SUFFIX}${n}`, relation: 'head', id_number: idNumber(n) }] })
          assert.equal(r.status, 201, `POST /households answered ${r.status}: ${r.text}`)
          if (village === otherVillage) unvisited.push(r.body.id)
          if (i < visited) {
            const v = await api('POST', '/visits', { household_id: r.body.id, day: today, satisfaction: i % 3 === 2 ? 'basic' : 'satisfied' })
            assert.equal(v.status, 201, `POST /visits answered ${v.status}: ${v.text}`)
          }
          if (i === 0) {
            const v = await api('POST', '/visits', { household_id: r.body.id, day: lastMonth, satisfaction: 'unsatisfied' })
            assert.equal(v.status, 201, `POST /visits (last month) answered ${v.status}: ${v.text}`)
          }
        }
      }
    })
    await step('a county target for visit coverage', async () => {
      const r = await api('PUT', '/indicator-targets', { indicator: 'visits.coverage', region: COUNTY, year: Number(chinaToday().slice(0, 4)), target: 50 })
      assert.equal(r.status, 200, r.text)
    })
    await step('county account', async () => {
      const r = await api('POST', '/users', { username: COUNTY_USER, display_name: '太白县委组织部', scope_code: '610331', roles: ['org_admin'], password: FIRST_PW })
      assert.equal(r.status, 201, `POST /users answered ${r.status}: ${r.text}`)
    })
    await step('county login', async () => {
      await context.clearCookies()
      await page.goto(`${BASE_URL}/login`)
      await page.locator('[data-test="login-username"]').waitFor()
      assert.equal(await submitLogin(page, COUNTY_USER, FIRST_PW), 200)
      await page.waitForURL(atPath('/password'))
      await changePasswordForm(page, FIRST_PW, NEW_PW)
      await page.waitForURL((u) => u.pathname !== '/password' && u.pathname !== '/login')
    })
  }))

  it('opens the leader dashboard and drills county → township → village and back', part(async () => {
    const title = page.locator('[data-test="cockpit-title"]')
    const rows = page.locator('[data-test="rank-row"]')
    await step('county', async () => {
      await page.locator('[data-test="menu-analytics"]').click()
      await page.locator('[data-test="menu-cockpit"]').click()
      await page.waitForURL(atPath('/dashboard'))
      await waitForText(title, /^太白县/, 'title at the county')
      await waitForCount(page.locator('[data-test="cockpit-cards"] .kpi'), 12, 'headline cards')
      // The rollups follow the writes within a poll or two; the page refreshes itself every 10 s.
      await waitForText(page.locator('[data-test="card-visits.coverage"] [data-test="card-value"]'), /^\d+(\.\d)?%$/, 'visit coverage card')
      await waitForText(page.locator('[data-test="card-visits.coverage"] [data-test="card-target"]'), '目标 50.0%', 'the county target')
      await waitForText(page.locator('[data-test="cockpit-updated"]'), /^更新于 \d\d:\d\d:\d\d$/, 'update time')
      assert.ok((await rows.count()) >= 2, 'the county ranks its townships')
      await waitForText(rows.first().locator('.vl'), /%$/, 'the first township has a value')
      await quiet()
      await page.waitForTimeout(1000)  // the charts' animation
      await page.screenshot({ path: join(SHOT_DIR, 'dashboard-county.png') })
    })
    await step('refreshes by itself after a new visit', async () => {
      const card = page.locator('[data-test="card-visits.coverage"] [data-test="card-value"]')
      const before = ((await card.textContent()) ?? '').trim()
      const v = await api('POST', '/visits', { household_id: unvisited[1], day: chinaToday(), satisfaction: 'satisfied' })
      assert.equal(v.status, 201, v.text)
      await waitForText(card, new RegExp(`^(?!${before.replace('.', '\\.')}$)\\d+(\\.\\d)?%$`), 'visit coverage after the refresh')
    })
    let township = ''
    await step('township', async () => {
      township = ((await rows.first().locator('.nm').textContent()) ?? '').trim()
      const code = await rows.first().getAttribute('data-code')
      assert.equal(code, TOWNSHIP, 'the township with this month\'s visits ranks first (the other has none)')
      await rows.first().click()
      await waitForText(title, new RegExp(`^${township}`), 'title at the township')
      await waitForText(page.locator('[data-test="crumb-1"]'), township, 'breadcrumb at the township')
      await page.locator(`[data-test="rank-row"][data-code="${VILLAGES[0]}"]`).waitFor()
      await settle()
      await page.waitForTimeout(1000)  // the charts' animation
      await page.screenshot({ path: join(SHOT_DIR, 'dashboard-township.png') })
    })
    await step('village', async () => {
      const village = page.locator(`[data-test="rank-row"][data-code="${VILLAGES[0]}"]`)
      const name = ((await village.locator('.nm').textContent()) ?? '').trim()
      await village.click()
      await waitForText(title, new RegExp(`^${name}`), 'title at the village')
      await waitForText(page.locator('[data-test="crumb-2"]'), name, 'breadcrumb at the village')
      await page.locator('[data-test="rank-leaf"]').waitFor()
      // Other walks may register households in this village too: compare with the API's own figure.
      const r = await api('GET', `/rollups?indicators=visits.coverage&region=${VILLAGES[0]}`)
      assert.equal(r.status, 200, r.text)
      const want = `${r.body.values[0].value.toFixed(1)}%`
      await waitForText(page.locator('[data-test="card-visits.coverage"] [data-test="card-value"]'), want, 'village visit coverage')
      await settle()
      await page.waitForTimeout(1000)  // the charts' animation
      await page.screenshot({ path: join(SHOT_DIR, 'dashboard-village.png') })
    })
    await step('back up by the breadcrumb', async () => {
      await page.locator('[data-test="crumb-1"]').click()
      await waitForText(title, new RegExp(`^${township}`), 'title back at the township')
      await page.locator('[data-test="crumb-0"]').click()
      await waitForText(title, /^太白县/, 'title back at the county')
      await waitForCount(page.locator('[data-test="cockpit-crumbs"] [data-test^="crumb-"]'), 1, 'breadcrumb at the scope')
    })
    await step('phone width', async () => {
      await page.setViewportSize(PHONE)
      await settle()
      await assertNoOverflow(PHONE.width)
      const boxes = await page.locator('[data-test="cockpit-cards"] .kpi').evaluateAll((els) => els.slice(0, 2).map((e) => e.getBoundingClientRect().top))
      assert.ok(boxes[1] > boxes[0], 'the cards stack at 375 px')
      await page.screenshot({ path: join(SHOT_DIR, 'dashboard-phone.png'), fullPage: true })
      await page.setViewportSize(BIG)
    })
  }))

  it('shows a module dashboard with its ranking and a CSV export', part(async () => {
    await step('module dashboard from the leader dashboard', async () => {
      await page.locator('[data-test="cockpit-module-households"]').click()
      await page.waitForURL(atPath('/dashboard/households'))
      await waitForText(page.locator('[data-test="module-title"]'), '农户走访数据看板', 'module title')
      await page.locator('[data-test="module-cards"] [data-test="card-visits.coverage"]').waitFor()
      await waitForText(tableRows('module-ranking').first(), /咀头镇/, 'the first township in the table')
      await waitForText(tableRows('module-ranking').first(), /达标/, 'the target tag')
    })
    await step('CSV export', async () => {
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: TIMEOUT }), page.locator('[data-test="module-export"]').click()])
      const file = await download.path()
      const text = readFileSync(file, 'utf8')
      assert.ok(text.startsWith('\uFEFF排名,区划代码,名称'), `CSV starts with ${JSON.stringify(text.slice(0, 20))}`)
      assert.match(text, /610331100000,咀头镇,/)
      await quiet()
      await page.waitForTimeout(1000)  // the chart's animation
      await page.screenshot({ path: join(SHOT_DIR, 'dashboard-module.png'), fullPage: true })
    })
    await step('a township from the table, and back', async () => {
      await tableRows('module-ranking').first().locator('[data-test="module-open-child"]').click()
      await waitForText(page.locator('[data-test="module-trail"]'), /太白县\s*\/\s*咀头镇/, 'breadcrumb at the township')
      await page.locator(`[data-test="module-region"] [data-test="region-picked"][data-code="${TOWNSHIP}"]`).waitFor()
      await waitForText(tableRows('module-ranking').first(), /村/, 'villages ranked')
      await page.locator('[data-test="module-crumb-0"]').click()
      await page.locator(`[data-test="module-region"] [data-test="region-picked"][data-code="${COUNTY}"]`).waitFor()
      await page.locator('[data-test="module-trail"]').waitFor({ state: 'detached' })
    })
  }))

  it('defines a custom indicator with a formula checked as it is typed, then deletes it', part(async () => {
    const id = `custom.e2e_${SUFFIX}`
    const name = `E2E 满意走访占比 ${SUFFIX}`
    await step('indicator page', async () => {
      if (!(await page.locator('[data-test="menu-indicators"]').isVisible())) await page.locator('[data-test="menu-analytics"]').click()
      await page.locator('[data-test="menu-indicators"]').click()
      await page.waitForURL(atPath('/analytics/indicators'))
      await tableRows('ind-table').nth(15).waitFor()  // the sixteen built-in indicators (data elements hidden)
    })
    await step('the dialog checks the formula', async () => {
      await page.locator('[data-test="ind-add"]').click()
      await input('ind-id').fill(id)
      await input('ind-name').fill(name)
      const check = page.locator('[data-test="ind-formula-check"]')
      await textarea('ind-formula').fill('#{visits.satisfied} / (#{visits.count} *')
      await page.locator('[data-test="ind-formula-check"][data-state="error"]').waitFor()
      await waitForText(check, /第 \d+ 个字符/, 'the formula error with its position')
      await textarea('ind-formula').fill('#{visits.satisfied} / #{visits.count} * 100')
      await page.locator('[data-test="ind-formula-check"][data-state="ok"]').waitFor()
      await waitForText(check, /visits\.satisfied/, 'the references')
      await settle()
      await page.screenshot({ path: join(SHOT_DIR, 'indicators.png') })
      await page.locator('[data-test="ind-save"]').click()
      await page.locator('.el-message--success').waitFor()
    })
    await step('the new indicator is in the catalogue and has values', async () => {
      await input('ind-q').fill(SUFFIX)
      await waitForCount(tableRows('ind-table'), 1, 'rows for the new indicator')
      await waitForText(tableRows('ind-table').first(), /自定义/, 'kind of the new indicator')
      const r = await api('GET', `/rollups?indicators=${id}&region=${VILLAGES[0]}`)
      assert.equal(r.status, 200, r.text)
      assert.equal(r.body.values[0].name, name)
    })
    await step('a target in the targets dialog', async () => {
      await tableRows('ind-table').first().locator('[data-test="ind-row-targets"]').click()
      const dialog = page.locator('[data-test="targets-dialog"]')
      await dialog.locator('[data-test="target-region"] [data-test="region-picked"][data-code="610331000000"]').waitFor()
      await input('target-value').fill('88')
      await input('target-value').press('Tab')
      await dialog.locator('[data-test="target-save"]').click()
      await waitForCount(tableRows('targets-table'), 1, 'targets of the indicator for the county this year')
      await waitForText(tableRows('targets-table').first(), /太白县.*88/, 'the saved target')
      const r = await api('GET', `/indicator-targets?region=${COUNTY}&year=${chinaToday().slice(0, 4)}&indicator=${id}`)
      assert.equal(r.status, 200, r.text)
      assert.deepEqual(r.body.items.map((i) => [i.indicator, i.target]), [[id, 88]])
      await page.keyboard.press('Escape')
      await dialog.locator('.el-dialog').waitFor({ state: 'hidden' }).catch(() => {})
    })
    await step('delete', async () => {
      await tableRows('ind-table').first().locator('[data-test="ind-remove"]').click()
      await page.locator('.el-message-box .el-message-box__btns .el-button--primary').click()
      await waitForCount(tableRows('ind-table'), 0, 'rows after deleting')
    })
    assert.deepEqual(pageErrors, [])
  }))
})
