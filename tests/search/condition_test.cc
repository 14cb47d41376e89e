// The compound query's pure parts: tokens, decoding (paths in errors, limits) and the compiler's
// translation of derived values (no database; search_query_test runs the SQL on both engines).

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cadre/text_tokens.h"
#include "search/cadre_query.h"
#include "search/condition_json.h"
#include "search/field_catalog.h"

namespace xr::search {
namespace {

using nlohmann::json;

const base::Date kReference = *base::Date::Parse("2026-11-28");

std::optional<std::string> NoUnits(std::int64_t) { return std::nullopt; }
std::optional<std::string> OneUnit(std::int64_t id) {
  if (id == 7) return "/1/7/";
  return std::nullopt;
}

TEST(TextTokensTest, BigramsOfWordCharactersWithinRuns) {
  EXPECT_EQ(cadre::TextBigrams("党建工作"), (std::vector<std::string>{"党建", "工作", "建工"}));
  // Separators (punctuation, spaces, full-width marks) break runs; ASCII folds to lower case and
  // joins the run.
  EXPECT_EQ(cadre::TextBigrams("外事，办 CPA考试"),
            (std::vector<std::string>{"a考", "cp", "pa", "外事", "考试"}));
  EXPECT_EQ(cadre::TextBigrams("二〇二〇"), (std::vector<std::string>{"〇二", "二〇"}));
  EXPECT_TRUE(cadre::TextBigrams("党").empty());
  EXPECT_EQ(cadre::TermBigrams("组织部门"), (std::vector<std::string>{"组织", "织部", "部门"}));
  EXPECT_EQ(cadre::TermBigrams("办办办"), (std::vector<std::string>{"办办"}));
  EXPECT_TRUE(cadre::TermBigrams("党 建").empty());
  EXPECT_EQ(cadre::CharacterCount("组织部A"), 4u);
  // Malformed UTF-8 is a separator, never a crash.
  EXPECT_TRUE(cadre::TextBigrams(std::string("\xE5\x85", 2)).empty());
}

struct BadCase {
  const char* condition;
  const char* field;  // the path named by the error
};

TEST(DecodeConditionTest, ErrorsNameThePath) {
  const BadCase cases[] = {
      {R"([])", "condition"},
      {R"({"all": {}})", "condition.all"},
      {R"({"all": [], "any": []})", "condition"},
      {R"({"all": [{"field": "age", "op": "between", "value": [35]}]})", "condition.all[0].value"},
      {R"({"all": [{"field": "age", "op": "ge", "value": 35}, {"field": "nope", "op": "eq", "value": 1}]})",
       "condition.all[1].field"},
      {R"({"any": [{"not": {"field": "gender", "op": "eq", "value": "M"}}]})",
       "condition.any[0].not.value"},
      {R"({"field": "gender", "op": "between", "value": ["男", "女"]})", "condition.op"},
      {R"({"field": "age", "op": "ge", "value": "35"})", "condition.value"},
      {R"({"field": "age", "op": "ge", "value": 35.5})", "condition.value"},
      {R"({"field": "age", "op": "between", "value": [45, 35]})", "condition.value"},
      {R"({"field": "rank", "op": "in", "value": ["一级科员", "处长"]})", "condition.value[1]"},
      {R"({"field": "birth_month", "op": "lt", "value": "1990-13"})", "condition.value"},
      {R"({"field": "assessment_excellent_count", "op": "at_least", "value": 1, "params": {"years": 0}})",
       "condition.params.years"},
      {R"({"field": "assessment_excellent_count", "op": "at_least", "value": 1, "params": {"months": 3}})",
       "condition.params.months"},
      {R"({"field": "training_hours", "op": "ge", "value": 1, "params": {"from": "2026-05-01", "to": "2026-01-01"}})",
       "condition.params.to"},
      {R"({"field": "fulltext", "op": "contains", "value": "党"})", "condition.value"},
      {R"({"field": "fulltext", "op": "contains", "value": "党 建"})", "condition.value"},
      {R"({"field": "party_join_month", "op": "is_empty", "value": "2000-01"})", "condition.value"},
      {R"({"field": "name", "op": "eq", "value": "张三", "extra": 1})", "condition.extra"},
      {R"({"field": "sanction_in_effect", "op": "eq", "value": "true"})", "condition.value"},
      {R"({"field": "unit", "op": "subtree", "value": 0})", "condition.value"},
  };
  for (const BadCase& c : cases) {
    auto decoded = DecodeCondition(json::parse(c.condition));
    ASSERT_FALSE(decoded.ok()) << c.condition;
    EXPECT_EQ(decoded.status().code(), base::StatusCode::kInvalidArgument) << c.condition;
    EXPECT_EQ(decoded.status().field(), c.field)
        << c.condition << " → " << decoded.status().ToString();
  }
}

TEST(DecodeConditionTest, DepthAndLeafLimits) {
  json node = {{"field", "age"}, {"op", "ge"}, {"value", 30}};
  for (int depth = 1; depth < kMaxConditionDepth; ++depth) node = {{"not", node}};
  EXPECT_TRUE(DecodeCondition(node).ok());
  EXPECT_FALSE(DecodeCondition(json{{"not", node}}).ok());
  json many = json::array();
  for (int i = 0; i < kMaxConditionLeaves; ++i)
    many.push_back({{"field", "age"}, {"op", "ge"}, {"value", i}});
  EXPECT_TRUE(DecodeCondition(json{{"any", many}}).ok());
  many.push_back({{"field", "age"}, {"op", "ge"}, {"value", 1}});
  auto too_many = DecodeCondition(json{{"any", many}});
  ASSERT_FALSE(too_many.ok());
  EXPECT_EQ(too_many.status().field(), "condition.any[100]");
}

TEST(CompileConditionTest, AgesAndYearsBecomeMonthRangesAtTheReferenceDate) {
  auto compile = [](const char* text) {
    auto condition = DecodeCondition(json::parse(text));
    EXPECT_TRUE(condition.ok()) << condition.status().ToString();
    auto sql = CompileCondition(*condition, kReference, OneUnit, store::Dialect::kSqlite);
    EXPECT_TRUE(sql.ok()) << sql.status().ToString();
    return *sql;
  };
  // 35–45 at 2026-11: born 1980-12 … 1991-11 (the birth month counts as reached).
  SqlPredicate age = compile(R"({"field": "age", "op": "between", "value": [35, 45]})");
  EXPECT_EQ(age.sql, "((c.birth_month <= ?) AND (c.birth_month > ?))");
  EXPECT_EQ(age.params, (store::Params{"1991-11", "1980-11"}));
  SqlPredicate post = compile(R"({"field": "years_in_post", "op": "ge", "value": 5})");
  EXPECT_EQ(post.sql, "(c.post_start_month IS NOT NULL AND c.post_start_month <= ?)");
  EXPECT_EQ(post.params, (store::Params{"2021-11"}));
  // Ranks: "at or above" is every rank up the ladder.
  SqlPredicate rank = compile(R"({"field": "rank", "op": "ge", "value": "二级调研员"})");
  EXPECT_EQ(rank.params, (store::Params{"一级巡视员", "二级巡视员", "一级调研员", "二级调研员"}));
  SqlPredicate level = compile(R"({"field": "rank_level", "op": "eq", "value": "乡科级"})");
  EXPECT_EQ(level.params.size(), 4u);
  // Counts of 1 become EXISTS; the last 3 years before 2026 are 2023–2025.
  SqlPredicate excellent = compile(
      R"({"field": "assessment_excellent_count", "op": "at_least", "value": 1, "params": {"years": 3}})");
  EXPECT_EQ(excellent.sql.rfind("EXISTS (SELECT 1 FROM cadre_assessments", 0), 0u) << excellent.sql;
  EXPECT_EQ(excellent.params, (store::Params{"优秀", std::int64_t{2023}, std::int64_t{2025}}));
  SqlPredicate subtree = compile(R"({"field": "unit", "op": "subtree", "value": 7})");
  EXPECT_EQ(subtree.params, (store::Params{"/1/7/", "/1/70"}));
  // No user text in SQL: a hostile value stays a parameter.
  SqlPredicate name =
      compile(R"({"field": "name", "op": "contains", "value": "'); DROP TABLE cadres; --%"})");
  EXPECT_EQ(name.sql.find("DROP"), std::string::npos);
  EXPECT_EQ(name.params, (store::Params{"%'); DROP TABLE cadres; --\\%%"}));
  // Two characters: the bigram alone; longer terms are confirmed by substring.
  SqlPredicate two = compile(R"({"field": "fulltext", "op": "contains", "value": "党建"})");
  EXPECT_EQ(two.params, (store::Params{"党建"}));
  SqlPredicate four = compile(R"({"field": "fulltext", "op": "contains", "value": "组织部门"})");
  EXPECT_EQ(four.params.front(), store::Value("组织"));
  EXPECT_EQ(four.params.back(), store::Value("%组织部门%"));
  SqlPredicate empty = compile(R"({"all": []})");
  EXPECT_EQ(empty.sql, "(1 = 1)");
  EXPECT_TRUE(empty.params.empty());
}

TEST(CompileConditionTest, SaysWhetherItReadsOtherTablesPerCadre) {
  const std::pair<const char*, bool> cases[] = {
      {R"({"field": "age", "op": "between", "value": [35, 45]})", false},
      {R"({"all": [{"field": "rank", "op": "ge", "value": "二级调研员"},
                   {"field": "unit", "op": "subtree", "value": 7}]})",
       false},
      {R"({"field": "gender", "op": "eq", "value": "女"})", false},
      {R"({"field": "fulltext", "op": "contains", "value": "党建"})", true},
      {R"({"any": [{"field": "age", "op": "lt", "value": 40},
                   {"not": {"field": "assessment_excellent_count", "op": "at_least", "value": 1}}]})",
       true},
      {R"({"field": "years_at_rank", "op": "ge", "value": 3})", true},
      {R"({"field": "highest_education", "op": "eq", "value": "研究生"})", true},
  };
  for (const auto& [text, reads] : cases) {
    auto condition = DecodeCondition(json::parse(text));
    ASSERT_TRUE(condition.ok()) << text << ": " << condition.status().ToString();
    auto sql = CompileCondition(*condition, kReference, OneUnit, store::Dialect::kSqlite);
    ASSERT_TRUE(sql.ok()) << text;
    EXPECT_EQ(sql->per_cadre_subqueries, reads) << text;
    EXPECT_EQ(PageTotal(*sql), reads ? cadre::CadreRepository::Total::kInPage
                                     : cadre::CadreRepository::Total::kSeparately);
  }
}

TEST(FulltextPlanTest, BigramsAreTestedRarestFirst) {
  struct Case {
    std::vector<std::string> bigrams;
    std::vector<std::int64_t> postings;
    std::vector<std::string> expected;
  };
  const Case cases[] = {
      {{"办公", "公室"}, {383195, 383195}, {"办公", "公室"}},  // a tie keeps the term's order
      {{"组织", "织部", "部门"}, {79519, 79519, 0}, {"部门", "组织", "织部"}},
      {{"应急", "急管", "管理"}, {23652, 23652, 50000}, {"应急", "急管", "管理"}},
      {{"管理", "理学"}, {50000, 12}, {"理学", "管理"}},
      {{"党建"}, {20706}, {"党建"}},
  };
  for (const Case& c : cases) EXPECT_EQ(RarestFirst(c.bigrams, c.postings), c.expected);
}

TEST(FulltextPlanTest, PostingsDriveOnlyWhenShortAgainstTheScope) {
  const FulltextCosts sqlite = FulltextCostsOf(store::Dialect::kSqlite);
  const FulltextCosts postgres = FulltextCostsOf(store::Dialect::kPostgres);
  struct Case {
    std::int64_t rarest_postings, scoped_cadres;
    bool sqlite, postgres;  // whether the postings drive
  };
  const Case cases[] = {
      {20706, 11332, false, true},  // 党建 for a district: SQLite probes, PostgreSQL hashes
      {23652, 11332, false, true},  // 应急 for a district: twice the district
      {33995, 11332, false, true},  // PostgreSQL: a posting costs a third of a probe
      {33996, 11332, false, false},
      {20706, 1000000, true, true},  // 党建 for the whole city: its 20,706 postings
      {1000, 8000, false, true},     // SQLite: 8 lookups per posting cost what 8,000 probes do
      {1000, 8001, true, true},
      {0, 1, true, true},
      {1, 0, false, false},                         // nobody in scope: nothing to drive
      {kPostingCountCap, 1000000, false, false},    // every bigram frequent: the scope drives
      {kPostingCountCap - 1, 1000000, true, true},  // counted below the cap
  };
  for (const Case& c : cases) {
    EXPECT_EQ(DriveFromPostings(c.rarest_postings, c.scoped_cadres, sqlite), c.sqlite)
        << c.rarest_postings << " postings, " << c.scoped_cadres << " in scope";
    EXPECT_EQ(DriveFromPostings(c.rarest_postings, c.scoped_cadres, postgres), c.postgres)
        << c.rarest_postings << " postings, " << c.scoped_cadres << " in scope";
  }
}

// The counts may stop early: postings at PostingsThatCannotDrive, the scope at ScopeCountLimit.
// Neither may change a choice made with the full counts.
TEST(FulltextPlanTest, CountingOnlyAsFarAsTheChoiceNeedsChangesNoChoice) {
  for (const store::Dialect dialect : {store::Dialect::kSqlite, store::Dialect::kPostgres}) {
    const FulltextCosts costs = FulltextCostsOf(dialect);
    const std::int64_t limit = ScopeCountLimit(costs);
    for (const std::int64_t scoped : {std::int64_t{0}, std::int64_t{7}, std::int64_t{11332},
                                      limit - 1, limit, limit + 1, std::int64_t{1000000}}) {
      const std::int64_t counted_scope = std::min(scoped, limit);
      const std::int64_t cannot = PostingsThatCannotDrive(counted_scope, costs);
      EXPECT_LE(cannot, kPostingCountCap);
      for (const std::int64_t postings :
           {std::int64_t{0}, std::int64_t{1}, cannot - 1, cannot, cannot + 1, kPostingCountCap - 1,
            kPostingCountCap, std::int64_t{383195}}) {
        if (postings < 0) continue;
        const std::int64_t counted_postings = std::min(postings, cannot);
        EXPECT_EQ(DriveFromPostings(counted_postings, counted_scope, costs),
                  DriveFromPostings(std::min(postings, kPostingCountCap), scoped, costs))
            << postings << " postings, " << scoped << " in scope";
      }
    }
  }
}

TEST(FulltextPlanTest, ThePlanShapesTheSql) {
  auto condition = DecodeCondition(
      json::parse(R"({"field": "fulltext", "op": "contains", "value": "组织部门"})"));
  ASSERT_TRUE(condition.ok());
  auto compile = [&](FulltextPlan plan, store::Dialect dialect = store::Dialect::kSqlite) {
    const FulltextPlanner planner = [&](const std::vector<std::string>& bigrams) {
      EXPECT_EQ(bigrams, (std::vector<std::string>{"组织", "织部", "部门"}));
      return base::Result<FulltextPlan>(plan);
    };
    auto sql = CompileCondition(*condition, kReference, OneUnit, dialect, planner);
    EXPECT_TRUE(sql.ok()) << sql.status().ToString();
    return *sql;
  };
  const SqlPredicate postings = compile({{"部门", "组织", "织部"}, true, false});
  EXPECT_EQ(postings.sql.rfind("(c.id IN (SELECT b.cadre_id FROM cadre_text_bigrams b", 0), 0u)
      << postings.sql;
  EXPECT_EQ(postings.params.front(), store::Value("部门"));
  // PostgreSQL tests the hashed postings before any probe.
  const SqlPredicate hashed =
      compile({{"部门", "组织", "织部"}, true, false}, store::Dialect::kPostgres);
  EXPECT_EQ(hashed.sql.rfind("(CASE WHEN c.id IN (SELECT b.cadre_id FROM cadre_text_bigrams b "
                             "WHERE b.bigram = ?) THEN EXISTS",
                             0),
            0u)
      << hashed.sql;
  EXPECT_EQ(hashed.params.front(), store::Value("部门"));
  const SqlPredicate probes = compile({{"部门", "组织", "织部"}, false, false});
  EXPECT_EQ(probes.sql.find("c.id IN"), std::string::npos) << probes.sql;
  EXPECT_EQ(probes.params.front(), store::Value("部门"));
  const SqlPredicate nothing = compile({{}, true, true});
  EXPECT_EQ(nothing.sql, "(1 = 0)");
  EXPECT_TRUE(nothing.params.empty());
}

TEST(CompileConditionTest, AMissingUnitIsNotFound) {
  auto condition =
      DecodeCondition(json::parse(R"({"field": "unit", "op": "subtree", "value": 9})"));
  ASSERT_TRUE(condition.ok());
  auto sql = CompileCondition(*condition, kReference, NoUnits, store::Dialect::kPostgres);
  ASSERT_FALSE(sql.ok());
  EXPECT_EQ(sql.status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(sql.status().field(), "unit");
}

TEST(FieldCatalogTest, EveryContractFieldIsListedWithItsOperators) {
  const json catalog = FieldCatalogJson();
  std::set<std::string> keys;
  for (const json& field : catalog["fields"]) {
    keys.insert(field["field"].get<std::string>());
    EXPECT_FALSE(field["ops"].empty());
    for (const json& op : field["ops"]) {
      EXPECT_TRUE(catalog["operators"].contains(op.get<std::string>())) << op;
    }
  }
  for (const char* key : {"name",
                          "gender",
                          "ethnicity",
                          "party",
                          "age",
                          "birth_month",
                          "native_place",
                          "unit",
                          "managing_body",
                          "status",
                          "rank",
                          "rank_level",
                          "post_title",
                          "years_in_post",
                          "years_at_rank",
                          "party_join_month",
                          "work_start_month",
                          "full_time_education",
                          "highest_education",
                          "degree",
                          "assessment_excellent_count",
                          "assessment_below_competent_count",
                          "sanction_in_effect",
                          "training_hours",
                          "has_cadre_relative",
                          "fulltext",
                          "has_photo"}) {
    EXPECT_TRUE(keys.count(key)) << key;
  }
  EXPECT_EQ(RankLevelOf("一级巡视员"), "厅局级");
  EXPECT_EQ(RankLevelOf("四级调研员"), "县处级");
  EXPECT_EQ(RankLevelOf("二级科员"), "科员级");
  EXPECT_EQ(EducationRung("21"), std::optional<std::size_t>(1));
  EXPECT_EQ(EducationRung("44"), std::optional<std::size_t>(3));
  EXPECT_EQ(DegreeRung("100"), std::optional<std::size_t>(0));
  EXPECT_EQ(DegreeRung("403"), std::optional<std::size_t>(2));
}

}  // namespace
}  // namespace xr::search
