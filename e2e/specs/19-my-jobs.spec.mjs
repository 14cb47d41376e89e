// (19) 我的任务: a background job started by the signed-in user (an Excel export of the 干部名册)
// shows in the header's 我的任务 drawer with its state and progress, its result downloads from
// there, and after a reload the drawer still lists it (jobs live on the server, not the page).
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { browserTest, expectText, signIn } from '../lib.mjs'

// Starts an export as the page's own session would (cookie + CSRF header) and returns the 202 job.
async function startExport(page) {
  return page.evaluate(async () => {
    const response = await fetch('/api/cadres/export', {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'Content-Type': 'application/json',
        'X-CSRF-Token': sessionStorage.getItem('xr_csrf') ?? '',
      },
      body: JSON.stringify({
        condition: null,
        list: {},
        columns: ['name', 'gender', 'birth_month'],
        title: '干部名册',
      }),
    })
    return { status: response.status, body: await response.json() }
  })
}

browserTest('我的任务: a job is listed, downloads, and survives a reload', async ({ page }) => {
  await signIn(page)
  const started = await startExport(page)
  assert.equal(started.status, 202, JSON.stringify(started.body))
  const job = started.body.job
  assert.equal(typeof job.id, 'number')
  assert.ok(['queued', 'running', 'succeeded'].includes(job.state), job.state)

  await page.getByTestId('my-jobs').click()
  const row = page.locator('[data-testid="my-job"]').first()
  await row.waitFor()
  await expectText(row.locator('.my-job-title'), job.title)
  // The drawer refreshes itself while a job runs.
  await page.locator('[data-testid="my-job"][data-state="succeeded"]').first().waitFor({ timeout: 60_000 })
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    row.getByTestId('my-job-download').click(),
  ])
  assert.match(download.suggestedFilename(), /\.xlsx$/)
  const bytes = await readFile(await download.path())
  assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK') // a zip (.xlsx)

  await page.reload()
  await page.getByTestId('user-display-name').waitFor()
  await page.getByTestId('my-jobs').click()
  await page.locator('[data-testid="my-job"][data-state="succeeded"]').first().waitFor()
  await expectText(page.locator('[data-testid="my-job"]').first().locator('.my-job-title'), job.title)
})
