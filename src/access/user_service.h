#pragma once
// Account management use cases.

#include "access/recorder.h"
#include "access/user.h"
#include "base/clock.h"
#include "store/database.h"

namespace xr::access {

class UserService {
 public:
  UserService(store::Database& db, const base::Clock& clock, const Recorder& recorder)
      : db_(db), clock_(clock), recorder_(recorder) {}

  // Creates an account. PermissionDenied without user.manage; InvalidArgument per
  // ValidateNewUser or 三员分立 (field "roles"); NotFound (field "roles") for a role that does
  // not exist; AlreadyExists (field "username") for a taken username.
  // The caller is responsible for checking that `unit_code`, when given, names a unit.
  // Recorded as user.create with the roles granted.
  base::Result<User> Add(const Actor& actor, NewUser request);

  base::Result<std::int64_t> Count(const Actor& actor);

 private:
  store::Database& db_;
  const base::Clock& clock_;
  const Recorder& recorder_;
};

}  // namespace xr::access
