#pragma once
// Managing roles: the security administrator's (安全保密管理员) work.

#include <functional>
#include <vector>

#include "access/actor.h"
#include "access/recorder.h"
#include "access/role.h"
#include "base/clock.h"
#include "store/database.h"

namespace xr::access {

class RoleService {
 public:
  // Whether a unit code exists; supplied by the composition root (units belong to org/).
  using UnitExists = std::function<base::Result<bool>(store::Transaction&, std::string_view code)>;

  // `known_permissions`: every permission any capability defines (from the composition root).
  RoleService(store::Database& db, const base::Clock& clock, const Recorder& recorder,
              std::vector<std::string_view> known_permissions, UnitExists unit_exists)
      : db_(db),
        clock_(clock),
        recorder_(recorder),
        known_permissions_(std::move(known_permissions)),
        unit_exists_(std::move(unit_exists)) {}

  // PermissionDenied without role.manage; InvalidArgument per ValidateNewRole, or for a scope
  // naming a unit code that does not exist (field "scope"); AlreadyExists for a taken name.
  // A new role is never one of the separated administrator roles. Recorded as role.create.
  base::Status Add(const Actor& actor, const Role& role);
  // Edits role `id`. PermissionDenied without role.manage, or when the actor holds the role
  // (an administrator does not widen their own grants); NotFound for an unknown id;
  // FailedPrecondition for a built-in role; InvalidArgument per ValidateNewRole, for an unknown
  // scope unit (field "scope"), for an empty change (field "body"), or when an account holding
  // the role would then breach 三员分立 (field "permissions", naming the account). Holders see
  // the change on their next request (the Actor is rebuilt from the roles on every request).
  // Recorded as role.update with the fields that changed.
  base::Result<Role> Update(const Actor& actor, std::int64_t id, const RoleChange& change);
  // Every role, built-in first. PermissionDenied without role.manage or user.manage (the system
  // administrator picks roles when creating accounts; seeing them grants nothing).
  base::Result<std::vector<Role>> List(const Actor& actor);

 private:
  store::Database& db_;
  const base::Clock& clock_;
  const Recorder& recorder_;
  std::vector<std::string_view> known_permissions_;
  UnitExists unit_exists_;
};

}  // namespace xr::access
