// Browser test of the report centre (报表中心) against a running Zhenxing server (same variables as
// the other files, see session.mjs): the admin opens the page from the menu, previews 太白县's
// year-end figures and 咀头镇's monthly bulletin as printable pages, and downloads the Word and
// Excel renderings. It writes nothing. Screenshot: reports.png.
import { after, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { BASE_URL, DESKTOP, SHOT_DIR, TIMEOUT, atPath, loginAdmin, pageHelpers, preflight, walk } from './session.mjs'

/** @type {import('playwright-core').Browser} */
let browser
/** @type {import('playwright-core').Page} */
let page
const { step, waitForText, pickRegion } = pageHelpers(() => page)

async function chooseOption(selectTest, label) {
  await page.locator(`[data-test="${selectTest}"]`).click()
  await page.locator('.el-select-dropdown__item').filter({ visible: true, hasText: new RegExp(`^\\s*${label}\\s*$`) }).first().click()
}

describe('report centre: preview, print page and downloads', { timeout: 300_000 }, () => {
  let releaseLock = () => {}
  const { part, state } = walk()

  it('preflight: configuration, server and browser', async () => {
    const pf = await preflight(['/api/v1/reports'], { viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true })
    releaseLock = pf.release
    browser = pf.browser
    page = await pf.context.newPage()
    state.ready = true
  })

  after(async () => {
    await browser?.close()
    releaseLock()
  })

  it('previews and downloads reports', part(async () => {
    await step('admin login and menu', async () => {
      await page.goto(`${BASE_URL}/login`)
      await page.locator('[data-test="login-username"]').waitFor()
      await loginAdmin(page)
      await page.locator('[data-test="menu-reports"]').click()
      await page.waitForURL(atPath('/reports'))
    })
    await step('year-end of 太白县', async () => {
      await chooseOption('report-kind', '年终数据')
      await pickRegion('report-region', '太白县', '610331000000')
      await page.locator('[data-test="report-preview"]').click()
      const paper = page.locator('[data-test="report-paper"]')
      await paper.waitFor({ timeout: TIMEOUT })
      await waitForText(paper.locator('.report-title'), '太白县年终数据', 'title')
      await waitForText(paper.locator('.report-table td').filter({ hasText: '咀头镇' }), '咀头镇', 'a township row')
      await waitForText(paper.locator('.report-table td').filter({ hasText: '合计' }), '合计', 'the total row')
      await page.screenshot({ path: join(SHOT_DIR, 'reports.png'), fullPage: true })
    })
    await step('downloads', async () => {
      for (const [button, ext] of [['report-docx', 'docx'], ['report-xlsx', 'xlsx']]) {
        const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-test="${button}"]`).click()])
        assert.match(download.suggestedFilename(), new RegExp(`太白县年终数据.*\\.${ext}$`))
      }
    })
    await step('monthly bulletin of 咀头镇', async () => {
      await chooseOption('report-kind', '月度通报')
      await pickRegion('report-region', '咀头镇', '610331100000')
      await page.locator('[data-test="report-preview"]').click()
      await waitForText(page.locator('[data-test="report-paper"] .report-title'), '咀头镇月度通报', 'title')
    })
  }))
})
