#pragma once
// Actor: who is making a request, as established by an adapter (HTTP session, CLI).
// Services take it as their first argument and decide what it may do.

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "base/id.h"

namespace xr::access {

struct UserTag;
using UserId = base::Id<UserTag>;

struct Actor {
  UserId user_id;  // invalid for the local operator of the CLI (see CliOperator)
  std::string username;
  std::string display_name;
  std::vector<std::string> roles;
  std::optional<std::string> unit_code;

  bool HasRole(std::string_view role) const {
    return std::find(roles.begin(), roles.end(), role) != roles.end();
  }
};

// The person at the server's console running `xuanren …` commands: trusted by having shell
// access to the data files, recorded under this name.
inline Actor CliOperator() {
  return Actor{UserId(), "cli", "命令行操作员", {"sysadmin"}, std::nullopt};
}

}  // namespace xr::access
