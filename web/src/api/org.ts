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

// The server sends the tree: the roots in `items`, each with its `children` nested and siblings in
// official order; `total` counts every unit.
export function fetchUnits(): Promise<{ items: UnitNode[]; total: number }> {
  return http.get('/api/units')
}

// Every unit of the tree, parents before children.
export function flattenUnits(tree: UnitNode[]): Unit[] {
  const out: Unit[] = []
  const walk = (nodes: UnitNode[]) => {
    for (const node of nodes) {
      out.push(node)
      walk(node.children)
    }
  }
  walk(tree)
  return out
}
