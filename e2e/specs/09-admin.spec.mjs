// (9) Account administration (三员分立): the 安全保密管理员 creates a role with a data scope
// (新增角色), the 系统管理员 grants it to a new account (新增用户); each sees the result in the
// table, the server's field errors land on the form item, and the officer sees neither menu.
import assert from 'node:assert/strict'
import { admins, browserTest, api, expectText, expectUrl, input, signIn, waitUntil } from '../lib.mjs'

// A role name unique to this run (specs may be re-run against one server).
const suffix = Date.now().toString(36).slice(-5)
const roleName = `e2e_reader_${suffix}`
const roleLabel = `测试查阅${suffix}`
const newUsername = `e2e_user_${suffix}`

async function chooseOption(page, selectTestId, optionText) {
  await chooseOptions(page, selectTestId, [optionText])
}

// Opens the select once and picks each option (a multiple select stays open between picks).
async function chooseOptions(page, selectTestId, optionTexts) {
  await page.getByTestId(selectTestId).click()
  for (const text of optionTexts) {
    await page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click()
  }
}

browserTest('admin: the cadre officer sees no administration menu', async ({ page }) => {
  await signIn(page)
  await page.getByTestId('menu-home').waitFor()
  for (const id of ['menu-users', 'menu-roles', 'menu-login-log']) {
    assert.equal(await page.getByTestId(id).count(), 0, id)
  }
})

browserTest('admin: the security administrator creates a role with a data scope', async ({ page, context }) => {
  const { secadmin, password } = admins()
  await signIn(page, secadmin, password)
  await page.getByTestId('menu-roles').click()
  await expectUrl(page, '/admin/roles')
  await expectText(page.getByTestId('roles-table'), /安全保密管理员/)

  await page.getByTestId('roles-new').click()
  const dialog = page.getByTestId('role-dialog')
  await input(page, 'role-name').fill(roleName)
  await input(page, 'role-label').fill(roleLabel)
  await page.getByTestId('role-permission-cadre.read').click()
  await chooseOption(page, 'role-scope-type', '指定单位及下级')
  // An unknown unit code: the server's message lands on the 数据范围 item.
  await input(page, 'role-scope-codes').fill('NOSUCH')
  await page.getByTestId('role-submit').click()
  await expectText(dialog.locator('.el-form-item.is-error'), /NOSUCH/)

  await input(page, 'role-scope-codes').fill('JH01')
  await page.getByTestId('role-submit').click()
  await waitUntil(async () => !(await dialog.isVisible()), async () => 'the dialog is still open')

  const row = page.locator('[data-testid="roles-table"] tbody tr', { hasText: roleName })
  await expectText(row, new RegExp(roleLabel))
  await expectText(row, /查看干部/)
  await expectText(row, /指定单位及下级：JH01/)
  const roles = await api(context, '/api/roles')
  const created = roles.items.find((r) => r.name === roleName)
  assert.equal(created.scope, 'unit-below:JH01')
  assert.deepEqual(created.permissions, ['cadre.read'])

  // The security administrator reads accounts but may not create them.
  await page.getByTestId('menu-users').click()
  await expectUrl(page, '/admin/users')
  await expectText(page.getByTestId('users-table'), new RegExp(secadmin))
  assert.equal(await page.getByTestId('users-new').count(), 0)

  // …and reads the sign-in log, filtered by username.
  await page.getByTestId('menu-login-log').click()
  await expectUrl(page, '/admin/login-log')
  await input(page, 'login-log-username').fill(secadmin)
  await page.getByTestId('login-log-search').click()
  await expectText(page.getByTestId('login-log-table'), /成功/)
})

browserTest('admin: the system administrator creates an account with that role', async ({ page, context }) => {
  const { sysadmin, password } = admins()
  await signIn(page, sysadmin, password)
  await page.getByTestId('menu-users').click()
  await expectUrl(page, '/admin/users')
  assert.equal(await page.getByTestId('menu-login-log').count(), 0)

  await page.getByTestId('users-new').click()
  const dialog = page.getByTestId('user-dialog')
  await input(page, 'user-username').fill(newUsername)
  await input(page, 'user-display-name').fill('测试新用户')
  await input(page, 'user-password').fill('Init-Pass-2026!')
  // 三员分立: two separated administrator roles are refused on the 角色 item.
  await chooseOptions(page, 'user-roles', ['（sysadmin）', '（auditadmin）'])
  await page.keyboard.press('Escape')
  await page.getByTestId('user-submit').click()
  await expectText(dialog.locator('.el-form-item.is-error'), /三员|兼任|分立/)

  // Start over with the role made above.
  await page.getByTestId('user-dialog').locator('.el-dialog__headerbtn').click()
  await page.getByTestId('users-new').click()
  await input(page, 'user-username').fill(newUsername)
  await input(page, 'user-display-name').fill('测试新用户')
  await input(page, 'user-password').fill('Init-Pass-2026!')
  await chooseOption(page, 'user-roles', `（${roleName}）`)
  await page.keyboard.press('Escape')
  // The unit from the tree (unit picker), by the name of JH01.
  const units = await api(context, '/api/units')
  const jh01 = units.items[0].children.find((u) => u.code === 'JH01')
  await page.getByTestId('user-unit').first().click()
  await input(page, 'user-unit').fill(jh01.name)
  await page.locator('.el-tree-node__content:visible', { hasText: jh01.name }).first().click()
  await page.getByTestId('user-submit').click()
  await waitUntil(async () => !(await dialog.isVisible()), async () => 'the dialog is still open')

  const users = await api(context, '/api/users?page_size=200')
  const created = users.items.find((u) => u.username === newUsername)
  assert.ok(created, 'the new account is listed')
  assert.deepEqual(created.roles, [roleName])
  assert.equal(created.unit_code, 'JH01')
  await page.getByTestId('users-refresh').click()
  // Page size 20, ordered by username: look it up on whichever page holds it.
  const index = users.items.findIndex((u) => u.username === newUsername)
  if (index >= 20) await page.locator('.el-pager li', { hasText: String(Math.floor(index / 20) + 1) }).first().click()
  const row = page.locator('[data-testid="users-table"] tbody tr', { hasText: newUsername })
  await expectText(row, new RegExp(roleLabel))
  await expectText(row, /JH01/)
})
