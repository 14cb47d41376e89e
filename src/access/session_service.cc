#include "access/session_service.h"

#include "access/access_repository.h"
#include "access/password.h"

namespace xr::access {
namespace {

constexpr std::string_view kBadCredentials = "用户名或密码错误";
constexpr std::string_view kSessionEnded = "登录已失效，请重新登录";
// Refresh last_seen at most this often, so that most authenticated reads stay read-only.
constexpr auto kTouchInterval = std::chrono::seconds(60);

}  // namespace

SessionService::SessionService(store::Database& db, const base::Clock& clock, SessionPolicy policy)
    : db_(db), clock_(clock), policy_(policy) {
  auto decoy = HashPassword(RandomToken(16));
  decoy_hash_ = decoy.ok() ? *decoy : std::string();
}

base::Result<SignInResult> SessionService::SignIn(std::string_view username,
                                                  std::string_view password,
                                                  std::string_view remote_address) {
  if (username.empty()) return base::InvalidArgument("请输入用户名", "username");
  if (password.empty()) return base::InvalidArgument("请输入密码", "password");
  auto credentials = db_.TransactValue<UserCredentials>(
      store::TxMode::kRead,
      [&](store::Transaction& tx) { return AccessRepository(tx).FindCredentials(username); });
  if (!credentials.ok() && credentials.status().code() != base::StatusCode::kNotFound) {
    return credentials.status();
  }
  const bool verified = credentials.ok() ? VerifyPassword(credentials->password_hash, password)
                                         : (VerifyPassword(decoy_hash_, password), false);
  if (!verified || credentials->user.disabled)
    return base::Unauthenticated(std::string(kBadCredentials));

  SignInResult result{RandomToken(32), RandomToken(24), credentials->user, {}};
  const base::Timestamp now = clock_.Now();
  result.expires_at = now.Plus(policy_.absolute_lifetime);
  RETURN_IF_ERROR(db_.Transact(store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Status {
    AccessRepository repository(tx);
    RETURN_IF_ERROR(repository.DeleteSessionsExpiredBefore(now));
    return repository.InsertSession(TokenDigest(result.token), result.user.id, result.csrf,
                                    remote_address, now, result.expires_at);
  }));
  return result;
}

base::Result<AuthenticatedSession> SessionService::Authenticate(std::string_view token) {
  if (token.empty()) return base::Unauthenticated("请先登录");
  const std::string digest = TokenDigest(token);
  auto session = db_.TransactValue<StoredSession>(
      store::TxMode::kRead,
      [&](store::Transaction& tx) { return AccessRepository(tx).FindSession(digest); });
  if (!session.ok()) {
    if (session.status().code() == base::StatusCode::kNotFound) {
      return base::Unauthenticated(std::string(kSessionEnded));
    }
    return session.status();
  }
  const base::Timestamp now = clock_.Now();
  if (now >= session->expires_at || now >= session->last_seen_at.Plus(policy_.idle_timeout) ||
      session->user.disabled) {
    return base::Unauthenticated(std::string(kSessionEnded));
  }
  if (now >= session->last_seen_at.Plus(kTouchInterval)) {
    RETURN_IF_ERROR(db_.Transact(store::TxMode::kWrite, [&](store::Transaction& tx) {
      return AccessRepository(tx).TouchSession(digest, now);
    }));
  }
  return AuthenticatedSession{ActorFor(session->user), session->csrf};
}

base::Status SessionService::SignOut(std::string_view token) {
  const std::string digest = TokenDigest(token);
  return db_.Transact(store::TxMode::kWrite, [&](store::Transaction& tx) {
    return AccessRepository(tx).DeleteSession(digest).status();
  });
}

}  // namespace xr::access
