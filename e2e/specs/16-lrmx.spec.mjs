// (16) 导入任免审批表 / 导出 LRMX: the cadre officer imports a form into the city (预检 first, then
// 导入); imports two files where one person is already on record — the diff shows the changed
// field, the officer takes it (只采用勾选项) and the record changes; the other file is imported.
// 导出 LRMX on the dossier page downloads the form with the values it came with.
import assert from 'node:assert/strict'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { browserTest, api, expectUrl, signIn, waitUntil } from '../lib.mjs'

const data = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'tests', 'interchange', 'data')

async function chooseUnit(page, code) {
  await page.getByTestId('lrmx-unit').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: `（${code}）` }).first().click()
}

async function finished(page, testid, outcome) {
  const tag = page.locator(`[data-testid="${testid}"] [data-testid="lrmx-outcome-${outcome}"]`)
  await waitUntil(async () => (await tag.count()) > 0, async () => `no ${outcome} row in ${testid}`, 30_000)
}

browserTest('LRMX: check, import, an existing person with a diff, choose, export', async ({ page, context }) => {
  await signIn(page)
  const root = (await api(context, '/api/units')).items[0]
  const dir = await mkdtemp(join(tmpdir(), 'xr-e2e-lrmx-'))
  const zhang = join(dir, 'zhang.lrmx')
  await writeFile(zhang, await readFile(join(data, 'zhang_jianhua.lrmx')))

  await page.getByTestId('menu-cadre-import-lrmx').click()
  await expectUrl(page, '/cadres/import-lrmx')
  // 导入 without a unit: the error is on the field.
  await page.getByTestId('lrmx-files').setInputFiles([zhang])
  await page.getByTestId('lrmx-import-button').click()
  await page.locator('.el-form-item__error', { hasText: '请选择导入到的单位' }).waitFor()

  await chooseUnit(page, root.code)
  await page.getByTestId('lrmx-check').click()
  await finished(page, 'lrmx-results', 'checked')
  await page.getByTestId('lrmx-import-button').click()
  await finished(page, 'lrmx-results', 'imported')
  const zhangId = Number(await page.locator('[data-testid="lrmx-result-table"] a').first().textContent())
  assert.ok(zhangId > 0)

  // The same person again with another 熟悉专业有何专长, and a new person.
  const changed = join(dir, 'zhang-2025.lrmx')
  const text = await readFile(zhang, 'utf8')
  await writeFile(changed, text.replace('<ShuXiZhuanYeYouHeZhuanChang>财政预算管理<', '<ShuXiZhuanYeYouHeZhuanChang>财政预算管理、国库集中支付<'))
  await page.getByTestId('lrmx-files').setInputFiles([changed, join(data, 'li_hongmei_crlf_bom.lrmx')])
  await page.getByTestId('lrmx-import-button').click()
  await finished(page, 'lrmx-results', 'exists')
  await finished(page, 'lrmx-results', 'imported')
  const person = page.getByTestId(`lrmx-person-${zhangId}`)
  await person.waitFor()
  const diff = person.getByTestId('lrmx-diff')
  await diff.locator('td', { hasText: '熟悉专业有何专长' }).waitFor()
  await diff.locator('td', { hasText: '国库集中支付' }).waitFor()
  // Take only the changed field.
  await person.getByTestId('lrmx-choice-merge').click()
  await person.locator('[data-testid="lrmx-take-expertise"]').waitFor()
  await page.getByTestId('lrmx-resolve').click()
  await finished(page, 'lrmx-results', 'merged')
  const dossier = await api(context, `/api/cadres/${zhangId}`)
  assert.equal(dossier.expertise, '财政预算管理、国库集中支付')

  // 导出 LRMX from the dossier page: the form with the values it came with (and the merged one).
  await page.goto(`/cadres/${zhangId}`)
  const button = page.getByTestId('dossier-export-lrmx')
  await button.waitFor()
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()])
  assert.equal(download.suggestedFilename(), '张建华.lrmx')
  const exported = await readFile(await download.path(), 'utf8')
  assert.ok(exported.startsWith('<?xml version="1.0" encoding="utf-8"?>'))
  assert.ok(exported.includes('<ShuXiZhuanYeYouHeZhuanChang>财政预算管理、国库集中支付</ShuXiZhuanYeYouHeZhuanChang>'))
  assert.ok(exported.includes('<GanBuLeiBie>公务员</GanBuLeiBie>'), 'unknown elements are written back')
  assert.ok(exported.includes('（其间：2008.09--2011.07在中共山东省委党校法学专业在职研究生学习）'))
  assert.ok(exported.includes('<Version>3.2.1.6</Version>'))
}, { timeout: 180_000 })
