#pragma once
// Account management use cases: the system administrator's (系统管理员, user.manage) work.

#include <functional>
#include <optional>
#include <string>

#include "access/access_repository.h"
#include "access/recorder.h"
#include "access/user.h"
#include "base/clock.h"
#include "crypto/keyring.h"
#include "store/database.h"

namespace xr::access {

// The outcome of an administrator's password reset.
struct PasswordReset {
  // The new initial password when the service generated it (shown once, never stored in
  // clear); empty when the administrator supplied it.
  std::string generated_password;
  std::int64_t sessions_ended = 0;
};

class UserService {
 public:
  // `keyring` seals the TOTP secrets (cleared by ResetTotp).
  UserService(store::Database& db, const base::Clock& clock, const crypto::Keyring& keyring,
              const Recorder& recorder)
      : db_(db), clock_(clock), keyring_(keyring), recorder_(recorder) {}

  // Creates an account. PermissionDenied without user.manage; InvalidArgument per
  // ValidateNewUser or 三员分立 (field "roles"); NotFound (field "roles") for a role that does
  // not exist; AlreadyExists (field "username") for a taken username; InvalidArgument (field
  // "unit_code" / "unit_id") when the unit does not exist.
  // Recorded as user.create with the roles granted.
  base::Result<User> Add(const Actor& actor, NewUser request);

  // Edits account `id`: display name, unit, roles, enabled. The same grant rule as Add (any
  // existing role; 三员分立 on the resulting roles); an administrator may not change their own
  // roles, unit or enabled state (CheckSelfChange). Disabling ends every session of the account.
  // PermissionDenied without user.manage; NotFound for an unknown id; InvalidArgument per
  // ValidateUserChange, 三员分立, or an unknown unit; NotFound (field "roles") for an unknown
  // role. Recorded as user.update listing the fields that changed (nothing is recorded when
  // nothing changed).
  base::Result<User> Update(const Actor& actor, UserId id, const UserChange& change);

  // Gives account `id` a new initial password: `password` when given (checked against the
  // policy, field "password"), otherwise a generated one returned once. The user must change
  // it at the next sign-in; every session of the account ends; failed sign-ins before now stop
  // counting toward its lockout. PermissionDenied without user.manage or for one's own account;
  // NotFound for an unknown id. Recorded as user.password_reset (never the password).
  base::Result<PasswordReset> ResetPassword(const Actor& actor, UserId id,
                                            std::optional<std::string> password = std::nullopt);

  // Removes the account's second factor (enrolled or pending); the user enrols again from their
  // own page. The same permission and self rule; recorded as user.totp_reset.
  base::Status ResetTotp(const Actor& actor, UserId id);

  // One account by username (the CLI names accounts so). PermissionDenied without user.manage;
  // NotFound.
  base::Result<User> FindByUsername(const Actor& actor, std::string_view username);

  base::Result<std::int64_t> Count(const Actor& actor);

  // A page of accounts (ordered by username) with the names of their roles. PermissionDenied
  // without user.manage or role.manage (the security administrator sees who holds which role);
  // InvalidArgument for page < 1 (field "page") or page_size outside 1–200 ("page_size").
  base::Result<UserPage> List(const Actor& actor, std::int64_t page, std::int64_t page_size);

 private:
  store::Database& db_;
  const base::Clock& clock_;
  const crypto::Keyring& keyring_;
  const Recorder& recorder_;
};

}  // namespace xr::access
