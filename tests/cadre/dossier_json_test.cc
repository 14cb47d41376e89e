#include "cadre/dossier_json.h"

#include <gtest/gtest.h>

#include "dossier_sample.h"

namespace xr::cadre {
namespace {

using nlohmann::json;
using testing::M;
using testing::SampleDossier;

Dossier Sample() {
  Dossier d = SampleDossier(org::UnitId(3), org::UnitId(1));
  d.id = CadreId(42);
  d.version = 7;
  d.unit_name = "江华市财政局";
  d.has_photo = true;
  return d;
}

TEST(DossierJsonTest, RoundTripsEveryField) {
  const Dossier d = Sample();
  auto back = DecodeDossier(EncodeDossier(d));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  // Output-only fields are not read back.
  Dossier expected = d;
  expected.id = CadreId();
  expected.version = 0;
  expected.unit_name.clear();
  expected.has_photo = false;
  EXPECT_EQ(*back, expected);
  // And encoding again gives the same document.
  EXPECT_EQ(EncodeDossierFields(*back), EncodeDossierFields(d));
}

TEST(DossierJsonTest, RoundTripsTheEmptyAndOtherEnumValues) {
  Dossier d;
  d.name = "阿依古丽·买买提";
  d.birth_month = M("1990-11");
  d.unit_id = org::UnitId(5);
  d.status = PersonStatus::kDeceased;
  d.status_reason = "病故";
  d.assessments = {{2020, AssessmentGrade::kUngraded, "新录用"},
                   {2021, AssessmentGrade::kBasicallyCompetent, ""},
                   {2022, AssessmentGrade::kIncompetent, ""}};
  d.posts = {{std::nullopt, "某中学", "教师", true, M("2012-09"), std::nullopt, "",
              AppointmentMethod::kEmployed},
             {std::nullopt, "某局", "科员", false, M("2011-09"), M("2012-08"), "",
              AppointmentMethod::kExamined}};
  auto back = DecodeDossier(EncodeDossier(d));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, d);
}

TEST(DossierJsonTest, WritesTheDocumentedShape) {
  const json j = EncodeDossier(Sample());
  EXPECT_EQ(j["id"], 42);
  EXPECT_EQ(j["version"], 7);
  EXPECT_EQ(j["gender"], "男");
  EXPECT_EQ(j["gender_code"], "1");
  EXPECT_EQ(j["birth_month"], "1975-03");
  EXPECT_EQ(j["native_place"], "辽宁大连");
  EXPECT_EQ(j["native_place_code"], "210200");
  EXPECT_EQ(j["status"], "在职");
  EXPECT_EQ(j["managing_unit_id"], 1);
  EXPECT_EQ(j["unit_name"], "江华市财政局");
  EXPECT_EQ(j["has_photo"], true);
  EXPECT_EQ(j["education"][0]["kind"], "全日制");
  EXPECT_EQ(j["education"][1]["kind"], "在职");
  EXPECT_EQ(j["education"][0]["level_code"], "21");
  EXPECT_EQ(j["resume"][0]["kind"], "study");
  EXPECT_EQ(j["resume"][2]["end"], nullptr);  // 至今
  EXPECT_EQ(j["resume"][1]["during"][0]["start"], "2004-09");
  EXPECT_FALSE(j["resume"][1]["during"][0].contains("during"));
  EXPECT_EQ(j["posts"][1]["method"], "委任");
  EXPECT_EQ(j["posts"][2]["unit_id"], nullptr);
  EXPECT_EQ(j["posts"][2]["method"], "选任");
  EXPECT_EQ(j["assessments"][1]["grade"], "优秀");
  EXPECT_EQ(j["rewards"][1]["date"], "2018-04-10");
  EXPECT_EQ(j["rewards"][1]["effect_end"], "2018-10-09");
  EXPECT_EQ(j["rewards"][0]["effect_end"], nullptr);
  EXPECT_EQ(j["trainings"][0]["hours"], 120);
  EXPECT_EQ(j["family"][0]["relation"], "妻子");
  EXPECT_EQ(j["family"][0]["relation_code"], "12");
  EXPECT_EQ(j["family"][1]["id_number"], nullptr);
  EXPECT_EQ(j["personal_matters"]["family_in_business"], true);
  EXPECT_EQ(j["appointment"]["age_reference_date"], "2026-11-01");
  EXPECT_EQ(j["appointment"]["proposed_post"], "中共大连市中山区委组织部副部长");
  // The fields form has every input key and no output-only one.
  const json fields = EncodeDossierFields(Sample());
  for (std::string_view key : kDossierOutputOnlyKeys) {
    EXPECT_FALSE(fields.contains(std::string(key))) << key;
  }
  EXPECT_EQ(fields.size(), 36u);
}

TEST(DossierJsonTest, IgnoresOutputOnlyKeysAndAcceptsTheFormsMonthSpelling) {
  json j = EncodeDossierFields(Sample());
  j["id"] = 9;
  j["age"] = 51;
  j["warnings"] = json::array({{{"field", "x"}}});
  j["redacted"] = json::array({"family"});
  j["form"] = {{"current_posts_text", "局长"}};
  j["birth_month"] = "1975.03";
  j["gender_code"] = nullptr;
  auto d = DecodeDossier(j);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->id, CadreId());
  EXPECT_EQ(d->birth_month, M("1975-03"));
  EXPECT_EQ(d->gender.code, "");
}

struct BadInput {
  std::string name;
  std::string path;  // JSON pointer of the value to replace
  json value;
  std::string field;     // expected error field
  std::string contains;  // in the message
};

class DossierJsonErrorTest : public ::testing::TestWithParam<BadInput> {};

TEST_P(DossierJsonErrorTest, NamesTheFieldInChinese) {
  const BadInput& c = GetParam();
  json j = EncodeDossierFields(Sample());
  j[json::json_pointer(c.path)] = c.value;
  auto d = DecodeDossier(j);
  ASSERT_FALSE(d.ok()) << c.name;
  EXPECT_EQ(d.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(d.status().field(), c.field);
  EXPECT_NE(d.status().message().find(c.contains), std::string::npos) << d.status().message();
}

INSTANTIATE_TEST_SUITE_P(
    Cases, DossierJsonErrorTest,
    ::testing::Values(
        BadInput{"name_number", "/name", 5, "name", "应为文本"},
        BadInput{"name_null", "/name", nullptr, "name", "应为文本"},
        BadInput{"birth_month_day", "/birth_month", "1975-03-15", "birth_month", "YYYY-MM"},
        BadInput{"birth_month_missing", "/birth_month", nullptr, "birth_month", "必填"},
        BadInput{"birth_month_13", "/birth_month", "1975-13", "birth_month", "YYYY-MM"},
        BadInput{"party_join_number", "/party_join_month", 199806, "party_join_month", "年月"},
        BadInput{"confirmed_string", "/party_join_age_confirmed", "true",
                 "party_join_age_confirmed", "true 或 false"},
        BadInput{"unit_id_string", "/unit_id", "3", "unit_id", "应为整数"},
        BadInput{"unit_id_fraction", "/unit_id", 3.5, "unit_id", "应为整数"},
        BadInput{"unit_id_huge", "/unit_id", 18446744073709551615ull, "unit_id", "整数范围"},
        BadInput{"status_unknown", "/status", "离职", "status", "在职、退休"},
        BadInput{"education_not_array", "/education", json::object(), "education", "应为数组"},
        BadInput{"education_item_not_object", "/education/1", "大学", "education[1]", "应为对象"},
        BadInput{"education_start", "/education/1/start_month", "2004", "education[1].start_month",
                 "YYYY-MM"},
        BadInput{"education_kind", "/education/0/kind", "脱产", "education[0].kind",
                 "全日制、在职"},
        BadInput{"resume_start_missing", "/resume/2/start", nullptr, "resume[2].start", "必填"},
        BadInput{"resume_kind", "/resume/0/kind", "学习", "resume[0].kind", "work、study"},
        BadInput{"during_end", "/resume/1/during/0/end", "2007/07", "resume[1].during[0].end",
                 "YYYY-MM"},
        BadInput{"during_nested", "/resume/1/during/0/during",
                 json::array({{{"start", "2005-01"}}}), "resume[1].during[0].during", "嵌套"},
        BadInput{"post_main", "/posts/1/is_main", 1, "posts[1].is_main", "true 或 false"},
        BadInput{"post_method", "/posts/0/method", "任命", "posts[0].method", "选任、委任"},
        BadInput{"rank_start", "/ranks/1/start_month", nullptr, "ranks[1].start_month", "必填"},
        BadInput{"assessment_year", "/assessments/0/year", "2022", "assessments[0].year",
                 "应为整数"},
        BadInput{"assessment_year_short", "/assessments/0/year", 22, "assessments[0].year", "年份"},
        BadInput{"assessment_grade", "/assessments/2/grade", "合格", "assessments[2].grade",
                 "优秀、称职"},
        BadInput{"reward_date_month", "/rewards/0/date", "2023-12", "rewards[0].date",
                 "YYYY-MM-DD"},
        BadInput{"reward_date_invalid", "/rewards/0/date", "2023-02-29", "rewards[0].date",
                 "YYYY-MM-DD"},
        BadInput{"training_hours", "/trainings/0/hours", "120", "trainings[0].hours", "应为整数"},
        BadInput{"family_id_number", "/family/0/id_number", 210204, "family[0].id_number",
                 "应为文本"},
        BadInput{"family_cadre_id", "/family/1/cadre_id", "7", "family[1].cadre_id", "应为整数"},
        BadInput{"matters_not_object", "/personal_matters", json::array(), "personal_matters",
                 "应为对象"},
        BadInput{"matters_flag", "/personal_matters/family_in_business", "是",
                 "personal_matters.family_in_business", "true 或 false"},
        BadInput{"appointment_not_object", "/appointment", "拟任副部长", "appointment", "应为对象"},
        BadInput{"appointment_age_day", "/appointment/age_reference_date", "2026-11",
                 "appointment.age_reference_date", "YYYY-MM-DD"},
        BadInput{"appointment_unknown", "/appointment/approver", "市委", "appointment.approver",
                 "未知字段"},
        BadInput{"unknown_top", "/salary", 5000, "salary", "未知字段 salary"},
        BadInput{"unknown_nested", "/posts/0/salary", 5000, "posts[0].salary",
                 "未知字段 posts[0].salary"},
        BadInput{"unknown_in_during", "/resume/1/during/0/place", "沈阳",
                 "resume[1].during[0].place", "未知字段"},
        BadInput{"output_only_key_nested_is_unknown", "/education/0/id", 1, "education[0].id",
                 "未知字段"}),
    [](const ::testing::TestParamInfo<BadInput>& info) { return info.param.name; });

TEST(DossierJsonTest, TheWholeDocumentMustBeAnObject) {
  EXPECT_EQ(DecodeDossier(json::array()).status().field(), "body");
  EXPECT_EQ(DecodeDossier(json("王建国")).status().code(), base::StatusCode::kInvalidArgument);
}

TEST(DossierJsonTest, ConfidentialPartsRoundTripAlone) {
  const Dossier d = Sample();
  auto family = DecodeFamily(EncodeFamily(d.family));
  ASSERT_TRUE(family.ok()) << family.status().ToString();
  EXPECT_EQ(*family, d.family);
  auto matters = DecodePersonalMatters(EncodePersonalMatters(d.personal_matters));
  ASSERT_TRUE(matters.ok());
  EXPECT_EQ(*matters, d.personal_matters);
  EXPECT_EQ(DecodeFamily(json::array({{{"nickname", "x"}}})).status().field(),
            "family[0].nickname");
}

TEST(DossierJsonTest, ParsesTextWithoutThrowing) {
  EXPECT_TRUE(ParseJsonText(R"({"name": "王建国"})").ok());
  EXPECT_EQ(ParseJsonText("{\"name\": ").status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseJsonText("\"\xff\"").status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseJsonText(std::string(100, '[') + std::string(100, ']')).status().code(),
            base::StatusCode::kInvalidArgument);
  // Brackets inside strings are not nesting.
  EXPECT_TRUE(ParseJsonText("{\"note\": \"" + std::string(100, '[') + "\\\"\"}").ok());
  EXPECT_EQ(DumpJson(json("a\xff")), "\"a\xef\xbf\xbd\"");  // replaced, not thrown
}

}  // namespace
}  // namespace xr::cadre
