#pragma once
// Actor: who is making a request, as established by an adapter (HTTP session, CLI), with the
// union of what their roles grant. Services take it as their first argument and decide what it
// may do (access/permission.h) and which cadres it may see (scope).

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "access/role.h"
#include "base/id.h"

namespace xr::access {

struct UserTag;
using UserId = base::Id<UserTag>;

struct Actor {
  UserId user_id;  // invalid for the local operator of the CLI (see CliOperator)
  std::string username;
  std::string display_name;
  std::vector<std::string> roles;
  // The user's own unit (for the own-unit scopes): its id, and its code as of this request.
  std::optional<std::int64_t> unit_id;
  std::optional<std::string> unit_code;
  // Union over the roles held.
  std::vector<std::string> permissions;
  std::vector<ScopeRule> scopes;  // empty: no cadre is visible
  Clearance clearance = Clearance::kPublic;
  // The cadre record that is this user's own (for the `self` scope), if linked.
  std::optional<std::int64_t> cadre_id;
  // Where the request came from (client address; "local" for the CLI), for the record.
  std::string address;

  bool HasRole(std::string_view role) const {
    return std::find(roles.begin(), roles.end(), role) != roles.end();
  }
  bool HasPermission(std::string_view permission) const {
    return std::find(permissions.begin(), permissions.end(), permission) != permissions.end();
  }
  bool SeesEveryCadre() const {
    return std::any_of(scopes.begin(), scopes.end(),
                       [](const ScopeRule& s) { return s.kind == ScopeRule::Kind::kAll; });
  }
};

// Grants of `roles` merged into `actor`: permissions and scopes unioned, the highest clearance.
void Grant(Actor& actor, const std::vector<Role>& roles);

// The person at the server's console running `xuanren …` commands: trusted by having shell
// access to the data files (and the keys), recorded under this name. Holds every permission
// in `permissions` and sees everything.
Actor CliOperator(std::vector<std::string> permissions = {});

}  // namespace xr::access
