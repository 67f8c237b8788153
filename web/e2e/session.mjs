// Shared pieces of the browser tests (not a test file itself).
//
// Both test files run against ONE fresh server whose admin must change the initial password at the
// first login, in whatever order `node --test` picks. Whichever test logs in first does the forced
// change, to a password derived from the initial one, so the other can still log in:
//
//   ZX_PASSWORD              the initial password
//   ZX_NEW_PASSWORD          the password after the forced change (default: ZX_PASSWORD + '-Changed1')
//
// acquireServerLock() keeps the test files from running at the same time against the same server
// even when the runner starts them in parallel.
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

export const BASE_URL = (process.env.ZX_BASE_URL || '').replace(/\/+$/, '')
export const USER = process.env.ZX_USER || 'admin'
export const PASSWORD = process.env.ZX_PASSWORD || ''
export const CHANGED_PASSWORD = process.env.ZX_NEW_PASSWORD || `${PASSWORD}-Changed1`
export const SHOT_DIR = process.env.ZX_SCREENSHOT_DIR || fileURLToPath(new URL('./screenshots/', import.meta.url))
export const CHROMIUM = process.env.ZX_CHROMIUM || '/usr/bin/chromium'
export const TIMEOUT = 30_000
export const DESKTOP = { width: 1366, height: 860 }
export const MOBILE = { width: 360, height: 740 }

export const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** The system Chromium, headless; never downloads a browser. */
export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS })
}

/** A waitForURL predicate on the path alone (the login page's ?redirect= holds other paths). */
export const atPath = (path) => (url) => url.pathname === path

/** Fills the login form, submits it and returns the HTTP status of POST /api/v1/auth/login. */
export async function submitLogin(page, username, password) {
  await page.locator('[data-test="login-username"]').fill(username)
  await page.locator('[data-test="login-password"]').fill(password)
  const [res] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/auth/login' && r.request().method() === 'POST', {
      timeout: TIMEOUT,
    }),
    page.locator('[data-test="login-submit"]').click(),
  ])
  return res.status()
}

/** Fills and submits the password change form. */
export async function changePasswordForm(page, oldPassword, newPassword) {
  await page.locator('[data-test="password-old"]').fill(oldPassword)
  await page.locator('[data-test="password-new"]').fill(newPassword)
  await page.locator('[data-test="password-confirm"]').fill(newPassword)
  await page.locator('[data-test="password-submit"]').click()
}

/**
 * Logs the admin in on the login page (already open): first with ZX_PASSWORD, then with the changed
 * one. After a first login it lands on the forced password change; `onForced(page)` then does the
 * change (to CHANGED_PASSWORD), or this function does it. Returns { forced, password }.
 */
export async function loginAdmin(page, { onForced } = {}) {
  let status = await submitLogin(page, USER, PASSWORD)
  if (status === 200) {
    await page.waitForURL(atPath('/password')).catch(() => {
      assert.fail(`the initial password of ${USER} was accepted but there was no forced password change (${page.url()})`)
    })
    await page.locator('[data-test="password-forced"]').waitFor()
    if (onForced) await onForced(page)
    else {
      await changePasswordForm(page, PASSWORD, CHANGED_PASSWORD)
      await page.waitForURL((u) => u.pathname !== '/password' && u.pathname !== '/login')
    }
    return { forced: true, password: CHANGED_PASSWORD }
  }
  assert.equal(status, 401, `login of ${USER} with the initial password answered ${status}`)
  await page.locator('[data-test="login-error"]').waitFor()
  status = await submitLogin(page, USER, CHANGED_PASSWORD)
  assert.equal(status, 200, `login of ${USER} failed with both the initial and the changed password (${status})`)
  await page.waitForURL((u) => u.pathname !== '/login')
  return { forced: false, password: CHANGED_PASSWORD }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

function alive(pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return e?.code === 'EPERM'
  }
}

/**
 * An exclusive lock per server (a file in the temp directory holding our pid). Resolves to a release
 * function; a lock left by a process that has ended is taken over.
 */
export async function acquireServerLock(baseUrl = BASE_URL, waitMs = 10 * 60_000) {
  const file = join(tmpdir(), `zx-e2e-${createHash('sha256').update(baseUrl).digest('hex').slice(0, 16)}.lock`)
  const deadline = Date.now() + waitMs
  for (;;) {
    try {
      const fd = openSync(file, 'wx')
      writeSync(fd, String(process.pid))
      closeSync(fd)
      let released = false
      const release = () => {
        if (released) return
        released = true
        try {
          if (readFileSync(file, 'utf8') === String(process.pid)) unlinkSync(file)
        } catch {
          // Already gone.
        }
      }
      process.once('exit', release)
      return release
    } catch (e) {
      if (e?.code !== 'EEXIST') throw e
    }
    let owner = 0
    try {
      owner = Number(readFileSync(file, 'utf8')) || 0
    } catch {
      continue // Released between our attempts.
    }
    if (owner && owner !== process.pid && !alive(owner)) {
      try {
        unlinkSync(file)
      } catch {
        // Someone else took it over.
      }
      continue
    }
    if (Date.now() > deadline) throw new Error(`another browser test holds ${file} (pid ${owner})`)
    await sleep(500)
  }
}

/** Helpers bound to one page: named steps with a screenshot on failure, and polling waits. */
export function pageHelpers(getPage) {
  async function step(name, fn) {
    const page = getPage()
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
      if (typeof expected === 'string' ? last === expected : expected.test(last)) return last
      await getPage().waitForTimeout(100)
    }
    assert.fail(`${what}: expected "${expected}", got "${last}"`)
  }

  async function waitForCount(locator, expected, what) {
    const deadline = Date.now() + TIMEOUT
    let n = -1
    while (Date.now() < deadline) {
      n = await locator.count()
      if (n === expected) return
      await getPage().waitForTimeout(100)
    }
    assert.fail(`${what}: expected ${expected}, got ${n}`)
  }

  async function settle() {
    const page = getPage()
    await page.waitForLoadState('networkidle', { timeout: TIMEOUT }).catch(() => {})
    await page.waitForTimeout(300) // Let transitions (menus, drawers, dialogs) finish before screenshots.
  }

  // Element Plus wraps inputs: a data-test may sit on the input or on its wrapper.
  const input = (test) => getPage().locator(`input[data-test="${test}"], [data-test="${test}"] input`).first()
  const textarea = (test) => getPage().locator(`textarea[data-test="${test}"], [data-test="${test}"] textarea`).first()
  const tableRows = (test) => getPage().locator(`[data-test="${test}"] .el-table__body-wrapper tbody tr.el-table__row`)

  /** Waits (briefly) until the toast messages have gone, so screenshots show the page itself. */
  async function quiet() {
    await settle()
    const page = getPage()
    const deadline = Date.now() + 5000
    while (Date.now() < deadline && (await page.locator('.el-message').count()) > 0) await page.waitForTimeout(200)
  }

  /** A JSON API call with the page's session cookie and CSRF token. */
  async function api(method, path, body) {
    const page = getPage()
    const me = await page.request.get(`${BASE_URL}/api/v1/auth/me`)
    assert.equal(me.status(), 200, `GET /auth/me answered ${me.status()}`)
    const { csrf_token: csrf } = await me.json()
    const res = await page.request.fetch(`${BASE_URL}/api/v1${path}`, {
      method,
      headers: { 'X-CSRF-Token': csrf, 'Content-Type': 'application/json' },
      data: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    let parsed = null
    try {
      parsed = text ? JSON.parse(text) : null
    } catch {
      // Not JSON.
    }
    return { status: res.status(), body: parsed, text }
  }

  /** Picks a region in a RegionPicker (inside the element with that data-test) by typing its name. */
  async function pickRegion(test, query, code) {
    const page = getPage()
    const box = page.locator(`[data-test="${test}"] input`).first()
    await box.click()
    await box.fill('')
    await box.pressSequentially(query, { delay: 60 })
    await page.locator(`.region-search-popper .hit[data-code="${code}"]`).filter({ visible: true }).first().click()
    await page.locator(`[data-test="${test}"] [data-test="region-picked"][data-code="${code}"]`).waitFor()
  }

  async function logout() {
    const page = getPage()
    await page.locator('[data-test="user-menu"]').click()
    await page.locator('[data-test="logout"]').filter({ visible: true }).click()
    await page.waitForURL(atPath('/login'))
  }

  return { step, waitForText, waitForCount, settle, input, textarea, tableRows, quiet, api, pickRegion, logout }
}

/** The day in China (the server counts days in UTC+8). */
export function chinaToday() {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
}

/**
 * One browser walk is a row of parts, each building on the one before: a part runs only when the
 * preflight passed and no part before it failed (it would only fail again for the same reason).
 * `state.ready` is set by the preflight.
 */
export function walk() {
  const state = { ready: false, failed: false }
  const part = (fn) => async () => {
    assert.ok(state.ready, 'not run: the preflight check failed (see above)')
    assert.ok(!state.failed, 'not run: an earlier part failed (see above)')
    try {
      await fn()
    } catch (e) {
      state.failed = true
      throw e
    }
  }
  return { state, part }
}

/**
 * The preflight every walk starts with: the configuration, a reachable server that offers the API
 * `paths` the walk needs, the lock shared by walks against one server, the browser, and a desktop
 * context in Chinese and China's time zone (`contextOptions` adds or overrides). Resolves to
 * { browser, context, release }.
 */
export async function preflight(paths, contextOptions = {}) {
  assert.ok(BASE_URL, 'ZX_BASE_URL is not set: start a Zhenxing server and run e.g. ZX_BASE_URL=http://127.0.0.1:18080 ZX_USER=admin ZX_PASSWORD=… npm run test:e2e')
  assert.ok(PASSWORD, 'ZX_PASSWORD is not set: give the initial password of ZX_USER')
  mkdirSync(SHOT_DIR, { recursive: true })
  let res
  try {
    res = await fetch(`${BASE_URL}/api/v1/openapi.json`)
  } catch (e) {
    assert.fail(`the server at ${BASE_URL} is not reachable: ${e?.cause?.message ?? e?.message ?? e}`)
  }
  assert.equal(res.status, 200, `GET ${BASE_URL}/api/v1/openapi.json answered ${res.status}`)
  const spec = await res.text()
  for (const p of paths) assert.ok(spec.includes(`"${p}"`), `the server does not offer ${p} (openapi.json)`)
  const release = await acquireServerLock(BASE_URL)
  const browser = await launchBrowser()
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true,
                                             ...contextOptions })
  context.setDefaultTimeout(TIMEOUT)
  context.setDefaultNavigationTimeout(TIMEOUT)
  return { browser, context, release }
}
