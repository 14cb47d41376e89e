#include "access/credentials.h"

#include <sodium.h>

#include "crypto/sealed.h"

namespace xr::access {
namespace {

constexpr std::string_view kUsers = "users";
constexpr std::string_view kTotpSecret = "totp_secret";  // listed in crypto/sealed_columns.h

std::string TotpContext(std::int64_t user) {
  return crypto::FieldContext(kUsers, kTotpSecret, user);
}

}  // namespace

PasswordChange PasswordChangeNeeded(const CredentialState& state, std::chrono::days max_age,
                                    base::Timestamp now) {
  if (state.must_change_password) return PasswordChange::kInitial;
  if (max_age.count() > 0) {
    const base::Timestamp changed = state.password_changed_at.value_or(state.created_at);
    if (now >= changed.Plus(max_age)) return PasswordChange::kExpired;
  }
  return PasswordChange::kNone;
}

std::string_view PasswordChangeName(PasswordChange change) {
  switch (change) {
    case PasswordChange::kInitial:
      return "initial";
    case PasswordChange::kExpired:
      return "expired";
    case PasswordChange::kNone:
      return "";
  }
  return "";
}

base::Result<CredentialState> CredentialRepository::Find(UserId user) {
  ASSIGN_OR_RETURN(
      store::Row row,
      tx_.QueryOne("SELECT created_at, password_changed_at, must_change_password, password_hash, "
                   "totp_secret, totp_enabled, totp_last_step FROM users WHERE id = ?",
                   {user}, "用户不存在"));
  CredentialState state;
  ASSIGN_OR_RETURN(state.created_at, base::Timestamp::Parse(row.Text(0)));
  if (auto changed = row.OptionalText(1)) {
    ASSIGN_OR_RETURN(state.password_changed_at, base::Timestamp::Parse(*changed));
  }
  state.must_change_password = row.Bool(2);
  state.password_hash = row.Text(3);
  if (auto stored = row.OptionalText(4)) {
    if (crypto::IsSealed(*stored)) {
      ASSIGN_OR_RETURN(state.totp_secret,
                       crypto::DataKeys(tx_, keyring_).Open(TotpContext(user.value()), *stored));
    } else {
      state.totp_secret = *stored;  // plaintext from before sealing; see SealPlaintextTotpSecrets
    }
  }
  state.totp_enabled = row.Bool(5);
  state.totp_last_step = row.Int(6);
  return state;
}

base::Status CredentialRepository::SetPassword(UserId user, std::string_view password_hash,
                                               base::Timestamp now) {
  return tx_
      .Execute(
          "UPDATE users SET password_hash = ?, password_changed_at = ?, must_change_password = 0 "
          "WHERE id = ?",
          {password_hash, now, user})
      .status();
}

base::Status CredentialRepository::SetMustChangePassword(UserId user, bool must_change) {
  return tx_.Execute("UPDATE users SET must_change_password = ? WHERE id = ?", {must_change, user})
      .status();
}

base::Status CredentialRepository::SetPendingTotp(UserId user, std::string_view secret_base32) {
  ASSIGN_OR_RETURN(std::string sealed,
                   crypto::DataKeys(tx_, keyring_)
                       .Seal(crypto::kSystemScope, TotpContext(user.value()), secret_base32));
  return tx_
      .Execute(
          "UPDATE users SET totp_secret = ?, totp_enabled = 0, totp_last_step = 0 WHERE id = ?",
          {sealed, user})
      .status();
}

base::Status CredentialRepository::EnableTotp(UserId user, std::int64_t step) {
  return tx_
      .Execute("UPDATE users SET totp_enabled = 1, totp_last_step = ? WHERE id = ?", {step, user})
      .status();
}

base::Status CredentialRepository::SetTotpLastStep(UserId user, std::int64_t step) {
  return tx_.Execute("UPDATE users SET totp_last_step = ? WHERE id = ?", {step, user}).status();
}

base::Status CredentialRepository::DisableTotp(UserId user) {
  return tx_
      .Execute(
          "UPDATE users SET totp_secret = NULL, totp_enabled = 0, totp_last_step = 0 "
          "WHERE id = ?",
          {user})
      .status();
}

base::Result<std::int64_t> SealPlaintextTotpSecrets(
    store::Database& db, const crypto::Keyring& keyring,
    const std::function<base::Status(store::Transaction&, std::int64_t)>& record) {
  return db.TransactValue<std::int64_t>(
      store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Result<std::int64_t> {
        ASSIGN_OR_RETURN(
            store::Rows rows,
            tx.Query(
                "SELECT id, totp_secret FROM users WHERE totp_secret IS NOT NULL ORDER BY id"));
        crypto::DataKeys keys(tx, keyring);
        std::int64_t sealed_count = 0;
        for (const store::Row& row : rows) {
          std::string plaintext = row.Text(1);
          if (crypto::IsSealed(plaintext)) continue;
          auto sealed = keys.Seal(crypto::kSystemScope, TotpContext(row.Int(0)), plaintext);
          if (!sealed.ok()) {
            sodium_memzero(plaintext.data(), plaintext.size());
            return sealed.status();
          }
          auto changed =
              tx.Execute("UPDATE users SET totp_secret = ? WHERE id = ? AND totp_secret = ?",
                         {*sealed, row.Int(0), plaintext});
          sodium_memzero(plaintext.data(), plaintext.size());
          if (!changed.ok()) return changed.status();
          sealed_count += *changed;
        }
        if (sealed_count > 0 && record) RETURN_IF_ERROR(record(tx, sealed_count));
        return sealed_count;
      });
}

}  // namespace xr::access
