#include "access/lockout.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <string_view>

namespace xr::access {

std::optional<base::Timestamp> LockedUntil(std::span<const SignInFailure> failures,
                                           const LockoutPolicy& policy, base::Timestamp now) {
  if (policy.max_failures <= 0) return std::nullopt;
  std::optional<base::Timestamp> until;
  size_t first = 0;  // oldest failure inside the window ending at failures[i]
  for (size_t i = 0; i < failures.size(); ++i) {
    const base::Timestamp at = failures[i].at;
    if (at > now) break;
    // A failure recorded while a lock was in force cannot happen (those attempts are refused
    // first), but a clock step back could produce one: it does not count.
    if (until && at < *until) continue;
    while (failures[first].at < at.Plus(-std::chrono::microseconds(policy.window))) ++first;
    int count = 0;
    if (policy.distinct_usernames) {
      std::set<std::string_view> names;
      for (size_t j = first; j <= i; ++j) {
        if (!until || failures[j].at >= *until) names.insert(failures[j].username);
      }
      count = int(names.size());
    } else {
      for (size_t j = first; j <= i; ++j) count += (!until || failures[j].at >= *until) ? 1 : 0;
    }
    if (count >= policy.max_failures) until = at.Plus(policy.lock_duration);
  }
  if (until && now < *until) return until;
  return std::nullopt;
}

std::string ShanghaiMinute(base::Timestamp at) {
  using namespace std::chrono;
  const auto local = at.time_point() + hours(8);
  const auto minute = ceil<minutes>(local);
  const auto day = floor<days>(minute);
  const hh_mm_ss<minutes> time(minute - day);
  char out[8];
  std::snprintf(out, sizeof out, "%02d:%02d", int(time.hours().count()),
                int(time.minutes().count()));
  return out;
}

std::string AccountLockedMessage(base::Timestamp until) {
  return "连续登录失败次数过多，账号已锁定，请于 " + ShanghaiMinute(until) + " 后再试";
}

std::string AddressLockedMessage(base::Timestamp until) {
  return "本机地址登录失败次数过多，已暂停登录，请于 " + ShanghaiMinute(until) + " 后再试";
}

}  // namespace xr::access
