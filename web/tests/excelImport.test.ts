import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'

const { messageError } = vi.hoisted(() => ({ messageError: vi.fn() }))
vi.mock('element-plus', () => ({ ElMessage: { error: messageError } }))

import { ApiError, CSRF_KEY } from '../src/api/http'
import {
  errorRows,
  mappingProblems,
  reportLine,
  reportOf,
  startCadreExport,
  uploadWorkbook,
  type ImportField,
  type ImportReport,
} from '../src/api/excel'

const fetchMock = vi.fn()

beforeEach(() => {
  fetchMock.mockReset()
  messageError.mockReset()
  vi.stubGlobal('fetch', fetchMock)
  sessionStorage.clear()
})

afterEach(() => {
  vi.unstubAllGlobals()
})

const fields: ImportField[] = [
  { key: 'name', label: '姓名', required: true },
  { key: 'birth_month', label: '出生年月', required: true },
  { key: 'gender', label: '性别', required: false },
]

describe('mappingProblems', () => {
  it('accepts a mapping with every required field once', () => {
    expect(mappingProblems(['name', '', 'birth_month', 'gender'], fields)).toEqual({})
  })
  it('names the column mapped a second time and the required fields left out', () => {
    const problems = mappingProblems(['gender', 'gender', 'name'], fields)
    expect(problems['1']).toContain('性别')
    expect(problems['0']).toBeUndefined()
    expect(problems['']).toContain('出生年月')
  })
})

describe('errorRows and reportLine', () => {
  const report: ImportReport = {
    created: 2,
    updated: 0,
    unchanged: 1,
    failed: 2,
    rows: [
      { row: 5, action: 'error', name: '乙', cadre_id: null, changed: [], errors: [{ row: 5, column: 'B', header: '性别', field: 'gender', message: '性别“x”不在字典中' }] },
      { row: 2, action: 'create', name: '甲', cadre_id: null, changed: [], errors: [] },
      { row: 3, action: 'error', name: '丙', cadre_id: null, changed: [], errors: [{ row: 3, column: 'C', header: '出生年月', field: 'birth_month', message: '出生年月“1999.13”不是有效的年月' }] },
    ],
  }
  it('lists every error in sheet order', () => {
    expect(errorRows(report).map((e) => `${e.row}${e.column}`)).toEqual(['3C', '5B'])
    expect(errorRows(null)).toEqual([])
  })
  it('takes the report from a succeeded job only', () => {
    expect(reportOf({ state: 'succeeded', summary: report })).toBe(report)
    expect(reportOf({ state: 'running', summary: {} })).toBeNull()
    expect(reportOf({ state: 'succeeded', summary: {} })).toBeNull()
    expect(reportOf(null)).toBeNull()
  })
  it('says the counts in one line', () => {
    expect(reportLine(report)).toBe('2 新增 0 更新 1 未变 2 失败')
  })
})

describe('requests', () => {
  it('uploads the workbook as the raw body with the CSRF token and its name', async () => {
    sessionStorage.setItem(CSRF_KEY, 'tok')
    fetchMock.mockResolvedValue(new Response(JSON.stringify({ id: 7, headers: ['姓名'], mapping: ['name'] }), { status: 201 }))
    const file = new File([new Uint8Array([80, 75, 3, 4])], '干部.xlsx')
    const upload = await uploadWorkbook(file)
    expect(upload.id).toBe(7)
    const [url, init] = fetchMock.mock.calls[0]
    expect(url).toBe(`/api/cadres/import/excel?name=${encodeURIComponent('干部.xlsx')}`)
    expect(init.method).toBe('POST')
    expect(init.body).toBe(file)
    expect(init.headers['X-CSRF-Token']).toBe('tok')
  })
  it('turns a refused file into an ApiError naming the field', async () => {
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({ error: { code: 'INVALID_ARGUMENT', message: '文件不是 Excel 2007 及以后的 .xlsx 格式', field: 'file' } }), { status: 400 }),
    )
    const error = await uploadWorkbook(new File(['x'], 'a.xls')).catch((e) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error.field).toBe('file')
  })
  it('starts an export with the list filters and columns', async () => {
    fetchMock.mockResolvedValue(new Response(JSON.stringify({ job: { id: 3, state: 'queued' } }), { status: 202 }))
    await startCadreExport({ columns: ['gender'], list: { status: 'all', unit_id: 4 }, title: '干部名册' })
    const [url, init] = fetchMock.mock.calls[0]
    expect(url).toBe('/api/cadres/export')
    expect(JSON.parse(init.body)).toEqual({ columns: ['gender'], list: { status: 'all', unit_id: 4 }, title: '干部名册' })
  })
})
