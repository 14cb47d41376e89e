// (99, runs last) Six wrong passwords for one account: the sixth answer is the lock message with
// the time to retry (HTTP 423), and then even the right password is refused.
import assert from 'node:assert/strict'
import { browserTest, config, expectText, expectUrl, input } from '../lib.mjs'

browserTest('lockout: the sixth wrong password shows when to retry', async ({ page, context }) => {
  const username = process.env.XR_E2E_LOCKME
  assert.ok(username, 'XR_E2E_LOCKME is not set (run the specs through e2e/run)')
  await page.goto('/')
  await expectUrl(page, '/login')
  await input(page, 'login-username').fill(username)
  const statuses = []
  for (let i = 1; i <= 6; i++) {
    await input(page, 'login-password').fill(`Wrong-password-${i}`)
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/session') && r.request().method() === 'POST')
    await page.getByTestId('login-submit').click()
    statuses.push((await answered).status())
  }
  assert.deepEqual(statuses, [401, 401, 401, 401, 401, 423])
  const message = await expectText(page.getByTestId('login-error'), /账号已锁定/)
  assert.match(message, /连续登录失败次数过多，账号已锁定，请于 \d{2}:\d{2} 后再试/)
  await expectUrl(page, '/login')

  const right = await context.request.post(`${config.baseUrl}/api/session`, {
    data: { username, password: process.env.XR_E2E_LOCKME_PASSWORD },
  })
  assert.equal(right.status(), 423)
  assert.equal((await right.json()).error.code, 'LOCKED')
})
