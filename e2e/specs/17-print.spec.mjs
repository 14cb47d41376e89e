// (17) 任免审批表 PDF: the cadre officer downloads the PDF of a dossier from its 任免审批表 tab (a
// real PDF of two A4 pages or more), then ticks two cadres in the 干部名册 and prints them as a
// zip — a background job whose progress shows in the dialog and whose zip holds one PDF each.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { browserTest, api, expectText, expectUrl, signIn, waitUntil } from '../lib.mjs'

// The entries of a zip (its end-of-central-directory record and the central directory).
function zipNames(bytes) {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  assert.ok(end >= 0, 'the zip has an end-of-central-directory record')
  const count = bytes.readUInt16LE(end + 10)
  let at = bytes.readUInt32LE(end + 16)
  const names = []
  for (let i = 0; i < count; i++) {
    assert.equal(bytes.readUInt32LE(at), 0x02014b50, 'a central directory entry')
    const nameLength = bytes.readUInt16LE(at + 28)
    const extra = bytes.readUInt16LE(at + 30)
    const comment = bytes.readUInt16LE(at + 32)
    names.push(bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8'))
    at += 46 + nameLength + extra + comment
  }
  return names
}

browserTest('任免审批表 PDF: one dossier, then two cadres as a zip through a background job', async ({ page, context }) => {
  await signIn(page)
  const list = await api(context, '/api/cadres?page_size=2')
  assert.ok(list.items.length === 2, 'the demo city has cadres')
  const [first, second] = list.items

  // ── one form from the dossier's 任免审批表 tab ───────────────────────────────────────────────
  await page.getByTestId('menu-cadres').click()
  await expectUrl(page, '/cadres')
  await page.getByTestId(`cadre-name-${first.id}`).click()
  await expectUrl(page, `/cadres/${first.id}`)
  await page.getByTestId('dossier-tab-form').click()
  await expectText(page.getByTestId('rmb-name'), first.name)
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('rmb-download-pdf').click()])
  assert.equal(download.suggestedFilename(), `任免审批表-${first.name}.pdf`)
  const pdf = await readFile(await download.path())
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-')
  assert.ok(pdf.length > 50_000, `a PDF with its fonts embedded (${pdf.length} bytes)`)
  assert.ok(pdf.includes('/FontFile'), 'fonts are embedded')
  const pages = pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []
  assert.ok(pages.length >= 2, `two A4 pages at least (${pages.length})`)

  // ── two cadres from the 干部名册 as a zip ───────────────────────────────────────────────────
  await page.getByTestId('menu-cadres').click()
  await expectUrl(page, '/cadres')
  const rows = page.getByTestId('cadre-table').locator('tbody tr')
  await waitUntil(async () => (await rows.count()) >= 2, async () => `${await rows.count()} rows`)
  await expectText(page.getByTestId('rmb-batch'), /0/)
  await rows.nth(0).locator('.el-checkbox').click()
  await rows.nth(1).locator('.el-checkbox').click()
  await expectText(page.getByTestId('rmb-batch'), /2/)
  await page.getByTestId('rmb-batch').click()
  const dialog = page.getByTestId('rmb-batch-dialog')
  await page.getByTestId('rmb-batch-format-zip').click()
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.url().endsWith('/api/cadres/print/rmb') && r.method() === 'POST'),
    page.getByTestId('rmb-batch-start').click(),
  ])
  const body = JSON.parse(request.postData() ?? '{}')
  assert.deepEqual(body, { cadre_ids: [first.id, second.id], format: 'zip' })
  await page.getByTestId('job-progress').waitFor()
  await expectText(page.getByTestId('job-title'), '打印任免审批表（2人）')
  await page.getByTestId('job-download').waitFor({ timeout: 60_000 })
  await expectText(page.getByTestId('job-state'), '已完成')
  await expectText(page.getByTestId('rmb-batch-summary'), /已生成 2 份任免审批表/)
  const [zipDownload] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('job-download').click()])
  assert.equal(zipDownload.suggestedFilename(), '任免审批表（2人）.zip')
  const zip = await readFile(await zipDownload.path())
  assert.equal(zip.subarray(0, 2).toString('latin1'), 'PK')
  assert.deepEqual(zipNames(zip), [
    `任免审批表-${first.name}-${first.id}.pdf`,
    `任免审批表-${second.name}-${second.id}.pdf`,
  ])
})
