#include "access/access_schema.h"

namespace xr::access {

std::vector<store::Migration> Migrations() {
  return {
      {2026112701, "access: users, roles, sessions", R"sql(
CREATE TABLE users (
  id {{IDENTITY}},
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  unit_code TEXT,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE TABLE user_roles (
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  PRIMARY KEY (user_id, role)
);
CREATE TABLE sessions (
  id {{IDENTITY}},
  token_digest TEXT NOT NULL UNIQUE,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf TEXT NOT NULL,
  remote_address TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
)sql",
       ""},
      // password_changed_at NULL = never changed since the account was created (created_at
      // counts). totp_secret is the base32 secret, pending until totp_enabled = 1.
      {2026112810, "access: login log, lockout, password expiry, TOTP, session user agent", R"sql(
ALTER TABLE users ADD COLUMN password_changed_at TEXT;
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_enabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
CREATE TABLE login_log (
  id {{IDENTITY}},
  at TEXT {{BYTEWISE}} NOT NULL,
  username TEXT {{BYTEWISE}} NOT NULL,
  user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
  remote_address TEXT {{BYTEWISE}} NOT NULL,
  result TEXT NOT NULL,
  user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX login_log_username_at ON login_log(username, at);
CREATE INDEX login_log_address_at ON login_log(remote_address, at);
CREATE INDEX login_log_at ON login_log(at);
)sql",
       ""},
      // The user's unit becomes a reference to units(id) (the code was text, checked only at
      // creation, so nothing kept it pointing at a unit); existing codes are carried over.
      // lockout_cleared_at: an administrator's password reset; earlier failures stop counting.
      {2026112860, "access: users.unit_id references units; lockout cleared by a reset", R"sql(
ALTER TABLE users ADD COLUMN unit_id BIGINT REFERENCES units(id);
UPDATE users SET unit_id = (SELECT un.id FROM units un WHERE un.code = users.unit_code);
ALTER TABLE users DROP COLUMN unit_code;
CREATE INDEX users_unit ON users(unit_id);
ALTER TABLE users ADD COLUMN lockout_cleared_at TEXT;
)sql",
       ""},
  };
}

}  // namespace xr::access
