#include "access/user_service.h"

#include "access/access_permissions.h"
#include "access/access_repository.h"
#include "access/credentials.h"
#include "access/password.h"
#include "access/role_repository.h"

namespace xr::access {

base::Result<User> UserService::Add(const Actor& actor, NewUser request) {
  RETURN_IF_ERROR(Require(actor, kUserManage));
  if (request.display_name.empty()) request.display_name = request.username;
  RETURN_IF_ERROR(ValidateNewUser(request));
  // Hash outside the transaction: it takes tens of milliseconds and needs no lock.
  ASSIGN_OR_RETURN(std::string hash, HashPassword(request.password));
  const base::Timestamp now = clock_.Now();
  return db_.TransactValue<User>(
      store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Result<User> {
        if (request.unit_code && unit_exists_) {
          ASSIGN_OR_RETURN(bool exists, unit_exists_(tx, *request.unit_code));
          if (!exists) {
            return base::InvalidArgument("机构编码不存在：" + *request.unit_code, "unit_code");
          }
        }
        ASSIGN_OR_RETURN(std::vector<Role> grants, RoleRepository(tx).FindByNames(request.roles));
        RETURN_IF_ERROR(CheckSeparationOfDuties(grants));
        ASSIGN_OR_RETURN(UserId id, AccessRepository(tx).InsertUser(request, hash, now));
        RETURN_IF_ERROR(
            CredentialRepository(tx).SetMustChangePassword(id, request.must_change_password));
        User user;
        user.id = id;
        user.username = request.username;
        user.display_name = request.display_name;
        user.roles = request.roles;
        user.grants = std::move(grants);
        user.unit_code = request.unit_code;
        user.created_at = now;
        Recorder::Details details;
        for (const std::string& role : request.roles) details.emplace_back("role", role);
        RETURN_IF_ERROR(
            recorder_.Write(tx, actor, "user.create", "user", std::to_string(id.value()), details));
        return user;
      });
}

base::Result<std::int64_t> UserService::Count(const Actor&) {
  // Any signed-in user may know how many accounts exist (shown on the home page).
  return db_.TransactValue<std::int64_t>(store::TxMode::kRead, [](store::Transaction& tx) {
    return AccessRepository(tx).CountUsers();
  });
}

base::Result<UserPage> UserService::List(const Actor& actor, std::int64_t page,
                                         std::int64_t page_size) {
  if (!actor.HasPermission(kUserManage.name) && !actor.HasPermission(kRoleManage.name)) {
    return base::PermissionDenied("没有“" + std::string(kUserManage.label) + "”的权限");
  }
  if (page < 1) return base::InvalidArgument("页码须大于等于 1", "page");
  if (page_size < 1 || page_size > 200) {
    return base::InvalidArgument("每页条数须在 1–200 之间", "page_size");
  }
  return db_.TransactValue<UserPage>(store::TxMode::kRead, [&](store::Transaction& tx) {
    return AccessRepository(tx).ListUsers(page, page_size);
  });
}

}  // namespace xr::access
