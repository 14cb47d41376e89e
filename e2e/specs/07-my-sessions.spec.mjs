// (7) 我的会话 lists where the account is signed in; 下线 ends another session at once.
import assert from 'node:assert/strict'
import { browserTest, config, expectText, signIn } from '../lib.mjs'

browserTest('my sessions: list, and sign another session out', async ({ page }) => {
  // A second session of the same account, as an API client would hold it.
  const other = await fetch(`${config.baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'User-Agent': 'e2e-second-client' },
    body: JSON.stringify({ username: config.username, password: config.password }),
  })
  assert.equal(other.status, 200)
  const { token } = await other.json()
  const asOther = () => fetch(`${config.baseUrl}/api/me`, { headers: { Authorization: `Bearer ${token}` } })
  assert.equal((await asOther()).status, 200)

  await signIn(page)
  await page.getByTestId('menu-sessions').click()
  await expectText(page.getByTestId('session-current'), '当前会话')
  const row = page.locator('[data-testid="sessions-table"] tr', { hasText: 'e2e-second-client' })
  await row.getByTestId('session-end').click()
  await page.locator('.el-message-box__btns .el-button--primary').click()
  await row.waitFor({ state: 'detached' })
  assert.equal((await asOther()).status, 401)
})
