#include "cadre/form_text.h"

#include <gtest/gtest.h>

#include <vector>

namespace xr::cadre {
namespace {

base::YearMonth M(std::string_view text) { return *base::YearMonth::Parse(text); }
base::Date D(std::string_view text) { return *base::Date::Parse(text); }

Education Edu(EducationKind kind, Coded level, Coded degree, std::string school,
              std::optional<std::string_view> end) {
  Education e;
  e.kind = kind;
  e.level = std::move(level);
  e.degree = std::move(degree);
  e.school_and_major = std::move(school);
  if (end) e.end_month = M(*end);
  return e;
}

constexpr auto kFull = EducationKind::kFullTime;
constexpr auto kInService = EducationKind::kInService;
const Coded kBachelor{"大学本科", "20"}, kMaster{"硕士研究生", "14"}, kDoctor{"博士研究生", "11"},
    kCollege{"大学专科", "30"}, kSecondary{"中等专科", "40"}, kClass{"研究生班", "17"};

TEST(FormTextTest, HighestEducation) {
  struct Case {
    const char* name;
    std::vector<Education> education;
    std::optional<FormEducation> full_time, in_service;
  };
  const std::vector<Case> cases = {
      {"none", {}, std::nullopt, std::nullopt},
      {"a 本科 full-time and a 硕士 in service",
       {Edu(kFull, kBachelor, {"法学学士", "401"}, "辽宁大学法律系法学专业", "1997-07"),
        Edu(kInService, kMaster, {"法学硕士", "301"}, "吉林大学法学院法律专业", "2006-07")},
       FormEducation{"大学本科", "法学学士", "辽宁大学法律系法学专业", ""},
       FormEducation{"硕士研究生", "法学硕士", "吉林大学法学院法律专业", ""}},
      {"the lower code is the higher level, whatever the order or dates",
       {Edu(kInService, kDoctor, {"管理学博士", "212"}, "中央党校博士", "2012-07"),
        Edu(kInService, kCollege, {}, "省委党校经济管理专业", "2001-07"),
        Edu(kInService, kMaster, {"管理学硕士", "312"}, "省委党校硕士", "2015-07")},
       std::nullopt,
       FormEducation{"博士研究生", "管理学博士", "中央党校博士", ""}},
      {"same level: the later end month",
       {Edu(kFull, kBachelor, {"工学学士", "408"}, "大连理工大学机械系", "2000-07"),
        Edu(kFull, kBachelor, {"经济学学士", "402"}, "东北财经大学第二学位", "2002-07"),
        Edu(kFull, kSecondary, {}, "大连商业学校", "1996-07")},
       FormEducation{"大学本科", "经济学学士", "东北财经大学第二学位", ""},
       std::nullopt},
      {"a 研究生班 without degree keeps the 学士 of an earlier entry",
       {Edu(kInService, kClass, {}, "省委党校研究生班", "2008-07"),
        Edu(kInService, kBachelor, {"法学学士", "401"}, "中央党校函授学院法律专业", "2003-12")},
       std::nullopt,
       FormEducation{"研究生班", "法学学士", "省委党校研究生班", "中央党校函授学院法律专业"}},
      {"a level without a code ranks lowest",
       {Edu(kFull, {"私塾", ""}, {}, "某私塾", "1960-07"),
        Edu(kFull, kSecondary, {}, "某中专", "1958-07")},
       FormEducation{"中等专科", "", "某中专", ""},
       std::nullopt},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(HighestEducation(c.education, kFull), c.full_time) << c.name;
    EXPECT_EQ(HighestEducation(c.education, kInService), c.in_service) << c.name;
  }
}

Post P(std::string unit, std::string title, bool main, std::optional<std::string_view> end) {
  Post p;
  p.unit_name = std::move(unit);
  p.title = std::move(title);
  p.is_main = main;
  p.start_month = M("2015-01");
  if (end) p.end_month = M(*end);
  return p;
}

TEST(FormTextTest, CurrentPosts) {
  struct Case {
    std::vector<Post> posts;
    std::string text;
  };
  const std::vector<Case> cases = {
      {{}, ""},
      {{P("大连市中山区司法局", "副局长", true, std::nullopt)}, "大连市中山区司法局副局长"},
      {{P("大连市中山区司法局", "办公室主任", false, "2012-05"),
        P("大连市中山区司法局", "副局长", true, std::nullopt)},
       "大连市中山区司法局副局长"},
      {{P("中共某县委员会", "常委", false, std::nullopt),
        P("某县人民政府", "常务副县长", true, std::nullopt),
        P("某县人民政府", "党组副书记", false, std::nullopt)},
       "某县人民政府常务副县长、中共某县委员会常委、某县人民政府党组副书记"},
      {{P("某县人民政府", "常务副县长", true, std::nullopt),
        P("某县人民政府", "党组副书记", false, std::nullopt)},
       "某县人民政府常务副县长、党组副书记"},
  };
  for (const Case& c : cases) EXPECT_EQ(CurrentPostsText(c.posts), c.text);
}

RewardOrSanction R(std::string_view date, bool sanction, std::string kind, std::string issuer,
                   std::optional<std::string_view> effect_end = std::nullopt) {
  RewardOrSanction r;
  r.date = D(date);
  r.is_sanction = sanction;
  r.kind = std::move(kind);
  r.issuer = std::move(issuer);
  if (effect_end) r.effect_end = D(*effect_end);
  return r;
}

TEST(FormTextTest, Rewards) {
  struct Case {
    std::vector<RewardOrSanction> rewards;
    std::string text;
  };
  const std::vector<Case> cases = {
      {{}, "无"},
      {{R("2019-12-20", false, "记三等功", "大连市人民政府")}, "2019.12被大连市人民政府记三等功。"},
      {{R("2021-06-03", true, "党内警告处分", "中共大连市中山区纪律检查委员会", "2022-06-02"),
        R("2016-01-15", false, "嘉奖", "")},
       "2016.01嘉奖；2021.06受到中共大连市中山区纪律检查委员会党内警告处分（影响期至2022.06）。"},
      {{R("2018-03-01", true, "诫勉", "区委组织部")}, "2018.03受到区委组织部诫勉。"},
  };
  for (const Case& c : cases) EXPECT_EQ(RewardsText(c.rewards), c.text);
}

TEST(FormTextTest, Assessments) {
  using G = AssessmentGrade;
  struct Case {
    std::vector<Assessment> assessments;
    std::string text;
  };
  const std::vector<Case> cases = {
      {{}, "无"},
      {{{2024, G::kExcellent, ""}}, "2024年年度考核优秀。"},
      {{{2024, G::kExcellent, ""}, {2022, G::kCompetent, ""}, {2023, G::kCompetent, ""}},
       "2022年、2023年年度考核称职，2024年年度考核优秀。"},
      {{{2020, G::kIncompetent, ""},
        {2021, G::kExcellent, ""},
        {2022, G::kCompetent, ""},
        {2023, G::kExcellent, ""}},
       "2021年年度考核优秀，2022年年度考核称职，2023年年度考核优秀。"},  // 2020 is older
      {{{2022, G::kCompetent, ""}, {2023, G::kCompetent, ""}, {2024, G::kCompetent, ""}},
       "2022年、2023年、2024年年度考核称职。"},
      {{{2023, G::kUngraded, "立案审查未结案"}, {2024, G::kBasicallyCompetent, ""}},
       "2023年年度考核不定等次，2024年年度考核基本称职。"},
  };
  for (const Case& c : cases) EXPECT_EQ(AssessmentsText(c.assessments), c.text);
}

TEST(FormTextTest, AgeCountsTheBirthMonthAsReached) {
  EXPECT_EQ(AgeOn(M("1975-03"), D("2025-02-28")), 49);
  EXPECT_EQ(AgeOn(M("1975-03"), D("2025-03-01")), 50);
  EXPECT_EQ(AgeOn(M("1975-03"), D("2025-12-31")), 50);
  EXPECT_EQ(AgeOn(M("2000-12"), D("2016-12-01")), 16);
}

}  // namespace
}  // namespace xr::cadre
