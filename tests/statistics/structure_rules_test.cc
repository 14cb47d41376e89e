// The pure bucketing rules of 班子结构分析, table-driven.
#include "statistics/structure_rules.h"

#include <gtest/gtest.h>

#include "cadre/form_text.h"

namespace xr::statistics {
namespace {

base::Date Day(std::string_view text) { return *base::Date::Parse(text); }

TEST(StructureRulesTest, AgeBands) {
  struct Case {
    int age;
    std::string_view band;
  };
  for (const Case& c : std::vector<Case>{{18, "35岁及以下"},
                                         {35, "35岁及以下"},
                                         {36, "36至40岁"},
                                         {40, "36至40岁"},
                                         {41, "41至45岁"},
                                         {45, "41至45岁"},
                                         {46, "46至50岁"},
                                         {50, "46至50岁"},
                                         {51, "51至55岁"},
                                         {55, "51至55岁"},
                                         {56, "56岁及以上"},
                                         {70, "56岁及以上"}}) {
    EXPECT_EQ(AgeBands()[BandOf(AgeBands(), c.age)].label, c.band) << c.age;
  }
}

TEST(StructureRulesTest, YearsInPostBands) {
  struct Case {
    int years;
    std::string_view band;
  };
  for (const Case& c : std::vector<Case>{{-1, "不满1年"},
                                         {0, "不满1年"},
                                         {1, "1至3年"},
                                         {2, "1至3年"},
                                         {3, "3至5年"},
                                         {4, "3至5年"},
                                         {5, "5至10年"},
                                         {9, "5至10年"},
                                         {10, "10年及以上"},
                                         {30, "10年及以上"}}) {
    EXPECT_EQ(YearsInPostBands()[BandOf(YearsInPostBands(), c.years)].label, c.band) << c.years;
  }
}

// The bound the SQL compares birth months with agrees with the form's age (cadre::AgeOn) for
// every month around it.
TEST(StructureRulesTest, YearsBeforeMatchesTheFormsAge) {
  for (std::string_view reference : {"2026-11-28", "2026-01-01", "2024-02-29", "2026-12-31"}) {
    const base::Date day = Day(reference);
    for (int years : {1, 3, 36, 41, 46}) {
      const base::YearMonth bound = YearsBefore(day, years);
      for (int delta = -14; delta <= 14; ++delta) {
        const base::YearMonth birth = bound.AddMonths(delta);
        EXPECT_EQ(cadre::AgeOn(birth, day) >= years, birth <= bound)
            << reference << " years " << years << " birth " << birth.ToString();
      }
    }
  }
  EXPECT_EQ(YearsBefore(Day("2026-11-28"), 36).ToString(), "1990-11");
}

TEST(StructureRulesTest, Groups) {
  EXPECT_EQ(EthnicGroupOf("汉族"), "汉族");
  EXPECT_EQ(EthnicGroupOf("回族"), "少数民族");
  EXPECT_EQ(EthnicGroupOf("维吾尔族"), "少数民族");
  EXPECT_EQ(EthnicGroupOf(""), "未填");
  for (std::string_view party : {"中共党员", "中共预备党员"}) EXPECT_TRUE(IsCommunistParty(party));
  for (std::string_view party :
       {"民盟盟员", "九三学社社员", "无党派人士", "群众", "共青团员", ""}) {
    EXPECT_FALSE(IsCommunistParty(party)) << party;
  }
}

TEST(StructureRulesTest, EducationAndRankLadders) {
  EXPECT_EQ(EducationRungOfDigit('1'), 0u);  // 研究生
  EXPECT_EQ(EducationRungOfDigit('2'), 1u);  // 大学
  EXPECT_EQ(EducationRungOfDigit('3'), 2u);  // 大专
  EXPECT_EQ(EducationRungOfDigit('4'), 3u);  // 中专
  EXPECT_EQ(EducationRungOfDigit('6'), 4u);  // 高中
  EXPECT_EQ(EducationRungOfDigit('9'), 7u);  // 其他
  EXPECT_EQ(RankLevels().size(), 4u);
  EXPECT_EQ(RankLevels()[0], "厅局级");
  EXPECT_EQ(RanksOfLevel("厅局级"), (std::vector<std::string_view>{"一级巡视员", "二级巡视员"}));
  EXPECT_EQ(RanksOfLevel("县处级").size(), 4u);
  EXPECT_EQ(RanksOfLevel("乡科级").front(), "一级主任科员");
  EXPECT_TRUE(RanksOfLevel("部级").empty());
}

TEST(StructureRulesTest, Shortfalls) {
  struct Case {
    std::int64_t count, total;
    IndicatorTarget target;
    bool shortfall;
  };
  for (const Case& c : std::vector<Case>{
           {0, 10, {}, false},
           {0, 10, {1, std::nullopt}, true},
           {1, 10, {1, std::nullopt}, false},
           {1, 10, {std::nullopt, 1500}, true},   // 10% < 15%
           {3, 20, {std::nullopt, 1500}, false},  // exactly 15%
           {2, 14, {std::nullopt, 1500}, true},   // 14.28…%
           {3, 14, {2, 2000}, false},             // 21.4%
           {1, 14, {2, 500}, true},               // count short, share fine
           {0, 0, {std::nullopt, 1500}, false},   // no cadres: no share to miss
           {0, 0, {1, 1500}, true},
       }) {
    EXPECT_EQ(Shortfall(c.count, c.total, c.target), c.shortfall)
        << c.count << "/" << c.total << " min_count " << c.target.min_count.value_or(-1)
        << " min_share " << c.target.min_share_bp.value_or(-1);
  }
}

TEST(StructureRulesTest, TargetsAreValidatedByField) {
  struct Case {
    Targets targets;
    std::string field;  // "" = valid
  };
  const auto limits = [](std::string level, int age) {
    Targets t;
    t.young_age_limits[level] = age;
    return t;
  };
  const auto indicator = [](std::string key, IndicatorTarget target) {
    Targets t;
    t.indicators[key] = target;
    return t;
  };
  for (const Case& c : std::vector<Case>{
           {limits("厅局级", 45), ""},
           {limits("科员级", 30), ""},
           {limits("部级", 50), "young_age_limits.部级"},
           {limits("县处级", 17), "young_age_limits.县处级"},
           {limits("县处级", 71), "young_age_limits.县处级"},
           {indicator("female", {1, 1500}), ""},
           {indicator("young", {0, 0}), ""},
           {indicator("non_party", {std::nullopt, 10000}), ""},
           {indicator("male", {1, std::nullopt}), "indicators.male"},
           {indicator("female", {-1, std::nullopt}), "indicators.female.min_count"},
           {indicator("minority", {std::nullopt, 10001}), "indicators.minority.min_share"},
           {indicator("minority", {std::nullopt, -1}), "indicators.minority.min_share"},
       }) {
    const base::Status status = ValidateTargets(c.targets);
    if (c.field.empty()) {
      EXPECT_TRUE(status.ok()) << status.ToString();
    } else {
      EXPECT_EQ(status.code(), base::StatusCode::kInvalidArgument) << c.field;
      EXPECT_EQ(status.field(), c.field);
    }
  }
}

}  // namespace
}  // namespace xr::statistics
