#include "cadre/divisions.h"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>

namespace xr::cadre {
namespace {

TEST(DivisionsTest, FindsKnownCodes) {
  struct Case {
    std::string code, name, parent;
    DivisionLevel level;
  };
  const std::vector<Case> cases = {
      {"110000", "北京市", "", DivisionLevel::kProvince},
      {"110101", "东城区", "110100", DivisionLevel::kCounty},
      {"110100", "市辖区", "110000", DivisionLevel::kPrefecture},  // a municipality's districts
      {"500200", "县", "500000", DivisionLevel::kPrefecture},      // 重庆's counties
      {"500229", "城口县", "500200", DivisionLevel::kCounty},
      {"210000", "辽宁省", "", DivisionLevel::kProvince},
      {"210200", "大连市", "210000", DivisionLevel::kPrefecture},
      {"210202", "中山区", "210200", DivisionLevel::kCounty},
      {"440300", "深圳市", "440000", DivisionLevel::kPrefecture},
      {"441900", "东莞市", "440000", DivisionLevel::kPrefecture},  // no counties below it
      {"429000", "省直辖县级行政区划", "420000", DivisionLevel::kPrefecture},
      {"429004", "仙桃市", "429000", DivisionLevel::kCounty},
      {"659000", "自治区直辖县级行政区划", "650000", DivisionLevel::kPrefecture},
      {"710000", "台湾省", "", DivisionLevel::kProvince},
      {"810000", "香港特别行政区", "", DivisionLevel::kProvince},
  };
  for (const Case& c : cases) {
    const std::optional<Division> division = FindDivision(c.code);
    ASSERT_TRUE(division.has_value()) << c.code;
    EXPECT_EQ(division->code, c.code);
    EXPECT_EQ(division->name, c.name) << c.code;
    EXPECT_EQ(division->parent_code, c.parent) << c.code;
    EXPECT_EQ(division->level, c.level) << c.code;
  }
}

TEST(DivisionsTest, UnknownCodesAreNotFound) {
  for (std::string code : {"990102", "000000", "110199", "11010", "1101011", "", "11010a"}) {
    EXPECT_FALSE(FindDivision(code).has_value()) << code;
  }
}

TEST(DivisionsTest, TableIsSortedCompleteAndEveryParentExists) {
  const auto all = Divisions();
  std::map<DivisionLevel, int> counts;
  for (size_t i = 0; i < all.size(); ++i) {
    const Division& d = all[i];
    ++counts[d.level];
    if (i > 0) {
      EXPECT_LT(all[i - 1].code, d.code);
    }
    ASSERT_EQ(d.code.size(), 6u);
    EXPECT_FALSE(d.name.empty()) << d.code;
    if (d.level == DivisionLevel::kProvince) {
      EXPECT_TRUE(d.parent_code.empty()) << d.code;
      EXPECT_EQ(d.code.substr(2), "0000");
      continue;
    }
    const std::optional<Division> parent = FindDivision(d.parent_code);
    ASSERT_TRUE(parent.has_value()) << d.code << " " << d.name << ": parent " << d.parent_code;
    EXPECT_EQ(int(parent->level), int(d.level) - 1) << d.code;
    EXPECT_EQ(d.code.substr(0, d.level == DivisionLevel::kPrefecture ? 2 : 4),
              parent->code.substr(0, d.level == DivisionLevel::kPrefecture ? 2 : 4))
        << d.code;
  }
  // 23 provinces, 5 autonomous regions, 4 municipalities and 2 SARs.
  EXPECT_EQ(counts[DivisionLevel::kProvince], 34);
  EXPECT_GT(counts[DivisionLevel::kPrefecture], 330);
  EXPECT_LT(counts[DivisionLevel::kPrefecture], 360);
  EXPECT_GT(counts[DivisionLevel::kCounty], 2800);
  EXPECT_LT(counts[DivisionLevel::kCounty], 3400);
}

TEST(DivisionsTest, PlausibleAddressCodes) {
  const std::vector<std::pair<std::string, bool>> cases = {
      {"110105", true},   // 北京市朝阳区
      {"210202", true},   // 大连市中山区
      {"429004", true},   // 仙桃市 (省直辖)
      {"210200", true},   // a prefecture's own code is seen on old IDs
      {"110000", true},   // a province's own code
      {"220122", true},   // 农安县
      {"362137", true},   // 赣州地区's retired 1980s county code: province 36 is known
      {"990102", false},  // 99 is no province
      {"000000", false}, {"100101", false},  // 10 is no province
      {"11010", false},  {"11010X", false}, {"", false},
  };
  for (const auto& [code, plausible] : cases) {
    EXPECT_EQ(IsPlausibleAddressCode(code), plausible) << code;
  }
}

}  // namespace
}  // namespace xr::cadre
