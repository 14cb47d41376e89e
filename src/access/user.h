#pragma once
// Users of the system and the rules a new account must satisfy.

#include <optional>
#include <string>
#include <vector>

#include "access/actor.h"
#include "base/status.h"
#include "base/timestamp.h"

namespace xr::access {

struct User {
  UserId id;
  std::string username;
  std::string display_name;
  std::vector<std::string> roles;
  std::optional<std::string> unit_code;
  bool disabled = false;
  base::Timestamp created_at;
};

struct NewUser {
  std::string username;
  std::string display_name;  // defaults to the username when empty
  std::string password;
  std::vector<std::string> roles;
  std::optional<std::string> unit_code;
};

// Pure checks of a new account: username of 3–32 characters (lower-case letters, digits, '_',
// '.', '-', starting with a letter); display name of at most 32 characters; every role known and
// listed once; at most one of the three separated administrator roles (三员分立); the password
// policy. InvalidArgument naming the field on the first violation.
base::Status ValidateNewUser(const NewUser& user);

Actor ActorFor(const User& user);

}  // namespace xr::access
