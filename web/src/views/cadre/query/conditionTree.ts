// The 组合查询 condition as the builder edits it, and its JSON form (docs/api.md "Compound query").
//
// The builder's tree: a root group; each group is AND (all) or OR (any), may be negated (取反),
// and holds condition rows (leaves) and nested groups. Every node has an id for Vue's keys and
// for putting the server's errors on the row they name. Pure: no Vue, no I/O.
import type { ConditionNode, FieldType, Operator, QueryField } from '../../../api/query'

export interface LeafNode {
  kind: 'leaf'
  id: number
  negated: boolean
  field: string
  op: string
  value: unknown
  params: Record<string, unknown>
}

export interface GroupNode {
  kind: 'group'
  id: number
  negated: boolean
  mode: 'all' | 'any'
  children: EditNode[]
}

export type EditNode = LeafNode | GroupNode

export const MAX_DEPTH = 8
export const MAX_LEAVES = 100

let nextId = 1
function newId(): number {
  return nextId++
}

export function newGroup(mode: 'all' | 'any' = 'all', children: EditNode[] = []): GroupNode {
  return { kind: 'group', id: newId(), negated: false, mode, children }
}

export function newLeaf(field?: QueryField): LeafNode {
  const leaf: LeafNode = { kind: 'leaf', id: newId(), negated: false, field: '', op: '', value: null, params: {} }
  if (field) setField(leaf, field)
  return leaf
}

// Operators that take no value.
export const NO_VALUE_OPS: readonly string[] = ['is_empty', 'not_empty']
// Operators that take a list of values.
export const LIST_OPS: readonly string[] = ['in', 'not_in']

// The value a row starts with for this field and operator.
export function defaultValue(field: QueryField, op: string): unknown {
  if (NO_VALUE_OPS.includes(op)) return null
  if (LIST_OPS.includes(op)) return []
  if (op === 'between') return [null, null]
  if (field.type === 'boolean') return true
  if (op === 'at_least') return 1
  if (field.type === 'number') return null
  if (field.type === 'unit') return null
  return ''
}

export function defaultParams(field: QueryField): Record<string, unknown> {
  const params: Record<string, unknown> = {}
  for (const param of field.params ?? []) params[param.name] = param.default ?? null
  return params
}

// Picks a field for a row: its first operator (eq when offered), a fresh value and params.
export function setField(leaf: LeafNode, field: QueryField) {
  leaf.field = field.field
  leaf.op = preferredOp(field)
  leaf.value = defaultValue(field, leaf.op)
  leaf.params = defaultParams(field)
}

function preferredOp(field: QueryField): string {
  // A unit with everything under it, "at least k times", a substring: what one means most often.
  const order: Operator[] = ['subtree', 'at_least', 'contains', 'eq', 'between', 'in']
  for (const op of order) if (field.ops.includes(op)) return op
  return field.ops[0] ?? 'eq'
}

// Changes a row's operator, keeping what of the value still fits.
export function setOp(leaf: LeafNode, field: QueryField, op: string) {
  const before = leaf.value
  leaf.op = op
  const fresh = defaultValue(field, op)
  if (Array.isArray(fresh) && op === 'between') {
    leaf.value = Array.isArray(before) ? [before[0] ?? null, before[1] ?? null] : [isBlank(before) ? null : before, null]
  } else if (Array.isArray(fresh)) {
    leaf.value = Array.isArray(before) ? before.filter((v) => !isBlank(v)) : isBlank(before) ? [] : [before]
  } else if (fresh === null && NO_VALUE_OPS.includes(op)) {
    leaf.value = null
  } else if (Array.isArray(before)) {
    leaf.value = isBlank(before[0]) ? fresh : before[0]
  } else {
    leaf.value = isBlank(before) ? fresh : before
  }
}

export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '')
}

// ── tree ↔ JSON ───────────────────────────────────────────────────────────────────────────────

function leafJson(leaf: LeafNode): ConditionNode {
  const node: { field: string; op: string; value?: unknown; params?: Record<string, unknown> } = {
    field: leaf.field,
    op: leaf.op,
  }
  if (!NO_VALUE_OPS.includes(leaf.op)) {
    node.value = typeof leaf.value === 'string' ? leaf.value.trim() : leaf.value
  }
  // Parameters left blank are left out: the server takes the catalogue's defaults.
  const params = Object.fromEntries(Object.entries(leaf.params).filter(([, value]) => !isBlank(value)))
  if (Object.keys(params).length) node.params = params
  return node
}

// The JSON condition; `paths` (when given) receives each node's path as the server names it in
// errors ("condition", "condition.all[2]", "condition.any[0].not.value"…).
export function toJson(node: EditNode, paths?: Map<number, string>, path = 'condition'): ConditionNode {
  const inner = node.negated ? `${path}.not` : path
  paths?.set(node.id, inner)
  let json: ConditionNode
  if (node.kind === 'leaf') {
    json = leafJson(node)
  } else {
    const children = node.children.map((child, index) => toJson(child, paths, `${inner}.${node.mode}[${index}]`))
    json = node.mode === 'all' ? { all: children } : { any: children }
  }
  return node.negated ? { not: json } : json
}

export class ConditionFormatError extends Error {}

// The builder's tree of a JSON condition (a saved query). The root is always a group; a leaf or a
// negated node at the top is wrapped in an AND group. Throws ConditionFormatError on malformed input.
export function fromJson(json: unknown): GroupNode {
  const node = parseNode(json, 0)
  if (node.kind === 'group') return node
  return newGroup('all', [node])
}

function parseNode(json: unknown, depth: number): EditNode {
  if (depth > MAX_DEPTH * 2) throw new ConditionFormatError('too deep')
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ConditionFormatError('not an object')
  const object = json as Record<string, unknown>
  if ('not' in object) {
    const inner = parseNode(object.not, depth + 1)
    inner.negated = !inner.negated
    return inner
  }
  for (const mode of ['all', 'any'] as const) {
    if (mode in object) {
      const list = object[mode]
      if (!Array.isArray(list)) throw new ConditionFormatError(`${mode} is not a list`)
      return newGroup(
        mode,
        list.map((child) => parseNode(child, depth + 1)),
      )
    }
  }
  if (typeof object.field === 'string' && typeof object.op === 'string') {
    const params = object.params
    return {
      kind: 'leaf',
      id: newId(),
      negated: false,
      field: object.field,
      op: object.op,
      value: 'value' in object ? cloneValue(object.value) : null,
      params: typeof params === 'object' && params !== null && !Array.isArray(params) ? { ...(params as Record<string, unknown>) } : {},
    }
  }
  throw new ConditionFormatError('neither a group nor a condition')
}

function cloneValue(value: unknown): unknown {
  return Array.isArray(value) ? [...value] : value
}

// ── tree edits ────────────────────────────────────────────────────────────────────────────────

export function findParent(root: GroupNode, id: number): GroupNode | null {
  for (const child of root.children) {
    if (child.id === id) return root
    if (child.kind === 'group') {
      const found = findParent(child, id)
      if (found) return found
    }
  }
  return null
}

export function removeNode(root: GroupNode, id: number): boolean {
  const parent = findParent(root, id)
  if (!parent) return false
  parent.children = parent.children.filter((child) => child.id !== id)
  return true
}

export function countLeaves(node: EditNode): number {
  return node.kind === 'leaf' ? 1 : node.children.reduce((sum, child) => sum + countLeaves(child), 0)
}

// Levels of groups: the root alone is 1.
export function depthOf(node: EditNode): number {
  if (node.kind === 'leaf') return 0
  return 1 + Math.max(0, ...node.children.map(depthOf))
}

// The depth of the group with this id (root 1), or 0 when absent.
export function groupLevel(root: GroupNode, id: number, level = 1): number {
  if (root.id === id) return level
  for (const child of root.children) {
    if (child.kind === 'group') {
      const found = groupLevel(child, id, level + 1)
      if (found) return found
    }
  }
  return 0
}

export function leaves(node: EditNode): LeafNode[] {
  return node.kind === 'leaf' ? [node] : node.children.flatMap(leaves)
}

// ── validation ────────────────────────────────────────────────────────────────────────────────

// A problem on one node: an i18n key under `query.invalid` and its parameters.
export interface NodeProblem {
  id: number
  key: string
  params?: Record<string, unknown>
}

function isNumberLike(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value)
  return typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))
}

function checkScalar(type: FieldType, value: unknown): string | null {
  if (isBlank(value)) return 'valueRequired'
  if (type === 'number' && !isNumberLike(value)) return 'notNumber'
  if (type === 'month' && !/^\d{4}-\d{2}$/.test(String(value))) return 'notMonth'
  if (type === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(String(value))) return 'notDate'
  return null
}

// Whether a range's bounds are the wrong way round (a rank range is the server's to read: either
// end of the ladder may come first).
function compareValues(type: FieldType, a: unknown, b: unknown): number {
  if (type === 'number') return Number(a) - Number(b)
  if (type === 'rank') return 0
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0
}

// Problems the server would refuse, found before sending. Leaves the root group empty alone
// (`{"all": []}` is everyone); a nested empty group is a problem.
export function validate(root: GroupNode, fields: readonly QueryField[]): NodeProblem[] {
  const byKey = new Map(fields.map((field) => [field.field, field]))
  const problems: NodeProblem[] = []
  const total = countLeaves(root)
  if (total > MAX_LEAVES) problems.push({ id: root.id, key: 'tooMany', params: { max: MAX_LEAVES } })
  if (depthOf(root) > MAX_DEPTH) problems.push({ id: root.id, key: 'tooDeep', params: { max: MAX_DEPTH } })
  const walk = (node: EditNode, isRoot: boolean) => {
    if (node.kind === 'group') {
      if (!isRoot && node.children.length === 0) problems.push({ id: node.id, key: 'emptyGroup' })
      node.children.forEach((child) => walk(child, false))
      return
    }
    const field = byKey.get(node.field)
    if (!field) {
      problems.push({ id: node.id, key: node.field ? 'unknownField' : 'fieldRequired' })
      return
    }
    if (!field.ops.includes(node.op as Operator)) {
      problems.push({ id: node.id, key: 'opRequired' })
      return
    }
    for (const param of field.params ?? []) {
      const value = node.params[param.name]
      if (param.type === 'number' && !isBlank(value) && !isNumberLike(value)) {
        problems.push({ id: node.id, key: 'paramInvalid', params: { label: param.label } })
        return
      }
    }
    if (NO_VALUE_OPS.includes(node.op)) return
    const value = node.value
    if (node.op === 'between') {
      if (!Array.isArray(value) || value.length !== 2) {
        problems.push({ id: node.id, key: 'rangeRequired' })
        return
      }
      for (const bound of value) {
        const problem = checkScalar(field.type, bound)
        if (problem) {
          problems.push({ id: node.id, key: problem === 'valueRequired' ? 'rangeRequired' : problem })
          return
        }
      }
      if (compareValues(field.type, value[0], value[1]) > 0) {
        problems.push({ id: node.id, key: 'rangeOrder' })
      }
      return
    }
    if (LIST_OPS.includes(node.op)) {
      if (!Array.isArray(value) || value.length === 0) problems.push({ id: node.id, key: 'listRequired' })
      return
    }
    if (field.type === 'boolean') {
      if (typeof value !== 'boolean') problems.push({ id: node.id, key: 'valueRequired' })
      return
    }
    if (field.type === 'unit') {
      if (isBlank(value)) problems.push({ id: node.id, key: 'valueRequired' })
      return
    }
    if (node.op === 'at_least') {
      if (!isNumberLike(value) || Number(value) < 0) problems.push({ id: node.id, key: 'notNumber' })
      return
    }
    const problem = checkScalar(field.type === 'fulltext' ? 'text' : field.type, value)
    if (problem) {
      problems.push({ id: node.id, key: problem })
      return
    }
    if (field.type === 'fulltext' && String(value).trim().length < 2) {
      problems.push({ id: node.id, key: 'fulltextShort' })
    }
  }
  walk(root, true)
  return problems
}

// The node a server error names: the deepest node whose path is the error field or a prefix of it
// ("condition.all[2].value" → the row at all[2]). `paths` as filled by toJson.
export function nodeForErrorField(paths: Map<number, string>, errorField: string | undefined): number | null {
  if (!errorField) return null
  let best: number | null = null
  let bestLength = -1
  for (const [id, path] of paths) {
    const matches =
      errorField === path || errorField.startsWith(`${path}.`) || errorField.startsWith(`${path}[`)
    if (matches && path.length > bestLength) {
      best = id
      bestLength = path.length
    }
  }
  return best
}

// Numbers typed into text inputs go to the server as numbers.
export function normalizeForField(json: ConditionNode, fields: readonly QueryField[]): ConditionNode {
  const byKey = new Map(fields.map((field) => [field.field, field]))
  const walk = (node: ConditionNode): ConditionNode => {
    if ('all' in node) return { all: node.all.map(walk) }
    if ('any' in node) return { any: node.any.map(walk) }
    if ('not' in node) return { not: walk(node.not) }
    const field = byKey.get(node.field)
    const out = { ...node }
    const asNumber = (v: unknown) => (isNumberLike(v) ? Number(v) : v)
    if (field && (field.type === 'number' || node.op === 'at_least') && 'value' in out) {
      out.value = Array.isArray(out.value) ? out.value.map(asNumber) : asNumber(out.value)
    }
    if (field && field.type === 'unit' && 'value' in out) out.value = asNumber(out.value)
    if (field && out.params) {
      const params = { ...out.params }
      for (const param of field.params ?? []) {
        if (param.type === 'number' && param.name in params) params[param.name] = asNumber(params[param.name])
      }
      out.params = params
    }
    return out
  }
  return walk(json)
}
