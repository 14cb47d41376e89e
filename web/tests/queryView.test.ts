// The 组合查询 page mounted with the server's answers stubbed: a saved query loads into the builder
// (every editor renders), reads back as a sentence, runs with the condition as sent, and a 400's
// error path lands on the row it names. (Element Plus renders slowly under happy-dom: one mount
// with a loaded query serves all of that.)
import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createRouter, createMemoryHistory } from 'vue-router'
import ElementPlus from 'element-plus'
import { i18n, setLocale } from '../src/i18n'
import CadreQueryView from '../src/views/cadre/query/CadreQueryView.vue'
import { useQueryConditionStore } from '../src/stores/queryCondition'

const fetchMock = vi.fn()

const FIELDS = {
  fields: [
    { field: 'gender', label: '性别', group: '基本信息', type: 'enum', ops: ['eq', 'ne', 'in', 'not_in'], options: ['男', '女'], dictionary: 'gender', unit: null, params: null },
    { field: 'age', label: '年龄', group: '基本信息', type: 'number', ops: ['eq', 'lt', 'ge', 'between'], options: null, dictionary: null, unit: '岁', params: null },
    { field: 'party', label: '政治面貌', group: '基本信息', type: 'enum', ops: ['eq', 'in'], options: ['中共党员', '群众'], dictionary: 'party', unit: null, params: null },
    { field: 'birth_month', label: '出生年月', group: '基本信息', type: 'month', ops: ['lt', 'between'], options: null, dictionary: null, unit: null, params: null },
    { field: 'unit', label: '所在单位', group: '职务职级', type: 'unit', ops: ['subtree', 'eq', 'in'], options: null, dictionary: null, unit: null, params: null },
    { field: 'rank', label: '职级', group: '职务职级', type: 'rank', ops: ['eq', 'between'], options: ['一级调研员', '二级调研员', '三级调研员'], dictionary: null, unit: null, params: null },
    {
      field: 'assessment_excellent_count',
      label: '年度考核优秀次数',
      group: '考核奖惩',
      type: 'number',
      ops: ['at_least', 'eq'],
      options: null,
      dictionary: null,
      unit: '次',
      params: [{ name: 'years', label: '近几年', type: 'number', default: 3 }],
    },
    { field: 'sanction_in_effect', label: '处分影响期内', group: '考核奖惩', type: 'boolean', ops: ['eq'], options: null, dictionary: null, unit: null, params: null },
    { field: 'fulltext', label: '全文', group: '全文', type: 'fulltext', ops: ['contains'], options: null, dictionary: null, unit: null, params: null },
  ],
  operators: { eq: '等于', ne: '不等于', in: '属于', not_in: '不属于', lt: '小于', ge: '不小于', between: '介于', contains: '包含', subtree: '本单位及下级单位', at_least: '至少' },
}

const CONDITION = {
  all: [
    { field: 'gender', op: 'eq', value: '女' },
    { field: 'age', op: 'between', value: [35, 45] },
    {
      any: [
        { field: 'party', op: 'in', value: ['中共党员'] },
        { field: 'assessment_excellent_count', op: 'at_least', value: 1, params: { years: 3 } },
      ],
    },
    { not: { field: 'sanction_in_effect', op: 'eq', value: true } },
  ],
}

const UNITS = {
  items: [{ id: 1, parent_id: null, code: 'JH', name: '江华市', short_name: '', type: '行政区', level: '市级', sort_order: 1, children: [
    { id: 2, parent_id: 1, code: 'JH01', name: '江华区', short_name: '', type: '行政区', level: '县级', sort_order: 1, children: [] },
  ] }],
  total: 2,
}

const ROW = { id: 7, name: '李红', gender: '女', birth_month: '1984-03', ethnicity: '汉族', party: '中共党员', unit_id: 2, unit_name: '江华区', post: '副区长', rank: '二级调研员', managing_body: '市委', id_number: null }

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

const posted: Array<Record<string, unknown>> = []
let failNext = false

function answer(url: string, init?: RequestInit): Response {
  const path = url.split('?')[0]
  if (path === '/api/cadres/query/fields') return json(FIELDS)
  if (path === '/api/saved-queries') {
    return json({ items: [{ id: 1, name: '女干部', condition: CONDITION, shared: true, owner: '张三', mine: true, updated_at: '2026-11-28T10:00:00+08:00' }] })
  }
  if (path === '/api/units') return json(UNITS)
  if (path.startsWith('/api/dictionaries/')) return json({ kind: 'party', name: '', standard: '', items: [] })
  if (path === '/api/cadres/query') {
    posted.push(JSON.parse(String(init?.body)))
    if (failNext) {
      failNext = false
      return json({ error: { code: 'INVALID_ARGUMENT', message: '至少次数须为 0–10', field: 'condition.all[2].any[1].value' } }, 400)
    }
    return json({ items: [ROW], total: 1, page: 1, page_size: 20 })
  }
  return json({ error: { code: 'NOT_FOUND', message: 'not found' } }, 404)
}

async function settle() {
  for (let i = 0; i < 6; i++) {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
}

async function mountQuery() {
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/cadres/query', component: CadreQueryView },
      { path: '/cadres/statistics', name: 'cadre-statistics', component: { template: '<div />' } },
      { path: '/cadres/:id', name: 'cadre-dossier', component: { template: '<div />' } },
    ],
  })
  await router.push('/cadres/query')
  await router.isReady()
  const wrapper = mount(CadreQueryView, {
    global: { plugins: [pinia, router, i18n, ElementPlus], stubs: { transition: false, 'transition-group': false } },
    attachTo: document.body,
  })
  await settle()
  return { wrapper, router }
}

beforeEach(() => {
  setLocale('zh-CN')
  posted.length = 0
  failNext = false
  fetchMock.mockReset()
  fetchMock.mockImplementation(async (url: string, init?: RequestInit) => answer(url, init))
  vi.stubGlobal('fetch', fetchMock)
  localStorage.clear()
})
afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('CadreQueryView', { timeout: 120_000 }, () => {
  it('loads a saved query into the builder, reads it back, runs it, shows the result and the server error on its row', async () => {
    const { wrapper, router } = await mountQuery()
    expect(wrapper.find('[data-testid="saved-女干部"]').exists()).toBe(true)
    await wrapper.get('[data-testid="saved-load-1"]').trigger('click')
    await settle()

    // Every row and the nested group render with their editors.
    for (const id of ['cond-0', 'cond-1', 'group-2', 'cond-2-0', 'cond-2-1', 'cond-3']) {
      expect(wrapper.find(`[data-testid="${id}"]`).exists(), id).toBe(true)
    }
    expect(wrapper.get('[data-testid="group-2"]').attributes('data-mode')).toBe('any')
    expect(wrapper.get('[data-testid="cond-1-value"]').attributes('data-op')).toBe('between')
    expect(wrapper.find('[data-testid="cond-2-1-param-years"]').exists()).toBe(true)

    expect(wrapper.get('[data-testid="query-sentence"]').text()).toContain(
      '女 且 年龄 35–45 岁 且 （政治面貌 属于 中共党员 或 近3年 年度考核优秀次数 至少 1 次） 且 非（处分影响期内：是）',
    )
    expect(posted).toHaveLength(1)
    expect(posted[0]).toMatchObject({ condition: CONDITION, page: 1, page_size: 20, sort: 'position', order: 'asc' })
    expect(posted[0].reference_date).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(wrapper.get('[data-testid="query-total"]').attributes('data-total')).toBe('1')
    expect(wrapper.find('[data-testid="query-name-7"]').text()).toBe('李红')
    expect(wrapper.get('[data-testid="query-loaded"]').text()).toContain('女干部')
    expect(useQueryConditionStore().condition).toEqual(CONDITION)

    // The server's error path lands on the row it names (here the second row of the OR group).
    failNext = true
    await wrapper.get('[data-testid="query-run"]').trigger('click')
    await settle()
    expect(wrapper.get('[data-testid="cond-2-1-error"]').text()).toBe('至少次数须为 0–10')
    expect(wrapper.get('[data-testid="cond-2-1"]').classes()).toContain('has-error')
    expect(wrapper.findAll('.row-error')).toHaveLength(1)

    // 结构分析 passes the condition on.
    await wrapper.get('[data-testid="query-analyse"]').trigger('click')
    await settle()
    expect(router.currentRoute.value.path).toBe('/cadres/statistics')
    expect(router.currentRoute.value.query.source).toBe('query')
  })

  it('checks the rows before sending: a group without conditions and a row without a field', async () => {
    const { wrapper } = await mountQuery()
    await wrapper.get('[data-testid="group-root-add-group"]').trigger('click')
    await settle()
    await wrapper.get('[data-testid="cond-1-0-delete"]').trigger('click')
    await settle()
    await wrapper.get('[data-testid="query-run"]').trigger('click')
    await settle()
    expect(posted).toHaveLength(0)
    expect(wrapper.get('[data-testid="cond-0-error"]').text()).toBe('请选择字段')
    expect(wrapper.get('[data-testid="group-1-error"]').text()).toBe('条件组为空')
    // Deleting both leaves the empty root: everyone.
    await wrapper.get('[data-testid="group-1-delete"]').trigger('click')
    await wrapper.get('[data-testid="cond-0-delete"]').trigger('click')
    await settle()
    expect(wrapper.get('[data-testid="query-sentence"]').text()).toContain('全部干部（无条件）')
    await wrapper.get('[data-testid="query-run"]').trigger('click')
    await settle()
    expect(posted[0].condition).toEqual({ all: [] })
  })
})
