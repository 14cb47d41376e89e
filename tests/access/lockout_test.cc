#include "access/lockout.h"

#include <gtest/gtest.h>

#include <vector>

namespace xr::access {
namespace {

using namespace std::chrono_literals;

const base::Timestamp kStart = *base::Timestamp::Parse("2026-11-27T06:20:00Z");  // 14:20 上海

base::Timestamp At(std::chrono::seconds offset) { return kStart.Plus(offset); }

TEST(LockoutTest, WindowSlidesAndLockExpires) {
  struct Case {
    std::string_view name;
    std::vector<std::chrono::seconds> failures;  // offsets from kStart, ascending
    std::chrono::seconds now;
    std::optional<std::chrono::seconds> locked_until;
  };
  const Case cases[] = {
      {"four failures do not lock", {0min, 1min, 2min, 3min}, 4min, std::nullopt},
      {"the fifth locks for 15 minutes", {0min, 1min, 2min, 3min, 4min}, 5min, 19min},
      {"still locked one second before the end", {0min, 1min, 2min, 3min, 4min}, 19min - 1s, 19min},
      {"unlocked at the end", {0min, 1min, 2min, 3min, 4min}, 19min, std::nullopt},
      {"five spread over 16 minutes do not lock",
       {0min, 4min, 8min, 12min, 16min},
       16min,
       std::nullopt},
      {"five within exactly 15 minutes lock", {0min, 4min, 8min, 12min, 15min}, 16min, 30min},
      {"the window slides: the first failure has left it",
       {0min, 10min, 11min, 12min, 16min},
       17min,
       std::nullopt},
      {"…and the next one inside it locks",
       {0min, 10min, 11min, 12min, 16min, 17min},
       18min,
       32min},
      {"failures after an expired lock start a new count",
       {0min, 1min, 2min, 3min, 4min, 20min, 21min},
       22min,
       std::nullopt},
      {"a second lock needs five new failures",
       {0min, 1min, 2min, 3min, 4min, 20min, 21min, 22min, 23min, 24min},
       25min,
       39min},
      {"failures in the future (clock stepped back) are ignored",
       {0min, 1min, 2min, 3min, 10min},
       5min,
       std::nullopt},
  };
  const LockoutPolicy policy;
  for (const Case& c : cases) {
    std::vector<SignInFailure> failures;
    for (auto offset : c.failures) failures.push_back({At(offset), "zhangsan"});
    auto until = LockedUntil(failures, policy, At(c.now));
    if (c.locked_until) {
      ASSERT_TRUE(until.has_value()) << c.name;
      EXPECT_EQ(*until, At(*c.locked_until)) << c.name;
    } else {
      EXPECT_FALSE(until.has_value()) << c.name << ": locked until " << until->ToRfc3339();
    }
  }
}

TEST(LockoutTest, ThresholdsAreConfigurable) {
  LockoutPolicy strict{.max_failures = 3, .window = 5min, .lock_duration = 60min};
  std::vector<SignInFailure> failures = {{At(0min), "a"}, {At(2min), "a"}, {At(4min), "a"}};
  EXPECT_EQ(LockedUntil(failures, strict, At(10min)), At(64min));
  EXPECT_FALSE(LockedUntil(failures, LockoutPolicy{}, At(10min)));
  LockoutPolicy off{.max_failures = 0};
  EXPECT_FALSE(LockedUntil(failures, off, At(5min)));
}

TEST(LockoutTest, AddressRuleCountsDistinctUsernames) {
  LockoutPolicy address{.distinct_usernames = true};
  std::vector<SignInFailure> same;
  for (int i = 0; i < 8; ++i) same.push_back({At(std::chrono::minutes(i)), "zhangsan"});
  EXPECT_FALSE(LockedUntil(same, address, At(9min)));  // one person mistyping: account rule only
  std::vector<SignInFailure> spray;
  for (std::string name : {"a1", "a2", "a3", "a4", "a1", "a5"}) {
    spray.push_back({At(std::chrono::minutes(spray.size())), name});
  }
  EXPECT_EQ(LockedUntil(spray, address, At(6min)), At(20min));  // fifth distinct name at 5 min
}

TEST(LockoutTest, MessagesGiveTheShanghaiMinuteRoundedUp) {
  EXPECT_EQ(ShanghaiMinute(*base::Timestamp::Parse("2026-11-27T06:35:00Z")), "14:35");
  EXPECT_EQ(ShanghaiMinute(*base::Timestamp::Parse("2026-11-27T06:34:20Z")), "14:35");
  EXPECT_EQ(ShanghaiMinute(*base::Timestamp::Parse("2026-11-27T06:35:00.000001Z")), "14:36");
  EXPECT_EQ(ShanghaiMinute(*base::Timestamp::Parse("2026-11-27T15:59:30Z")), "00:00");
  EXPECT_EQ(AccountLockedMessage(*base::Timestamp::Parse("2026-11-27T06:35:00Z")),
            "连续登录失败次数过多，账号已锁定，请于 14:35 后再试");
  EXPECT_EQ(AddressLockedMessage(*base::Timestamp::Parse("2026-11-27T06:35:00Z")),
            "本机地址登录失败次数过多，已暂停登录，请于 14:35 后再试");
}

}  // namespace
}  // namespace xr::access
