// (1) Signing in with a wrong password shows the server's Chinese message on the form.
import assert from 'node:assert/strict'
import { browserTest, config, expectText, expectUrl, input } from '../lib.mjs'

browserTest('sign-in: empty form and wrong password show Chinese messages', async ({ page, context }) => {
  await page.goto('/')
  await expectUrl(page, '/login')
  await expectText(page.getByTestId('login-title'), '选任 · 干部选拔任用管理平台')

  // Client-side validation, in Chinese.
  await page.getByTestId('login-submit').click()
  await expectText(page.locator('.el-form-item__error').first(), '请输入用户名')
  await expectText(page.locator('.el-form-item__error').nth(1), '请输入密码')

  // Server refusal: the API's message is shown as it is.
  await input(page, 'login-username').fill(config.username)
  await input(page, 'login-password').fill(`${config.password}-wrong`)
  await page.getByTestId('login-submit').click()
  const message = await expectText(page.getByTestId('login-error'), /\S/)
  assert.match(message, /[\u4e00-\u9fff]/, `the error is not in Chinese: ${message}`)
  assert.ok(message.includes('用户名或密码错误'), `unexpected sign-in error: ${message}`)
  await expectUrl(page, '/login')

  // Still signed out.
  const me = await context.request.get(`${config.baseUrl}/api/me`)
  assert.equal(me.status(), 401)
})
