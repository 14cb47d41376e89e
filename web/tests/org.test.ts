import { describe, it, expect } from 'vitest'
import { flattenUnits, type UnitNode } from '../src/api/org'

const node = (id: number, parent_id: number | null, children: UnitNode[] = []): UnitNode => ({
  id,
  parent_id,
  code: String(id).padStart(3, '0'),
  name: `u${id}`,
  short_name: `u${id}`,
  type: '党委',
  level: '市级',
  sort_order: 0,
  children,
})

describe('flattenUnits', () => {
  it('lists every unit of the nested tree, parents before children, in tree order', () => {
    const tree = [node(2, null), node(1, null, [node(3, 1, [node(5, 3)]), node(4, 1)])]
    expect(flattenUnits(tree).map((u) => u.id)).toEqual([2, 1, 3, 5, 4])
  })

  it('is empty for an empty tree', () => {
    expect(flattenUnits([])).toEqual([])
  })
})
