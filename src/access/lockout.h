#pragma once
// Sign-in lockout (等保 三级: 登录失败处理). Pure logic over the failure times read from the login
// log; no I/O, no clock.
//
// Rule: when `max_failures` failed sign-ins fall within `window`, the key (an account, or a
// client address) is locked for `lock_duration` counted from the failure that completed the
// count. Attempts made while locked are refused without checking the password and are not
// failures themselves, so they neither extend the lock nor count toward the next one.

#include <chrono>
#include <optional>
#include <span>
#include <string>

#include "base/timestamp.h"

namespace xr::access {

struct LockoutPolicy {
  int max_failures = 5;  // 0 disables this lockout
  std::chrono::minutes window{15};
  std::chrono::minutes lock_duration{15};
  // Count distinct usernames rather than attempts (the per-address rule: it exists to stop one
  // address spraying passwords across accounts, while one person mistyping their own password
  // is already handled by the per-account rule and should not lock out a whole office behind one
  // NAT address).
  bool distinct_usernames = false;

  // How far back the failures passed to LockedUntil must reach.
  std::chrono::minutes lookback() const { return window + lock_duration; }
};

struct SignInFailure {
  base::Timestamp at;
  std::string username;  // as typed
};

// The instant the lock ends, when the key is locked at `now`; nullopt when it is not.
// `failures` must be in ascending time order and reach back at least policy.lookback().
std::optional<base::Timestamp> LockedUntil(std::span<const SignInFailure> failures,
                                           const LockoutPolicy& policy, base::Timestamp now);

// "14:35": the Asia/Shanghai wall-clock minute at or after `at` (rounded up, so that "after
// 14:35" is never too early).
std::string ShanghaiMinute(base::Timestamp at);

// The messages for a locked account and a locked client address.
std::string AccountLockedMessage(base::Timestamp until);
std::string AddressLockedMessage(base::Timestamp until);

}  // namespace xr::access
