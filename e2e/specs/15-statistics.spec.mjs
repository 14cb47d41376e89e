// (15) 班子结构分析: the cadre officer analyses the whole city (the root unit with everything under
// it): the indicator cards and a chart per dimension show, the counts are the API's, a table
// exports to .xlsx; a target raised in 目标设置 (for holders of statistics.manage) turns 女干部
// red with 未达标; and the 组合查询 result (女) is analysed from the query page.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { browserTest, api, config, expectAttribute, expectUrl, input, signIn, waitUntil } from '../lib.mjs'

async function chooseOption(page, testid, text) {
  // A dropdown still fading out from the last choice would take the click.
  await waitUntil(
    async () => (await page.locator('.el-select-dropdown:visible').count()) === 0,
    async () => `${await page.locator('.el-select-dropdown:visible').count()} dropdowns still open`,
  )
  await page.getByTestId(testid).click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: new RegExp(`^\\s*${text}\\s*$`) }).first().click()
}

async function apiSend(page, context, method, path, body) {
  const csrf = await page.evaluate(() => sessionStorage.getItem('xr_csrf'))
  const response = await context.request.fetch(`${config.baseUrl}${path}`, {
    method,
    data: body,
    headers: { 'X-CSRF-Token': csrf ?? '' },
  })
  assert.equal(response.status(), 200, `${method} ${path} → ${response.status()} ${await response.text()}`)
  return response.json()
}

browserTest('structure statistics: a unit, charts and indicators, export, targets, the query result', async ({ page, context }) => {
  await signIn(page)
  const root = (await api(context, '/api/units')).items[0]

  await page.getByTestId('menu-cadre-statistics').click()
  await expectUrl(page, '/cadres/statistics')
  // The unit: the root, typed into the tree select.
  await page.getByTestId('stats-unit').first().click()
  await input(page, 'stats-unit').fill(root.name)
  await page.locator('.el-tree-node__content:visible', { hasText: root.name }).first().click()
  await page.getByTestId('stats-run').click()

  const expected = await apiSend(page, context, 'POST', '/api/cadres/statistics', { unit_id: root.id, subtree: true })
  assert.ok(expected.total > 0)
  await expectAttribute(page.getByTestId('stats-summary'), 'data-total', String(expected.total))

  // Indicator cards, with the API's counts.
  for (const indicator of expected.indicators) {
    await expectAttribute(page.getByTestId(`indicator-${indicator.key}`), 'data-count', String(indicator.count))
  }
  for (const key of ['female', 'minority', 'non_party', 'young']) {
    assert.ok(expected.indicators.some((indicator) => indicator.key === key), `indicator ${key}`)
  }
  // A chart (canvas) and a table per dimension; the 年龄梯次 matrix and its stacked bars.
  for (const dimension of expected.dimensions) {
    await page.locator(`[data-testid="chart-${dimension.key}"] canvas`).first().waitFor()
    const rows = page.locator(`[data-testid="dimension-${dimension.key}"] .el-table__body tr`)
    await waitUntil(async () => (await rows.count()) === dimension.buckets.length, async () => `${dimension.key}: ${await rows.count()} rows`)
  }
  await page.locator('[data-testid="chart-age-ladder"] canvas').first().waitFor()
  const ladderRows = page.locator('[data-testid="age-ladder-table"] .el-table__body-wrapper tr')
  await waitUntil(
    async () => (await ladderRows.count()) >= expected.age_ladder.levels.length,
    async () => `age ladder: ${await ladderRows.count()} rows for ${expected.age_ladder.levels.length} levels`,
  )

  // ── a table to Excel ────────────────────────────────────────────────────────────────────────
  const ageBand = expected.dimensions.find((dimension) => dimension.key === 'age_band')
  assert.ok(ageBand, 'an age_band dimension')
  const [request, download] = await Promise.all([
    page.waitForRequest((r) => r.url().endsWith('/api/tables/export') && r.method() === 'POST'),
    page.waitForEvent('download'),
    page.getByTestId('export-age_band').click(),
  ])
  const sheets = JSON.parse(request.postData() ?? '{}').sheets
  assert.equal(sheets.length, 1)
  assert.deepEqual(
    sheets[0].rows.slice(0, -1).map((row) => [row[0], row[1]]),
    ageBand.buckets.map((bucket) => [bucket.label, bucket.count]),
  )
  assert.match(download.suggestedFilename(), /\.xlsx$/)
  const bytes = await readFile(await download.path())
  assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK')

  // ── 目标设置: only with statistics.manage ─────────────────────────────────────────────────
  const me = await api(context, '/api/me')
  if ((me.user.permissions ?? []).includes('statistics.manage')) {
    const before = await api(context, '/api/statistics/targets')
    await page.getByTestId('stats-targets').click()
    await page.getByTestId('targets-table').waitFor()
    const share = input(page, 'targets-female-share')
    await share.fill('99')
    await share.press('Tab')
    await page.getByTestId('targets-save').click()
    await page.getByTestId('targets-dialog').waitFor({ state: 'hidden' })
    const after = await api(context, '/api/statistics/targets')
    assert.equal(after.indicators.female.min_share, 0.99)
    await expectAttribute(page.getByTestId('indicator-female'), 'data-shortfall', 'true')
    await page.locator('[data-testid="indicator-female"] [data-testid="indicator-shortfall"]').waitFor()
    await apiSend(page, context, 'PUT', '/api/statistics/targets', before)
  } else {
    assert.equal(await page.getByTestId('stats-targets').count(), 0)
  }

  // ── the 组合查询 result ──────────────────────────────────────────────────────────────────────
  await page.getByTestId('menu-cadre-query').click()
  await page.getByTestId('group-root').waitFor()
  await chooseOption(page, 'cond-0-field', '性别')
  await chooseOption(page, 'cond-0-value-select', '女')
  await page.getByTestId('query-analyse').click()
  await expectUrl(page, '/cadres/statistics')
  await page.getByTestId('stats-query-sentence').waitFor()
  const women = await apiSend(page, context, 'POST', '/api/cadres/statistics', { condition: { all: [{ field: 'gender', op: 'eq', value: '女' }] } })
  await expectAttribute(page.getByTestId('stats-summary'), 'data-total', String(women.total))
  await expectAttribute(page.getByTestId('indicator-female'), 'data-count', String(women.total))
})
