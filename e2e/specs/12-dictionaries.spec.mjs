// (12) 字典管理: the 系统管理员 adds an item to 健康状况, sees a built-in item's name locked, disables
// the new item (it stays listed, marked 停用), and the 安全审计员 finds both changes in 全程记实 under
// their names; the cadre officer has no menu.
import assert from 'node:assert/strict'
import { admins, api, browserTest, expectText, expectUrl, input, signIn, waitUntil } from '../lib.mjs'

// A code and name unique to this run (specs may be re-run against one server).
const suffix = Date.now().toString(36).slice(-5)
const code = `E${suffix}`
const label = `体弱${suffix}`

function auditor() {
  const username = process.env.XR_E2E_AUDITOR
  const password = process.env.XR_E2E_AUDITOR_PASSWORD
  if (!username || !password) throw new Error('XR_E2E_AUDITOR(_PASSWORD) not set (run the specs through e2e/run)')
  return { username, password }
}

browserTest('dictionaries: the cadre officer has no 字典管理 menu', async ({ page }) => {
  await signIn(page)
  await page.getByTestId('menu-home').waitFor()
  assert.equal(await page.getByTestId('menu-dictionaries').count(), 0)
})

browserTest('dictionaries: the system administrator adds an item and disables it', async ({ page, context }) => {
  const { sysadmin, password } = admins()
  await signIn(page, sysadmin, password)
  await page.getByTestId('menu-dictionaries').click()
  await expectUrl(page, '/admin/dictionaries')
  await page.getByTestId('dict-kind-health').click()
  await expectText(page.getByTestId('dict-title'), /健康状况/)
  const table = page.getByTestId('dict-table')
  await expectText(table, /良好/)
  await expectText(table.locator('tbody tr', { hasText: '良好' }), /内置/)

  // A built-in item: the name is the standard's and cannot be edited.
  await page.getByTestId('dict-edit-1').click()
  const dialog = page.getByTestId('dict-dialog')
  await expectText(dialog, /来自国家标准/)
  assert.equal(await input(page, 'dict-label').isDisabled(), true)
  await dialog.locator('.el-dialog__headerbtn').click()
  await waitUntil(async () => !(await dialog.isVisible()), async () => 'the dialog is still open')

  // 新增: a taken code is refused on the 代码 item, then the new one is added at the end.
  await page.getByTestId('dict-new').click()
  await input(page, 'dict-code').fill('1')
  await input(page, 'dict-label').fill(label)
  await page.getByTestId('dict-submit').click()
  await expectText(dialog.locator('.el-form-item.is-error'), /代码 1 已存在/)
  await input(page, 'dict-code').fill(code)
  await page.getByTestId('dict-submit').click()
  await waitUntil(async () => !(await dialog.isVisible()), async () => 'the dialog is still open')
  const row = table.locator('tbody tr', { hasText: label })
  await expectText(row, new RegExp(code))
  await expectText(page.getByTestId(`dict-status-${code}`), /启用/)
  const added = (await api(context, '/api/dictionaries/health')).items.find((item) => item.code === code)
  assert.deepEqual(added, { code, label, sort_order: added.sort_order, enabled: true, builtin: false })

  // 停用, confirmed: still listed, marked 停用.
  await page.getByTestId(`dict-toggle-${code}`).click()
  await page.locator('.el-message-box__btns .el-button--primary').click()
  await expectText(page.getByTestId(`dict-status-${code}`), /停用/)
  const disabled = (await api(context, '/api/dictionaries/health')).items.find((item) => item.code === code)
  assert.equal(disabled.enabled, false)
})

browserTest('dictionaries: the auditor sees both changes by name in 全程记实', async ({ page, context }) => {
  const { username, password } = auditor()
  await signIn(page, username, password)
  await page.getByTestId('menu-audit').click()
  await expectUrl(page, '/audit')
  for (const [action, name] of [
    ['dict.create', /新增字典项/],
    ['dict.update', /修改字典项/],
  ]) {
    const expected = await api(context, `/api/audit/entries?action=${action}&page_size=20`)
    assert.ok(expected.items.some((e) => e.object_id === `health/${code}`), `${action} of health/${code}`)
    await page.getByTestId('audit-action').click()
    await page.keyboard.press('Control+A')
    await page.keyboard.type(action)
    await page.keyboard.press('Enter')
    await page.getByTestId('audit-search').click()
    const first = page.locator('[data-testid="audit-table"] .el-table__body-wrapper tbody tr').first()
    await expectText(first, name)
    await expectText(first, /字典项/)
  }
})
