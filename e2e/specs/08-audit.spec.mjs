// (8) 全程记实: only the 安全审计员 sees it; search by action, an inclusion proof verified in the
// browser (验证通过), 倒查 of an object, and the exported checkpoint checked for consistency.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { browserTest, api, expectAttribute, expectText, expectUrl, signIn, waitUntil } from '../lib.mjs'

function auditor() {
  const username = process.env.XR_E2E_AUDITOR
  const password = process.env.XR_E2E_AUDITOR_PASSWORD
  if (!username || !password) throw new Error('XR_E2E_AUDITOR(_PASSWORD) not set (run the specs through e2e/run)')
  return { username, password }
}

browserTest('audit record: hidden from a cadre officer, who gets a 403 message', async ({ page }) => {
  await signIn(page)
  await page.getByTestId('menu-home').waitFor()
  assert.equal(await page.getByTestId('menu-audit').count(), 0)
  await page.goto('/audit')
  await expectText(page.getByTestId('audit-forbidden'), /只有安全审计员可以查阅全程记实/)
})

browserTest('audit record: search, proof, trace-back and checkpoint consistency', async ({ page, context }) => {
  const { username, password } = auditor()
  await signIn(page, username, password)
  await page.getByTestId('menu-audit').click()
  await expectUrl(page, '/audit')

  // The signed checkpoint.
  const head = await api(context, '/api/audit/checkpoint')
  assert.ok(head.size > 0)
  await waitUntil(
    async () => Number(await page.getByTestId('checkpoint-size').innerText()) >= head.size,
    async () => `checkpoint size ${await page.getByTestId('checkpoint-size').innerText()} < ${head.size}`,
  )

  // Search for user.create: the accounts e2e/run made.
  const expected = await api(context, '/api/audit/entries?action=user.create&page_size=20')
  assert.ok(expected.total >= 4, `user.create entries: ${expected.total}`)
  await page.getByTestId('audit-action').click()
  await page.keyboard.type('user.create')
  await page.keyboard.press('Enter')
  await page.getByTestId('audit-search').click()
  await expectAttribute(page.getByTestId('audit-total'), 'data-total', String(expected.total))
  const actions = page.locator('[data-testid="audit-table"] [data-testid="audit-row-action"]')
  await waitUntil(
    async () => (await actions.count()) === Math.min(20, expected.total),
    async () => `rows: ${await actions.count()}`,
  )
  for (const action of await actions.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-action')))) {
    assert.equal(action, 'user.create')
  }
  const firstRow = page.locator('[data-testid="audit-table"] .el-table__body-wrapper tbody tr').first()
  await expectText(firstRow.locator('td').nth(2), expected.items[0].actor || '')

  // The inclusion proof of the newest, checked in the browser.
  await page.locator('[data-testid="audit-proof"]').first().click()
  const result = page.getByTestId('proof-result')
  await expectAttribute(result, 'data-verified', 'true')
  await expectText(result, /验证通过/)
  await page.keyboard.press('Escape')
  await result.waitFor({ state: 'hidden' })

  // 倒查 of that user, from the 对象 column.
  const newest = expected.items[0]
  const timeline = await api(
    context,
    `/api/audit/timeline?object_type=${encodeURIComponent(newest.object_type)}&object_id=${encodeURIComponent(newest.object_id)}`,
  )
  assert.ok(timeline.total >= 1)
  await page.locator('[data-testid="audit-object-link"]').first().click()
  await expectUrl(page, '/audit/timeline')
  await expectAttribute(page.getByTestId('timeline-summary'), 'data-total', String(timeline.total))
  assert.equal(await page.getByTestId('timeline-item').count(), timeline.total)
  const timelineActions = await page
    .locator('[data-testid="timeline-action"]')
    .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-action')))
  assert.deepEqual(timelineActions, timeline.items.map((item) => item.action))
  assert.ok(timelineActions.includes('user.create'))

  // A proof from the timeline verifies too.
  await page.locator('[data-testid="timeline-proof"]').first().click()
  await expectAttribute(page.getByTestId('proof-result').last(), 'data-verified', 'true')
  await page.keyboard.press('Escape')

  // Export the checkpoint, then check the current record against it: consistent. A forged root: not.
  await page.getByTestId('menu-audit').click()
  await expectUrl(page, '/audit')
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('checkpoint-export').click(),
  ])
  assert.match(download.suggestedFilename(), /^xuanren-checkpoint-\d+-\d{14}\.txt$/)
  const exported = await readFile(await download.path(), 'utf8')
  assert.match(exported, /^xuanren 全程记实检查点 v1\nsize: \d+\nroot: [0-9a-f]{64}\n/)

  await page.getByTestId('consistency-open').click()
  const textarea = page.locator('textarea[data-testid="consistency-text"], [data-testid="consistency-text"] textarea').first()
  await textarea.fill(exported)
  await page.getByTestId('consistency-check').click()
  const consistency = page.getByTestId('consistency-result')
  await expectAttribute(consistency, 'data-verified', 'true')
  await expectText(consistency, /验证通过/)

  const forged = exported.replace(/root: ([0-9a-f])/, (_, c) => `root: ${c === '0' ? '1' : '0'}`)
  await textarea.fill(forged)
  await page.getByTestId('consistency-check').click()
  await expectAttribute(consistency, 'data-verified', 'false')
  await expectText(consistency, /验证失败/)
})
