// 组合查询 and saved queries (docs/api.md "Compound query"). Every result lies inside the caller's
// data scope; the server checks cadre.read on every call.
import { http } from './http'
import type { CadreListItem } from './cadre'

export type FieldType = 'text' | 'number' | 'month' | 'date' | 'enum' | 'unit' | 'rank' | 'boolean' | 'fulltext'

export type Operator =
  | 'eq'
  | 'ne'
  | 'in'
  | 'not_in'
  | 'lt'
  | 'le'
  | 'gt'
  | 'ge'
  | 'between'
  | 'contains'
  | 'starts_with'
  | 'is_empty'
  | 'not_empty'
  | 'subtree'
  | 'at_least'

export interface FieldParam {
  name: string
  label: string
  type: 'number' | 'date' | 'month' | 'text'
  default: unknown
}

export interface QueryField {
  field: string
  label: string
  group: string
  type: FieldType
  ops: Operator[]
  options: string[] | null
  dictionary: string | null
  unit: string | null
  params: FieldParam[] | null
}

export interface QueryFields {
  fields: QueryField[]
  operators: Record<string, string>
}

// The condition as the server takes it.
export type ConditionNode =
  | { all: ConditionNode[] }
  | { any: ConditionNode[] }
  | { not: ConditionNode }
  | { field: string; op: string; value?: unknown; params?: Record<string, unknown> }

export type QuerySort = 'position' | 'stroke' | 'age' | 'post_start' | 'name'

export interface QueryRequest {
  condition: ConditionNode
  reference_date?: string
  page: number
  page_size: number
  sort?: QuerySort
  order?: 'asc' | 'desc'
}

export function fetchQueryFields(): Promise<QueryFields> {
  return http.get('/api/cadres/query/fields')
}

// Errors are left to the page: it puts them on the condition row the error's field names.
export function runQuery(body: QueryRequest): Promise<{ items: CadreListItem[]; total: number; page: number; page_size: number }> {
  return http.post('/api/cadres/query', body, { silent: true })
}

export interface SavedQuery {
  id: number
  name: string
  condition: ConditionNode
  shared: boolean
  owner: string
  mine: boolean
  updated_at: string
}

export interface SavedQueryInput {
  name: string
  condition: ConditionNode
  shared: boolean
}

export function listSavedQueries(): Promise<{ items: SavedQuery[] }> {
  return http.get('/api/saved-queries')
}

export function createSavedQuery(body: SavedQueryInput): Promise<SavedQuery> {
  return http.post('/api/saved-queries', body, { silent: true })
}

export function updateSavedQuery(id: number, body: SavedQueryInput): Promise<SavedQuery> {
  return http.put(`/api/saved-queries/${encodeURIComponent(String(id))}`, body, { silent: true })
}

export function deleteSavedQuery(id: number): Promise<void> {
  return http.delete(`/api/saved-queries/${encodeURIComponent(String(id))}`)
}
