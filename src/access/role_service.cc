#include "access/role_service.h"

#include "access/access_permissions.h"
#include "access/access_repository.h"
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

base::Result<Role> RoleService::Update(const Actor& actor, std::int64_t id,
                                       const RoleChange& change) {
  RETURN_IF_ERROR(Require(actor, kRoleManage));
  if (change.empty()) return base::InvalidArgument("没有要修改的内容", "body");
  return db_.TransactValue<Role>(
      store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Result<Role> {
        RoleRepository roles(tx);
        ASSIGN_OR_RETURN(Role before, roles.FindById(id));
        if (before.builtin) {
          return base::FailedPrecondition("内置角色（" + before.label + "）不可修改");
        }
        if (actor.HasRole(before.name)) {
          return base::PermissionDenied("不能修改自己持有的角色：" + before.label);
        }
        const Role after = Applied(before, change);
        RETURN_IF_ERROR(ValidateNewRole(after, known_permissions_));
        if (change.scope && after.scope) {
          for (const std::string& code : after.scope->codes) {
            ASSIGN_OR_RETURN(bool exists, unit_exists_(tx, code));
            if (!exists) {
              return base::InvalidArgument("数据范围中的机构编码不存在：" + code, "scope");
            }
          }
        }
        // 三员分立 for every account that holds the role, with the role as it would become.
        ASSIGN_OR_RETURN(auto holders, AccessRepository(tx).RolesOfHolders(before.name));
        for (const std::vector<std::string>& holder : holders) {
          ASSIGN_OR_RETURN(std::vector<Role> grants,
                           roles.FindByNames({holder.begin() + 1, holder.end()}));
          for (Role& grant : grants) {
            if (grant.id == after.id) grant = after;
          }
          if (!CheckSeparationOfDuties(grants).ok()) {
            return base::InvalidArgument(
                "三员分立：账号 " + holder.front() + " 持有此角色，修改后将兼任两类管理员职责",
                "permissions");
          }
        }
        Recorder::Details details;
        if (after.label != before.label) {
          details.emplace_back("field", "label");
          details.emplace_back("label", after.label);
        }
        if (after.permissions != before.permissions) {
          details.emplace_back("field", "permissions");
          for (const std::string& p : after.permissions) details.emplace_back("permission", p);
        }
        if (after.scope != before.scope) {
          details.emplace_back("field", "scope");
          details.emplace_back("scope", after.scope ? ToString(*after.scope) : "none");
        }
        if (after.clearance != before.clearance) {
          details.emplace_back("field", "clearance");
          details.emplace_back("clearance", std::string(ClearanceName(after.clearance)));
        }
        if (details.empty()) return after;  // nothing changed: nothing to record
        RETURN_IF_ERROR(roles.Update(after));
        RETURN_IF_ERROR(recorder_.Write(tx, actor, "role.update", "role", after.name, details));
        return after;
      });
}

base::Result<std::vector<Role>> RoleService::List(const Actor& actor) {
  if (!actor.HasPermission(kUserManage.name)) RETURN_IF_ERROR(Require(actor, kRoleManage));
  return db_.TransactValue<std::vector<Role>>(
      store::TxMode::kRead, [](store::Transaction& tx) { return RoleRepository(tx).List(); });
}

}  // namespace xr::access
