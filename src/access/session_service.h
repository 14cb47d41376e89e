#pragma once
// Sign-in, session lookup and sign-out.
//
// A session is identified by a random token the client holds (as the HttpOnly cookie or as a
// bearer token); the database stores only its digest. Each session also has a CSRF token that
// cookie-authenticated state-changing requests must echo in a header.

#include <chrono>
#include <string>

#include "access/user.h"
#include "base/clock.h"
#include "store/database.h"

namespace xr::access {

struct SessionPolicy {
  std::chrono::minutes idle_timeout{30};     // 等保: sign out after inactivity
  std::chrono::hours absolute_lifetime{12};  // one working day at most
};

struct SignInResult {
  std::string token;
  std::string csrf;
  User user;
  base::Timestamp expires_at;
};

struct AuthenticatedSession {
  Actor actor;
  std::string csrf;
};

class SessionService {
 public:
  SessionService(store::Database& db, const base::Clock& clock, SessionPolicy policy = {});

  // Unauthenticated "用户名或密码错误" for an unknown user, a wrong password or a disabled
  // account alike, after the same amount of hashing work in each case.
  base::Result<SignInResult> SignIn(std::string_view username, std::string_view password,
                                    std::string_view remote_address);
  // Unauthenticated when the token is unknown, expired (absolute or idle) or its user disabled.
  base::Result<AuthenticatedSession> Authenticate(std::string_view token);
  // Ends the session; OK even if it had already ended.
  base::Status SignOut(std::string_view token);

 private:
  store::Database& db_;
  const base::Clock& clock_;
  SessionPolicy policy_;
  std::string decoy_hash_;  // verified against when the user does not exist
};

}  // namespace xr::access
