#include "access/role_service.h"

#include "access/access_permissions.h"
#include "access/role_repository.h"

namespace xr::access {

base::Status RoleService::Add(const Actor& actor, const Role& role) {
  RETURN_IF_ERROR(Require(actor, kRoleManage));
  RETURN_IF_ERROR(ValidateNewRole(role, known_permissions_));
  const base::Timestamp now = clock_.Now();
  return db_.Transact(store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Status {
    if (role.scope) {
      for (const std::string& code : role.scope->codes) {
        ASSIGN_OR_RETURN(bool exists, unit_exists_(tx, code));
        if (!exists) return base::InvalidArgument("数据范围中的机构编码不存在：" + code, "scope");
      }
    }
    RETURN_IF_ERROR(RoleRepository(tx).Insert(role, now));
    Recorder::Details details{{"clearance", std::string(ClearanceName(role.clearance))},
                              {"scope", role.scope ? ToString(*role.scope) : "none"}};
    for (const std::string& p : role.permissions) details.emplace_back("permission", p);
    return recorder_.Write(tx, actor, "role.create", "role", role.name, details);
  });
}

base::Result<std::vector<Role>> RoleService::List(const Actor& actor) {
  if (!actor.HasPermission(kUserManage.name)) RETURN_IF_ERROR(Require(actor, kRoleManage));
  return db_.TransactValue<std::vector<Role>>(
      store::TxMode::kRead, [](store::Transaction& tx) { return RoleRepository(tx).List(); });
}

}  // namespace xr::access
