#include "cadre/dossier_history.h"

#include <gtest/gtest.h>

#include "cadre/dossier_json.h"
#include "dossier_sample.h"

namespace xr::cadre {
namespace {

using nlohmann::json;

std::vector<std::string> Fields(const FieldChanges& changes) {
  std::vector<std::string> fields;
  for (const JsonFieldChange& c : changes) fields.push_back(c.field);
  return fields;
}

struct DiffCase {
  std::string name;
  json before;
  json after;
  std::vector<std::string> fields;
};

class DiffTest : public ::testing::TestWithParam<DiffCase> {};

TEST_P(DiffTest, ListsTheChangedTopLevelFields) {
  const DiffCase& c = GetParam();
  const FieldChanges changes = Diff(c.before, c.after);
  EXPECT_EQ(Fields(changes), c.fields);
  // Stepping back over the changes gives the old document.
  json undone = c.after;
  Undo(undone, changes);
  for (const JsonFieldChange& change : changes) {
    EXPECT_EQ(undone[change.field],
              c.before.contains(change.field) ? c.before[change.field] : json(nullptr));
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, DiffTest,
    ::testing::Values(
        DiffCase{"same",
                 {{"name", "王建国"}, {"education", json::array()}},
                 {{"name", "王建国"}, {"education", json::array()}},
                 {}},
        DiffCase{"text",
                 {{"name", "王建国"}, {"expertise", ""}},
                 {{"name", "王建国"}, {"expertise", "财政预算"}},
                 {"expertise"}},
        DiffCase{"null_to_value",
                 {{"party_join_month", nullptr}},
                 {{"party_join_month", "1998-06"}},
                 {"party_join_month"}},
        // One entry of an array changed: the whole array is the change.
        DiffCase{"array_item",
                 {{"posts", json::array({{{"title", "副局长"}}, {{"title", "局长"}}})}},
                 {{"posts", json::array({{{"title", "副局长"}}, {{"title", "党组书记、局长"}}})}},
                 {"posts"}},
        DiffCase{"array_order",
                 {{"ranks", json::array({1, 2})}},
                 {{"ranks", json::array({2, 1})}},
                 {"ranks"}},
        DiffCase{"object_flag",
                 {{"personal_matters", {{"family_in_business", false}}}},
                 {{"personal_matters", {{"family_in_business", true}}}},
                 {"personal_matters"}},
        // Several at once, in key order.
        DiffCase{"several",
                 {{"status", "在职"}, {"status_reason", ""}, {"name", "王建国"}},
                 {{"status", "免职"}, {"status_reason", "到龄免职"}, {"name", "王建国"}},
                 {"status", "status_reason"}},
        DiffCase{"key_added",
                 {{"name", "王建国"}},
                 {{"name", "王建国"}, {"health", "健康"}},
                 {"health"}},
        DiffCase{"key_removed",
                 {{"name", "王建国"}, {"health", "健康"}},
                 {{"name", "王建国"}},
                 {"health"}},
        // A signed and an unsigned 1 are the same number.
        DiffCase{"number_types", {{"sort_order", 1}}, {{"sort_order", 1u}}, {}}),
    [](const ::testing::TestParamInfo<DiffCase>& info) { return info.param.name; });

TEST(DossierHistoryTest, UndoingEveryChangeNewestFirstRestoresEachVersion) {
  // Three versions of a real dossier; the log holds only the diffs.
  Dossier v1 = testing::SampleDossier(org::UnitId(3), org::UnitId(1));
  Dossier v2 = v1;
  v2.posts[1].title = "党组书记、局长";
  v2.assessments.push_back({2025, AssessmentGrade::kExcellent, ""});
  Dossier v3 = v2;
  v3.status = PersonStatus::kRemoved;
  v3.status_reason = "调任江华市审计局";
  v3.posts[1].end_month = testing::M("2026-10");
  v3.family.pop_back();
  const json j1 = EncodeDossierFields(v1), j2 = EncodeDossierFields(v2),
             j3 = EncodeDossierFields(v3);
  const FieldChanges c2 = Diff(j1, j2), c3 = Diff(j2, j3);
  EXPECT_EQ(Fields(c2), (std::vector<std::string>{"assessments", "posts"}));
  EXPECT_EQ(Fields(c3), (std::vector<std::string>{"family", "posts", "status", "status_reason"}));
  json state = j3;
  Undo(state, c3);
  EXPECT_EQ(state, j2);
  EXPECT_EQ(*DecodeDossier(state), v2);
  Undo(state, c2);
  EXPECT_EQ(state, j1);
  EXPECT_EQ(*DecodeDossier(state), v1);
}

TEST(DossierHistoryTest, StoredFormRoundTrips) {
  const FieldChanges changes = {
      {"name", "王建国", "王建华"},
      {"party_join_month", nullptr, "1998-06"},
      {"posts", json::array({{{"title", "局长"}}}), json::array()},
  };
  const std::string text = ChangesToJson(changes);
  EXPECT_EQ(json::parse(text)[0], json({{"field", "name"}, {"old", "王建国"}, {"new", "王建华"}}));
  auto back = ChangesFromJson(text);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, changes);
  EXPECT_EQ(ChangesFromJson("[]")->size(), 0u);
}

TEST(DossierHistoryTest, RefusesMalformedStoredChanges) {
  for (const char* text : {"", "{}", "[1]", R"([{"field": "name", "old": 1}])",
                           R"([{"field": 3, "old": 1, "new": 2}])",
                           R"([{"field": "name", "old": 1, "new": 2, "extra": 0}])"}) {
    EXPECT_EQ(ChangesFromJson(text).status().code(), base::StatusCode::kInvalidArgument) << text;
  }
}

}  // namespace
}  // namespace xr::cadre
