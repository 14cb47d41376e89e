#pragma once
// Sign-in, session lookup and sign-out, and the sign-in hardening of 等保 三级: lockout, the login
// log, password expiry and forced change, the optional TOTP second factor, and session lists with
// forced logout.
//
// A session is identified by a random token the client holds (as the HttpOnly cookie or as a
// bearer token); the database stores only its digest. Each session also has a CSRF token that
// cookie-authenticated state-changing requests must echo in a header.

#include <chrono>
#include <string>
#include <vector>

#include "access/access_repository.h"
#include "access/credentials.h"
#include "access/lockout.h"
#include "access/login_log.h"
#include "access/recorder.h"
#include "access/user.h"
#include "base/clock.h"
#include "crypto/keyring.h"
#include "store/database.h"

namespace xr::access {

struct SessionPolicy {
  std::chrono::minutes idle_timeout{30};     // 等保: sign out after inactivity
  std::chrono::hours absolute_lifetime{12};  // one working day at most
  // 5 failures within 15 minutes lock the account for 15 minutes.
  LockoutPolicy account_lockout{};
  // Failures for 5 different usernames from one address within 15 minutes lock the address.
  LockoutPolicy address_lockout{.distinct_usernames = true};
  // A password older than this must be changed before anything else; 0 = never expires.
  std::chrono::days password_max_age{90};
  std::string totp_issuer = "xuanren";
};

// The bounds a server's configured policy must respect (xuanren serve flags): idle timeout
// 5–480 minutes; password maximum age 0 (never expires) or 1–3650 days; account lockout after
// 3–20 failures (等保 requires a lockout, so it cannot be turned off), locked for 1–1440
// minutes. InvalidArgument naming the setting ("idle_timeout_minutes",
// "password_max_age_days", "lockout_failures", "lockout_minutes").
base::Status ValidateSessionPolicy(const SessionPolicy& policy);

struct SignInRequest {
  std::string_view username;
  std::string_view password;
  std::string_view totp_code;  // empty when not given
  std::string_view remote_address;
  std::string_view user_agent;
};

// Refusals an adapter may want to present specially (HTTP: 423 LOCKED, 401 TOTP_REQUIRED,
// 403 ACCOUNT_DISABLED);
// the Status still carries an ordinary code (PermissionDenied, Unauthenticated).
enum class SignInRefusal { kNone, kLocked, kTotpRequired, kDisabled };

struct SignInResult {
  std::string token;
  std::string csrf;
  User user;
  base::Timestamp expires_at;
  PasswordChange password_change = PasswordChange::kNone;
};

struct AuthenticatedSession {
  Actor actor;
  std::string csrf;
  std::int64_t session_id = 0;
  // Not kNone: only GET /api/me, POST /api/me/password and sign-out are allowed.
  PasswordChange password_change = PasswordChange::kNone;
  bool totp_enabled = false;
};

struct SessionView {
  std::int64_t id = 0;
  base::Timestamp created_at;
  base::Timestamp last_seen_at;
  std::string remote_address;
  std::string user_agent;
  bool current = false;
};

struct TotpEnrolment {
  std::string secret;  // base32
  std::string uri;     // otpauth://totp/…
};

class SessionService {
 public:
  // With a `recorder`, sign-in attempts, password changes, TOTP enrolment and ended sessions also
  // write their entry in the full-process record (全程记实), in the same transaction.
  // `keyring` seals and opens the TOTP secrets.
  SessionService(store::Database& db, const base::Clock& clock, const crypto::Keyring& keyring,
                 SessionPolicy policy = {}, const Recorder* recorder = nullptr);

  // Every attempt is written to the login log (the success in the same transaction as the new
  // session). Errors:
  // - InvalidArgument (field "username" / "password") for empty input (not logged);
  // - PermissionDenied with `*refusal = kLocked` and "…请于 HH:MM 后再试" (Asia/Shanghai) while
  //   the account or the client address is locked — even with the right password;
  // - Unauthenticated "用户名或密码错误" for an unknown user, a wrong password or a disabled
  //   account alike, after the same amount of hashing work in each case;
  // - Unauthenticated with `*refusal = kTotpRequired` (field "totp_code") when the password is
  //   right, TOTP is enabled and no code was given; "动态口令错误" (field "totp_code") for a
  //   wrong or replayed code, which counts as a failure;
  // - PermissionDenied "账号已停用…" with `*refusal = kDisabled` for a disabled account — only when
  // the password is right
  //   (a wrong one gets the common answer, so the state is not revealed to a guesser).
  // Failures before an administrator's password reset do not count toward the account lock.
  // A user whose password must change (initial or expired) still signs in;
  // SignInResult::password_change says so.
  base::Result<SignInResult> SignIn(const SignInRequest& request, SignInRefusal* refusal = nullptr);
  base::Result<SignInResult> SignIn(std::string_view username, std::string_view password,
                                    std::string_view remote_address) {
    return SignIn(SignInRequest{username, password, {}, remote_address, {}});
  }
  // Unauthenticated when the token is unknown, expired (absolute or idle) or its user disabled.
  base::Result<AuthenticatedSession> Authenticate(std::string_view token);
  // Ends the session; OK even if it had already ended.
  base::Status SignOut(std::string_view token);
  // The same, recorded as session.sign_out by `actor` (the session's user) when it was live.
  base::Status SignOut(const Actor& actor, std::string_view token);

  // The policy this service enforces. PermissionDenied without session.manage (the security
  // administrator reads it; it is set when the server starts).
  base::Result<SessionPolicy> Policy(const Actor& actor) const;

  // The caller's own password. InvalidArgument: "原密码不正确" (field "old_password"), the
  // policy or "新密码不能与当前密码相同" (field "new_password"). Ends the user's other sessions.
  base::Status ChangePassword(const Actor& actor, std::string_view current_token,
                              std::string_view old_password, std::string_view new_password);

  // The caller's live sessions, newest first, the one of `current_token` marked.
  base::Result<std::vector<SessionView>> ListOwnSessions(const Actor& actor,
                                                         std::string_view current_token);
  // NotFound when `session_id` is not one of the caller's sessions.
  base::Status EndOwnSession(const Actor& actor, std::int64_t session_id);
  // Security administrators (session.manage): any user's live sessions; NotFound for an
  // unknown user.
  base::Result<std::vector<SessionView>> ListSessionsOf(const Actor& actor, UserId user);
  // Ends every session of `user`; returns how many. The same permission.
  base::Result<std::int64_t> EndSessionsOf(const Actor& actor, UserId user);

  // login_log.read (安全审计员, 安全保密管理员). InvalidArgument for page < 1 (field "page") or
  // page_size outside 1–200 (field "page_size").
  base::Result<LoginLogPage> SearchLoginLog(const Actor& actor, const LoginLogFilter& filter);

  // Starts (or restarts) TOTP enrolment with a new secret; sign-in does not ask for codes until
  // ConfirmTotp succeeds. FailedPrecondition when TOTP is already enabled.
  base::Result<TotpEnrolment> BeginTotpEnrolment(const Actor& actor);
  // Enables TOTP when `code` matches the pending secret (±1 step). InvalidArgument (field
  // "code") for a wrong code; FailedPrecondition without a pending enrolment.
  base::Status ConfirmTotp(const Actor& actor, std::string_view code);

 private:
  base::Result<std::vector<SessionView>> LiveSessions(UserId user, std::string_view current_digest);
  base::Status Record(const LoginAttempt& attempt, const Actor& actor);
  base::Status Audit(store::Transaction& tx, const Actor& actor, std::string_view action,
                     std::string_view object_type, std::string_view object_id,
                     Recorder::Details details = {}) const;

  store::Database& db_;
  const base::Clock& clock_;
  const crypto::Keyring& keyring_;
  SessionPolicy policy_;
  const Recorder* recorder_;
  std::string decoy_hash_;  // verified against when the user does not exist
};

}  // namespace xr::access
