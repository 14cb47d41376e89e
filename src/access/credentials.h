#pragma once
// A user's credential state beyond the password hash: when the password was last changed,
// whether it must be changed before anything else (initial passwords set by an administrator),
// and the optional TOTP second factor. Pure rules plus their SQL.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "access/actor.h"
#include "base/timestamp.h"
#include "store/database.h"

namespace xr::access {

struct CredentialState {
  base::Timestamp created_at;
  std::optional<base::Timestamp> password_changed_at;  // nullopt: not changed since creation
  bool must_change_password = false;
  std::string password_hash;
  std::string totp_secret;  // base32; pending until totp_enabled. Never logged.
  bool totp_enabled = false;
  std::int64_t totp_last_step = 0;  // the last TOTP step accepted (replay guard)
};

enum class PasswordChange {
  kNone,
  kInitial,  // set by an administrator: the user must choose their own
  kExpired,  // older than the maximum age
};

// kInitial when must_change_password; kExpired when `max_age` is positive and
// now >= (password_changed_at or created_at) + max_age; kNone otherwise.
PasswordChange PasswordChangeNeeded(const CredentialState& state, std::chrono::days max_age,
                                    base::Timestamp now);
// "initial" / "expired" / "" — the API's password_change_reason.
std::string_view PasswordChangeName(PasswordChange change);

class CredentialRepository {
 public:
  explicit CredentialRepository(store::Transaction& tx) : tx_(tx) {}

  base::Result<CredentialState> Find(UserId user);  // NotFound
  // Sets a new password hash chosen by the user: changed now, no change required.
  base::Status SetPassword(UserId user, std::string_view password_hash, base::Timestamp now);
  // For new accounts: whether the (administrator-chosen) password must be changed.
  base::Status SetMustChangePassword(UserId user, bool must_change);
  base::Status SetPendingTotp(UserId user, std::string_view secret_base32);
  base::Status EnableTotp(UserId user, std::int64_t step);
  base::Status SetTotpLastStep(UserId user, std::int64_t step);
  base::Status DisableTotp(UserId user);

 private:
  store::Transaction& tx_;
};

}  // namespace xr::access
