#include "access/role_schema.h"

namespace xr::access {

// The three separated administrator roles are built in; none of them has a data scope, so none
// sees a cadre dossier unless a security administrator grants another role.
std::vector<store::Migration> RoleMigrations() {
  return {
      {2026112804, "access: roles with permissions, data scope and clearance", R"sql(
CREATE TABLE roles (
  id {{IDENTITY}},
  name TEXT NOT NULL UNIQUE,
  label TEXT NOT NULL,
  permissions TEXT NOT NULL,
  scope TEXT,
  clearance TEXT NOT NULL,
  separated_admin INTEGER NOT NULL DEFAULT 0,
  builtin INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
INSERT INTO roles (name, label, permissions, scope, clearance, separated_admin, builtin, created_at) VALUES
  ('sysadmin', '系统管理员', 'user.manage,org.read,org.write', NULL, 'public', 1, 1, '2026-11-28T00:00:00.000000Z'),
  ('secadmin', '安全保密管理员', 'role.manage,session.manage,login_log.read', NULL, 'public', 1, 1, '2026-11-28T00:00:00.000000Z'),
  ('auditadmin', '安全审计员', 'audit.read,login_log.read', NULL, 'public', 1, 1, '2026-11-28T00:00:00.000000Z');
ALTER TABLE users ADD COLUMN cadre_id BIGINT;
)sql",
       ""},
  };
}

}  // namespace xr::access
