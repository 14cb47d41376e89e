// (5) Signing out returns to the sign-in page and ends the session on the server.
import assert from 'node:assert/strict'
import { browserTest, config, expectText, expectUrl, signIn } from '../lib.mjs'

browserTest('sign-out: back to sign-in and /api/me is 401', async ({ page, context }) => {
  await signIn(page)
  const before = await context.request.get(`${config.baseUrl}/api/me`)
  assert.equal(before.status(), 200)

  await page.getByTestId('user-menu').click()
  await page.locator('[data-testid="sign-out"]:visible').click()
  await expectUrl(page, '/login')
  await expectText(page.getByTestId('login-title'), '选任 · 干部选拔任用管理平台')

  const after = await context.request.get(`${config.baseUrl}/api/me`)
  assert.equal(after.status(), 401)

  // The protected pages send us back to sign-in.
  await page.goto('/')
  await expectUrl(page, '/login')
})
