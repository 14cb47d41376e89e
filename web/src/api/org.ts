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

// 机构管理 (docs/api.md). Reads need org.read, changes org.write; the server checks every call.

export const UNIT_TYPES = [
  '行政区',
  '党委',
  '人大',
  '政府',
  '政协',
  '纪委监委',
  '法院',
  '检察院',
  '群团',
  '事业单位',
  '国有企业',
  '乡镇街道',
  '内设机构',
] as const
export const UNIT_LEVELS = ['省级', '市级', '县级', '乡级'] as const

// Fields the server adds for 机构管理 (GET /api/units always sends them).
export interface UnitState {
  abolished?: boolean
  abolished_on?: string | null
  abolish_reason?: string
}

export type ManagedUnitNode = UnitNode & UnitState & { children: ManagedUnitNode[] }

export interface Position {
  id: number
  unit_id: number
  name: string
  headcount: number
  sort_order: number
}

export interface UnitDetails extends Unit, UnitState {
  positions: Position[]
}

export interface FieldChange {
  field: string
  old: string
  new: string
}

export interface HistoryEntry {
  id: number
  unit_id: number
  at: string
  actor: string
  actor_name: string
  action: string
  changes: FieldChange[]
}

export interface NewUnit {
  parent_id: number | null
  code: string
  name: string
  short_name?: string
  type: string
  level: string
}

export type UnitPatch = Partial<Pick<Unit, 'name' | 'short_name' | 'type' | 'level'>>

export function fetchUnitTree(includeAbolished: boolean): Promise<{ items: ManagedUnitNode[]; total: number }> {
  return http.get('/api/units', { query: { include_abolished: includeAbolished ? 1 : null } })
}

export function fetchUnit(id: number): Promise<UnitDetails> {
  return http.get(`/api/units/${id}`)
}

export function createUnit(unit: NewUnit): Promise<Unit> {
  return http.post('/api/units', unit, { silent: true })
}

export function updateUnit(id: number, patch: UnitPatch): Promise<Unit> {
  return http.patch(`/api/units/${id}`, patch, { silent: true })
}

// index: the 0-based position among the new parent's live children; null = last.
export function moveUnit(id: number, parentId: number | null, index: number | null): Promise<Unit> {
  return http.post(`/api/units/${id}/move`, index === null ? { parent_id: parentId } : { parent_id: parentId, index })
}

export function reorderChildren(parentId: number, ids: number[]): Promise<void> {
  return http.put(`/api/units/${parentId}/children-order`, { ids })
}

export function abolishUnit(id: number, date: string, reason: string): Promise<Unit> {
  return http.post(`/api/units/${id}/abolish`, { date, reason }, { silent: true })
}

export function fetchUnitHistory(id: number): Promise<{ items: HistoryEntry[]; total: number }> {
  return http.get(`/api/units/${id}/history`)
}

export function createPosition(
  unitId: number,
  position: { name: string; headcount: number; sort_order: number },
): Promise<Position> {
  return http.post(`/api/units/${unitId}/positions`, position, { silent: true })
}

export function updatePosition(
  id: number,
  patch: Partial<Pick<Position, 'name' | 'headcount' | 'sort_order'>>,
): Promise<Position> {
  return http.patch(`/api/positions/${id}`, patch, { silent: true })
}

export function deletePosition(id: number): Promise<void> {
  return http.delete(`/api/positions/${id}`)
}
