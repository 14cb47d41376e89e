import { describe, it, expect } from 'vitest'
import type { QueryField } from '../src/api/query'
import {
  countLeaves,
  depthOf,
  fromJson,
  groupLevel,
  newGroup,
  newLeaf,
  nodeForErrorField,
  normalizeForField,
  removeNode,
  setField,
  setOp,
  toJson,
  validate,
  ConditionFormatError,
  type GroupNode,
  type LeafNode,
} from '../src/views/cadre/query/conditionTree'
import { conditionSentence } from '../src/views/cadre/query/sentence'

const RANKS = ['一级巡视员', '二级巡视员', '一级调研员', '二级调研员', '三级调研员', '四级调研员']

function field(partial: Partial<QueryField> & Pick<QueryField, 'field' | 'label' | 'type' | 'ops'>): QueryField {
  return { group: '基本信息', options: null, dictionary: null, unit: null, params: null, ...partial }
}

const FIELDS: QueryField[] = [
  field({ field: 'gender', label: '性别', type: 'enum', ops: ['eq', 'ne'], options: ['男', '女'] }),
  field({ field: 'age', label: '年龄', type: 'number', ops: ['eq', 'lt', 'le', 'gt', 'ge', 'between'], unit: '岁' }),
  field({ field: 'party', label: '政治面貌', type: 'enum', ops: ['eq', 'ne', 'in'], dictionary: 'party' }),
  field({ field: 'rank', label: '职级', type: 'rank', ops: ['eq', 'in', 'between', 'ge', 'le'], options: RANKS }),
  field({ field: 'unit', label: '工作单位', type: 'unit', ops: ['subtree', 'eq'] }),
  field({ field: 'birth_month', label: '出生年月', type: 'month', ops: ['lt', 'ge', 'between'] }),
  field({ field: 'fulltext', label: '全文', type: 'fulltext', ops: ['contains'] }),
  field({ field: 'sanction_in_effect', label: '处分影响期内', type: 'boolean', ops: ['eq'] }),
  field({ field: 'native_place', label: '籍贯', type: 'text', ops: ['contains', 'is_empty', 'not_empty'] }),
  field({
    field: 'assessment_excellent_count',
    label: '考核优秀次数',
    type: 'number',
    ops: ['at_least', 'eq'],
    params: [{ name: 'years', label: '近几年', type: 'number', default: 3 }],
  }),
  field({
    field: 'training_hours',
    label: '培训学时',
    type: 'number',
    ops: ['ge', 'between'],
    params: [
      { name: 'from', label: '起', type: 'date', default: '2026-01-01' },
      { name: 'to', label: '止', type: 'date', default: '2026-12-31' },
    ],
  }),
]
const OPERATORS = { eq: '等于', ne: '不等于', in: '属于', ge: '大于等于', subtree: '属于（含下级）', at_least: '至少', contains: '包含', is_empty: '为空', between: '介于' }
const byKey = (key: string) => FIELDS.find((f) => f.field === key)!

function leaf(key: string, op?: string, value?: unknown): LeafNode {
  const node = newLeaf(byKey(key))
  if (op) setOp(node, byKey(key), op)
  if (value !== undefined) node.value = value
  return node
}

function sample(): GroupNode {
  return newGroup('all', [
    leaf('gender', 'eq', '女'),
    leaf('age', 'between', [35, 45]),
    newGroup('any', [leaf('party', 'eq', '中共党员'), leaf('assessment_excellent_count', 'at_least', 1)]),
  ])
}

describe('condition tree ↔ JSON', () => {
  it('serialises groups, leaves, params and negation as the contract says', () => {
    const root = sample()
    const inner = root.children[2] as GroupNode
    inner.negated = true
    expect(toJson(root)).toEqual({
      all: [
        { field: 'gender', op: 'eq', value: '女' },
        { field: 'age', op: 'between', value: [35, 45] },
        {
          not: {
            any: [
              { field: 'party', op: 'eq', value: '中共党员' },
              { field: 'assessment_excellent_count', op: 'at_least', value: 1, params: { years: 3 } },
            ],
          },
        },
      ],
    })
  })

  it('round-trips through fromJson, wrapping a top-level leaf, keeping not on leaves', () => {
    const json = toJson(sample())
    expect(toJson(fromJson(json))).toEqual(json)
    const single = fromJson({ not: { field: 'gender', op: 'eq', value: '男' } })
    expect(single.kind).toBe('group')
    expect(toJson(single)).toEqual({ all: [{ not: { field: 'gender', op: 'eq', value: '男' } }] })
    expect(toJson(fromJson({ not: { not: { all: [] } } }))).toEqual({ all: [] })
    const empty = toJson(fromJson({ field: 'native_place', op: 'is_empty' }))
    expect(empty).toEqual({ all: [{ field: 'native_place', op: 'is_empty' }] })
  })

  it('rejects malformed JSON', () => {
    expect(() => fromJson(null)).toThrow(ConditionFormatError)
    expect(() => fromJson({ all: 'x' })).toThrow(ConditionFormatError)
    expect(() => fromJson({ something: 1 })).toThrow(ConditionFormatError)
  })

  it('records each node path as the server names it and maps error fields back to rows', () => {
    const root = sample()
    const inner = root.children[2] as GroupNode
    inner.negated = true
    const paths = new Map<number, string>()
    toJson(root, paths)
    expect(paths.get(root.id)).toBe('condition')
    expect(paths.get(root.children[1].id)).toBe('condition.all[1]')
    expect(paths.get(inner.id)).toBe('condition.all[2].not')
    expect(paths.get(inner.children[1].id)).toBe('condition.all[2].not.any[1]')
    expect(nodeForErrorField(paths, 'condition.all[1].value')).toBe(root.children[1].id)
    expect(nodeForErrorField(paths, 'condition.all[2].not.any[1].params.years')).toBe(inner.children[1].id)
    expect(nodeForErrorField(paths, 'condition.all[2].not')).toBe(inner.id)
    expect(nodeForErrorField(paths, 'condition.all[12].value')).toBe(root.id)
    expect(nodeForErrorField(paths, 'reference_date')).toBeNull()
    expect(nodeForErrorField(paths, undefined)).toBeNull()
  })

  it('edits: remove, count, depth, level', () => {
    const root = sample()
    const inner = root.children[2] as GroupNode
    expect(countLeaves(root)).toBe(4)
    expect(depthOf(root)).toBe(2)
    expect(groupLevel(root, inner.id)).toBe(2)
    expect(removeNode(root, inner.children[0].id)).toBe(true)
    expect(countLeaves(root)).toBe(3)
    expect(removeNode(root, 99999)).toBe(false)
  })

  it('changing the operator keeps what fits of the value', () => {
    const node = leaf('age', 'ge', 40)
    setOp(node, byKey('age'), 'between')
    expect(node.value).toEqual([40, null])
    setOp(node, byKey('age'), 'lt')
    expect(node.value).toBe(40)
    const party = leaf('party', 'eq', '中共党员')
    setOp(party, byKey('party'), 'in')
    expect(party.value).toEqual(['中共党员'])
    const place = leaf('native_place', 'contains', '浙江')
    setOp(place, byKey('native_place'), 'is_empty')
    expect(place.value).toBeNull()
    setField(place, byKey('sanction_in_effect'))
    expect(place).toMatchObject({ field: 'sanction_in_effect', op: 'eq', value: true, params: {} })
  })

  it('leaves blank parameters out (the server takes its defaults)', () => {
    const training = leaf('training_hours', 'ge', 40)
    training.params = { from: null, to: '2026-06-30' }
    expect(toJson(newGroup('all', [training]))).toEqual({
      all: [{ field: 'training_hours', op: 'ge', value: 40, params: { to: '2026-06-30' } }],
    })
  })

  it('sends typed numbers as numbers', () => {
    const root = newGroup('all', [leaf('age', 'between', ['35', '45']), leaf('unit', 'subtree', '12'), leaf('assessment_excellent_count', 'at_least', '2')])
    ;(root.children[2] as LeafNode).params.years = '5'
    expect(normalizeForField(toJson(root), FIELDS)).toEqual({
      all: [
        { field: 'age', op: 'between', value: [35, 45] },
        { field: 'unit', op: 'subtree', value: 12 },
        { field: 'assessment_excellent_count', op: 'at_least', value: 2, params: { years: 5 } },
      ],
    })
  })
})

describe('validation', () => {
  it('accepts a complete condition and the empty root', () => {
    expect(validate(sample(), FIELDS)).toEqual([])
    expect(validate(newGroup(), FIELDS)).toEqual([])
  })

  it('names the row of each problem', () => {
    const noField = newLeaf()
    const blank = leaf('gender', 'eq', '')
    const backwards = leaf('age', 'between', [50, 40])
    const halfRange = leaf('age', 'between', [50, null])
    const rankBackwards = leaf('rank', 'between', ['三级调研员', '一级巡视员']) // either way round
    const rankOk = leaf('rank', 'between', ['一级巡视员', '三级调研员'])
    const badMonth = leaf('birth_month', 'lt', '1980-1')
    const shortText = leaf('fulltext', 'contains', '党')
    const emptyList = leaf('party', 'in', [])
    const emptyGroup = newGroup('any')
    const noUnit = leaf('unit', 'subtree', null)
    const root = newGroup('all', [noField, blank, backwards, halfRange, rankBackwards, rankOk, badMonth, shortText, emptyList, emptyGroup, noUnit])
    const problems = validate(root, FIELDS)
    const keyOf = (id: number) => problems.filter((p) => p.id === id).map((p) => p.key)
    expect(keyOf(noField.id)).toEqual(['fieldRequired'])
    expect(keyOf(blank.id)).toEqual(['valueRequired'])
    expect(keyOf(backwards.id)).toEqual(['rangeOrder'])
    expect(keyOf(halfRange.id)).toEqual(['rangeRequired'])
    expect(keyOf(rankBackwards.id)).toEqual([])
    expect(keyOf(rankOk.id)).toEqual([])
    expect(keyOf(badMonth.id)).toEqual(['notMonth'])
    expect(keyOf(shortText.id)).toEqual(['fulltextShort'])
    expect(keyOf(emptyList.id)).toEqual(['listRequired'])
    expect(keyOf(emptyGroup.id)).toEqual(['emptyGroup'])
    expect(keyOf(noUnit.id)).toEqual(['valueRequired'])
  })

  it('limits depth to 8 and leaves to 100', () => {
    let deep: GroupNode = newGroup('all', [leaf('gender', 'eq', '女')])
    for (let i = 0; i < 8; i++) deep = newGroup(i % 2 ? 'all' : 'any', [deep])
    expect(depthOf(deep)).toBe(9)
    expect(validate(deep, FIELDS).map((p) => p.key)).toEqual(['tooDeep'])
    const wide = newGroup('all', Array.from({ length: 101 }, () => leaf('gender', 'eq', '男')))
    expect(validate(wide, FIELDS).map((p) => p.key)).toEqual(['tooMany'])
  })
})

describe('sentence', () => {
  const context = { fields: FIELDS, operators: OPERATORS, unitName: (id: unknown) => (id === 12 ? '江华区' : '') }

  it('reads as the page shows it', () => {
    expect(conditionSentence(sample(), context)).toBe('女 且 年龄 35–45 岁 且 （中共党员 或 近3年 考核优秀次数 至少 1）')
  })

  it('renders negation, lists, booleans, units, empty checks, periods and blanks', () => {
    const inner = newGroup('any', [leaf('party', 'in', ['中共党员', '民革党员']), leaf('sanction_in_effect', 'eq', false)])
    inner.negated = true
    const gender = leaf('gender', 'eq', '男')
    gender.negated = true
    const training = leaf('training_hours', 'ge', 40)
    const root = newGroup('all', [
      gender,
      leaf('unit', 'subtree', 12),
      inner,
      leaf('native_place', 'is_empty'),
      leaf('fulltext', 'contains', ' 党建 '),
      training,
      leaf('age', 'ge', ''),
    ])
    expect(conditionSentence(root, context)).toBe(
      '非（男） 且 工作单位 属于（含下级） 江华区 且 非（政治面貌 属于 中共党员、民革党员 或 处分影响期内：否） 且 籍贯 为空 且 全文 包含 “党建” 且 2026-01-01 至 2026-12-31 培训学时 大于等于 40 且 年龄 大于等于 ＿ 岁',
    )
  })

  it('says everyone for an empty condition and leaves one-row groups unbracketed', () => {
    expect(conditionSentence(newGroup(), context)).toBe('全部干部（无条件）')
    expect(conditionSentence(newGroup('all', [newGroup('any', [leaf('gender', 'eq', '女')])]), context)).toBe('女')
  })
})
