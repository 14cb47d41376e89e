#pragma once
// Account management use cases.

#include "access/user.h"
#include "base/clock.h"
#include "store/database.h"

namespace xr::access {

class UserService {
 public:
  UserService(store::Database& db, const base::Clock& clock) : db_(db), clock_(clock) {}

  // Creates an account. PermissionDenied unless the actor is a system or security administrator;
  // InvalidArgument per ValidateNewUser; AlreadyExists (field "username") for a taken username.
  // The caller is responsible for checking that `unit_code`, when given, names a unit.
  base::Result<User> Add(const Actor& actor, NewUser request);

  base::Result<std::int64_t> Count(const Actor& actor);

 private:
  store::Database& db_;
  const base::Clock& clock_;
};

}  // namespace xr::access
