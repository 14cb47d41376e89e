// (6) An account made by `xuanren user add` must change its initial password: after signing in,
// the app shows 修改密码 and nothing else until the change is made.
import assert from 'node:assert/strict'
import { browserTest, config, expectText, expectUrl, input } from '../lib.mjs'

function required(name) {
  const value = process.env[name]
  if (!value) throw new Error(`environment variable ${name} is not set (run the specs through e2e/run)`)
  return value
}

browserTest('forced password change: initial password → 修改密码 → home', async ({ page, context }) => {
  const username = required('XR_E2E_NEWCOMER')
  const password = required('XR_E2E_NEWCOMER_PASSWORD')
  const newPassword = `${password}-New9`

  await page.goto('/')
  await expectUrl(page, '/login')
  await input(page, 'login-username').fill(username)
  await input(page, 'login-password').fill(password)
  await page.getByTestId('login-submit').click()
  await expectUrl(page, '/change-password')
  await expectText(page.getByTestId('password-forced'), /首次登录须修改初始密码/)

  // The server refuses everything else meanwhile, and navigating away comes back here.
  const blocked = await context.request.get(`${config.baseUrl}/api/overview`)
  assert.equal(blocked.status(), 403)
  assert.equal((await blocked.json()).error.code, 'PASSWORD_CHANGE_REQUIRED')
  await page.goto('/cadres')
  await expectUrl(page, '/change-password')

  // Reusing the current password is refused, on the field.
  await input(page, 'password-old').fill(password)
  await input(page, 'password-new').fill(password)
  await input(page, 'password-confirm').fill(password)
  await page.getByTestId('password-submit').click()
  await expectText(page.locator('.el-form-item__error').first(), /不能与当前密码相同/)

  await input(page, 'password-new').fill(newPassword)
  await input(page, 'password-confirm').fill(newPassword)
  await page.getByTestId('password-submit').click()
  await expectUrl(page, '/home')
  await page.getByTestId('user-display-name').waitFor()
  const me = await (await context.request.get(`${config.baseUrl}/api/me`)).json()
  assert.equal(me.must_change_password, false)
  assert.equal((await context.request.get(`${config.baseUrl}/api/overview`)).status(), 200)
})
