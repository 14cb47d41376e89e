#include "access/user_service.h"

#include "access/access_repository.h"
#include "access/password.h"

namespace xr::access {

base::Result<User> UserService::Add(const Actor& actor, NewUser request) {
  if (!actor.HasRole("sysadmin") && !actor.HasRole("secadmin")) {
    return base::PermissionDenied("只有系统管理员或安全保密管理员可以创建账号");
  }
  if (request.display_name.empty()) request.display_name = request.username;
  RETURN_IF_ERROR(ValidateNewUser(request));
  // Hash outside the transaction: it takes tens of milliseconds and needs no lock.
  ASSIGN_OR_RETURN(std::string hash, HashPassword(request.password));
  const base::Timestamp now = clock_.Now();
  return db_.TransactValue<User>(
      store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Result<User> {
        ASSIGN_OR_RETURN(UserId id, AccessRepository(tx).InsertUser(request, hash, now));
        return User{
            id, request.username, request.display_name, request.roles, request.unit_code, false,
            now};
      });
}

base::Result<std::int64_t> UserService::Count(const Actor&) {
  // Any signed-in user may know how many accounts exist (shown on the home page).
  return db_.TransactValue<std::int64_t>(store::TxMode::kRead, [](store::Transaction& tx) {
    return AccessRepository(tx).CountUsers();
  });
}

}  // namespace xr::access
