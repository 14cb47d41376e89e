#include "base/score.h"

#include <gtest/gtest.h>

namespace xr::base {
namespace {

TEST(ScoreTest, ParsesUpToFourDecimals) {
  struct Case {
    std::string_view text;
    std::int64_t units;
  };
  const Case good[] = {{"87", 870000},
                       {"87.5", 875000},
                       {"-0.25", -2500},
                       {"100.0000", 1000000},
                       {"+3.0001", 30001}};
  for (const Case& c : good) {
    auto s = Score::Parse(c.text);
    ASSERT_TRUE(s.ok()) << c.text;
    EXPECT_EQ(s->units(), c.units) << c.text;
  }
  for (std::string_view bad :
       {"", "87.", ".5", "87.12345", "8 7", "abc", "1e3", "-", "1234567890123"}) {
    auto s = Score::Parse(bad, "weight");
    EXPECT_FALSE(s.ok()) << bad;
    if (!s.ok()) {
      EXPECT_EQ(s.status().field(), "weight");
    }
  }
}

TEST(ScoreTest, RoundsHalfAwayFromZero) {
  struct Case {
    std::int64_t numerator, denominator;
    std::string_view shown;
  };
  // Ratio → 4 decimals.
  const Case cases[] = {
      {2, 3, "0.6667"},       {1, 3, "0.3333"},     {-2, 3, "-0.6667"},
      {1, 20000, "0.0001"},  // 0.00005 → up
      {-1, 20000, "-0.0001"}, {1, 30000, "0.0000"}, {7, 7, "1.0000"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Score::Ratio(c.numerator, c.denominator).ToString(), c.shown)
        << c.numerator << "/" << c.denominator;
  }
  EXPECT_EQ(Score::Parse("87.125")->ToString(2), "87.13");
  EXPECT_EQ(Score::Parse("-87.125")->ToString(2), "-87.13");
  EXPECT_EQ(Score::Parse("87.124")->ToString(2), "87.12");
  EXPECT_EQ(Score::Parse("0.5")->ToString(0), "1");
  EXPECT_EQ(Score::Parse("-0.0049")->ToString(2), "0.00");  // no negative zero
}

TEST(ScoreTest, WeightedSumsAreExact) {
  // 德 90 × 0.2 + 能 85.5 × 0.3 + 勤 88 × 0.1 + 绩 92.25 × 0.3 + 廉 95 × 0.1 = 89.625
  const char* scores[] = {"90", "85.5", "88", "92.25", "95"};
  const char* weights[] = {"0.2", "0.3", "0.1", "0.3", "0.1"};
  Score total;
  for (int i = 0; i < 5; ++i) total += *Score::Parse(scores[i]) * *Score::Parse(weights[i]);
  EXPECT_EQ(total.ToString(), "89.6250");
  EXPECT_EQ(total.ToString(2), "89.63");  // the half rounds up
  EXPECT_EQ(Score::FromInt(10).DividedBy(3).ToString(), "3.3333");
  EXPECT_EQ(Score::Parse("0.00005").ok(), false);
  EXPECT_EQ((Score::Parse("0.0001").value() * Score::Parse("0.5").value()).units(),
            1);  // 0.00005 → 0.0001
}

}  // namespace
}  // namespace xr::base
