#include "crypto/crypto_schema.h"

namespace xr::crypto {

std::vector<store::Migration> Migrations() {
  return {
      // One data key per scope ("unit:<managing unit id>" or "none"), stored only wrapped by the
      // master key (which never enters the database).
      {2026112830, "crypto: wrapped data keys per 管理权限", R"sql(
CREATE TABLE data_keys (
  id {{IDENTITY}},
  scope TEXT {{BYTEWISE}} NOT NULL UNIQUE,
  wrapped TEXT NOT NULL
);
)sql",
       ""},
      // Data-key rotation (rotation.h): one row per scope whose old key is being replaced, with
      // the durable cursor that lets an interrupted run resume: the sealed column being scanned
      // ("table.column", '' = the first of kSealedColumns) and the last row id re-encrypted.
      // At most one unfinished rotation per scope. A key's cipher travels inside its
      // authenticated wrapping (sealed.h), not in a column an attacker could edit.
      {2026112850, "crypto: resumable data-key rotations", R"sql(
CREATE TABLE key_rotations (
  id {{IDENTITY}},
  scope TEXT {{BYTEWISE}} NOT NULL,
  old_key_id BIGINT NOT NULL,
  new_key_id BIGINT NOT NULL,
  cipher TEXT NOT NULL CHECK (cipher IN ('xchacha20', 'sm4')),
  total BIGINT NOT NULL,
  done BIGINT NOT NULL DEFAULT 0,
  cursor_column TEXT NOT NULL DEFAULT '',
  cursor_id BIGINT NOT NULL DEFAULT 0,
  started_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE UNIQUE INDEX key_rotations_open_scope ON key_rotations (scope) WHERE finished_at IS NULL;
)sql",
       ""},
  };
}

}  // namespace xr::crypto
