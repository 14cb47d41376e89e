#pragma once
// The login log (登录日志): one row per sign-in attempt, whatever its outcome. It is both the
// record the security and audit administrators read and the data the lockout rule counts.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/actor.h"
#include "access/lockout.h"
#include "base/timestamp.h"
#include "store/database.h"

namespace xr::access {

enum class LoginResult {
  kSuccess,
  kWrongPassword,
  kUnknownUser,
  kDisabled,
  kLocked,        // refused without checking the password (account or address locked)
  kTotpRequired,  // right password, no second-factor code given: not a failure
  kWrongTotp,
};

// Stable wire and storage names: "success", "wrong_password", "unknown_user", "disabled",
// "locked", "totp_required", "wrong_totp".
std::string_view LoginResultName(LoginResult result);
std::optional<LoginResult> ParseLoginResult(std::string_view name);
// The results the lockout rule counts.
bool IsSignInFailure(LoginResult result);

struct LoginAttempt {
  std::int64_t id = 0;
  base::Timestamp at;
  std::string username;  // as typed (truncated to 64 bytes)
  UserId user_id;        // invalid when no such user
  std::string remote_address;
  LoginResult result = LoginResult::kWrongPassword;
  std::string user_agent;  // truncated to 256 bytes; empty when not sent
};

struct LoginLogFilter {
  std::optional<std::string> username;  // exact
  std::optional<LoginResult> result;
  std::optional<base::Timestamp> from;  // inclusive
  std::optional<base::Timestamp> to;    // exclusive
  std::int64_t page = 1;
  std::int64_t page_size = 20;  // 1–200
};

struct LoginLogPage {
  std::vector<LoginAttempt> items;  // newest first
  std::int64_t total = 0;
};

class LoginLogRepository {
 public:
  explicit LoginLogRepository(store::Transaction& tx) : tx_(tx) {}

  base::Status Insert(const LoginAttempt& attempt);
  // Failures for this typed username at or after `since` and after its last success, oldest
  // first.
  base::Result<std::vector<SignInFailure>> FailuresForUsername(std::string_view username,
                                                               base::Timestamp since);
  // Failures from this address at or after `since`, oldest first.
  base::Result<std::vector<SignInFailure>> FailuresFromAddress(std::string_view address,
                                                               base::Timestamp since);
  base::Result<LoginLogPage> Search(const LoginLogFilter& filter);

 private:
  store::Transaction& tx_;
};

}  // namespace xr::access
