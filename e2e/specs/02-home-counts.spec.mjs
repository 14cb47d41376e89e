// (2) After sign-in the home page shows the same counts as GET /api/overview.
import assert from 'node:assert/strict'
import { browserTest, config, expectText, signIn, api } from '../lib.mjs'

browserTest('home: count cards equal GET /api/overview', async ({ page, context }) => {
  await signIn(page)
  if (config.displayName) {
    await expectText(page.getByTestId('user-display-name'), config.displayName)
  }

  const overview = await api(context, '/api/overview')
  assert.ok(overview.units > 0, `expected units > 0, got ${overview.units}`)
  assert.equal(overview.cadres, config.cadres, 'the demo data should hold the requested cadres')
  assert.ok(overview.users >= 1, `expected users >= 1, got ${overview.users}`)

  for (const key of ['units', 'positions', 'cadres', 'users']) {
    await expectText(page.getByTestId(`count-${key}`).getByTestId('count-value'), String(overview[key]))
  }

  // The chart of cadres by rank is drawn from the same response.
  assert.ok(Array.isArray(overview.cadres_by_rank), 'cadres_by_rank should be a list')
  const byRank = overview.cadres_by_rank.reduce((sum, item) => sum + item.count, 0)
  assert.ok(byRank <= overview.cadres, `cadres_by_rank sums to ${byRank} > ${overview.cadres}`)
  if (overview.cadres_by_rank.length > 0) {
    await page.getByTestId('rank-chart').locator('canvas').first().waitFor()
  }
})
