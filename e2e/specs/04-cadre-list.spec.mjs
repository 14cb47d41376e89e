// (4) 干部名册: the unit tree, quick search (name, pinyin initials, ID number), the status filter,
// the four orders and the column chooser show what the API answers; a name opens the dossier.
import assert from 'node:assert/strict'
import { browserTest, config, expectAttribute, expectText, expectUrl, signIn, api, input, waitUntil } from '../lib.mjs'

const q = (params) => `/api/cadres?${new URLSearchParams({ page: '1', page_size: '1', ...params })}`

// The names in the table, in order.
async function shownNames(page) {
  // By the name links: the list has a check-box column (打印任免审批表) before the number.
  const names = await page.getByTestId('cadre-table').locator('tbody tr [data-testid^="cadre-name-"]').allInnerTexts()
  return names.map((name) => name.trim())
}

async function expectNames(page, expected) {
  let names = []
  await waitUntil(
    async () => {
      names = await shownNames(page)
      return JSON.stringify(names) === JSON.stringify(expected)
    },
    () => `expected names ${JSON.stringify(expected)} but the table shows ${JSON.stringify(names)}`,
  )
}

async function chooseOption(page, selectTestId, optionTestId) {
  await page.getByTestId(selectTestId).click()
  await page.locator(`[data-testid="${optionTestId}"]:visible`).first().click()
}

async function headers(page) {
  const texts = await page.getByTestId('cadre-table').locator('thead th').allInnerTexts()
  return texts.map((text) => text.trim())
}

browserTest('cadre list: filter by unit and quick search by name', async ({ page, context }) => {
  await signIn(page)
  await page.getByTestId('menu-cadres').click()
  const total = page.getByTestId('cadre-total')

  // Everyone the demo made; the list shows those 在职 by default.
  const everyone = await api(context, q({ status: 'all' }))
  assert.equal(everyone.total, config.cadres)
  const all = await api(context, q({}))
  assert.ok(all.total > 0)
  await expectAttribute(total, 'data-total', String(all.total))
  // The first page is full.
  assert.equal(await page.getByTestId('cadre-table').locator('tbody tr').count(), Math.min(20, all.total))

  // A unit that holds some but not all cadres, among those shown without expanding (roots and
  // their children).
  const { items: roots } = await api(context, '/api/units')
  assert.ok(roots.length > 0, 'no units')
  const visible = [...roots, ...roots.flatMap((root) => root.children)]
  let chosen = null
  for (const unit of visible) {
    const { total: count } = await api(context, q({ unit_id: String(unit.id) }))
    if (count > 0 && count < all.total) {
      chosen = { unit, count }
      break
    }
  }
  assert.ok(chosen, 'no visible unit holds part of the cadres')

  await page.getByTestId(`unit-${chosen.unit.id}`).click()
  await expectAttribute(total, 'data-total', String(chosen.count))
  await expectText(page.getByTestId('cadre-current-unit'), new RegExp(escape(chosen.unit.name)))

  // Every row shown belongs to the unit's subtree, as the API lists them.
  const firstPage = await api(context, q({ unit_id: String(chosen.unit.id), page_size: '20' }))
  await expectNames(page, firstPage.items.map((cadre) => cadre.name))

  // Quick search within the unit: the surname of its first cadre.
  const surname = firstPage.items[0].name.slice(0, 1)
  const inUnit = await api(context, q({ unit_id: String(chosen.unit.id), q: surname }))
  assert.ok(inUnit.total > 0)
  await input(page, 'cadre-q-input').fill(surname)
  await expectText(page.getByTestId('cadre-q-kind'), '按姓名')
  await page.getByTestId('cadre-search').click()
  await expectAttribute(total, 'data-total', String(inUnit.total))

  // Reset clears both filters.
  await page.getByTestId('cadre-reset').click()
  await expectAttribute(total, 'data-total', String(all.total))

  // Name search alone.
  const byName = await api(context, q({ q: surname }))
  assert.ok(byName.total > 0 && byName.total < all.total, `name search ${surname} → ${byName.total}`)
  await input(page, 'cadre-q-input').fill(surname)
  await input(page, 'cadre-q-input').press('Enter')
  await expectAttribute(total, 'data-total', String(byName.total))

  // A name nobody has: zero.
  const nobody = '无此人名字'
  const none = await api(context, q({ q: nobody }))
  await input(page, 'cadre-q-input').fill(nobody)
  await page.getByTestId('cadre-search').click()
  await expectAttribute(total, 'data-total', String(none.total))
  assert.equal(none.total, 0)
})

browserTest('cadre list: pinyin initials, ID number, status', async ({ page, context }) => {
  await signIn(page)
  await page.getByTestId('menu-cadres').click()
  const total = page.getByTestId('cadre-total')
  const all = await api(context, q({}))
  await expectAttribute(total, 'data-total', String(all.total))

  // Initials: "z" (张, 赵, 周, 郑, 朱 … are common surnames), the same rows as the API.
  const byInitials = await api(context, q({ q: 'z', page_size: '20' }))
  assert.ok(byInitials.total > 0 && byInitials.total < all.total, `initials z → ${byInitials.total}`)
  await input(page, 'cadre-q-input').fill('Z')
  await expectText(page.getByTestId('cadre-q-kind'), '按拼音首字母')
  await page.getByTestId('cadre-search').click()
  await expectAttribute(total, 'data-total', String(byInitials.total))
  await expectNames(page, byInitials.items.map((cadre) => cadre.name))

  // ID number: the officer is cleared for it; exactly the cadre who has it.
  const sample = (await api(context, q({ page_size: '50' }))).items.find((cadre) => typeof cadre.id_number === 'string')
  assert.ok(sample, 'no cadre with an ID number on the first page')
  await input(page, 'cadre-q-input').fill(sample.id_number.toLowerCase())
  await expectText(page.getByTestId('cadre-q-kind'), '按身份证号')
  await page.getByTestId('cadre-search').click()
  await expectAttribute(total, 'data-total', '1')
  await expectNames(page, [sample.name])

  // Status: everyone, then 退休 only, as the API counts them.
  await page.getByTestId('cadre-reset').click()
  await expectAttribute(total, 'data-total', String(all.total))
  await chooseOption(page, 'cadre-status-select', 'cadre-status-all')
  await page.getByTestId('cadre-search').click()
  await expectAttribute(total, 'data-total', String(config.cadres))
  const retired = await api(context, q({ status: '退休' }))
  await chooseOption(page, 'cadre-status-select', 'cadre-status-退休')
  await page.getByTestId('cadre-search').click()
  await expectAttribute(total, 'data-total', String(retired.total))
})

browserTest('cadre list: orders, columns, and the dossier', async ({ page, context }) => {
  await signIn(page)
  await page.evaluate(() => localStorage.removeItem('xr_cadre_columns'))
  await page.getByTestId('menu-cadres').click()
  const all = await api(context, q({ page_size: '20' }))
  await expectNames(page, all.items.map((cadre) => cadre.name))

  // 姓氏笔画, ascending then descending; then by age (oldest first) and by 任职时间.
  for (const [sort, label] of [
    ['stroke', '姓氏笔画'],
    ['age', '年龄'],
    ['post_start', '任职时间'],
  ]) {
    const ascending = await api(context, q({ sort, page_size: '20' }))
    await chooseOption(page, 'cadre-sort-select', `cadre-sort-${sort}`)
    await expectText(page.getByTestId('cadre-sort-select'), new RegExp(label))
    await expectNames(page, ascending.items.map((cadre) => cadre.name))
    const descending = await api(context, q({ sort, order: 'desc', page_size: '20' }))
    await page.getByTestId('cadre-order').click()
    await expectAttribute(page.getByTestId('cadre-order'), 'data-order', 'desc')
    await expectNames(page, descending.items.map((cadre) => cadre.name))
    await page.getByTestId('cadre-order').click()
    await expectAttribute(page.getByTestId('cadre-order'), 'data-order', 'asc')
  }
  // Birth months along the age order never decrease.
  const byAge = await api(context, q({ sort: 'age', page_size: '50' }))
  const months = byAge.items.map((cadre) => cadre.birth_month)
  assert.deepEqual(months, [...months].sort())

  // Columns: add 身份证号, drop 性别; the choice survives a reload.
  assert.ok((await headers(page)).includes('性别'))
  assert.ok(!(await headers(page)).includes('身份证号'))
  await page.getByTestId('cadre-columns-button').click()
  await page.getByTestId('cadre-column-id_number').click()
  await page.getByTestId('cadre-column-gender').click()
  await waitUntil(
    async () => {
      const now = await headers(page)
      return now.includes('身份证号') && !now.includes('性别')
    },
    async () => `headers: ${JSON.stringify(await headers(page))}`,
  )
  await page.reload()
  await waitUntil(
    async () => {
      const now = await headers(page)
      return now.includes('身份证号') && !now.includes('性别')
    },
    async () => `headers after reload: ${JSON.stringify(await headers(page))}`,
  )

  // A name opens that cadre's dossier page.
  const first = all.items[0]
  await page.getByTestId(`cadre-name-${first.id}`).click()
  await expectUrl(page, `/cadres/${first.id}`)
  await page.evaluate(() => localStorage.removeItem('xr_cadre_columns'))
})

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
