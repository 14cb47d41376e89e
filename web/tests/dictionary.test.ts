import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import {
  divisionCascaderProps,
  divisionPath,
  refreshDictionary,
  resetDictionaryCache,
  useDictionary,
  useDivisions,
} from '../src/composables/useDictionary'
import { canManageDictionaries, dictItemChanges, type DictItem } from '../src/api/dictionary'
import type { User } from '../src/api/session'

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

const item = (code: string, label: string, sort_order: number, enabled = true, builtin = true): DictItem => ({
  code,
  label,
  sort_order,
  enabled,
  builtin,
})

const health = (items: DictItem[]) => ({ kind: 'health', name: '健康状况', standard: 'GB/T 2261.3-2003', items })

const tree = [
  {
    code: '210000',
    name: '辽宁省',
    children: [
      {
        code: '210200',
        name: '大连市',
        children: [{ code: '210202', name: '中山区', children: [] }],
      },
    ],
  },
  { code: '110000', name: '北京市', children: [] },
]

describe('useDictionary', () => {
  beforeEach(() => resetDictionaryCache())
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
  })

  it('turns items into options whose value is the label, keeping disabled ones marked', async () => {
    const fetchMock = vi.fn().mockResolvedValue(
      json(health([item('1', '健康', 1), item('11', '良好', 2), item('7', '体弱', 7, false, false)])),
    )
    vi.stubGlobal('fetch', fetchMock)
    const { options, ready, codeOf, find } = useDictionary('health')
    expect(options.value).toEqual([])
    await ready
    expect(fetchMock.mock.calls[0][0]).toBe('/api/dictionaries/health')
    expect(options.value).toEqual([
      { label: '健康', value: '健康', code: '1', disabled: false },
      { label: '良好', value: '良好', code: '11', disabled: false },
      { label: '体弱', value: '体弱', code: '7', disabled: true },
    ])
    expect(codeOf('良好')).toBe('11')
    expect(codeOf('很好')).toBe('')
    expect(find('健康')?.code).toBe('1')
    expect(find('体弱')).toBeUndefined() // disabled: not for new input
  })

  it('fetches each kind once and shares the list between callers', async () => {
    const fetchMock = vi.fn().mockImplementation(async () => json(health([item('1', '健康', 1)])))
    vi.stubGlobal('fetch', fetchMock)
    const first = useDictionary('health')
    const second = useDictionary('health')
    await Promise.all([first.ready, second.ready])
    expect(fetchMock).toHaveBeenCalledTimes(1)
    expect(second.options).toBe(first.options)
    useDictionary('gender')
    expect(fetchMock).toHaveBeenCalledTimes(2)
    expect(fetchMock.mock.calls[1][0]).toBe('/api/dictionaries/gender')
  })

  it('asks again after a failed fetch', async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(json({ error: { code: 'UNAVAILABLE', message: '服务暂不可用' } }, 503))
      .mockResolvedValueOnce(json(health([item('1', '健康', 1)])))
    vi.stubGlobal('fetch', fetchMock)
    const failed = useDictionary('health')
    await failed.ready
    expect(failed.options.value).toEqual([])
    const retried = useDictionary('health')
    await retried.ready
    expect(fetchMock).toHaveBeenCalledTimes(2)
    expect(retried.options.value.map((o) => o.label)).toEqual(['健康'])
  })

  it('refreshes the shared list in place after 字典管理 changed it', async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(json(health([item('1', '健康', 1)])))
      .mockResolvedValueOnce(json(health([item('1', '健康', 1, false)])))
    vi.stubGlobal('fetch', fetchMock)
    const { options, ready } = useDictionary('health')
    await ready
    await refreshDictionary('health')
    expect(options.value[0].disabled).toBe(true)
    await refreshDictionary('party') // never asked for: nothing fetched
    expect(fetchMock).toHaveBeenCalledTimes(2)
  })
})

describe('useDivisions', () => {
  beforeEach(() => resetDictionaryCache())
  afterEach(() => vi.unstubAllGlobals())

  it('fetches the tree once, for an el-cascader picking codes at any level', async () => {
    const fetchMock = vi.fn().mockImplementation(async () => json(tree))
    vi.stubGlobal('fetch', fetchMock)
    const divisions = useDivisions()
    await divisions.ready
    await useDivisions().ready
    expect(fetchMock).toHaveBeenCalledTimes(1)
    expect(fetchMock.mock.calls[0][0]).toBe('/api/divisions')
    expect(divisions.tree.value.map((p) => p.name)).toEqual(['辽宁省', '北京市'])
    expect(divisions.cascaderProps).toEqual(divisionCascaderProps)
    expect(divisionCascaderProps).toMatchObject({ value: 'code', label: 'name', emitPath: false, checkStrictly: true })
    expect(divisions.pathTo('210202').map((d) => d.name)).toEqual(['辽宁省', '大连市', '中山区'])
  })

  it('finds the path of a code at each level', () => {
    expect(divisionPath(tree, '210000').map((d) => d.code)).toEqual(['210000'])
    expect(divisionPath(tree, '210200').map((d) => d.code)).toEqual(['210000', '210200'])
    expect(divisionPath(tree, '999999')).toEqual([])
  })
})

describe('dictionary administration', () => {
  const user = (permissions: string[]): User => ({
    id: 1,
    username: 'u',
    display_name: 'u',
    roles: [],
    permissions,
    unit_code: null,
  })

  it('is for holders of dict.manage', () => {
    expect(canManageDictionaries(user(['user.manage', 'org.read', 'org.write', 'dict.manage']))).toBe(true)
    expect(canManageDictionaries(user(['cadre.read', 'cadre.write']))).toBe(false)
    expect(canManageDictionaries(null)).toBe(false)
  })

  it('sends only what changed, never a built-in label', () => {
    const local = item('7', '体弱', 7, true, false)
    expect(dictItemChanges(local, { label: ' 体弱 ', sort_order: 7, enabled: true })).toEqual({})
    expect(dictItemChanges(local, { label: '较弱', sort_order: 3, enabled: false })).toEqual({
      label: '较弱',
      sort_order: 3,
      enabled: false,
    })
    const builtin = item('1', '男', 1)
    expect(dictItemChanges(builtin, { label: '男性', sort_order: 1, enabled: false })).toEqual({ enabled: false })
  })
})
