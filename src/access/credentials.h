#pragma once
// A user's credential state beyond the password hash: when the password was last changed,
// whether it must be changed before anything else (initial passwords set by an administrator),
// and the optional TOTP second factor. Pure rules plus their SQL.
//
// The TOTP secret is stored sealed (crypto/sealed.h) with the data key of scope "system" and the
// context "users|totp_secret|<user id>"; this file is the only place that reads or writes it.
// Callers see the plaintext base32 secret.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "access/actor.h"
#include "base/timestamp.h"
#include "crypto/keyring.h"
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
  // TOTP secrets are sealed and opened with `keyring`'s "system" data key.
  CredentialRepository(store::Transaction& tx, const crypto::Keyring& keyring)
      : tx_(tx), keyring_(keyring) {}

  // NotFound. A TOTP secret still stored in plaintext (written before secrets were sealed, not
  // yet sealed by SealPlaintextTotpSecrets) is returned as it is.
  base::Result<CredentialState> Find(UserId user);
  // Sets a new password hash chosen by the user: changed now, no change required.
  base::Status SetPassword(UserId user, std::string_view password_hash, base::Timestamp now);
  // For new accounts: whether the (administrator-chosen) password must be changed.
  base::Status SetMustChangePassword(UserId user, bool must_change);
  // Stores the secret sealed (a write transaction; creates the "system" data key when needed).
  base::Status SetPendingTotp(UserId user, std::string_view secret_base32);
  base::Status EnableTotp(UserId user, std::int64_t step);
  base::Status SetTotpLastStep(UserId user, std::int64_t step);
  base::Status DisableTotp(UserId user);

 private:
  store::Transaction& tx_;
  const crypto::Keyring& keyring_;
};

// Seals every TOTP secret still stored in plaintext (databases from before secrets were sealed),
// in one transaction; `record` runs in it with the number sealed when that is not 0 (the
// caller's audit entry). Returns the number sealed. Run at `xuanren migrate` and server start.
base::Result<std::int64_t> SealPlaintextTotpSecrets(
    store::Database& db, const crypto::Keyring& keyring,
    const std::function<base::Status(store::Transaction&, std::int64_t)>& record = {});

}  // namespace xr::access
