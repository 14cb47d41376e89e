import { http } from './http'

export interface Unit {
  id: number
  parent_id: number | null
  code: string
  name: string
  short_name: string
  type: string
  level: string
  sort_order: number
}

export interface UnitNode extends Unit {
  children: UnitNode[]
}

export function fetchUnits(): Promise<{ items: Unit[]; total: number }> {
  return http.get('/api/units')
}

// Builds the unit tree from the flat list; siblings by sort_order, then code. A unit whose parent
// is not in the list (outside the caller's scope) becomes a root.
export function buildUnitTree(units: Unit[]): UnitNode[] {
  const nodes = new Map<number, UnitNode>()
  for (const unit of units) nodes.set(unit.id, { ...unit, children: [] })
  const roots: UnitNode[] = []
  for (const node of nodes.values()) {
    const parent = node.parent_id == null ? undefined : nodes.get(node.parent_id)
    if (parent && parent !== node) parent.children.push(node)
    else roots.push(node)
  }
  const order = (a: UnitNode, b: UnitNode) =>
    (a.sort_order ?? 0) - (b.sort_order ?? 0) || String(a.code).localeCompare(String(b.code))
  const sort = (list: UnitNode[]) => {
    list.sort(order)
    for (const item of list) sort(item.children)
  }
  sort(roots)
  return roots
}
