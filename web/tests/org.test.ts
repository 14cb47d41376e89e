import { describe, it, expect } from 'vitest'
import { buildUnitTree, type Unit } from '../src/api/org'

const unit = (id: number, parent_id: number | null, sort_order: number, name = `u${id}`): Unit => ({
  id,
  parent_id,
  code: String(id).padStart(3, '0'),
  name,
  short_name: name,
  type: '机关',
  level: '正处',
  sort_order,
})

describe('buildUnitTree', () => {
  it('nests by parent_id and sorts siblings by sort_order', () => {
    const tree = buildUnitTree([
      unit(4, 1, 2),
      unit(1, null, 1),
      unit(3, 1, 1),
      unit(5, 3, 1),
      unit(2, null, 0),
    ])
    expect(tree.map((n) => n.id)).toEqual([2, 1])
    expect(tree[1].children.map((n) => n.id)).toEqual([3, 4])
    expect(tree[1].children[0].children.map((n) => n.id)).toEqual([5])
  })

  it('makes a unit whose parent is not listed a root', () => {
    const tree = buildUnitTree([unit(10, 99, 1), unit(11, 10, 1)])
    expect(tree.map((n) => n.id)).toEqual([10])
    expect(tree[0].children.map((n) => n.id)).toEqual([11])
  })
})
