#pragma once
// Account management use cases.

#include <functional>

#include "access/access_repository.h"
#include "access/recorder.h"
#include "access/user.h"
#include "base/clock.h"
#include "store/database.h"

namespace xr::access {

class UserService {
 public:
  // Whether a unit code exists; supplied by the composition root (units belong to org/). When
  // empty, Add does not check `unit_code`.
  using UnitExists = std::function<base::Result<bool>(store::Transaction&, std::string_view code)>;

  UserService(store::Database& db, const base::Clock& clock, const Recorder& recorder,
              UnitExists unit_exists = {})
      : db_(db), clock_(clock), recorder_(recorder), unit_exists_(std::move(unit_exists)) {}

  // Creates an account. PermissionDenied without user.manage; InvalidArgument per
  // ValidateNewUser or 三员分立 (field "roles"); NotFound (field "roles") for a role that does
  // not exist; AlreadyExists (field "username") for a taken username.
  // InvalidArgument (field "unit_code") when `unit_code` names no unit (checked only when the
  // service was given UnitExists).
  // Recorded as user.create with the roles granted.
  base::Result<User> Add(const Actor& actor, NewUser request);

  base::Result<std::int64_t> Count(const Actor& actor);

  // A page of accounts (ordered by username) with the names of their roles. PermissionDenied
  // without user.manage or role.manage (the security administrator sees who holds which role);
  // InvalidArgument for page < 1 (field "page") or page_size outside 1–200 ("page_size").
  base::Result<UserPage> List(const Actor& actor, std::int64_t page, std::int64_t page_size);

 private:
  store::Database& db_;
  const base::Clock& clock_;
  const Recorder& recorder_;
  UnitExists unit_exists_;
};

}  // namespace xr::access
