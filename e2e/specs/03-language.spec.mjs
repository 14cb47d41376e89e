// (3) Switching to English changes the menu and header; the choice survives a reload; switch back.
import assert from 'node:assert/strict'
import { browserTest, expectText, signIn } from '../lib.mjs'

async function choose(page, locale) {
  await page.getByTestId('lang-switch-trigger').click()
  const item = page.locator(`[data-testid="lang-${locale}"]:visible`)
  await item.click()
}

browserTest('language: switch to English and back', async ({ page }) => {
  await signIn(page)
  await expectText(page.getByTestId('menu-home'), '首页')
  await expectText(page.getByTestId('menu-cadres'), '干部信息')
  await expectText(page.getByTestId('system-name'), '选任 · 干部选拔任用管理平台')

  await choose(page, 'en')
  await expectText(page.getByTestId('menu-home'), 'Home')
  await expectText(page.getByTestId('menu-cadres'), 'Cadres')
  await expectText(page.getByTestId('system-name'), /^Xuanren/)
  await expectText(page.getByTestId('count-cadres'), /Cadres/)
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en')

  // Element Plus follows: the cadre list's pagination speaks English.
  await page.getByTestId('menu-cadres').click()
  await expectText(page.getByTestId('cadre-pagination').locator('.el-pagination__total'), /^Total \d+$/)

  // The choice is remembered.
  await page.reload()
  await expectText(page.getByTestId('menu-home'), 'Home')

  await choose(page, 'zh-CN')
  await expectText(page.getByTestId('menu-home'), '首页')
  await expectText(page.getByTestId('menu-cadres'), '干部信息')
  await expectText(page.getByTestId('system-name'), '选任 · 干部选拔任用管理平台')
  await expectText(page.getByTestId('cadre-pagination').locator('.el-pagination__total'), /^共 \d+ 条$/)
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN')
})
