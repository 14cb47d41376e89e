#include "base/timestamp.h"

#include <gtest/gtest.h>

#include "base/clock.h"

namespace xr::base {
namespace {

TEST(TimestampTest, ParsesRfc3339AndNormalisesToUtc) {
  struct Case {
    std::string_view in;
    std::string_view utc;
  };
  const Case cases[] = {
      {"2026-11-27T12:00:00Z", "2026-11-27T12:00:00.000000Z"},
      {"2026-11-27T20:00:00+08:00", "2026-11-27T12:00:00.000000Z"},
      {"2026-01-01T07:30:00.5+08:00", "2025-12-31T23:30:00.500000Z"},
      {"2026-11-27T12:00:00.1234567Z", "2026-11-27T12:00:00.123456Z"},
  };
  for (const Case& c : cases) {
    auto t = Timestamp::Parse(c.in);
    ASSERT_TRUE(t.ok()) << c.in << " " << t.status().ToString();
    EXPECT_EQ(t->ToRfc3339(), c.utc);
    EXPECT_EQ(Timestamp::Parse(t->ToRfc3339())->unix_micros(), t->unix_micros());
  }
  for (std::string_view bad :
       {"2026-11-27", "2026-11-27T25:00:00Z", "2026-11-27T12:00:00", "2026-11-27T12:00:00.Z",
        "2026-02-30T00:00:00Z", "2026-11-27T12:00:00+0800"}) {
    EXPECT_FALSE(Timestamp::Parse(bad).ok()) << bad;
  }
}

TEST(TimestampTest, ShanghaiDateCrossesMidnightAtSixteenUtc) {
  EXPECT_EQ(Timestamp::Parse("2026-11-27T15:59:59Z")->ShanghaiDate().ToString(), "2026-11-27");
  EXPECT_EQ(Timestamp::Parse("2026-11-27T16:00:00Z")->ShanghaiDate().ToString(), "2026-11-28");
}

TEST(TimestampTest, TextOrderIsTimeOrder) {
  // Stored timestamps are compared as text in SQL; fixed width makes that valid.
  auto a = Timestamp::Parse("2026-11-27T09:59:59.999999Z");
  auto b = Timestamp::Parse("2026-11-27T10:00:00Z");
  EXPECT_LT(a->ToRfc3339(), b->ToRfc3339());
  EXPECT_LT(*a, *b);
}

TEST(ClockTest, FakeClockMovesOnlyWhenTold) {
  FakeClock clock(*Timestamp::Parse("2026-11-27T00:00:00Z"));
  EXPECT_EQ(clock.Now().ToRfc3339(), "2026-11-27T00:00:00.000000Z");
  clock.Advance(std::chrono::hours(25));
  EXPECT_EQ(clock.Now().ToRfc3339(), "2026-11-28T01:00:00.000000Z");
  RealClock real;
  EXPECT_GT(real.Now().unix_micros(), Timestamp::Parse("2026-01-01T00:00:00Z")->unix_micros());
}

}  // namespace
}  // namespace xr::base
