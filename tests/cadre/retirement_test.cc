#include "cadre/retirement.h"

#include <gtest/gtest.h>

#include <vector>

namespace xr::cadre {
namespace {

base::YearMonth Month(int y, unsigned m) { return *base::YearMonth::FromYm(y, m); }

// Each row is derived by hand from RULES.md §10:
//   original = birth + base years; n = months from 2025-01 to original with 2025-01 = 1;
//   delay = n >= 1 ? min(cap, (n - 1) / interval + 1) : 0.
TEST(RetirementTest, AcrossThe2025Transition) {
  struct Case {
    base::YearMonth birth;
    int base_age;
    base::YearMonth expected;
    const char* derivation;
  };
  const std::vector<Case> cases = {
      // Men, base 60: interval 4, cap 36.
      {Month(1950, 3), 60, Month(2010, 3), "original 2010-03 before 2025: no delay"},
      {Month(1964, 12), 60, Month(2024, 12), "original 2024-12, n = 0: no delay"},
      {Month(1965, 1), 60, Month(2025, 2), "original 2025-01, n = 1: 0/4 + 1 = 1 month"},
      {Month(1965, 4), 60, Month(2025, 5), "n = 4: 3/4 + 1 = 1 month"},
      {Month(1965, 5), 60, Month(2025, 7), "n = 5: 4/4 + 1 = 2 months"},
      {Month(1965, 8), 60, Month(2025, 10), "n = 8: 7/4 + 1 = 2 months"},
      {Month(1965, 9), 60, Month(2025, 12), "n = 9: 8/4 + 1 = 3 months"},
      {Month(1966, 1), 60, Month(2026, 5), "original 2026-01, n = 13: 12/4 + 1 = 4 months"},
      {Month(1970, 6), 60, Month(2031, 11), "original 2030-06, n = 66: 65/4 + 1 = 17 months"},
      {Month(1976, 8), 60, Month(2039, 7), "original 2036-08, n = 140: 139/4 + 1 = 35 months"},
      {Month(1976, 9), 60, Month(2039, 9), "n = 141: 140/4 + 1 = 36, the cap: age 63"},
      {Month(1980, 1), 60, Month(2043, 1), "n = 181: capped at 36 months"},
      // Women cadres, base 55: interval 4, cap 36.
      {Month(1969, 12), 55, Month(2024, 12), "original 2024-12: no delay"},
      {Month(1970, 1), 55, Month(2025, 2), "original 2025-01, n = 1: 1 month"},
      {Month(1971, 3), 55, Month(2026, 7), "original 2026-03, n = 15: 14/4 + 1 = 4 months"},
      {Month(1981, 9), 55, Month(2039, 9), "original 2036-09, n = 141: 36 months, age 58"},
      {Month(1990, 5), 55, Month(2048, 5), "original 2045-05: capped at 36 months"},
      // Women workers, base 50: interval 2, cap 60.
      {Month(1974, 12), 50, Month(2024, 12), "original 2024-12: no delay"},
      {Month(1975, 1), 50, Month(2025, 2), "n = 1: 0/2 + 1 = 1 month"},
      {Month(1975, 2), 50, Month(2025, 3), "n = 2: 1/2 + 1 = 1 month"},
      {Month(1975, 3), 50, Month(2025, 5), "n = 3: 2/2 + 1 = 2 months"},
      {Month(1984, 10), 50, Month(2039, 9), "original 2034-10, n = 118: 117/2 + 1 = 59 months"},
      {Month(1984, 11), 50, Month(2039, 11), "n = 119: 118/2 + 1 = 60, the cap: age 55"},
      // Another base age is outside the rule: the original month.
      {Month(1965, 1), 65, Month(2030, 1), "base 65: no delay rule"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(RetirementMonth(c.birth, c.base_age), c.expected)
        << c.birth.ToString() << " base " << c.base_age << ": " << c.derivation << ", got "
        << RetirementMonth(c.birth, c.base_age).ToString();
  }
}

TEST(RetirementTest, DossierUsesSixtyForMenAndFiftyFiveForWomen) {
  Dossier dossier;
  dossier.birth_month = Month(1966, 1);
  dossier.gender = {"男", "1"};
  EXPECT_EQ(RetirementMonthOf(dossier), Month(2026, 5));  // 2026-01 + 4
  dossier.gender = {"女", "2"};
  EXPECT_EQ(RetirementMonthOf(dossier), Month(2021, 1));  // 2021-01, before the change
  dossier.birth_month = Month(1971, 1);
  EXPECT_EQ(RetirementMonthOf(dossier), Month(2026, 5));  // 2026-01, n = 13: 4 months
  dossier.gender = {"未说明的性别", "9"};
  EXPECT_EQ(RetirementMonthOf(dossier), std::nullopt);
}

}  // namespace
}  // namespace xr::cadre
