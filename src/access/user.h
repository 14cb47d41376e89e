#pragma once
// Users of the system and the rules a new account must satisfy.

#include <optional>
#include <string>
#include <vector>

#include "access/actor.h"
#include "access/role.h"
#include "base/status.h"
#include "base/timestamp.h"

namespace xr::access {

struct User {
  UserId id;
  std::string username;
  std::string display_name;
  std::vector<std::string> roles;  // role names
  std::vector<Role> grants;        // the same roles' definitions, when loaded
  // The user's unit (users.unit_id → units): its id, and its current code and name.
  std::optional<std::int64_t> unit_id;
  std::optional<std::string> unit_code;
  std::optional<std::string> unit_name;
  std::optional<std::int64_t> cadre_id;  // the user's own cadre record, if linked
  bool disabled = false;
  bool totp_enabled = false;  // the second factor is enrolled (never the secret)
  base::Timestamp created_at;
};

struct NewUser {
  std::string username;
  std::string display_name;  // defaults to the username when empty
  std::string password;
  std::vector<std::string> roles;
  // The unit, by code (CLI, older clients) or by id (the web form's unit picker); at most one.
  std::optional<std::string> unit_code;
  // The password was chosen by an administrator, so the user must replace it at first sign-in
  // (等保: 初始口令强制修改). Only `xuanren demo` (and tests) turn this off.
  bool must_change_password = true;
  std::optional<std::int64_t> unit_id{};
};

// Which unit an account belongs to, as a change names it: by id, by code, or none (both empty).
struct UnitChoice {
  std::optional<std::int64_t> id;
  std::optional<std::string> code;
};

// An edit of an existing account (PATCH /api/users/{id}, `xuanren user set`). Absent fields stay
// as they are.
struct UserChange {
  std::optional<std::string> display_name;
  std::optional<UnitChoice> unit;
  std::optional<std::vector<std::string>> roles;
  std::optional<bool> disabled;

  bool empty() const { return !display_name && !unit && !roles && !disabled; }
};

// Pure checks of a change, the same rules as for a new account: display name of 1–32
// characters, at least one role, each listed once. InvalidArgument naming the field; also
// when nothing is to change (field "body").
base::Status ValidateUserChange(const UserChange& change);

// What an administrator may not do to their own account (they cannot edit themselves into more
// power, nor lock themselves out): change their roles, unit or enabled state. PermissionDenied
// naming the field; Ok when `actor` is not `target` or only the display name changes.
base::Status CheckSelfChange(const Actor& actor, UserId target, const UserChange& change);
// Nor reset their own password or second factor through administration (they use 修改密码 and
// their own 动态口令 page). PermissionDenied when `actor` is `target`.
base::Status CheckNotSelfReset(const Actor& actor, UserId target);

// Pure checks of a new account: username of 3–32 characters (lower-case letters, digits, '_',
// '.', '-', starting with a letter); display name of at most 32 characters; at least one role,
// each listed once; the password policy. InvalidArgument naming the field on the first
// violation. (Whether the roles exist, and 三员分立, are checked against the stored roles.)
base::Status ValidateNewUser(const NewUser& user);

Actor ActorFor(const User& user);

}  // namespace xr::access
