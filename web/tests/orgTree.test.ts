import { describe, it, expect } from 'vitest'
import { allowDrop, cloneTree, planDrop, type DropType, type TreeUnit } from '../src/views/org/orgTree'

// 江华市(1) ─ 市政府(2) ─ 财政局(5) ─ 办公室(9)
//           │           ├ 教育局(6)
//           │           └ 旧局(7, 撤销)
//           │           └ 公安局(8)
//           └ 市委(3) ─ 组织部(4)
function unit(id: number, parent: number | null, children: TreeUnit[] = [], abolished = false): TreeUnit {
  return { id, parent_id: parent, children, abolished }
}
const tree = (): TreeUnit[] => [
  unit(1, null, [
    unit(2, 1, [unit(5, 2, [unit(9, 5)]), unit(6, 2), unit(7, 2, [], true), unit(8, 2)]),
    unit(3, 1, [unit(4, 3)]),
  ]),
]

describe('planDrop', () => {
  const cases: [string, number, number, DropType, ReturnType<typeof planDrop>][] = [
    ['into another unit goes last', 5, 3, 'inner', { kind: 'move', unitId: 5, parentId: 3, index: null }],
    ['before a unit of another parent', 5, 4, 'prev', { kind: 'move', unitId: 5, parentId: 3, index: 0 }],
    ['after a unit of another parent', 5, 4, 'next', { kind: 'move', unitId: 5, parentId: 3, index: 1 }],
    ['up two levels, after 市政府', 9, 2, 'next', { kind: 'move', unitId: 9, parentId: 1, index: 1 }],
    ['among siblings: last to first', 8, 5, 'prev', { kind: 'reorder', parentId: 2, ids: [8, 5, 6] }],
    ['among siblings: first after second', 5, 6, 'next', { kind: 'reorder', parentId: 2, ids: [6, 5, 8] }],
    // An abolished sibling is not counted: after 旧局 is after 教育局 among the live ones.
    ['index skips abolished siblings', 4, 8, 'prev', { kind: 'move', unitId: 4, parentId: 2, index: 2 }],
    ['into its own child', 2, 5, 'inner', null],
    ['into its grandchild', 2, 9, 'inner', null],
    ['next to its own child', 2, 5, 'next', null],
    ['onto itself', 5, 5, 'inner', null],
    ['into an abolished unit', 5, 7, 'inner', null],
    ['next to an abolished unit', 4, 7, 'next', null],
    ['an abolished unit', 7, 3, 'inner', null],
    ['to the top level', 5, 1, 'prev', null],
    ['where it already is', 5, 6, 'prev', null],
  ]
  for (const [what, dragged, target, type, expected] of cases) {
    it(what, () => {
      expect(planDrop(tree(), dragged, target, type)).toEqual(expected)
    })
  }
})

describe('allowDrop', () => {
  it('follows planDrop, and lets a unit be dropped back where it was', () => {
    expect(allowDrop(tree(), 5, 3, 'inner')).toBe(true)
    expect(allowDrop(tree(), 2, 9, 'inner')).toBe(false)
    expect(allowDrop(tree(), 5, 6, 'prev')).toBe(true)
    expect(allowDrop(tree(), 5, 5, 'next')).toBe(false)
    expect(allowDrop(tree(), 5, 1, 'next')).toBe(false)
    expect(allowDrop(tree(), 6, 7, 'next')).toBe(false)
  })
})

describe('cloneTree', () => {
  it('copies every level, so that dragging in el-tree leaves the server data alone', () => {
    const original = tree()
    const copy = cloneTree(original)
    copy[0].children[0].children.pop()
    copy[0].children[0].children[0].children.push(unit(99, 5))
    expect(original[0].children[0].children.map((u) => u.id)).toEqual([5, 6, 7, 8])
    expect(original[0].children[0].children[0].children.map((u) => u.id)).toEqual([9])
  })
})
