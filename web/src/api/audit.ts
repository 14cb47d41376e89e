// The full-process record (全程记实): GET /api/audit/… (docs/api.md). Reading entries, proofs and
// timelines needs the 安全审计员 role (auditadmin) or the audit.read permission; the server
// answers 403 otherwise.
import { http } from './http'

export interface AuditDetail {
  key: string
  value: string
}

export interface AuditEntry {
  index: number
  at: string
  actor: string
  actor_id: number | null
  address: string
  action: string
  object_type: string
  object_id: string
  details: AuditDetail[]
}

export interface Checkpoint {
  size: number
  root: string
  time: string
  key_id: string
  public_key: string
  signature: string
  // The exportable text form, for anchoring outside the system.
  text: string
}

export interface InclusionProof {
  index: number
  tree_size: number
  leaf_hash: string
  root: string
  proof: string[]
  entry: AuditEntry
}

export interface ConsistencyProof {
  first: number
  second: number
  first_root: string
  second_root: string
  proof: string[]
}

export interface AuditQuery {
  actor?: string
  action?: string
  object_type?: string
  object_id?: string
  from?: string
  to?: string
  page: number
  page_size: number
}

// Errors are thrown to the caller, which shows a 403 as a page of its own.
const quiet = { silent: true }

export function searchEntries(query: AuditQuery): Promise<{ items: AuditEntry[]; total: number }> {
  return http.get('/api/audit/entries', {
    ...quiet,
    query: {
      actor: query.actor?.trim() || undefined,
      action: query.action?.trim() || undefined,
      object_type: query.object_type?.trim() || undefined,
      object_id: query.object_id?.trim() || undefined,
      from: query.from || undefined,
      to: query.to || undefined,
      page: query.page,
      page_size: query.page_size,
    },
  })
}

export function fetchCheckpoint(): Promise<Checkpoint> {
  return http.get('/api/audit/checkpoint', quiet)
}

export function fetchInclusionProof(index: number, treeSize?: number): Promise<InclusionProof> {
  return http.get(`/api/audit/entries/${encodeURIComponent(String(index))}/proof`, {
    ...quiet,
    query: { tree_size: treeSize },
  })
}

export function fetchConsistency(first: number, second: number): Promise<ConsistencyProof> {
  return http.get('/api/audit/consistency', { ...quiet, query: { first, second } })
}

export function fetchTimeline(
  objectType: string,
  objectId: string,
): Promise<{ items: AuditEntry[]; total: number }> {
  return http.get('/api/audit/timeline', {
    ...quiet,
    query: { object_type: objectType.trim(), object_id: objectId.trim() },
  })
}

export const AUDIT_ROLE = 'auditadmin'
export const AUDIT_PERMISSION = 'audit.read'

// Whether the signed-in user may read the record: the permission list when GET /api/me gives
// one, the 安全审计员 role otherwise (the server decides in the end and answers 403).
export function canReadAudit(
  user: { roles?: readonly string[] | null; permissions?: readonly string[] | null } | null | undefined,
): boolean {
  if (!user) return false
  if (Array.isArray(user.permissions) && user.permissions.includes(AUDIT_PERMISSION)) return true
  return Array.isArray(user.roles) && user.roles.includes(AUDIT_ROLE)
}
