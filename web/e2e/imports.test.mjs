// Browser test of the import page against a running Zhenxing server (see session.mjs for the
// variables): as the administrator, opens 数据导入导出 from the system menu, uploads a CSV of three
// people in 咀头街村 (610331100200) of which one has an ID number that Excel turned into a number,
// previews (the table shows that row's error, nothing is written), imports the good rows, and
// sees the two people in the registry through the API; then imports a household with two members
// (kind 农户及成员). Screenshot: imports.png.
import { after, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { BASE_URL, DESKTOP, PASSWORD, SHOT_DIR, TIMEOUT, acquireServerLock, atPath, launchBrowser, loginAdmin, pageHelpers } from './session.mjs'

const VILLAGE = '610331100200'
// ID numbers of this file's own (the other browser files register the well-known test numbers, and
// an existing person would be an update, not a new one): 17 digits and their check character.
const withCheck = (first17) => {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i], 0)
  return first17 + '10X98765432'[sum % 11]
}
const CSV = [
  '姓名,身份证号,性别,所属区划代码',
  `导入甲,${withCheck('61033119880808731')},男,${VILLAGE}`,
  `导入乙,6.10331E+17,男,${VILLAGE}`,
  `导入丙,${withCheck('61033119890909742')},女,${VILLAGE}`,
].join('\n')
const HOUSEHOLDS = [
  '户编号,所属村代码,姓名,身份证号,与户主关系',
  `1,${VILLAGE},导入丁,${withCheck('61033119700101751')},户主`,
  `1,${VILLAGE},导入戊,${withCheck('61033119720202762')},配偶`,
].join('\n')

/** @type {import('playwright-core').Browser} */
let browser
/** @type {import('playwright-core').Page} */
let page
const { step, waitForText, waitForCount, settle, tableRows, api } = pageHelpers(() => page)

describe('imports: upload, preview with row errors, import the good rows', { timeout: 300_000 }, () => {
  let releaseLock = () => {}
  after(async () => {
    await browser?.close()
    releaseLock()
  })

  it('previews and imports a CSV', async () => {
    assert.ok(BASE_URL, 'ZX_BASE_URL is not set')
    assert.ok(PASSWORD, 'ZX_PASSWORD is not set')
    mkdirSync(SHOT_DIR, { recursive: true })
    releaseLock = await acquireServerLock(BASE_URL)
    browser = await launchBrowser()
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
    context.setDefaultTimeout(TIMEOUT)
    page = await context.newPage()

    await step('login and open the page', async () => {
      await page.goto(`${BASE_URL}/login`)
      await page.locator('[data-test="login-username"]').waitFor()
      await loginAdmin(page)
      const item = page.locator('[data-test="menu-imports"]')
      if (!(await item.isVisible())) await page.locator('[data-test="menu-system"]').click()
      await item.click()
      await page.waitForURL(atPath('/system/imports'))
    })
    await step('preview shows the row error', async () => {
      await page.locator('[data-test="import-file"]').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) })
      await page.locator('[data-test="import-preview"]').click()
      await waitForText(page.locator('[data-test="import-summary"]'), /共 3 行.*有误 1/, 'preview summary')
      await waitForCount(tableRows('import-errors'), 1, 'error rows')
      await waitForText(tableRows('import-errors').first(), /3.*身份证号.*数字/, 'the numeric ID number row')
    })
    await step('import the good rows', async () => {
      await page.locator('[data-test="import-mode"] label').nth(1).click()
      await page.locator('[data-test="import-run"]').click()
      await page.locator('.el-message-box .el-button--primary').click()
      await waitForText(page.locator('[data-test="import-summary"]'), /新增 2/, 'import summary')
      await settle()
      await page.screenshot({ path: join(SHOT_DIR, 'imports.png'), fullPage: true })
      const r = await api('GET', `/people?region=${VILLAGE}&q=导入`)
      assert.equal(r.status, 200)
      assert.equal(r.body.total, 2)
    })
    await step('households: choose the kind, import a household with two members', async () => {
      await page.locator('[data-test="import-kind"]').click()
      await page.locator('.el-select-dropdown__item', { hasText: '农户及成员' }).click()
      await page.locator('[data-test="import-file"]').setInputFiles({ name: 'households.csv', mimeType: 'text/csv', buffer: Buffer.from(HOUSEHOLDS) })
      await page.locator('[data-test="import-preview"]').click()
      await waitForText(page.locator('[data-test="import-summary"]'), /共 2 行.*有误 0/, 'households preview')
      await page.locator('[data-test="import-run"]').click()
      await page.locator('.el-message-box .el-button--primary').click()
      await waitForText(page.locator('[data-test="import-summary"]'), /新增 2/, 'households import')
      const r = await api('GET', `/households?village=${VILLAGE}&q=导入丁`)
      assert.equal(r.status, 200)
      assert.equal(r.body.total, 1)
      assert.equal(r.body.items[0].members, 2)
    })
  })
})
