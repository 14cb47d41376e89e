// (14) 组合查询: the cadre officer builds 女 且 （中共党员 或 年龄 30–45 岁） in the browser with a
// nested OR group, runs it (the page sends exactly that condition and shows the count the API
// gives for it), sees a server error land on the row it names, saves the query shared, reloads
// and loads it again, opens a dossier from the result, and exports the result to Excel (a
// background job whose .xlsx downloads); then renames and deletes the saved query.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { browserTest, api, config, expectAttribute, expectText, expectUrl, input, signIn, waitUntil } from '../lib.mjs'

const queryName = `e2e女干部${Date.now() % 100000}`

function today() {
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10)
}

const CONDITION = {
  all: [
    { field: 'gender', op: 'eq', value: '女' },
    {
      any: [
        { field: 'party', op: 'eq', value: '中共党员' },
        { field: 'age', op: 'between', value: [30, 45] },
      ],
    },
  ],
}

// The option whose whole text is `text` in the select carrying `testid`.
async function chooseOption(page, testid, text) {
  // A dropdown still fading out from the last choice would take the click.
  await waitUntil(
    async () => (await page.locator('.el-select-dropdown:visible').count()) === 0,
    async () => `${await page.locator('.el-select-dropdown:visible').count()} dropdowns still open`,
  )
  await page.getByTestId(testid).click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: new RegExp(`^\\s*${text}\\s*$`) }).first().click()
}

async function fillNumber(page, testid, value) {
  const field = input(page, testid)
  await field.fill(String(value))
  await field.press('Tab')
}

async function apiPost(page, context, path, body) {
  const csrf = await page.evaluate(() => sessionStorage.getItem('xr_csrf'))
  const response = await context.request.post(`${config.baseUrl}${path}`, { data: body, headers: { 'X-CSRF-Token': csrf ?? '' } })
  assert.equal(response.status(), 200, `POST ${path} → ${response.status()} ${await response.text()}`)
  return response.json()
}

browserTest('compound query: build, run, error on its row, save shared, reload, load, export', async ({ page, context }) => {
  await signIn(page)
  await page.getByTestId('menu-cadre-query').click()
  await expectUrl(page, '/cadres/query')
  await page.getByTestId('group-root').waitFor()

  // ── build ───────────────────────────────────────────────────────────────────────────────────
  await chooseOption(page, 'cond-0-field', '性别')
  await chooseOption(page, 'cond-0-value-select', '女')
  await page.getByTestId('group-root-add-group').click()
  await expectAttribute(page.getByTestId('group-1'), 'data-mode', 'any')
  await chooseOption(page, 'cond-1-0-field', '政治面貌')
  await chooseOption(page, 'cond-1-0-value-select', '中共党员')
  await page.getByTestId('group-1-add').click()
  await chooseOption(page, 'cond-1-1-field', '年龄')
  await chooseOption(page, 'cond-1-1-op', '介于')
  await fillNumber(page, 'cond-1-1-value-low', 30)
  await fillNumber(page, 'cond-1-1-value-high', 45)
  await expectText(page.getByTestId('query-sentence'), /女 且 （中共党员 或 年龄 30–45 岁）$/)

  // ── run: the page sends the condition; its count is the API's ───────────────────────────────
  const [sent] = await Promise.all([
    page.waitForRequest((request) => request.url().endsWith('/api/cadres/query') && request.method() === 'POST'),
    page.getByTestId('query-run').click(),
  ])
  const body = JSON.parse(sent.postData() ?? '{}')
  assert.deepEqual(body.condition, CONDITION)
  assert.equal(body.reference_date, today())
  const expected = await apiPost(page, context, '/api/cadres/query', { condition: CONDITION, reference_date: today(), page: 1, page_size: 20 })
  assert.ok(expected.total > 0, 'the demo data has women who are party members or 30–45')
  await expectAttribute(page.getByTestId('query-total'), 'data-total', String(expected.total))
  const firstId = expected.items[0].id
  await page.getByTestId(`query-name-${firstId}`).waitFor()

  // ── a value only the server refuses (近几年 beyond its limit) lands on its row ─────────────
  await page.getByTestId('group-root-add').click()
  await chooseOption(page, 'cond-2-field', '年度考核优秀次数')
  await fillNumber(page, 'cond-2-param-years', 99)
  const [refused] = await Promise.all([
    page.waitForResponse((response) => response.url().endsWith('/api/cadres/query') && response.request().method() === 'POST'),
    page.getByTestId('query-run').click(),
  ])
  assert.equal(refused.status(), 400)
  const refusal = (await refused.json()).error
  assert.equal(refusal.field, 'condition.all[2].params.years')
  await expectText(page.getByTestId('cond-2-error'), refusal.message)
  assert.equal(await page.getByTestId('cond-0-error').count(), 0)
  await page.getByTestId('cond-2-delete').click()
  await page.getByTestId('query-run').click()
  await expectAttribute(page.getByTestId('query-total'), 'data-total', String(expected.total))

  // ── save shared ─────────────────────────────────────────────────────────────────────────────
  await page.getByTestId('query-save').click()
  await input(page, 'saved-name-input').fill(queryName)
  await page.getByTestId('saved-shared-switch').click()
  await page.getByTestId('saved-submit').click()
  await page.getByTestId(`saved-${queryName}`).waitFor()
  const saved = (await api(context, '/api/saved-queries')).items.find((item) => item.name === queryName)
  assert.ok(saved, 'the query is saved')
  assert.equal(saved.shared, true)
  assert.equal(saved.mine, true)
  assert.deepEqual(saved.condition, CONDITION)

  // ── reload, load it again ───────────────────────────────────────────────────────────────────
  await page.reload()
  await page.getByTestId('group-root').waitFor()
  await page.getByTestId(`saved-load-${saved.id}`).click()
  await expectText(page.getByTestId('query-loaded'), new RegExp(queryName))
  await expectText(page.getByTestId('query-sentence'), /女 且 （中共党员 或 年龄 30–45 岁）$/)
  await expectAttribute(page.getByTestId('query-total'), 'data-total', String(expected.total))

  // ── a name opens the dossier ────────────────────────────────────────────────────────────────
  await page.getByTestId(`query-name-${firstId}`).click()
  await expectUrl(page, `/cadres/${firstId}`)
  await page.getByTestId('menu-cadre-query').click()
  await expectUrl(page, '/cadres/query')

  // ── export to Excel: a background job, then the .xlsx ───────────────────────────────────────
  const [exportRequest] = await Promise.all([
    page.waitForRequest((request) => request.url().endsWith('/api/cadres/export') && request.method() === 'POST'),
    page.getByTestId('query-export').click(),
  ])
  const exportBody = JSON.parse(exportRequest.postData() ?? '{}')
  assert.deepEqual(exportBody.condition, CONDITION)
  assert.equal(exportBody.columns[0], 'name')
  await page.getByTestId('job-download').waitFor({ timeout: 60_000 })
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('job-download').click()])
  assert.match(download.suggestedFilename(), /\.xlsx$/)
  const bytes = await readFile(await download.path())
  assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'an .xlsx is a zip')
  await waitUntil(
    async () => bytes.length > 1000,
    () => `the workbook has ${bytes.length} bytes`,
  )

  // ── rename, then delete the saved query ─────────────────────────────────────────────────────
  const renamed = `${queryName}改`
  await page.getByTestId(`saved-rename-${saved.id}`).click()
  await input(page, 'saved-name-input').fill(renamed)
  await page.getByTestId('saved-submit').click()
  await page.getByTestId(`saved-${renamed}`).waitFor()
  const afterRename = (await api(context, '/api/saved-queries')).items.find((item) => item.id === saved.id)
  assert.equal(afterRename.name, renamed)
  assert.deepEqual(afterRename.condition, CONDITION)
  await page.getByTestId(`saved-delete-${saved.id}`).click()
  await page.locator('.el-message-box__btns .el-button--primary').click()
  await page.getByTestId(`saved-${renamed}`).waitFor({ state: 'detached' })
  assert.ok(!(await api(context, '/api/saved-queries')).items.some((item) => item.id === saved.id))
})
