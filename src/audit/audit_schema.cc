#include "audit/audit_schema.h"

namespace xr::audit {

// Hashes and MACs are stored as lower-case hex text: one spelling on both engines, readable in
// a SQL console when someone investigates. `at` is fixed-width RFC 3339 compared bytewise, so
// time ranges are index ranges on PostgreSQL too. audit_head is the single row every append
// reads and rewrites: it serialises appenders on both engines and holds the O(log n) right edge
// of the tree (the frontier), so an append never reads old entries.
std::vector<store::Migration> Migrations() {
  return {
      {2026112820, "audit: full-process record (Merkle log, checkpoints)", R"sql(
CREATE TABLE audit_entries (
  idx BIGINT PRIMARY KEY,
  at TEXT {{BYTEWISE}} NOT NULL,
  actor TEXT NOT NULL,
  actor_id BIGINT NOT NULL,
  address TEXT NOT NULL,
  action TEXT {{BYTEWISE}} NOT NULL,
  object_type TEXT NOT NULL,
  object_id TEXT NOT NULL,
  details TEXT NOT NULL,
  leaf_hash TEXT NOT NULL,
  mac TEXT NOT NULL
);
CREATE INDEX audit_entries_object ON audit_entries(object_type, object_id, idx);
CREATE INDEX audit_entries_actor ON audit_entries(actor, idx);
CREATE INDEX audit_entries_action ON audit_entries(action, idx);
CREATE INDEX audit_entries_at ON audit_entries(at);
CREATE TABLE audit_head (
  id BIGINT PRIMARY KEY CHECK (id = 1),
  size BIGINT NOT NULL,
  frontier TEXT NOT NULL,
  root TEXT NOT NULL
);
INSERT INTO audit_head (id, size, frontier, root)
  VALUES (1, 0, '', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
CREATE TABLE audit_checkpoints (
  id {{IDENTITY}},
  size BIGINT NOT NULL,
  root TEXT NOT NULL,
  at TEXT NOT NULL,
  key_id TEXT NOT NULL,
  public_key TEXT NOT NULL,
  signature TEXT NOT NULL
);
CREATE INDEX audit_checkpoints_size ON audit_checkpoints(size);
)sql",
       ""},
  };
}

}  // namespace xr::audit
