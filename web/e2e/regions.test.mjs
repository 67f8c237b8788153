// Browser test of the web console against a running Zhenxing server.
//
//   ZX_BASE_URL=http://127.0.0.1:18080 ZX_USER=admin ZX_PASSWORD='…' npm run test:e2e
//
// The server must have been initialised with ZX_USER / ZX_PASSWORD as an account that has to change
// its password at first login, and hold the regions of 太白县 (610331). Whichever browser test logs
// in first changes the password (to ZX_NEW_PASSWORD, default ZX_PASSWORD + '-Changed1', see
// session.mjs); this test checks the forced change when it is the first, and otherwise logs in with
// the changed password. Run the tests against a fresh server each time.
// Screenshots go to ZX_SCREENSHOT_DIR (default web/e2e/screenshots).
//
// Uses the system Chromium (ZX_CHROMIUM, default /usr/bin/chromium) through playwright-core; it
// never downloads a browser.
import { after, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  BASE_URL,
  CHANGED_PASSWORD as NEW_PASSWORD,
  PASSWORD,
  SHOT_DIR,
  TIMEOUT,
  USER,
  acquireServerLock,
  launchBrowser,
  submitLogin,
} from './session.mjs'

const TAIBAI = '610331000000'
const DESKTOP = { width: 1366, height: 860 }
const MOBILE = { width: 360, height: 740 }

/** @type {import('playwright-core').Browser} */
let browser
/** @type {import('playwright-core').Page} */
let page
const pageErrors = []

/** Runs one step; on failure saves a screenshot and names the step and the page in the error. */
async function step(name, fn) {
  try {
    return await fn()
  } catch (e) {
    const file = join(SHOT_DIR, `failed-${name.replace(/[^a-z0-9]+/gi, '-')}.png`)
    let shot = ''
    try {
      await page?.screenshot({ path: file, fullPage: true })
      shot = `; screenshot ${file}`
    } catch {
      // The page may be gone.
    }
    const err = new Error(`step "${name}" failed at ${page?.url() ?? '(no page)'}${shot}: ${e?.message ?? e}`)
    err.cause = e
    throw err
  }
}

async function waitForText(locator, expected, what) {
  const deadline = Date.now() + TIMEOUT
  let last = ''
  while (Date.now() < deadline) {
    last = ((await locator.first().textContent({ timeout: TIMEOUT }).catch(() => '')) ?? '').trim()
    if (last === expected) return
    await page.waitForTimeout(100)
  }
  assert.fail(`${what}: expected "${expected}", got "${last}"`)
}

async function waitForCount(locator, expected, what) {
  const deadline = Date.now() + TIMEOUT
  let n = -1
  while (Date.now() < deadline) {
    n = await locator.count()
    if (n === expected) return
    await page.waitForTimeout(100)
  }
  assert.fail(`${what}: expected ${expected}, got ${n}`)
}

/** A waitForURL predicate on the path alone (the login page's ?redirect= holds other paths). */
const atPath = (path) => (url) => url.pathname === path

async function settle() {
  await page.waitForLoadState('networkidle', { timeout: TIMEOUT }).catch(() => {})
  await page.waitForTimeout(300) // Let transitions (menus, drawers, charts) finish before screenshots.
}

async function login(username, password) {
  await page.locator('[data-test="login-username"]').fill(username)
  await page.locator('[data-test="login-password"]').fill(password)
  await page.locator('[data-test="login-submit"]').click()
}

describe('regions console', { timeout: 600_000 }, () => {
  let ready = false
  let releaseLock = () => {}
  /** False when the other browser test already did the forced password change. */
  let firstLogin = true
  const requireReady = () => assert.ok(ready, 'not run: the preflight check failed (see above)')

  it('preflight: configuration, server and browser', async () => {
    assert.ok(
      BASE_URL,
      'ZX_BASE_URL is not set: start a Zhenxing server and run e.g. ZX_BASE_URL=http://127.0.0.1:18080 ZX_USER=admin ZX_PASSWORD=… npm run test:e2e',
    )
    assert.ok(PASSWORD, 'ZX_PASSWORD is not set: give the initial password of ZX_USER')
    mkdirSync(SHOT_DIR, { recursive: true })
    let res
    try {
      res = await fetch(`${BASE_URL}/healthz`)
    } catch (e) {
      assert.fail(`the server at ${BASE_URL} is not reachable: ${e?.cause?.message ?? e?.message ?? e}`)
    }
    assert.equal(res.status, 200, `GET ${BASE_URL}/healthz answered ${res.status}`)
    releaseLock = await acquireServerLock(BASE_URL)
    browser = await launchBrowser()
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', acceptDownloads: true })
    context.setDefaultTimeout(TIMEOUT)
    context.setDefaultNavigationTimeout(TIMEOUT)
    page = await context.newPage()
    page.on('pageerror', (e) => pageErrors.push(`page error: ${e.message}`))
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) pageErrors.push(`console: ${m.text()}`)
    })
    ready = true
  })

  after(async () => {
    await browser?.close()
    releaseLock()
  })

  it('sends a first login to the forced password change and then to the regions', async () => {
    requireReady()
    await step('open login', async () => {
      await page.goto(`${BASE_URL}/`)
      await page.waitForURL(atPath('/login'))
      await page.locator('[data-test="login-username"]').waitFor()
      await settle()
      await page.screenshot({ path: join(SHOT_DIR, 'login.png') })
    })
    await step('wrong password shows the server message', async () => {
      await login(USER, `${PASSWORD}-wrong`)
      const alert = page.locator('[data-test="login-error"]')
      await alert.waitFor()
      const text = (await alert.textContent())?.trim() ?? ''
      assert.ok(text.length > 0, 'the login error message is empty')
    })
    await step('login', async () => {
      const status = await submitLogin(page, USER, PASSWORD)
      if (status === 200) {
        await page.waitForURL(atPath('/password')).catch(() => {
          assert.fail(`expected the forced password change page after the first login (is ${USER} new?), got ${page.url()}`)
        })
        await page.locator('[data-test="password-forced"]').waitFor()
        return
      }
      // The other browser test ran first and changed the password already.
      assert.equal(status, 401, `login with the initial password answered ${status}`)
      firstLogin = false
      assert.equal(await submitLogin(page, USER, NEW_PASSWORD), 200, 'login with the changed password')
      await page.waitForURL((u) => u.pathname === '/regions' || u.pathname.startsWith('/regions/'))
    })
    if (!firstLogin) return
    await step('forced change cannot be skipped', async () => {
      await page.goto(`${BASE_URL}/regions`)
      await page.waitForURL(atPath('/password'))
      await page.locator('[data-test="password-old"]').waitFor()
    })
    await step('weak password is refused on the client', async () => {
      await page.locator('[data-test="password-old"]').fill(PASSWORD)
      await page.locator('[data-test="password-new"]').fill('short')
      await page.locator('[data-test="password-confirm"]').fill('short')
      await page.locator('[data-test="password-submit"]').click()
      await page.locator('.el-form-item.is-error').first().waitFor()
      assert.match(page.url(), /\/password/)
      await settle()
      await page.screenshot({ path: join(SHOT_DIR, 'password-forced.png'), fullPage: true })
    })
    await step('change password', async () => {
      await page.locator('[data-test="password-new"]').fill(NEW_PASSWORD)
      await page.locator('[data-test="password-confirm"]').fill(NEW_PASSWORD)
      await page.locator('[data-test="password-submit"]').click()
      await page.waitForURL((u) => u.pathname === '/regions' || u.pathname.startsWith('/regions/'))
    })
  })

  it('finds 太白县 and shows its townships and villages', async () => {
    requireReady()
    await step('tree shows the scope', async () => {
      await page.locator('[data-test="region-tree"] .el-tree-node').first().waitFor()
    })
    await step('search tbx', async () => {
      const box = page.locator('input[data-test="region-search"], [data-test="region-search"] input').first()
      await box.click()
      await box.pressSequentially('tbx', { delay: 60 })
      let hit = page.locator(`.region-search-popper .hit[data-code="${TAIBAI}"]`)
      const found = await hit.waitFor({ timeout: 10_000 }).then(
        () => true,
        () => false,
      )
      if (!found) {
        // Fall back to the Chinese name.
        await box.fill('')
        await box.pressSequentially('太白', { delay: 60 })
        hit = page.locator('.region-search-popper .hit', { hasText: '太白县' })
        await hit.first().waitFor()
      }
      await hit.first().click()
      await page.waitForURL(atPath(`/regions/${TAIBAI}`))
    })
    await step('region header', async () => {
      await waitForText(page.locator('[data-test="region-name"]'), '太白县', 'region name')
    })
    await step('counts', async () => {
      await waitForText(page.locator('[data-test="region-counts-township"]'), '7', 'township count')
      await waitForText(page.locator('[data-test="region-counts-village"]'), '46', 'village count')
    })
    await step('children table', async () => {
      const rows = page.locator('[data-test="children-table"] .el-table__body-wrapper tbody tr.el-table__row')
      await waitForCount(rows, 7, 'rows in the children table')
    })
    await step('tree selects 太白县', async () => {
      await waitForText(page.locator('[data-test="region-tree"] .el-tree-node.is-current > .el-tree-node__content .tree-node'), '太白县', 'current tree node')
    })
    await step('desktop screenshot', async () => {
      await settle()
      await page.screenshot({ path: join(SHOT_DIR, 'regions-taibai.png'), fullPage: true })
    })
    await step('filter by name', async () => {
      const rows = page.locator('[data-test="children-table"] .el-table__body-wrapper tbody tr.el-table__row')
      const filter = page.locator('input[data-test="children-filter"], [data-test="children-filter"] input').first()
      await filter.fill('咀头')
      await filter.press('Enter')
      await waitForCount(rows, 1, 'rows after filtering by 咀头')
      await filter.fill('')
      await filter.press('Enter')
      await waitForCount(rows, 7, 'rows after clearing the filter')
    })
    await step('export CSV', async () => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('[data-test="export-csv"]').click(),
      ])
      assert.match(download.suggestedFilename(), /\.csv$/)
      const bytes = readFileSync(await download.path())
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the CSV starts with a UTF-8 BOM')
      const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n')
      assert.equal(lines.length, 8, `CSV lines (header + 7): ${lines.join(' | ')}`)
      assert.match(lines[0], /代码/)
      assert.ok(lines.slice(1).every((l) => /^610331\d{6},/.test(l)), 'every CSV row starts with a township code')
    })
  })

  it('fits a 360 px wide phone screen', async () => {
    requireReady()
    await step('mobile layout', async () => {
      await page.setViewportSize(MOBILE)
      await page.locator('[data-test="tree-toggle"]').waitFor()
      await settle()
      await page.screenshot({ path: join(SHOT_DIR, 'regions-taibai-mobile.png'), fullPage: true })
      const width = await page.evaluate(() => document.documentElement.scrollWidth)
      assert.ok(width <= MOBILE.width + 4, `the page is ${width} px wide at a ${MOBILE.width} px viewport (horizontal overflow)`)
    })
    await step('mobile menu drawer', async () => {
      await page.locator('[data-test="menu-toggle"]').click()
      await page.locator('.sidebar-drawer [data-test="menu-regions"]').waitFor()
      await settle()
      await page.screenshot({ path: join(SHOT_DIR, 'regions-mobile-menu.png') })
      await page.keyboard.press('Escape')
      await page.locator('.sidebar-drawer').waitFor({ state: 'hidden' })
    })
  })

  it('switches to English and remembers it', async () => {
    requireReady()
    const header = page.locator('[data-test="children-table"] thead th').nth(1)
    await step('Chinese header', async () => {
      await waitForText(header, '名称', 'second column header')
    })
    await step('switch language', async () => {
      await page.locator('[data-test="lang-switch"]').click()
      await page.locator('[data-test="lang-option-en"]').click()
      await waitForText(header, 'Name', 'second column header after switching to English')
      const stored = await page.evaluate(() => localStorage.getItem('zhenxing.locale'))
      assert.equal(stored, 'en')
      await settle()
      await page.screenshot({ path: join(SHOT_DIR, 'regions-taibai-mobile-en.png'), fullPage: true })
      const width = await page.evaluate(() => document.documentElement.scrollWidth)
      assert.ok(width <= MOBILE.width + 4, `the English page is ${width} px wide at ${MOBILE.width} px`)
    })
    await step('English desktop', async () => {
      await page.setViewportSize(DESKTOP)
      await page.reload()
      await waitForText(header, 'Name', 'header after reload (language remembered)')
      await waitForText(page.locator('[data-test="region-counts-village"]'), '46', 'village count')
      await settle()
      await page.screenshot({ path: join(SHOT_DIR, 'regions-taibai-en.png'), fullPage: true })
    })
  })

  it('logs out, and the new password works', async () => {
    requireReady()
    await step('logout', async () => {
      await page.locator('[data-test="user-menu"]').click()
      await page.locator('[data-test="logout"]').click()
      await page.waitForURL(atPath('/login'))
    })
    await step('session is gone', async () => {
      await page.goto(`${BASE_URL}/regions/${TAIBAI}`)
      await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('redirect') === `/regions/${TAIBAI}`)
    })
    await step('login with the new password returns to the requested page', async () => {
      await login(USER, NEW_PASSWORD)
      await page.waitForURL(atPath(`/regions/${TAIBAI}`))
      await waitForText(page.locator('[data-test="region-counts-township"]'), '7', 'township count')
    })
    await step('home page chart', async () => {
      await page.goto(`${BASE_URL}/`)
      await page.locator('[data-test="bar-chart"] canvas').first().waitFor()
      await settle()
      await page.screenshot({ path: join(SHOT_DIR, 'home-en.png'), fullPage: true })
    })
    await step('logout again', async () => {
      await page.locator('[data-test="user-menu"]').click()
      await page.locator('[data-test="logout"]').click()
      await page.waitForURL(atPath('/login'))
    })
    assert.deepEqual(pageErrors, [], 'the page raised errors')
  })
})
