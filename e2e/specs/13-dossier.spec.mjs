// (13) 干部档案: the cadre officer creates a dossier in the browser (新增干部, with a 简历 line
// and its live preview), edits it in place (the PATCH carries only the changed fields), sees a
// rejected 学历 date on its row, saves after someone else did (the 409 dialog, then 重新保存),
// uploads and crops a photo, reads the 任免审批表, the 变更记录 with its field diffs, and the
// dossier as of today and of yesterday (before it existed).
import assert from 'node:assert/strict'
import { deflateSync } from 'node:zlib'
import { browserTest, api, config, expectText, expectUrl, input, signIn, waitUntil } from '../lib.mjs'

// A name unique to this run (2–20 characters, no spaces).
const syllables = '安邦诚达恩飞光华嘉俊凯立明宁鹏清瑞山涛伟'
const stamp = Date.now()
const cadreName = `测${[0, 1, 2].map((i) => syllables[Math.floor(stamp / 7 ** i) % syllables.length]).join('')}`

function today(offsetDays = 0) {
  // Asia/Shanghai, as the server's as_of days are.
  const date = new Date(Date.now() + 8 * 3600 * 1000 + offsetDays * 86400 * 1000)
  return date.toISOString().slice(0, 10)
}

// A solid-colour PNG (RGB, no filter), enough for the crop dialog.
function png(width, height, [r, g, b]) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (bytes) => {
    let c = 0xffffffff
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type, data) => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const sum = Buffer.alloc(4)
    sum.writeUInt32BE(crc(body))
    return Buffer.concat([length, body, sum])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8)
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [r, g, b]).flat())])
  const pixels = Buffer.concat(Array.from({ length: height }, () => row))
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

// Width and height from a JPEG's start-of-frame marker.
function jpegSize(bytes) {
  let i = 2
  while (i < bytes.length) {
    if (bytes[i] !== 0xff) return null
    const marker = bytes[i + 1]
    const length = bytes.readUInt16BE(i + 2)
    if (marker >= 0xc0 && marker <= 0xc3) return { height: bytes.readUInt16BE(i + 5), width: bytes.readUInt16BE(i + 7) }
    i += 2 + length
  }
  return null
}

// The option whose whole text is `text` (大学, not 大学本科).
async function chooseOption(page, testid, text) {
  await page.getByTestId(testid).click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: new RegExp(`^\\s*${text}\\s*$`) }).first().click()
}

async function fillMonth(page, testid, value) {
  const field = input(page, testid)
  await field.fill(value)
  await field.press('Enter')
}

async function openTab(page, tab) {
  await page.getByTestId(`dossier-tab-${tab}`).click()
}

// Calls the API as the signed-in browser user (the CSRF token is in sessionStorage).
async function apiPatch(page, context, path, body) {
  const csrf = await page.evaluate(() => sessionStorage.getItem('xr_csrf'))
  const response = await context.request.patch(`${config.baseUrl}${path}`, {
    data: body,
    headers: { 'X-CSRF-Token': csrf ?? '' },
  })
  assert.equal(response.status(), 200, `PATCH ${path} → ${response.status()} ${await response.text()}`)
  return response.json()
}

browserTest('dossier: create, edit, errors, conflict, photo, form, history, as of a day', async ({ page, context }) => {
  await signIn(page)

  // ── 新增干部 ────────────────────────────────────────────────────────────────────────────────
  await page.goto('/cadres/new')
  await page.getByTestId('dossier-new').waitFor()
  await input(page, 'dossier-name').fill(cadreName)
  await chooseOption(page, 'dossier-gender', '男')
  await fillMonth(page, 'dossier-birth-month', '1985-06')
  await chooseOption(page, 'dossier-ethnicity', '汉族')
  // 籍贯 from the division list: the short form of the text, and the code.
  await input(page, 'dossier-native-place-pick').click()
  await input(page, 'dossier-native-place-pick').fill('大连市')
  await page.locator('.el-cascader__suggestion-item:visible', { hasText: /^辽宁省 \/ 大连市$/ }).first().click()
  assert.equal(await input(page, 'dossier-native-place').inputValue(), '辽宁大连')
  await chooseOption(page, 'dossier-party', '群众')
  await fillMonth(page, 'dossier-work-start', '2007-07')
  await chooseOption(page, 'dossier-health', '健康')
  const units = await api(context, '/api/units')
  const unit = units.items[0].children[0] ?? units.items[0]
  await page.getByTestId('dossier-unit').first().click()
  await page.locator('.el-tree-node__content:visible', { hasText: unit.name }).first().click()
  await input(page, 'dossier-managing-body').fill('市委管理')

  // A 简历 line, and its preview as the form prints it (open end: 9 spaces).
  await openTab(page, 'resume')
  await page.getByTestId('dossier-resume-add').click()
  await fillMonth(page, 'resume-start-0', '2007-07')
  await input(page, 'resume-unit-0').fill(unit.name)
  await input(page, 'resume-post-0').fill('科员')
  await expectText(page.getByTestId('dossier-resume-text'), `2007.07--         ${unit.name}科员`)

  await page.getByTestId('dossier-save').click()
  await waitUntil(
    () => /^\/cadres\/\d+$/.test(new URL(page.url()).pathname),
    async () => `still at ${page.url()}; alert: ${await page.getByTestId('dossier-alert').innerText().catch(() => '')}`,
  )
  const id = Number(new URL(page.url()).pathname.split('/').pop())
  await expectText(page.getByTestId('dossier-title'), cadreName)
  let dossier = await api(context, `/api/cadres/${id}`)
  assert.equal(dossier.version, 1)
  assert.equal(dossier.name, cadreName)
  assert.equal(dossier.gender_code, '1')
  assert.equal(dossier.unit_id, unit.id)
  assert.equal(dossier.native_place, '辽宁大连')
  assert.equal(dossier.native_place_code, '210200')
  assert.equal(dossier.resume_text, `2007.07--         ${unit.name}科员`)
  assert.ok(dossier.retirement_month, 'the server computes 到龄年月')

  // ── 编辑: only the changed fields are sent ────────────────────────────────────────────────
  const patches = []
  page.on('request', (request) => {
    if (request.method() === 'PATCH' && request.url().endsWith(`/api/cadres/${id}`)) patches.push(request.postDataJSON())
  })
  await page.getByTestId('dossier-edit').click()
  await input(page, 'dossier-professional-title').fill('经济师')
  await openTab(page, 'assessments')
  await page.getByTestId('dossier-assessments-add').click()
  await input(page, 'assessment-year-0').fill('2024')
  await chooseOption(page, 'assessment-grade-0', '优秀')
  await page.getByTestId('dossier-save').click()
  await page.getByTestId('dossier-edit').waitFor()
  assert.deepEqual(patches[0], {
    version: 1,
    professional_title: '经济师',
    assessments: [{ year: 2024, grade: '优秀', note: '' }],
  })
  dossier = await api(context, `/api/cadres/${id}`)
  assert.equal(dossier.version, 2)
  assert.equal(dossier.professional_title, '经济师')

  // ── A rejected row: the 学历 tab opens, the row is marked, the typed values stay ──────────
  await page.getByTestId('dossier-edit').click()
  await openTab(page, 'education')
  await page.getByTestId('dossier-education-add').click()
  await chooseOption(page, 'education-level-0', '大学')
  await input(page, 'education-school-0').fill('辽宁大学法律系法学专业')
  await fillMonth(page, 'education-start-0', '2003-09')
  await fillMonth(page, 'education-end-0', '2001-07')
  await openTab(page, 'basic')
  await page.getByTestId('dossier-save').click()
  const educationTable = page.getByTestId('dossier-education')
  await educationTable.locator('tr.row-error').first().waitFor()
  await expectText(educationTable.locator('.el-form-item__error').first(), /.+/)
  assert.equal(await input(page, 'education-school-0').inputValue(), '辽宁大学法律系法学专业')
  await fillMonth(page, 'education-end-0', '2007-07')
  await page.getByTestId('dossier-save').click()
  await page.getByTestId('dossier-edit').waitFor()
  dossier = await api(context, `/api/cadres/${id}`)
  assert.equal(dossier.version, 3)
  assert.equal(dossier.education[0].end_month, '2007-07')

  // ── 409: someone saves while the form is open; my edit is saved on top of theirs ─────────
  await page.getByTestId('dossier-edit').click()
  await openTab(page, 'basic')
  await page.locator('textarea[data-testid="dossier-expertise"], [data-testid="dossier-expertise"] textarea').first().fill('财政管理')
  await apiPatch(page, context, `/api/cadres/${id}`, { version: 3, health: '良好' })
  await page.getByTestId('dossier-save').click()
  const conflict = page.getByTestId('dossier-conflict')
  await expectText(conflict.getByTestId('change-health'), /良好/)
  await page.getByTestId('dossier-conflict-resave').click()
  await page.getByTestId('dossier-edit').waitFor()
  dossier = await api(context, `/api/cadres/${id}`)
  assert.equal(dossier.version, 5)
  assert.equal(dossier.health, '良好')
  assert.equal(dossier.expertise, '财政管理')

  // ── Photo: a wide picture cropped to 376×460 ──────────────────────────────────────────────
  await page.getByTestId('dossier-photo-file').setInputFiles({
    name: 'photo.png',
    mimeType: 'image/png',
    buffer: png(600, 400, [40, 90, 160]),
  })
  await page.getByTestId('photo-frame').locator('img').waitFor()
  const frame = await page.getByTestId('photo-frame').boundingBox()
  await page.mouse.move(frame.x + 100, frame.y + 200)
  await page.mouse.down()
  await page.mouse.move(frame.x + 160, frame.y + 210, { steps: 5 })
  await page.mouse.up()
  await page.getByTestId('photo-confirm').click()
  await page.getByTestId('dossier-photo-img').waitFor()
  assert.match(await page.getByTestId('dossier-photo-img').getAttribute('src'), new RegExp(`/api/cadres/${id}/photo\\?v=`))
  const photo = await context.request.get(`${config.baseUrl}/api/cadres/${id}/photo`)
  assert.equal(photo.status(), 200)
  assert.equal(photo.headers()['content-type'], 'image/jpeg')
  assert.deepEqual(jpegSize(await photo.body()), { width: 376, height: 460 })

  // ── 任免审批表 ────────────────────────────────────────────────────────────────────────────
  await openTab(page, 'form')
  await expectText(page.getByTestId('rmb-name'), cadreName)
  await expectText(page.getByTestId('rmb-resume'), new RegExp(`2007\\.07--\\s+${unit.name}科员`))
  await expectText(page.getByTestId('rmb-full-time'), /大学/)
  await expectText(page.getByTestId('rmb-assessments'), /2024/)
  // 打印 puts the form alone under <body> while the print dialog is open, then removes it.
  await page.evaluate(() => {
    window.print = () => {
      window.__printed = document.querySelector('body > .rmb-print-root')?.textContent ?? ''
    }
  })
  await page.getByTestId('rmb-print').click()
  assert.match(await page.evaluate(() => window.__printed), new RegExp(`干部任免审批表.*${cadreName}`, 's'))
  assert.equal(await page.locator('body > .rmb-print-root').count(), 0)

  // ── 变更记录: newest first, with field-level diffs ───────────────────────────────────────
  await openTab(page, 'history')
  const history = page.getByTestId('dossier-history')
  await history.getByTestId('history-v1').waitFor()
  const v2 = history.getByTestId('history-v2')
  await expectText(v2.getByTestId('change-professional_title'), /专业技术职务.*（空）.*→.*经济师/s)
  await expectText(v2.getByTestId('change-assessments-added'), /新增.*2024.*优秀/s)
  await expectText(history.getByTestId('history-v4').getByTestId('change-health'), /良好/)
  const versions = await history.locator('[data-testid^="history-v"]').evaluateAll((nodes) =>
    nodes.map((node) => Number(node.getAttribute('data-testid').slice('history-v'.length))),
  )
  assert.deepEqual(versions, [5, 4, 3, 2, 1])

  // ── As of today: the edited state, read-only, and back to now ─────────────────────────────
  await input(page, 'dossier-as-of-date').fill(today())
  await input(page, 'dossier-as-of-date').press('Enter')
  await page.getByTestId('dossier-as-of').click()
  await expectText(page.getByTestId('dossier-as-of-banner'), new RegExp(`这是 ${today()} 当日的档案状态`))
  assert.equal(await page.getByTestId('dossier-edit').count(), 0, 'no 编辑 in the past')
  await openTab(page, 'basic')
  await expectText(page.locator('[data-path="professional_title"]'), /经济师/)
  await page.getByTestId('dossier-back-now').click()
  await page.getByTestId('dossier-edit').waitFor()
  assert.equal(await page.getByTestId('dossier-as-of-banner').count(), 0)

  // As of yesterday the dossier did not exist: said so, and the page stays on now.
  await openTab(page, 'history')
  await input(page, 'dossier-as-of-date').fill(today(-1))
  await input(page, 'dossier-as-of-date').press('Enter')
  await page.getByTestId('dossier-as-of').click()
  await expectText(page.locator('.el-message').last(), new RegExp(`${today(-1)} 时该档案尚未建立`))
  assert.equal(await page.getByTestId('dossier-as-of-banner').count(), 0)
})
