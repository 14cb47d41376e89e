#include "access/session_service.h"

#include <algorithm>

#include "access/access_permissions.h"
#include "access/password.h"
#include "access/permission.h"
#include "access/totp.h"

namespace xr::access {
namespace {

constexpr std::string_view kBadCredentials = "用户名或密码错误";
constexpr std::string_view kSessionEnded = "登录已失效，请重新登录";
constexpr std::string_view kTotpRequired = "请输入动态口令（身份验证器中的 6 位数字）";
constexpr std::string_view kWrongTotp = "动态口令错误";
constexpr std::string_view kDisabled = "账号已停用，请联系系统管理员";
// Refresh last_seen at most this often, so that most authenticated reads stay read-only.
constexpr auto kTouchInterval = std::chrono::seconds(60);

// What sign-in needs to know before checking the password, read in one snapshot.
struct SignInSnapshot {
  std::optional<UserCredentials> credentials;
  CredentialState state;
  std::vector<SignInFailure> account_failures;
  std::vector<SignInFailure> address_failures;
};

base::Status WithField(const base::Status& status, std::string field) {
  return base::Status(status.code(), status.message(), std::move(field));
}

}  // namespace

base::Status ValidateSessionPolicy(const SessionPolicy& policy) {
  const auto idle = policy.idle_timeout.count();
  if (idle < 5 || idle > 480) {
    return base::InvalidArgument("会话空闲超时须在 5–480 分钟之间，收到 " + std::to_string(idle),
                                 "idle_timeout_minutes");
  }
  const auto age = policy.password_max_age.count();
  if (age < 0 || age > 3650) {
    return base::InvalidArgument(
        "密码有效期须为 0（永不过期）或 1–3650 天，收到 " + std::to_string(age),
        "password_max_age_days");
  }
  const int failures = policy.account_lockout.max_failures;
  if (failures < 3 || failures > 20) {
    return base::InvalidArgument("锁定阈值须为 3–20 次连续失败，收到 " + std::to_string(failures),
                                 "lockout_failures");
  }
  const auto lock = policy.account_lockout.lock_duration.count();
  if (lock < 1 || lock > 1440) {
    return base::InvalidArgument("锁定时长须在 1–1440 分钟之间，收到 " + std::to_string(lock),
                                 "lockout_minutes");
  }
  return base::Status::Ok();
}

SessionService::SessionService(store::Database& db, const base::Clock& clock,
                               const crypto::Keyring& keyring, SessionPolicy policy,
                               const Recorder* recorder)
    : db_(db), clock_(clock), keyring_(keyring), policy_(std::move(policy)), recorder_(recorder) {
  auto decoy = HashPassword(RandomToken(16));
  decoy_hash_ = decoy.ok() ? *decoy : std::string();
}

base::Status SessionService::Audit(store::Transaction& tx, const Actor& actor,
                                   std::string_view action, std::string_view object_type,
                                   std::string_view object_id, Recorder::Details details) const {
  if (recorder_ == nullptr) return base::Status::Ok();
  return recorder_->Write(tx, actor, action, object_type, object_id, std::move(details));
}

// The login log row and, with a recorder, the record's entry — never the password or a code.
base::Status SessionService::Record(const LoginAttempt& attempt, const Actor& actor) {
  return db_.Transact(store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Status {
    RETURN_IF_ERROR(LoginLogRepository(tx).Insert(attempt));
    return Audit(
        tx, actor, "session.sign_in", "user",
        attempt.user_id.valid() ? std::to_string(attempt.user_id.value()) : "",
        {{"result", std::string(LoginResultName(attempt.result))}, {"username", attempt.username}});
  });
}

base::Result<SignInResult> SessionService::SignIn(const SignInRequest& request,
                                                  SignInRefusal* refusal) {
  if (refusal) *refusal = SignInRefusal::kNone;
  if (request.username.empty()) return base::InvalidArgument("请输入用户名", "username");
  if (request.password.empty()) return base::InvalidArgument("请输入密码", "password");
  const base::Timestamp now = clock_.Now();
  LoginAttempt attempt{0,
                       now,
                       std::string(request.username),
                       UserId(),
                       std::string(request.remote_address),
                       LoginResult::kWrongPassword,
                       std::string(request.user_agent)};

  auto snapshot = db_.TransactValue<SignInSnapshot>(
      store::TxMode::kRead, [&](store::Transaction& tx) -> base::Result<SignInSnapshot> {
        SignInSnapshot out;
        auto credentials = AccessRepository(tx).FindCredentials(request.username);
        if (credentials.ok()) {
          out.credentials = std::move(credentials).value();
          ASSIGN_OR_RETURN(out.state,
                           CredentialRepository(tx, keyring_).Find(out.credentials->user.id));
        } else if (credentials.status().code() != base::StatusCode::kNotFound) {
          return credentials.status();
        }
        LoginLogRepository log(tx);
        base::Timestamp since =
            now.Plus(-std::chrono::microseconds(policy_.account_lockout.lookback()));
        // An administrator's password reset clears the account's lock.
        if (out.credentials && out.credentials->lockout_cleared_at &&
            since < *out.credentials->lockout_cleared_at) {
          since = *out.credentials->lockout_cleared_at;
        }
        ASSIGN_OR_RETURN(out.account_failures, log.FailuresForUsername(request.username, since));
        ASSIGN_OR_RETURN(
            out.address_failures,
            log.FailuresFromAddress(
                request.remote_address,
                now.Plus(-std::chrono::microseconds(policy_.address_lockout.lookback()))));
        return out;
      });
  if (!snapshot.ok()) return snapshot.status();
  const std::optional<UserCredentials>& credentials = snapshot->credentials;
  if (credentials) attempt.user_id = credentials->user.id;
  // Who is recorded as acting: the account when it exists, else the name as typed.
  Actor actor = credentials ? ActorFor(credentials->user) : Actor{};
  if (!credentials) actor.username = std::string(request.username);
  actor.address = std::string(request.remote_address);

  // Locked keys are refused before any password work, for known and unknown usernames alike
  // (unknown ones collect failures and lock the same way, so the answer reveals nothing).
  const auto account_until = LockedUntil(snapshot->account_failures, policy_.account_lockout, now);
  const auto address_until = LockedUntil(snapshot->address_failures, policy_.address_lockout, now);
  if (account_until || address_until) {
    attempt.result = LoginResult::kLocked;
    RETURN_IF_ERROR(Record(attempt, actor));
    if (refusal) *refusal = SignInRefusal::kLocked;
    if (account_until && (!address_until || *account_until >= *address_until)) {
      return base::PermissionDenied(AccountLockedMessage(*account_until));
    }
    return base::PermissionDenied(AddressLockedMessage(*address_until));
  }

  // The same hashing work whether or not the user exists.
  const bool verified = credentials ? VerifyPassword(credentials->password_hash, request.password)
                                    : (VerifyPassword(decoy_hash_, request.password), false);
  if (!credentials || !verified || credentials->user.disabled) {
    attempt.result = !credentials ? LoginResult::kUnknownUser
                     : !verified  ? LoginResult::kWrongPassword
                                  : LoginResult::kDisabled;
    RETURN_IF_ERROR(Record(attempt, actor));
    // Only someone who knows the password learns that the account is disabled.
    if (attempt.result == LoginResult::kDisabled) {
      if (refusal) *refusal = SignInRefusal::kDisabled;
      return base::PermissionDenied(std::string(kDisabled));
    }
    return base::Unauthenticated(std::string(kBadCredentials));
  }

  const CredentialState& state = snapshot->state;
  std::optional<std::int64_t> totp_step;
  if (state.totp_enabled) {
    if (request.totp_code.empty()) {
      attempt.result = LoginResult::kTotpRequired;
      RETURN_IF_ERROR(Record(attempt, actor));
      if (refusal) *refusal = SignInRefusal::kTotpRequired;
      return base::Status(base::StatusCode::kUnauthenticated, std::string(kTotpRequired),
                          "totp_code");
    }
    ASSIGN_OR_RETURN(std::string key, Base32Decode(state.totp_secret));
    totp_step = MatchTotp(std::span(reinterpret_cast<const unsigned char*>(key.data()), key.size()),
                          request.totp_code, now);
    if (!totp_step || *totp_step <= state.totp_last_step) {  // wrong, or replayed
      attempt.result = LoginResult::kWrongTotp;
      RETURN_IF_ERROR(Record(attempt, actor));
      return base::Status(base::StatusCode::kUnauthenticated, std::string(kWrongTotp), "totp_code");
    }
  }

  SignInResult result{RandomToken(32), RandomToken(24), credentials->user, {}, {}};
  result.expires_at = now.Plus(policy_.absolute_lifetime);
  result.password_change = PasswordChangeNeeded(state, policy_.password_max_age, now);
  attempt.result = LoginResult::kSuccess;
  RETURN_IF_ERROR(db_.Transact(store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Status {
    AccessRepository repository(tx);
    RETURN_IF_ERROR(repository.DeleteSessionsExpiredBefore(now));
    RETURN_IF_ERROR(repository.InsertSession(TokenDigest(result.token), result.user.id, result.csrf,
                                             request.remote_address, now, result.expires_at,
                                             request.user_agent));
    if (totp_step)
      RETURN_IF_ERROR(
          CredentialRepository(tx, keyring_).SetTotpLastStep(result.user.id, *totp_step));
    RETURN_IF_ERROR(LoginLogRepository(tx).Insert(attempt));
    return Audit(tx, actor, "session.sign_in", "user", std::to_string(result.user.id.value()),
                 {{"result", "success"}, {"username", attempt.username}});
  }));
  return result;
}

base::Result<AuthenticatedSession> SessionService::Authenticate(std::string_view token) {
  if (token.empty()) return base::Unauthenticated("请先登录");
  const std::string digest = TokenDigest(token);
  struct Found {
    StoredSession session;
    CredentialState state;
  };
  auto found = db_.TransactValue<Found>(
      store::TxMode::kRead, [&](store::Transaction& tx) -> base::Result<Found> {
        Found out;
        ASSIGN_OR_RETURN(out.session, AccessRepository(tx).FindSession(digest));
        ASSIGN_OR_RETURN(out.state, CredentialRepository(tx, keyring_).Find(out.session.user.id));
        return out;
      });
  if (!found.ok()) {
    if (found.status().code() == base::StatusCode::kNotFound) {
      return base::Unauthenticated(std::string(kSessionEnded));
    }
    return found.status();
  }
  const StoredSession& session = found->session;
  const base::Timestamp now = clock_.Now();
  if (now >= session.expires_at || now >= session.last_seen_at.Plus(policy_.idle_timeout) ||
      session.user.disabled) {
    return base::Unauthenticated(std::string(kSessionEnded));
  }
  if (now >= session.last_seen_at.Plus(kTouchInterval)) {
    RETURN_IF_ERROR(db_.Transact(store::TxMode::kWrite, [&](store::Transaction& tx) {
      return AccessRepository(tx).TouchSession(digest, now);
    }));
  }
  return AuthenticatedSession{ActorFor(session.user), session.csrf, session.id,
                              PasswordChangeNeeded(found->state, policy_.password_max_age, now),
                              found->state.totp_enabled};
}

base::Status SessionService::SignOut(std::string_view token) {
  const std::string digest = TokenDigest(token);
  return db_.Transact(store::TxMode::kWrite, [&](store::Transaction& tx) {
    return AccessRepository(tx).DeleteSession(digest).status();
  });
}

base::Status SessionService::SignOut(const Actor& actor, std::string_view token) {
  const std::string digest = TokenDigest(token);
  return db_.Transact(store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Status {
    ASSIGN_OR_RETURN(std::int64_t ended, AccessRepository(tx).DeleteSession(digest));
    if (ended == 0) return base::Status::Ok();
    return Audit(tx, actor, "session.sign_out", "user", std::to_string(actor.user_id.value()));
  });
}

base::Result<SessionPolicy> SessionService::Policy(const Actor& actor) const {
  RETURN_IF_ERROR(Require(actor, kSessionManage));
  return policy_;
}

base::Status SessionService::ChangePassword(const Actor& actor, std::string_view current_token,
                                            std::string_view old_password,
                                            std::string_view new_password) {
  if (!actor.user_id.valid()) return base::PermissionDenied("该操作者没有登录密码");
  if (old_password.empty()) return base::InvalidArgument("请输入原密码", "old_password");
  if (new_password.empty()) return base::InvalidArgument("请输入新密码", "new_password");
  ASSIGN_OR_RETURN(
      CredentialState state,
      db_.TransactValue<CredentialState>(store::TxMode::kRead, [&](store::Transaction& tx) {
        return CredentialRepository(tx, keyring_).Find(actor.user_id);
      }));
  if (!VerifyPassword(state.password_hash, old_password)) {
    return base::InvalidArgument("原密码不正确", "old_password");
  }
  if (base::Status policy = CheckPasswordPolicy(new_password); !policy.ok()) {
    return WithField(policy, "new_password");
  }
  if (VerifyPassword(state.password_hash, new_password)) {
    return base::InvalidArgument("新密码不能与当前密码相同", "new_password");
  }
  ASSIGN_OR_RETURN(std::string hash, HashPassword(new_password));
  const base::Timestamp now = clock_.Now();
  const std::string keep = TokenDigest(current_token);
  return db_.Transact(store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Status {
    RETURN_IF_ERROR(CredentialRepository(tx, keyring_).SetPassword(actor.user_id, hash, now));
    RETURN_IF_ERROR(
        Audit(tx, actor, "user.password_change", "user", std::to_string(actor.user_id.value())));
    // Whoever else holds a session of this account loses it with the old password.
    return AccessRepository(tx).DeleteSessionsOf(actor.user_id, keep).status();
  });
}

base::Result<std::vector<SessionView>> SessionService::LiveSessions(
    UserId user, std::string_view current_digest) {
  ASSIGN_OR_RETURN(std::vector<SessionInfo> stored,
                   db_.TransactValue<std::vector<SessionInfo>>(
                       store::TxMode::kRead, [&](store::Transaction& tx) {
                         return AccessRepository(tx).SessionsOf(user);
                       }));
  const base::Timestamp now = clock_.Now();
  std::vector<SessionView> out;
  for (const SessionInfo& s : stored) {
    if (now >= s.expires_at || now >= s.last_seen_at.Plus(policy_.idle_timeout)) continue;
    out.push_back({s.id, s.created_at, s.last_seen_at, s.remote_address, s.user_agent,
                   !current_digest.empty() && s.token_digest == current_digest});
  }
  return out;
}

base::Result<std::vector<SessionView>> SessionService::ListOwnSessions(
    const Actor& actor, std::string_view current_token) {
  if (!actor.user_id.valid()) return std::vector<SessionView>{};
  return LiveSessions(actor.user_id, TokenDigest(current_token));
}

base::Status SessionService::EndOwnSession(const Actor& actor, std::int64_t session_id) {
  ASSIGN_OR_RETURN(
      std::int64_t deleted,
      db_.TransactValue<std::int64_t>(
          store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Result<std::int64_t> {
            ASSIGN_OR_RETURN(std::int64_t n,
                             AccessRepository(tx).DeleteSessionOf(actor.user_id, session_id));
            if (n > 0) {
              RETURN_IF_ERROR(
                  Audit(tx, actor, "session.end", "session", std::to_string(session_id)));
            }
            return n;
          }));
  if (deleted == 0) return base::NotFound("会话不存在或已结束");
  return base::Status::Ok();
}

base::Result<std::vector<SessionView>> SessionService::ListSessionsOf(const Actor& actor,
                                                                      UserId user) {
  RETURN_IF_ERROR(Require(actor, kSessionManage));
  ASSIGN_OR_RETURN(bool exists,
                   db_.TransactValue<bool>(store::TxMode::kRead, [&](store::Transaction& tx) {
                     return AccessRepository(tx).UserExists(user);
                   }));
  if (!exists) return base::NotFound("用户不存在");
  return LiveSessions(user, {});
}

base::Result<std::int64_t> SessionService::EndSessionsOf(const Actor& actor, UserId user) {
  RETURN_IF_ERROR(Require(actor, kSessionManage));
  return db_.TransactValue<std::int64_t>(
      store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Result<std::int64_t> {
        AccessRepository repository(tx);
        ASSIGN_OR_RETURN(bool exists, repository.UserExists(user));
        if (!exists) return base::NotFound("用户不存在");
        ASSIGN_OR_RETURN(std::int64_t ended, repository.DeleteSessionsOf(user));
        RETURN_IF_ERROR(Audit(tx, actor, "session.end_all", "user", std::to_string(user.value()),
                              {{"ended", std::to_string(ended)}}));
        return ended;
      });
}

base::Result<LoginLogPage> SessionService::SearchLoginLog(const Actor& actor,
                                                          const LoginLogFilter& filter) {
  RETURN_IF_ERROR(Require(actor, kLoginLogRead));
  if (filter.page < 1) return base::InvalidArgument("页码须大于等于 1", "page");
  if (filter.page_size < 1 || filter.page_size > 200) {
    return base::InvalidArgument("每页条数须在 1–200 之间", "page_size");
  }
  if (filter.from && filter.to && *filter.to < *filter.from) {
    return base::InvalidArgument("结束时间不能早于开始时间", "to");
  }
  return db_.TransactValue<LoginLogPage>(store::TxMode::kRead, [&](store::Transaction& tx) {
    return LoginLogRepository(tx).Search(filter);
  });
}

base::Result<TotpEnrolment> SessionService::BeginTotpEnrolment(const Actor& actor) {
  if (!actor.user_id.valid()) return base::PermissionDenied("该操作者不能绑定动态口令");
  return db_.TransactValue<TotpEnrolment>(
      store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Result<TotpEnrolment> {
        CredentialRepository credentials(tx, keyring_);
        ASSIGN_OR_RETURN(CredentialState state, credentials.Find(actor.user_id));
        if (state.totp_enabled) return base::FailedPrecondition("已启用动态口令");
        TotpEnrolment out;
        out.secret = NewTotpSecret();
        out.uri = TotpUri(policy_.totp_issuer, actor.username, out.secret);
        RETURN_IF_ERROR(credentials.SetPendingTotp(actor.user_id, out.secret));
        // The entry says that enrolment began, never the secret.
        RETURN_IF_ERROR(
            Audit(tx, actor, "user.totp_enrol", "user", std::to_string(actor.user_id.value())));
        return out;
      });
}

base::Status SessionService::ConfirmTotp(const Actor& actor, std::string_view code) {
  if (!actor.user_id.valid()) return base::PermissionDenied("该操作者不能绑定动态口令");
  if (code.empty()) return base::InvalidArgument("请输入动态口令", "code");
  const base::Timestamp now = clock_.Now();
  return db_.Transact(store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Status {
    CredentialRepository credentials(tx, keyring_);
    ASSIGN_OR_RETURN(CredentialState state, credentials.Find(actor.user_id));
    if (state.totp_enabled) return base::FailedPrecondition("已启用动态口令");
    if (state.totp_secret.empty()) {
      return base::FailedPrecondition("请先开始绑定动态口令（POST /api/me/totp）");
    }
    ASSIGN_OR_RETURN(std::string key, Base32Decode(state.totp_secret));
    auto step = MatchTotp(std::span(reinterpret_cast<const unsigned char*>(key.data()), key.size()),
                          code, now);
    if (!step) return base::InvalidArgument("动态口令错误，请核对身份验证器上的时间与数字", "code");
    RETURN_IF_ERROR(credentials.EnableTotp(actor.user_id, *step));
    return Audit(tx, actor, "user.totp_enable", "user", std::to_string(actor.user_id.value()));
  });
}

}  // namespace xr::access
