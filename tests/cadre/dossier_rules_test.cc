#include "cadre/dossier_rules.h"

#include <gtest/gtest.h>

#include <functional>
#include <vector>

namespace xr::cadre {
namespace {

base::YearMonth M(std::string_view text) { return *base::YearMonth::Parse(text); }
base::Date D(std::string_view text) { return *base::Date::Parse(text); }

const base::Date kToday = D("2025-06-15");

// A small snapshot of the national tables, enough for the dossiers below.
CodeTables Tables() {
  auto items = [](std::vector<std::pair<std::string, std::string>> code_label) {
    std::vector<DictItem> out;
    for (auto& [code, label] : code_label) out.push_back({code, label, 0, true});
    return out;
  };
  std::map<std::string, std::vector<DictItem>, std::less<>> tables;
  tables["gender"] = items({{"1", "男"}, {"2", "女"}, {"9", "未说明的性别"}});
  tables["ethnicity"] = items({{"01", "汉族"}, {"03", "回族"}, {"11", "满族"}});
  tables["party"] = items({{"01", "中共党员"},
                           {"02", "中共预备党员"},
                           {"03", "共青团员"},
                           {"05", "民盟盟员"},
                           {"10", "九三学社社员"},
                           {"12", "无党派人士"},
                           {"13", "群众"}});
  tables["education_level"] = items({{"14", "硕士研究生"}, {"21", "大学"}, {"31", "大专"}});
  tables["degree"] = items({{"301", "法学硕士"}, {"401", "法学学士"}});
  tables["relation"] = items({{"12", "妻子"}, {"21", "儿子"}, {"51", "父亲"}});
  tables["health"] = items({{"1", "健康"}, {"21", "较差"}});
  tables["degree"].push_back({"499", "停用学位", 0, false});
  return CodeTables(std::move(tables));
}

ResumeEntry Resume(std::string_view start, std::optional<std::string_view> end, std::string unit,
                   std::string post, ResumeKind kind = ResumeKind::kWork) {
  ResumeEntry e;
  e.start = M(start);
  if (end) e.end = M(*end);
  e.unit = std::move(unit);
  e.post = std::move(post);
  e.kind = kind;
  return e;
}

// A complete, valid dossier: a district 司法局 副局长, born 1975-03.
Dossier Valid() {
  Dossier d;
  d.name = "王建国";
  d.gender = {"男", ""};
  d.birth_month = M("1975-03");
  d.ethnicity = {"汉族", ""};
  d.native_place = {"辽宁大连", "210200"};
  d.birth_place = {"辽宁大连", "210202"};
  d.party = {"中共党员", ""};
  d.party_join_month = M("1998-06");
  d.work_start_month = M("1997-07");
  d.health = {"健康", ""};
  d.id_number = "210202197503014573";
  d.unit_id = org::UnitId(7);
  d.managing_body = "区委管理";
  Education full_time;
  full_time.kind = EducationKind::kFullTime;
  full_time.level = {"大学", ""};
  full_time.degree = {"法学学士", ""};
  full_time.school_and_major = "辽宁大学法律系法学专业";
  full_time.start_month = M("1993-09");
  full_time.end_month = M("1997-07");
  Education in_service = full_time;
  in_service.kind = EducationKind::kInService;
  in_service.level = {"硕士研究生", ""};
  in_service.degree = {"", ""};
  in_service.start_month = M("2004-09");
  in_service.end_month = M("2006-07");
  d.education = {full_time, in_service};
  ResumeEntry deputy = Resume("2001-03", "2012-05", "大连市中山区司法局", "办公室主任");
  deputy.during = {
      Resume("2004-09", "2006-07", "辽宁省委党校", "经济管理专业在职研究生", ResumeKind::kStudy)};
  d.resume = {Resume("1993-09", "1997-07", "辽宁大学", "法律系法学专业", ResumeKind::kStudy),
              Resume("1997-07", "2001-03", "大连市中山区司法局", "科员"), deputy,
              Resume("2012-05", std::nullopt, "大连市中山区司法局", "副局长")};
  Post post;
  post.unit_name = "大连市中山区司法局";
  post.title = "副局长";
  post.is_main = true;
  post.start_month = M("2012-05");
  post.document_number = "中区委〔2012〕15号";
  Post earlier = post;
  earlier.title = "办公室主任";
  earlier.start_month = M("2006-12");
  earlier.end_month = M("2012-05");
  d.posts = {earlier, post};
  d.ranks = {{"四级调研员", M("2019-06"), M("2021-06"), ""},
             {"三级调研员", M("2021-06"), std::nullopt, ""}};
  d.assessments = {{2022, AssessmentGrade::kCompetent, ""},
                   {2023, AssessmentGrade::kCompetent, ""},
                   {2024, AssessmentGrade::kExcellent, ""}};
  d.rewards = {{D("2019-12-20"), false, "记三等功", "大连市人民政府", "", std::nullopt}};
  d.trainings = {{"中青年干部培训班", 120, D("2018-03-05"), D("2018-05-25"), "大连市委党校"}};
  FamilyMember wife;
  wife.relation = {"妻子", ""};
  wife.name = "李红";
  wife.birth_month = M("1976-10");
  wife.political_status = {"中共党员", ""};
  wife.employer_and_post = "大连市第二十四中学教师";
  d.family = {wife};
  return d;
}

TEST(DossierRulesTest, AValidDossierPassesAndGetsItsCodes) {
  Dossier d = Valid();
  auto warnings = ValidateDossier(d, Tables(), kToday);
  ASSERT_TRUE(warnings.ok()) << warnings.status().ToString();
  EXPECT_TRUE(warnings->empty()) << warnings->front().code << " " << warnings->front().field;
  EXPECT_EQ(d.gender.code, "1");
  EXPECT_EQ(d.ethnicity.code, "01");
  EXPECT_EQ(d.party.code, "01");
  EXPECT_EQ(d.health.code, "1");
  EXPECT_EQ(d.education[0].level.code, "21");
  EXPECT_EQ(d.education[0].degree.code, "401");
  EXPECT_EQ(d.education[1].level.code, "14");
  EXPECT_EQ(d.education[1].degree.code, "");
  EXPECT_EQ(d.family[0].relation.code, "12");
  EXPECT_EQ(d.family[0].political_status.code, "01");
}

using Change = std::function<void(Dossier&)>;

TEST(DossierRulesTest, AcceptedVariants) {
  const std::vector<std::pair<const char*, Change>> cases = {
      {"two-character name", [](Dossier& d) { d.name = "王军"; }},
      {"20-character name", [](Dossier& d) { d.name = "阿卜杜热合曼·阿卜杜热合曼·买买提明一二"; }},
      {"born exactly 16 years ago this month",
       [](Dossier& d) {
         d.birth_month = M("2009-06");
         d.party = {"共青团员", ""};
         d.party_join_month.reset();
         d.work_start_month.reset();
         d.id_number.reset();
         d.assessments.clear();
         d.posts.clear();
         d.ranks.clear();
         d.resume.clear();
       }},
      {"born 100 years ago",
       [](Dossier& d) {
         d.birth_month = M("1925-06");
         d.id_number.reset();
       }},
      {"群众 without a joining month",
       [](Dossier& d) {
         d.party = {"群众", ""};
         d.party_join_month.reset();
       }},
      {"a 民主党派 member with a joining month",
       [](Dossier& d) {
         d.party = {"九三学社社员", ""};
       }},
      {"joined at 17, confirmed from the archive",
       [](Dossier& d) {
         d.party_join_month = M("1992-05");
         d.party_join_age_confirmed = true;
       }},
      {"joined in the month of turning 18", [](Dossier& d) { d.party_join_month = M("1993-03"); }},
      {"lower-case x in the ID number",
       [](Dossier& d) {
         d.gender = {"女", ""};
         d.birth_month = M("1949-12");
         d.id_number = "11010519491231002x";
         d.assessments.clear();
       }},
      {"no ID number", [](Dossier& d) { d.id_number.reset(); }},
      {"no division codes for places",
       [](Dossier& d) {
         d.native_place = {"山东济南", ""};
         d.birth_place = {"山东济南", ""};
       }},
      {"retired with a reason and no current post",
       [](Dossier& d) {
         d.status = PersonStatus::kRetired;
         d.status_reason = "2025-03 到龄退休";
         d.posts[1].end_month = M("2025-03");
         d.ranks[1].end_month = M("2025-03");
       }},
      {"no posts at all", [](Dossier& d) { d.posts.clear(); }},
      {"only past posts: no main needed",
       [](Dossier& d) {
         d.posts[1].end_month = M("2025-01");
         d.posts[1].is_main = false;
       }},
      {"two current posts, one main",
       [](Dossier& d) {
         Post second = d.posts[1];
         second.title = "党组成员";
         second.is_main = false;
         d.posts.push_back(second);
       }},
      {"a sanction with its 影响期",
       [](Dossier& d) {
         d.rewards.push_back({D("2021-06-03"), true, "警告", "区纪委", "", D("2022-06-02")});
       }},
      {"training of 1 hour and of 10000 hours",
       [](Dossier& d) {
         d.trainings[0].hours = 1;
         d.trainings.push_back({"学历教育", 10000, D("2004-09-01"), D("2006-07-01"), "省委党校"});
       }},
      {"a family member with a 15-digit ID and no political status",
       [](Dossier& d) {
         d.family[0].id_number = "210202761001002";
         d.family[0].political_status = {"", "stale"};
       }},
      {"assessment in the year of turning 16",
       [](Dossier& d) {
         d.assessments.push_back({1991, AssessmentGrade::kCompetent, ""});
       }},
  };
  for (const auto& [name, change] : cases) {
    Dossier d = Valid();
    change(d);
    auto result = ValidateDossier(d, Tables(), kToday);
    EXPECT_TRUE(result.ok()) << name << ": " << result.status().ToString();
  }
  Dossier lower_x = Valid();
  lower_x.id_number = "210202197503014573";
  lower_x.family[0].id_number = "210202761001002";
  ASSERT_TRUE(ValidateDossier(lower_x, Tables(), kToday).ok());
  EXPECT_EQ(lower_x.family[0].id_number, "210202197610010025");  // upgraded in place
  lower_x.id_number = "210202750301457";
  ASSERT_TRUE(ValidateDossier(lower_x, Tables(), kToday).ok());
  EXPECT_EQ(lower_x.id_number, "210202197503014573");
}

TEST(DossierRulesTest, RejectedWithTheField) {
  struct Case {
    const char* name;
    Change change;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"empty name", [](Dossier& d) { d.name = ""; }, "name"},
      {"one-character name", [](Dossier& d) { d.name = "王"; }, "name"},
      {"21-character name",
       [](Dossier& d) { d.name = "一二三四五六七八九十一二三四五六七八九十一"; }, "name"},
      {"space inside a name", [](Dossier& d) { d.name = "王 建国"; }, "name"},
      {"ideographic space inside a name", [](Dossier& d) { d.name = "王\u3000建国"; }, "name"},
      {"no gender",
       [](Dossier& d) {
         d.gender = {"", ""};
       },
       "gender"},
      {"gender not in the table",
       [](Dossier& d) {
         d.gender = {"男性", ""};
       },
       "gender"},
      {"born next month", [](Dossier& d) { d.birth_month = M("2025-07"); }, "birth_month"},
      {"born 15 years ago", [](Dossier& d) { d.birth_month = M("2009-07"); }, "birth_month"},
      {"born 101 years ago", [](Dossier& d) { d.birth_month = M("1924-05"); }, "birth_month"},
      {"ethnicity not in the table",
       [](Dossier& d) {
         d.ethnicity = {"汉", ""};
       },
       "ethnicity"},
      {"native place code unknown", [](Dossier& d) { d.native_place.division_code = "219900"; },
       "native_place_code"},
      {"birth place code malformed", [](Dossier& d) { d.birth_place.division_code = "2102"; },
       "birth_place_code"},
      {"no party",
       [](Dossier& d) {
         d.party = {"", ""};
       },
       "party"},
      {"party not in the table",
       [](Dossier& d) {
         d.party = {"党员", ""};
       },
       "party"},
      {"中共党员 without a joining month", [](Dossier& d) { d.party_join_month.reset(); },
       "party_join_month"},
      {"中共预备党员 without a joining month",
       [](Dossier& d) {
         d.party = {"中共预备党员", ""};
         d.party_join_month.reset();
       },
       "party_join_month"},
      {"民盟 without a joining month",
       [](Dossier& d) {
         d.party = {"民盟盟员", ""};
         d.party_join_month.reset();
       },
       "party_join_month"},
      {"joined before birth", [](Dossier& d) { d.party_join_month = M("1975-02"); },
       "party_join_month"},
      {"joined next month", [](Dossier& d) { d.party_join_month = M("2025-07"); },
       "party_join_month"},
      {"joined at 17, not confirmed (PARTY_JOIN_UNDER_18)",
       [](Dossier& d) { d.party_join_month = M("1993-02"); }, "party_join_month"},
      {"work start in the birth month", [](Dossier& d) { d.work_start_month = M("1975-03"); },
       "work_start_month"},
      {"work start next month", [](Dossier& d) { d.work_start_month = M("2025-07"); },
       "work_start_month"},
      {"no health",
       [](Dossier& d) {
         d.health = {"", ""};
       },
       "health"},
      {"health not in the table",
       [](Dossier& d) {
         d.health = {"很好", ""};
       },
       "health"},
      {"ID number with a wrong check digit", [](Dossier& d) { d.id_number = "210202197503014570"; },
       "id_number"},
      {"ID number of no province", [](Dossier& d) { d.id_number = "990102197503014575"; },
       "id_number"},
      {"no unit", [](Dossier& d) { d.unit_id = org::UnitId(0); }, "unit_id"},
      {"no managing body", [](Dossier& d) { d.managing_body = ""; }, "managing_body"},
      {"blank managing body", [](Dossier& d) { d.managing_body = "  "; }, "managing_body"},
      {"managing body of 31 characters",
       [](Dossier& d) {
         d.managing_body = "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一";
       },
       "managing_body"},
      {"removed without a reason", [](Dossier& d) { d.status = PersonStatus::kRemoved; },
       "status_reason"},
      {"education level missing",
       [](Dossier& d) {
         d.education[1].level = {"", ""};
       },
       "education[1].level"},
      {"education level not in the table",
       [](Dossier& d) {
         d.education[0].level = {"本科", ""};
       },
       "education[0].level"},
      {"degree not in the table",
       [](Dossier& d) {
         d.education[0].degree = {"学士", ""};
       },
       "education[0].degree"},
      {"degree disabled",
       [](Dossier& d) {
         d.education[0].degree = {"停用学位", ""};
       },
       "education[0].degree"},
      {"graduated before starting", [](Dossier& d) { d.education[0].end_month = M("1993-08"); },
       "education[0].end_month"},
      {"graduating next month", [](Dossier& d) { d.education[1].end_month = M("2025-07"); },
       "education[1].end_month"},
      {"resume entry ending before it starts", [](Dossier& d) { d.resume[1].end = M("1997-06"); },
       "resume[1].end"},
      {"resume entry starting next month",
       [](Dossier& d) { d.resume.push_back(Resume("2025-07", "2025-07", "某局", "科员")); },
       "resume[4].start"},
      {"resume entry ending next month", [](Dossier& d) { d.resume[2].end = M("2025-07"); },
       "resume[2].end"},
      {"two open resume entries", [](Dossier& d) { d.resume[2].end.reset(); }, "resume[3].end"},
      {"其间 entry ending before it starts",
       [](Dossier& d) { d.resume[2].during[0].end = M("2004-08"); }, "resume[2].during[0].end"},
      {"resume entry with neither unit nor post",
       [](Dossier& d) {
         d.resume[1].unit = "";
         d.resume[1].post = "";
       },
       "resume[1].unit"},
      {"post without title", [](Dossier& d) { d.posts[1].title = ""; }, "posts[1].title"},
      {"post title of 101 characters", [](Dossier& d) { d.posts[1].title = std::string(101, 'a'); },
       "posts[1].title"},
      {"appointed next month", [](Dossier& d) { d.posts[1].start_month = M("2025-07"); },
       "posts[1].start_month"},
      {"removed before appointed", [](Dossier& d) { d.posts[0].end_month = M("2006-11"); },
       "posts[0].end_month"},
      {"current posts without a main one", [](Dossier& d) { d.posts[1].is_main = false; }, "posts"},
      {"two main current posts",
       [](Dossier& d) {
         Post second = d.posts[1];
         second.title = "党组书记";
         d.posts.push_back(second);
       },
       "posts[2].is_main"},
      {"rank not on the ladder", [](Dossier& d) { d.ranks[1].rank = "副处长"; }, "ranks[1].rank"},
      {"two current ranks", [](Dossier& d) { d.ranks[0].end_month.reset(); }, "ranks[1].end_month"},
      {"rank from next month", [](Dossier& d) { d.ranks[1].start_month = M("2025-07"); },
       "ranks[1].start_month"},
      {"rank ending before it starts", [](Dossier& d) { d.ranks[0].end_month = M("2019-05"); },
       "ranks[0].end_month"},
      {"assessment of next year",
       [](Dossier& d) {
         d.assessments.push_back({2026, AssessmentGrade::kCompetent, ""});
       },
       "assessments[3].year"},
      {"assessment before 16",
       [](Dossier& d) {
         d.assessments.push_back({1990, AssessmentGrade::kCompetent, ""});
       },
       "assessments[3].year"},
      {"two assessments of one year",
       [](Dossier& d) {
         d.assessments.push_back({2023, AssessmentGrade::kExcellent, ""});
       },
       "assessments[3].year"},
      {"reward tomorrow", [](Dossier& d) { d.rewards[0].date = D("2025-06-16"); },
       "rewards[0].date"},
      {"reward with an 影响期", [](Dossier& d) { d.rewards[0].effect_end = D("2020-12-20"); },
       "rewards[0].effect_end"},
      {"影响期 ending before the sanction",
       [](Dossier& d) {
         d.rewards.push_back({D("2021-06-03"), true, "警告", "区纪委", "", D("2021-06-02")});
       },
       "rewards[1].effect_end"},
      {"reward without a kind", [](Dossier& d) { d.rewards[0].kind = ""; }, "rewards[0].kind"},
      {"training of 0 hours", [](Dossier& d) { d.trainings[0].hours = 0; }, "trainings[0].hours"},
      {"training of 10001 hours", [](Dossier& d) { d.trainings[0].hours = 10001; },
       "trainings[0].hours"},
      {"training ending before it starts", [](Dossier& d) { d.trainings[0].end = D("2018-03-04"); },
       "trainings[0].end"},
      {"training without a course", [](Dossier& d) { d.trainings[0].course = ""; },
       "trainings[0].course"},
      {"family member without relation",
       [](Dossier& d) {
         d.family[0].relation = {"", ""};
       },
       "family[0].relation"},
      {"family relation not in the table",
       [](Dossier& d) {
         d.family[0].relation = {"老婆", ""};
       },
       "family[0].relation"},
      {"family member without name", [](Dossier& d) { d.family[0].name = ""; }, "family[0].name"},
      {"family member name of 21 characters",
       [](Dossier& d) { d.family[0].name = "一二三四五六七八九十一二三四五六七八九十一"; },
       "family[0].name"},
      {"family member born next month", [](Dossier& d) { d.family[0].birth_month = M("2025-07"); },
       "family[0].birth_month"},
      {"family political status not in the table",
       [](Dossier& d) {
         d.family[0].political_status = {"党员", ""};
       },
       "family[0].political_status"},
      {"family ID number invalid", [](Dossier& d) { d.family[0].id_number = "210202197610010020"; },
       "family[0].id_number"},
  };
  for (const Case& c : cases) {
    Dossier d = Valid();
    c.change(d);
    auto result = ValidateDossier(d, Tables(), kToday);
    ASSERT_FALSE(result.ok()) << c.name;
    EXPECT_EQ(result.status().code(), base::StatusCode::kInvalidArgument) << c.name;
    EXPECT_EQ(result.status().field(), c.field) << c.name << ": " << result.status().ToString();
    EXPECT_FALSE(result.status().message().empty()) << c.name;
  }
}

TEST(DossierRulesTest, Warnings) {
  struct Case {
    const char* name;
    Change change;
    std::vector<std::pair<std::string, std::string>> findings;  // field, code
  };
  const std::vector<Case> cases = {
      {"none for the valid dossier", [](Dossier&) {}, {}},
      {"ID birth month differs (archives may)",
       [](Dossier& d) { d.birth_month = M("1975-05"); },
       {{"id_number", "ID_BIRTH_MISMATCH"}}},
      {"same month, another day: no mismatch",
       [](Dossier& d) { d.id_number = "210202197503284573"; },
       {}},
      {"ID says a woman",
       [](Dossier& d) { d.id_number = "210202197503014688"; },
       {{"id_number", "ID_GENDER_MISMATCH"}}},
      {"joined at 17, confirmed",
       [](Dossier& d) {
         d.party_join_month = M("1992-05");
         d.party_join_age_confirmed = true;
       },
       {{"party_join_month", "PARTY_JOIN_UNDER_18"}}},
      {"work start at 15",
       [](Dossier& d) { d.work_start_month = M("1990-07"); },
       {{"work_start_month", "WORK_START_UNDER_16"}}},
      {"a gap in the 简历",
       [](Dossier& d) { d.resume[2].start = M("2001-06"); },
       {{"resume[2]", "RESUME_GAP"}}},
      {"an overlap in the 简历",
       [](Dossier& d) { d.resume[2].start = M("2000-06"); },
       {{"resume[2]", "RESUME_OVERLAP"}}},
      {"a 其间 entry outside its parent",
       [](Dossier& d) { d.resume[2].during[0].end = M("2012-09"); },
       {{"resume[2].during[0]", "RESUME_DURING_OUTSIDE"}}},
      {"a post before work start",
       [](Dossier& d) { d.posts[0].start_month = M("1997-01"); },
       {{"posts[0].start_month", "POST_BEFORE_WORK_START"}}},
      {"三级调研员 after 1 year as 四级",
       [](Dossier& d) {
         d.ranks[0].end_month = M("2020-07");
         d.ranks[1].start_month = M("2020-07");
       },
       {{"ranks[1].start_month", "RANK_YEARS_SHORT"}}},
      {"一级调研员 needs 3 years as 二级",
       [](Dossier& d) {
         d.ranks = {{"二级调研员", M("2019-06"), M("2022-05"), ""},
                    {"一级调研员", M("2022-05"), std::nullopt, ""}};
       },
       {{"ranks[1].start_month", "RANK_YEARS_SHORT"}}},
      {"一级调研员 after exactly 3 years",
       [](Dossier& d) {
         d.ranks = {{"二级调研员", M("2019-06"), M("2022-06"), ""},
                    {"一级调研员", M("2022-06"), std::nullopt, ""}};
       },
       {}},
      {"二级巡视员 needs 4 years as 一级调研员 (entered newest first)",
       [](Dossier& d) {
         d.ranks = {{"二级巡视员", M("2023-01"), std::nullopt, ""},
                    {"一级调研员", M("2019-06"), M("2023-01"), ""}};
       },
       {{"ranks[0].start_month", "RANK_YEARS_SHORT"}}},
      {"a two-step change (the 2019 套转) is not measured",
       [](Dossier& d) {
         d.ranks = {{"四级调研员", M("2019-06"), M("2019-12"), ""},
                    {"二级调研员", M("2019-12"), std::nullopt, ""}};
       },
       {}},
      {"retired but still holding a post",
       [](Dossier& d) {
         d.status = PersonStatus::kRetired;
         d.status_reason = "到龄退休";
       },
       {{"status", "NOT_ACTIVE_WITH_CURRENT_POST"}}},
  };
  for (const Case& c : cases) {
    Dossier d = Valid();
    c.change(d);
    auto result = ValidateDossier(d, Tables(), kToday);
    ASSERT_TRUE(result.ok()) << c.name << ": " << result.status().ToString();
    std::vector<std::pair<std::string, std::string>> got;
    for (const RuleFinding& f : *result) {
      got.emplace_back(f.field, f.code);
      EXPECT_FALSE(f.message.empty()) << c.name;
    }
    EXPECT_EQ(got, c.findings) << c.name;
    EXPECT_EQ(DossierWarnings(d, kToday), *result) << c.name;
  }
}

}  // namespace
}  // namespace xr::cadre
