#include "access/credentials.h"

namespace xr::access {

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
  state.totp_secret = row.OptionalText(4).value_or("");
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
  return tx_
      .Execute(
          "UPDATE users SET totp_secret = ?, totp_enabled = 0, totp_last_step = 0 WHERE id = ?",
          {secret_base32, user})
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

}  // namespace xr::access
