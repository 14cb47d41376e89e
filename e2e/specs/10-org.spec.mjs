// (10) 机构管理: the cadre officer (org.write) creates two units under the city, renames one, adds
// a position with its 职数, drags the second above the first (a real mouse drag in the tree),
// abolishes the first with a date and reason, and reads its 变更历史.
import assert from 'node:assert/strict'
import { browserTest, api, config, expectText, expectUrl, input, signIn, waitUntil } from '../lib.mjs'

// Codes unique to this run (specs may be re-run against one server).
const suffix = Date.now().toString(36).slice(-5).toUpperCase()
const codeA = `E2E-${suffix}-A`
const codeB = `E2E-${suffix}-B`
const nameA = `测试机构甲${suffix}`
const renamedA = `测试机构甲（更名）${suffix}`
const nameB = `测试机构乙${suffix}`

async function chooseOption(page, selectTestId, optionText) {
  await page.getByTestId(selectTestId).click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: optionText }).first().click()
}

async function addChild(page, code, name) {
  await page.getByTestId('org-add-child').click()
  const dialog = page.getByTestId('org-create-dialog')
  await dialog.waitFor()
  await input(page, 'org-create-code').fill(code)
  await input(page, 'org-create-name').fill(name)
  await chooseOption(page, 'org-create-type', '事业单位')
  await page.getByTestId('org-create-submit').click()
  await waitUntil(async () => !(await dialog.isVisible()), async () => 'the create dialog is still open')
  await expectText(page.getByTestId('org-unit-title'), name)
}

// The ids of the root's live children, in order, from the server.
async function rootChildren(context) {
  const tree = await api(context, '/api/units')
  return tree.items[0].children
}

browserTest('org: create, rename, position, drag to reorder, abolish, history', async ({ page, context }) => {
  await signIn(page)
  await page.getByTestId('menu-org').click()
  await expectUrl(page, '/org')
  const root = (await api(context, '/api/units')).items[0]
  const rootNode = page.getByTestId(`org-unit-${root.code}`)
  await rootNode.click()
  await expectText(page.getByTestId('org-unit-title'), root.name)

  // 新增下级机构 twice: each goes after the root's last child.
  await addChild(page, codeA, nameA)
  await rootNode.click()
  await expectText(page.getByTestId('org-unit-title'), root.name)
  await addChild(page, codeB, nameB)
  let children = await rootChildren(context)
  assert.deepEqual(
    children.slice(-2).map((u) => u.code),
    [codeA, codeB],
  )

  // A duplicate code: the server's message lands on the 机构编码 item.
  await rootNode.click()
  await page.getByTestId('org-add-child').click()
  await input(page, 'org-create-code').fill(codeA)
  await input(page, 'org-create-name').fill('重复编码')
  await chooseOption(page, 'org-create-type', '事业单位')
  await page.getByTestId('org-create-submit').click()
  await expectText(page.getByTestId('org-create-dialog').locator('.el-form-item.is-error'), /机构编码已存在/)
  await page.getByTestId('org-create-dialog').getByRole('button', { name: '取消' }).click()

  // Rename A; the code stays read-only.
  await page.getByTestId(`org-unit-${codeA}`).click()
  await expectText(page.getByTestId('org-unit-title'), nameA)
  assert.equal(await input(page, 'org-field-code').isDisabled(), true)
  await input(page, 'org-field-name').fill(renamedA)
  await page.getByTestId('org-save').click()
  await expectText(page.getByTestId('org-unit-title'), renamedA)
  await expectText(page.getByTestId(`org-unit-${codeA}`), renamedA)

  // A position with 职数 2.
  await page.getByTestId('org-tabs').getByText('职位', { exact: true }).click()
  await page.getByTestId('org-position-add').click()
  await input(page, 'org-position-name').fill('主任')
  await input(page, 'org-position-headcount').fill('2')
  await page.getByTestId('org-position-submit').click()
  // The dialog fades out; its overlay would take the mouse-down of the drag below.
  await waitUntil(
    async () => !(await page.getByTestId('org-position-dialog').isVisible()),
    async () => 'the position dialog is still open',
  )
  const positionRow = page.locator('[data-testid="org-positions"] tbody tr', { hasText: '主任' })
  await expectText(positionRow, /主任\s+2/)

  // Drag B onto the upper edge of A: B goes before A (a reorder under the root).
  const source = await page.getByTestId(`org-unit-${codeB}`).boundingBox()
  const target = await page.locator('.el-tree-node__content', { has: page.getByTestId(`org-unit-${codeA}`) }).boundingBox()
  assert.ok(source && target, 'both units are on screen')
  // Slow, small steps: Chromium sends dragover as the pointer moves, and el-tree decides
  // before/inside/after from the last one (the top quarter of A's row is "before").
  const path = [
    [source.x + source.width / 2, source.y + source.height / 2],
    [source.x + source.width / 2, source.y + source.height / 2 - 4],
    [source.x + source.width / 2, source.y - 6],
    [target.x + 60, target.y + target.height / 2],
    [target.x + 50, target.y + 5],
    [target.x + 40, target.y + 3],
  ]
  await page.mouse.move(...path[0])
  await page.mouse.down()
  for (const [x, y] of path.slice(1)) {
    await page.mouse.move(x, y, { steps: 4 })
    await page.waitForTimeout(100)
  }
  await page.mouse.up()
  await waitUntil(
    async () => {
      const codes = (await rootChildren(context)).map((u) => u.code)
      return codes.indexOf(codeB) >= 0 && codes.indexOf(codeB) === codes.indexOf(codeA) - 1
    },
    async () => `root children: ${(await rootChildren(context)).map((u) => u.code).join(', ')}`,
  )
  children = await rootChildren(context)
  const [b, a] = children.slice(-2)
  assert.ok(b.sort_order < a.sort_order, `sort orders ${b.sort_order} < ${a.sort_order}`)
  // The tree shows the stored order.
  await waitUntil(
    async () => {
      const labels = await page.locator('[data-testid^="org-unit-E2E-' + suffix + '"]').evaluateAll((nodes) =>
        nodes.map((n) => n.getAttribute('data-testid')),
      )
      return labels.join() === [`org-unit-${codeB}`, `org-unit-${codeA}`].join()
    },
    async () => 'the tree does not show B before A',
  )

  // 撤销机构 A with a date and a reason: it leaves the tree, and comes back greyed with the switch.
  await page.getByTestId(`org-unit-${codeA}`).click()
  await expectText(page.getByTestId('org-unit-title'), renamedA)
  await page.getByTestId('org-abolish').click()
  await page.locator('[data-testid="org-abolish-reason"] textarea, textarea[data-testid="org-abolish-reason"]').first().fill('机构改革，职能并入乙')
  await page.getByTestId('org-abolish-submit').click()
  await page.getByTestId('org-abolished-notice').waitFor()
  await waitUntil(
    async () => (await page.getByTestId(`org-unit-${codeA}`).count()) === 0,
    async () => 'the abolished unit is still in the tree',
  )
  await page.getByTestId('org-show-abolished').click()
  await expectText(page.getByTestId(`org-unit-${codeA}`), /已撤销/)

  // 变更历史, newest first: 撤销, 调整, 新增职位, 修改, 新建.
  await page.getByTestId(`org-unit-${codeA}`).click()
  await page.getByTestId('org-tabs').getByText('变更历史', { exact: true }).click()
  const history = page.getByTestId('org-history')
  await expectText(history, /撤销[\s\S]*新增职位[\s\S]*修改[\s\S]*新建/)
  await expectText(history, /机构改革，职能并入乙/)
  await expectText(history, new RegExp(`机构全称：${nameA} → ${renamedA.replace(/[()（）]/g, '.')}`))
  await expectText(history, /职数：2/)
  const entries = await api(context, `/api/units/${a.id}/history`)
  assert.deepEqual(
    entries.items.map((e) => e.action),
    ['abolish', 'position.create', 'update', 'create'],
  )
  assert.equal(entries.items[0].actor, config.username)
  // The parent's history has the reorder.
  const parentHistory = await api(context, `/api/units/${root.id}/history`)
  assert.equal(parentHistory.items[0].action, 'reorder')
})
