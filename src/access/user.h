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
  std::optional<std::string> unit_code;
  std::optional<std::int64_t> cadre_id;  // the user's own cadre record, if linked
  bool disabled = false;
  base::Timestamp created_at;
};

struct NewUser {
  std::string username;
  std::string display_name;  // defaults to the username when empty
  std::string password;
  std::vector<std::string> roles;
  std::optional<std::string> unit_code;
  // The password was chosen by an administrator, so the user must replace it at first sign-in
  // (等保: 初始口令强制修改). Only `xuanren demo` (and tests) turn this off.
  bool must_change_password = true;
};

// Pure checks of a new account: username of 3–32 characters (lower-case letters, digits, '_',
// '.', '-', starting with a letter); display name of at most 32 characters; at least one role,
// each listed once; the password policy. InvalidArgument naming the field on the first
// violation. (Whether the roles exist, and 三员分立, are checked against the stored roles.)
base::Status ValidateNewUser(const NewUser& user);

Actor ActorFor(const User& user);

}  // namespace xr::access
