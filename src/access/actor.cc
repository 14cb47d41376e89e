#include "access/actor.h"

namespace xr::access {

void Grant(Actor& actor, const std::vector<Role>& roles) {
  for (const Role& role : roles) {
    for (const std::string& p : role.permissions) {
      if (!actor.HasPermission(p)) actor.permissions.push_back(p);
    }
    if (role.scope &&
        std::find(actor.scopes.begin(), actor.scopes.end(), *role.scope) == actor.scopes.end()) {
      actor.scopes.push_back(*role.scope);
    }
    actor.clearance = std::max(actor.clearance, role.clearance);
  }
}

Actor CliOperator(std::vector<std::string> permissions) {
  Actor actor;
  actor.username = "cli";
  actor.display_name = "命令行操作员";
  actor.roles = {std::string(kSystemAdmin)};
  actor.permissions = std::move(permissions);
  actor.scopes = {ScopeRule{ScopeRule::Kind::kAll, {}}};
  actor.clearance = Clearance::kSecret;
  actor.address = "local";
  return actor;
}

}  // namespace xr::access
