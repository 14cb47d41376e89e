#include "base/date.h"

#include <gtest/gtest.h>

namespace xr::base {
namespace {

TEST(DateTest, ParsesOnlyRealDays) {
  struct Case {
    std::string_view text;
    bool ok;
  };
  const Case cases[] = {
      {"2024-02-29", true},  {"2023-02-29", false}, {"2026-11-27", true}, {"2026-13-01", false},
      {"2026-04-31", false}, {"2026-4-30", false},  {"20261127", false},  {"2026/11/27", false},
      {"", false},           {"0000-01-01", false}, {"1949-10-01", true}, {"2026-11-2x", false},
  };
  for (const Case& c : cases) {
    auto date = Date::Parse(c.text, "start_date");
    EXPECT_EQ(date.ok(), c.ok) << c.text;
    if (date.ok()) {
      EXPECT_EQ(date->ToString(), c.text);
    }
    if (!date.ok()) {
      EXPECT_EQ(date.status().field(), "start_date");
    }
  }
}

TEST(DateTest, ArithmeticAndWeekdays) {
  const Date d = *Date::Parse("2026-02-27");
  EXPECT_EQ(d.AddDays(2).ToString(), "2026-03-01");
  EXPECT_EQ(d.AddDays(-365).ToString(), "2025-02-27");
  EXPECT_EQ(Date::Parse("2026-10-01")->iso_weekday(), 4u);  // 国庆节 2026 is a Thursday
  EXPECT_EQ(Date::Parse("2026-11-29")->iso_weekday(), 7u);
  EXPECT_LT(*Date::Parse("2025-12-31"), *Date::Parse("2026-01-01"));
}

TEST(YearMonthTest, ParsesBothFormsOfTheForm) {
  EXPECT_EQ(YearMonth::Parse("1975-03")->ToString(), "1975-03");
  EXPECT_EQ(YearMonth::Parse("1975.03")->ToString(), "1975-03");  // as printed on 任免审批表
  for (std::string_view bad : {"1975-13", "1975-00", "1975-3", "75-03", "1975年3月", ""}) {
    auto ym = YearMonth::Parse(bad, "birth_month");
    EXPECT_FALSE(ym.ok()) << bad;
    if (!ym.ok()) {
      EXPECT_EQ(ym.status().field(), "birth_month");
    }
  }
}

TEST(YearMonthTest, FullYearsCountTheBirthdayMonthAsReached) {
  const YearMonth born = *YearMonth::Parse("1970-06");
  EXPECT_EQ(born.FullYearsUntil(*YearMonth::Parse("2026-05")), 55);
  EXPECT_EQ(born.FullYearsUntil(*YearMonth::Parse("2026-06")), 56);
  EXPECT_EQ(born.FullYearsUntil(*YearMonth::Parse("2026-12")), 56);
  EXPECT_EQ(born.AddMonths(7).ToString(), "1971-01");
  EXPECT_EQ(born.AddMonths(-6).ToString(), "1969-12");
}

}  // namespace
}  // namespace xr::base
