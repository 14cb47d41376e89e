// Pure helpers of the 机构管理 tree: which drops the server would accept (they mirror its rules:
// no move into the unit's own subtree, nothing under or of an abolished unit, no new top-level
// units by dragging) and which call a drop becomes — a reorder among the same parent's children
// or a move to another parent at an index. Indexes and orders count live children only, as the
// server does.

export interface TreeUnit {
  id: number
  parent_id: number | null
  abolished?: boolean
  children: TreeUnit[]
}

export type DropType = 'prev' | 'inner' | 'next'

export type DropPlan =
  | { kind: 'reorder'; parentId: number; ids: number[] }
  | { kind: 'move'; unitId: number; parentId: number; index: number | null }

interface Located {
  node: TreeUnit
  parent: TreeUnit | null
}

export function findUnit(tree: TreeUnit[], id: number): Located | null {
  const walk = (nodes: TreeUnit[], parent: TreeUnit | null): Located | null => {
    for (const node of nodes) {
      if (node.id === id) return { node, parent }
      const found = walk(node.children, node)
      if (found) return found
    }
    return null
  }
  return walk(tree, null)
}

// Whether `id` is `ancestor` or lies below it.
export function isInSubtree(ancestor: TreeUnit, id: number): boolean {
  if (ancestor.id === id) return true
  return ancestor.children.some((child) => isInSubtree(child, id))
}

export function canDrag(unit: TreeUnit): boolean {
  return !unit.abolished
}

// The call a drop of `draggedId` relative to `targetId` becomes, or null when the server would
// refuse it (or it changes nothing the server stores).
export function planDrop(tree: TreeUnit[], draggedId: number, targetId: number, type: DropType): DropPlan | null {
  const dragged = findUnit(tree, draggedId)
  const target = findUnit(tree, targetId)
  if (!dragged || !target) return null
  if (dragged.node.abolished || isInSubtree(dragged.node, targetId)) return null
  if (type === 'inner') {
    if (target.node.abolished) return null
    return { kind: 'move', unitId: draggedId, parentId: targetId, index: null }
  }
  const parent = target.parent
  if (!parent || parent.abolished || target.node.abolished) return null
  const siblings = parent.children.filter((child) => !child.abolished && child.id !== draggedId)
  const at = siblings.findIndex((child) => child.id === targetId) + (type === 'next' ? 1 : 0)
  if (dragged.parent?.id === parent.id) {
    const ids = siblings.map((child) => child.id)
    ids.splice(at, 0, draggedId)
    const current = parent.children.filter((child) => !child.abolished).map((child) => child.id)
    if (ids.every((id, i) => id === current[i])) return null
    return { kind: 'reorder', parentId: parent.id, ids }
  }
  return { kind: 'move', unitId: draggedId, parentId: parent.id, index: at }
}

// el-tree's allow-drop: the same rules, with a drop that would change nothing allowed (it is a
// no-op, not an error).
export function allowDrop(tree: TreeUnit[], draggedId: number, targetId: number, type: DropType): boolean {
  if (draggedId === targetId) return false
  const dragged = findUnit(tree, draggedId)
  const target = findUnit(tree, targetId)
  if (!dragged || !target) return false
  if (type !== 'inner' && dragged.parent && target.parent && dragged.parent.id === target.parent.id) {
    return !dragged.node.abolished && !target.node.abolished
  }
  return planDrop(tree, draggedId, targetId, type) !== null
}

// A deep copy for el-tree, which rearranges the data it is given while dragging.
export function cloneTree<T extends TreeUnit>(tree: T[]): T[] {
  return tree.map((node) => ({ ...node, children: cloneTree(node.children as T[]) }))
}

// The children the server counts for indexes and orders.
export function liveChildren(unit: TreeUnit): TreeUnit[] {
  return unit.children.filter((child) => !child.abolished)
}
