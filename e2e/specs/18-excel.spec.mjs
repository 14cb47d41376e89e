// (18) 导入 Excel / 导出 Excel: the cadre officer downloads the import template, fills it — the
// template's own sheet XML edited inside the zip with node's zlib (there is no xlsx package):
// three people, one with an impossible 出生年月 — uploads it, sees the columns mapped by their
// headers, and the 预检 names the bad row and column; 导入 writes the two good rows and reports the
// bad one; the same file again changes nothing (0 新增 0 更新 2 未变). Then 导出 Excel on the
// 干部名册 downloads the list with the columns shown.
import assert from 'node:assert/strict'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib'
import { browserTest, api, expectText, expectUrl, signIn, waitUntil } from '../lib.mjs'

// ── a minimal zip reader and writer (stored or deflated entries, no zip64) ────────────────────
function readZip(bytes) {
  const entries = new Map()
  let end = bytes.length - 22
  while (end >= 0 && bytes.readUInt32LE(end) !== 0x06054b50) end--
  assert.ok(end >= 0, 'not a zip: no end of central directory')
  const count = bytes.readUInt16LE(end + 10)
  let at = bytes.readUInt32LE(end + 16)
  for (let i = 0; i < count; i++) {
    assert.equal(bytes.readUInt32LE(at), 0x02014b50, 'central directory entry')
    const method = bytes.readUInt16LE(at + 10)
    const compressed = bytes.readUInt32LE(at + 20)
    const nameLength = bytes.readUInt16LE(at + 28)
    const extraLength = bytes.readUInt16LE(at + 30)
    const commentLength = bytes.readUInt16LE(at + 32)
    const local = bytes.readUInt32LE(at + 42)
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8')
    const dataAt = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28)
    const data = bytes.subarray(dataAt, dataAt + compressed)
    entries.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data))
    at += 46 + nameLength + extraLength + commentLength
  }
  return entries
}

function writeZip(entries) {
  const locals = []
  const central = []
  let offset = 0
  for (const [name, content] of entries) {
    const nameBytes = Buffer.from(name, 'utf8')
    const data = deflateRawSync(content)
    const crc = crc32(content)
    const header = Buffer.alloc(30)
    header.writeUInt32LE(0x04034b50, 0)
    header.writeUInt16LE(20, 4)
    header.writeUInt16LE(0x0800, 6) // UTF-8 names
    header.writeUInt16LE(8, 8)
    header.writeUInt32LE(crc, 14)
    header.writeUInt32LE(data.length, 18)
    header.writeUInt32LE(content.length, 22)
    header.writeUInt16LE(nameBytes.length, 26)
    const entry = Buffer.alloc(46)
    entry.writeUInt32LE(0x02014b50, 0)
    entry.writeUInt16LE(20, 4)
    entry.writeUInt16LE(20, 6)
    entry.writeUInt16LE(0x0800, 8)
    entry.writeUInt16LE(8, 10)
    entry.writeUInt32LE(crc, 16)
    entry.writeUInt32LE(data.length, 20)
    entry.writeUInt32LE(content.length, 24)
    entry.writeUInt16LE(nameBytes.length, 28)
    entry.writeUInt32LE(offset, 42)
    locals.push(header, nameBytes, data)
    central.push(entry, nameBytes)
    offset += header.length + nameBytes.length + data.length
  }
  const directory = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.size, 8)
  end.writeUInt16LE(entries.size, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

function escapeXml(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

// The header texts of row 1 of a worksheet (inline or shared strings).
function headerRow(sheetXml, sharedStrings) {
  const row = /<row[^>]* r="1"[^>]*>([\s\S]*?)<\/row>/.exec(sheetXml)
  assert.ok(row, 'the template has a header row')
  const cells = [...row[1].matchAll(/<c ([^>]*)>([\s\S]*?)<\/c>/g)]
  return cells.map(([, attributes, content]) => {
    if (/\bt="s"/.test(attributes)) return sharedStrings[Number(/<v>(\d+)<\/v>/.exec(content)[1])]
    return /<t[^>]*>([^<]*)<\/t>/.exec(content)?.[1] ?? ''
  })
}

function columnName(index) {
  let name = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name
  return name
}

// The template with `people` (objects keyed by header text) written into its data sheet.
function fillTemplate(template, people) {
  const entries = readZip(template)
  const workbook = entries.get('xl/workbook.xml').toString('utf8')
  assert.match(workbook, /name="干部信息"/)
  assert.match(workbook, /name="填表说明"/)
  const sharedXml = entries.get('xl/sharedStrings.xml')?.toString('utf8') ?? ''
  const shared = [...sharedXml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    [...m[1].matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((t) => t[1]).join(''),
  )
  const sheetXml = entries.get('xl/worksheets/sheet1.xml').toString('utf8')
  const headers = headerRow(sheetXml, shared)
  assert.equal(headers[0], '姓名')
  assert.ok(headers.includes('公民身份号码') && headers.includes('所在单位'), headers.join(','))
  const rows = people.map((person, i) => {
    const cells = headers
      .map((header, column) =>
        person[header] === undefined
          ? ''
          : `<c r="${columnName(column)}${i + 2}" t="inlineStr"><is><t>${escapeXml(person[header])}</t></is></c>`,
      )
      .join('')
    return `<row r="${i + 2}">${cells}</row>`
  })
  // The data rows go right after the header row, everything else of the sheet stays.
  const filled = sheetXml.replace(/(<row[^>]* r="1"[^>]*>[\s\S]*?<\/row>)/, `$1${rows.join('')}`)
  entries.set('xl/worksheets/sheet1.xml', Buffer.from(filled, 'utf8'))
  return { bytes: writeZip(entries), headers }
}

async function download(page, testid) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()])
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) }
}

browserTest('Excel: template, upload with a bad row, check, import, re-import, export', async ({ page, context }) => {
  await signIn(page)
  const root = (await api(context, '/api/units')).items[0]
  const stamp = String(Date.now()).slice(-4)
  const names = [`试导甲${stamp}`, `试导乙${stamp}`, `试导丙${stamp}`]
  const common = { 民族: '汉族', 政治面貌: '群众', 健康状况: '健康', 所在单位: root.code, 管理权限: '市委管理' }

  // ── 下载模板 ────────────────────────────────────────────────────────────────────────────────
  await page.getByTestId('menu-cadre-import-excel').click()
  await expectUrl(page, '/cadres/import-excel')
  const template = await download(page, 'excel-template')
  assert.equal(template.name, '干部信息导入模板.xlsx')
  const { bytes, headers } = fillTemplate(template.bytes, [
    { 姓名: names[0], 性别: '男', 出生年月: '1980.05', ...common },
    { 姓名: names[1], 性别: '女', 出生年月: '1980.13', ...common },
    { 姓名: names[2], 性别: '女', 出生年月: '1985.07', ...common },
  ])
  const birthColumn = columnName(headers.indexOf('出生年月'))
  const dir = await mkdtemp(join(tmpdir(), 'xr-e2e-excel-'))
  const filled = join(dir, '干部信息.xlsx')
  await writeFile(filled, bytes)

  // ── 上传 without a file: the error is on the field; then the file ───────────────────────────
  await page.getByTestId('excel-upload').click()
  await page.locator('.el-form-item__error', { hasText: '请选择要导入的 .xlsx 文件' }).waitFor()
  await page.getByTestId('excel-file').setInputFiles(filled)
  await page.getByTestId('excel-upload').click()
  await expectText(page.getByTestId('excel-uploaded'), /工作表“干部信息”共 3 行数据/)
  // 列对应: every header of the template is recognised.
  const firstMapping = page.locator('[data-testid="excel-mapping"] tbody tr').first()
  await expectText(firstMapping, new RegExp(`^姓名\\s+${names[0]}；${names[1]}\\s+姓名$`))
  const lastMapping = page.locator('[data-testid="excel-mapping"] tbody tr').last()
  await expectText(lastMapping, /^熟悉专业有何专长\s+熟悉专业有何专长$/)

  // ── 预检: the bad row by number and column, nothing written ──────────────────────────────────
  await page.getByTestId('excel-check').click()
  await expectText(page.getByTestId('excel-check-line'), '2 新增 0 更新 0 未变 1 失败')
  const errorRow = page.locator('[data-testid="excel-errors"] tbody tr').first()
  await expectText(errorRow.locator('td').nth(0), '3')
  await expectText(errorRow.locator('td').nth(1), `${birthColumn} 出生年月`)
  await expectText(errorRow.locator('td').nth(2), /1980\.13/)
  const before = await api(context, `/api/cadres?q=${encodeURIComponent(`试导`)}&status=all`)
  assert.equal(before.items.filter((c) => names.includes(c.name)).length, 0, 'the check wrote nothing')

  // ── 导入: the good rows, the bad one reported ────────────────────────────────────────────────
  await page.getByTestId('excel-commit').click()
  await expectText(page.getByTestId('excel-result-line'), '2 新增 0 更新 0 未变 1 失败', 60_000)
  const after = await api(context, `/api/cadres?q=${encodeURIComponent(`试导`)}&status=all`)
  assert.deepEqual(after.items.filter((c) => names.includes(c.name)).map((c) => c.name).sort(), [names[0], names[2]].sort())

  // ── the same file again: nothing changes ─────────────────────────────────────────────────────
  await page.getByTestId('excel-restart').click()
  await page.getByTestId('excel-file').setInputFiles(filled)
  await page.getByTestId('excel-upload').click()
  await expectText(page.getByTestId('excel-uploaded'), /共 3 行数据/)
  await page.getByTestId('excel-check').click()
  await expectText(page.getByTestId('excel-check-line'), '0 新增 0 更新 2 未变 1 失败')
  assert.equal(await page.getByTestId('excel-commit').isDisabled(), true, 'nothing to import')

  // ── 导出 Excel on the 干部名册: the list with the columns shown ────────────────────────────────
  await page.getByTestId('menu-cadres').click()
  await expectUrl(page, '/cadres')
  await page.getByTestId('cadre-export-excel').click()
  const [exportRequest] = await Promise.all([
    page.waitForRequest((request) => request.url().endsWith('/api/cadres/export') && request.method() === 'POST'),
    page.getByTestId('excel-export-start').click(),
  ])
  const body = JSON.parse(exportRequest.postData() ?? '{}')
  assert.equal(body.list.status, '在职')
  assert.ok(body.columns.includes('gender') && body.columns.includes('unit_name'), body.columns.join(','))
  await page.getByTestId('job-download').waitFor({ timeout: 60_000 })
  const exported = await download(page, 'job-download')
  assert.equal(exported.name, '干部名册.xlsx')
  const sheet = readZip(exported.bytes).get('xl/worksheets/sheet1.xml').toString('utf8')
  const total = (await api(context, '/api/cadres?page_size=1')).total
  await waitUntil(
    async () => (sheet.match(/<row /g) ?? []).length === total + 1,
    async () => `the sheet has ${(sheet.match(/<row /g) ?? []).length} rows, the list ${total} + header`,
  )
  assert.ok(sheet.includes('姓名') && sheet.includes(names[0]), 'header and an imported cadre in the file')
}, { timeout: 180_000 })
