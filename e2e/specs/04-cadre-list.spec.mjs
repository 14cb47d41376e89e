// (4) Cadre list: the unit tree and the name filter change the total as the API says.
import assert from 'node:assert/strict'
import { browserTest, config, expectAttribute, expectText, signIn, api, input } from '../lib.mjs'

const q = (params) => `/api/cadres?${new URLSearchParams({ page: '1', page_size: '1', ...params })}`

browserTest('cadre list: filter by unit and by name', async ({ page, context }) => {
  await signIn(page)
  await page.getByTestId('menu-cadres').click()
  const total = page.getByTestId('cadre-total')

  const all = await api(context, q({}))
  assert.equal(all.total, config.cadres)
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
  const names = await page.getByTestId('cadre-table').locator('tbody tr td:nth-child(2)').allInnerTexts()
  assert.deepEqual(names.map((name) => name.trim()), firstPage.items.map((cadre) => cadre.name))

  // Name filter within the unit: the surname of its first cadre.
  const surname = firstPage.items[0].name.slice(0, 1)
  const inUnit = await api(context, q({ unit_id: String(chosen.unit.id), name: surname }))
  assert.ok(inUnit.total > 0)
  await input(page, 'cadre-name-input').fill(surname)
  await page.getByTestId('cadre-search').click()
  await expectAttribute(total, 'data-total', String(inUnit.total))

  // Reset clears both filters.
  await page.getByTestId('cadre-reset').click()
  await expectAttribute(total, 'data-total', String(all.total))

  // Name filter alone.
  const byName = await api(context, q({ name: surname }))
  assert.ok(byName.total > 0 && byName.total < all.total, `name filter ${surname} → ${byName.total}`)
  await input(page, 'cadre-name-input').fill(surname)
  await input(page, 'cadre-name-input').press('Enter')
  await expectAttribute(total, 'data-total', String(byName.total))

  // A name nobody has: zero.
  const nobody = '无此人名字'
  const none = await api(context, q({ name: nobody }))
  await input(page, 'cadre-name-input').fill(nobody)
  await page.getByTestId('cadre-search').click()
  await expectAttribute(total, 'data-total', String(none.total))
  assert.equal(none.total, 0)

  // Clicking a row opens its details from GET /api/cadres/{id}.
  await page.getByTestId('cadre-reset').click()
  await expectAttribute(total, 'data-total', String(all.total))
  const first = (await api(context, q({ page_size: '20' }))).items[0]
  const detail = await api(context, `/api/cadres/${first.id}`)
  await page.getByTestId('cadre-table').locator('tbody tr').first().click()
  await expectText(page.getByTestId('detail-name'), detail.name)
  await expectText(page.getByTestId('detail-unit_name'), detail.unit_name)
  await expectText(page.getByTestId('detail-rank'), detail.rank)
})

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
