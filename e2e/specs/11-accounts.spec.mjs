// (11) Account administration after creation: the 系统管理员 edits an account's unit with the unit
// picker, disables it (sign-in then says 账号已停用) and enables it again, and resets its password
// (a generated initial password shown once, which must be changed at sign-in); the 安全保密管理员
// edits a role, and its holder's grants follow on the next request.
import assert from 'node:assert/strict'
import { admins, browserTest, api, expectText, expectUrl, input, openBrowser, signIn, waitUntil } from '../lib.mjs'

const suffix = Date.now().toString(36).slice(-5)
const account = `e2e_acct_${suffix}`
const accountPassword = 'Init-Acct-2026!'
const roleName = `e2e_edit_${suffix}`

async function chooseOptions(page, selectTestId, optionTexts) {
  await page.getByTestId(selectTestId).click()
  for (const text of optionTexts) {
    await page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click()
  }
  await page.keyboard.press('Escape')
}

// Picks a unit in the el-tree-select by typing its name (the tree filters) and clicking the node.
async function pickUnit(page, name) {
  await page.getByTestId('user-unit').first().click()
  await input(page, 'user-unit').fill(name)
  await page.locator('.el-tree-node__content:visible', { hasText: name }).first().click()
}

async function usersRow(page, context, username) {
  const users = await api(context, '/api/users?page_size=200')
  const index = users.items.findIndex((u) => u.username === username)
  assert.ok(index >= 0, `${username} is listed`)
  await page.getByTestId('users-refresh').click()
  if (index >= 20) await page.locator('.el-pager li', { hasText: String(Math.floor(index / 20) + 1) }).first().click()
  return { row: page.locator('[data-testid="users-table"] tbody tr', { hasText: username }), user: users.items[index] }
}

async function confirmBox(page) {
  await page.locator('.el-message-box__btns .el-button--primary').click()
}

// Signs in as `username` in a fresh browser and returns what the login form or the app shows.
async function trySignIn(username, password) {
  const session = await openBrowser()
  try {
    const { page } = session
    await page.goto('/')
    await expectUrl(page, '/login')
    await input(page, 'login-username').fill(username)
    await input(page, 'login-password').fill(password)
    await page.getByTestId('login-submit').click()
    let outcome = ''
    await waitUntil(
      async () => {
        const path = new URL(page.url()).pathname
        if (path !== '/login') {
          outcome = path
          return true
        }
        const error = page.getByTestId('login-error')
        if ((await error.count()) > 0 && (await error.isVisible())) {
          outcome = (await error.innerText()).trim()
          return true
        }
        return false
      },
      async () => `sign-in of ${username} showed nothing (page ${page.url()})`,
    )
    return outcome
  } finally {
    await session.close()
  }
}

browserTest('accounts: the system administrator edits, disables, enables and resets an account', async ({ page, context }) => {
  const { sysadmin, password } = admins()
  await signIn(page, sysadmin, password)
  await page.getByTestId('menu-users').click()
  await expectUrl(page, '/admin/users')

  // A new account to work on, its unit chosen in the tree.
  const units = await api(context, '/api/units')
  const first = units.items[0].children[0]
  await page.getByTestId('users-new').click()
  const dialog = page.getByTestId('user-dialog')
  await input(page, 'user-username').fill(account)
  await input(page, 'user-display-name').fill('测试账号')
  await input(page, 'user-password').fill(accountPassword)
  await chooseOptions(page, 'user-roles', ['（leader）'])
  await pickUnit(page, first.name)
  await page.getByTestId('user-submit').click()
  await waitUntil(async () => !(await dialog.isVisible()), async () => 'the create dialog is still open')
  let { row, user } = await usersRow(page, context, account)
  assert.equal(user.unit_id, first.id)

  // Edit: another unit through the picker, and a new name.
  const second = units.items[0].children[1]
  await page.getByTestId(`user-edit-${account}`).click()
  await expectText(dialog.locator('.el-dialog__title'), new RegExp(account))
  await input(page, 'user-display-name').fill('测试账号乙')
  await pickUnit(page, second.name)
  await page.getByTestId('user-submit').click()
  await waitUntil(async () => !(await dialog.isVisible()), async () => 'the edit dialog is still open')
  ;({ row, user } = await usersRow(page, context, account))
  assert.equal(user.unit_id, second.id)
  assert.equal(user.unit_code, second.code)
  assert.equal(user.display_name, '测试账号乙')
  await expectText(row, new RegExp(second.name))

  // 停用, confirmed: the account cannot sign in and is told why.
  await page.getByTestId(`user-toggle-${account}`).click()
  await expectText(page.locator('.el-message-box__message'), /全部会话立即结束/)
  await confirmBox(page)
  await expectText(row, /停用/)
  assert.equal(await trySignIn(account, accountPassword), '账号已停用，请联系系统管理员')

  // 启用 again: sign-in works (the initial password still has to be changed).
  await page.getByTestId(`user-toggle-${account}`).click()
  await confirmBox(page)
  await expectText(row, /正常/)
  assert.equal(await trySignIn(account, accountPassword), '/change-password')

  // 重置密码: a new initial password, shown once; the old one stops working.
  await page.getByTestId(`user-reset-password-${account}`).click()
  await confirmBox(page)
  const issued = page.getByTestId('issued-password')
  await waitUntil(async () => (await issued.innerText()).trim().length === 12, async () => 'no password shown')
  const newPassword = (await issued.innerText()).trim()
  await page.getByTestId('password-issued-close').click()
  assert.equal(await trySignIn(account, accountPassword), '用户名或密码错误')
  assert.equal(await trySignIn(account, newPassword), '/change-password')

  // 重置双因素 is offered only to accounts with a second factor; the administrator has no
  // actions on their own row except 编辑.
  assert.equal(await page.getByTestId(`user-reset-totp-${account}`).isDisabled(), true)
  assert.equal(await page.getByTestId(`user-toggle-${sysadmin}`).count(), 0)
})

browserTest('accounts: the security administrator edits a role', async ({ page, context }) => {
  const { secadmin, password } = admins()
  await signIn(page, secadmin, password)
  await page.getByTestId('menu-roles').click()
  await expectUrl(page, '/admin/roles')
  // The read-only policy the server enforces.
  await expectText(page.getByTestId('security-policy'), /30 分钟/)

  // A role to edit (built-in roles have no 编辑).
  await page.getByTestId('roles-new').click()
  const dialog = page.getByTestId('role-dialog')
  await input(page, 'role-name').fill(roleName)
  await input(page, 'role-label').fill(`测试编辑${suffix}`)
  await page.getByTestId('role-permission-cadre.read').click()
  await page.getByTestId('role-submit').click()
  await waitUntil(async () => !(await dialog.isVisible()), async () => 'the create dialog is still open')
  assert.equal(await page.getByTestId('role-edit-secadmin').count(), 0)

  await page.getByTestId(`role-edit-${roleName}`).click()
  await expectText(dialog.locator('.el-alert'), /下一次操作/)
  assert.equal(await input(page, 'role-name').isDisabled(), true)
  await input(page, 'role-label').fill(`测试已编辑${suffix}`)
  await page.getByTestId('role-permission-cadre.export').click()
  await page.getByTestId('role-clearance').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: '机密' }).first().click()
  await page.getByTestId('role-submit').click()
  await waitUntil(async () => !(await dialog.isVisible()), async () => 'the edit dialog is still open')

  const row = page.locator('[data-testid="roles-table"] tbody tr', { hasText: roleName })
  await expectText(row, new RegExp(`测试已编辑${suffix}`))
  await expectText(row, /机密/)
  const roles = await api(context, '/api/roles')
  const edited = roles.items.find((r) => r.name === roleName)
  assert.deepEqual(edited.permissions, ['cadre.read', 'cadre.export'])
  assert.equal(edited.clearance, 'secret')
})
