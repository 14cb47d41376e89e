// The compound query against real databases (both engines): every condition of a table of real
// cases is run as compiled SQL over a seeded demo city and compared with a straightforward C++
// evaluation of the same condition over the same dossiers, read back through the repository.
// Then the full-text index under dossier writes, and the service (scope, audit, saved queries).

#include "search/cadre_query.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "app/application.h"
#include "base/clock.h"
#include "cadre/dossier_repository.h"
#include "cadre/form_text.h"
#include "cadre/text_index.h"
#include "cadre/vocabulary.h"
#include "demo/demo_city.h"
#include "demo/demo_seed.h"
#include "org/org_repository.h"
#include "search/cadre_query_service.h"
#include "search/field_catalog.h"
#include "store/migrate.h"
#include "testing/access_fixtures.h"
#include "testing/test_database.h"

namespace xr::search {
namespace {

using nlohmann::json;

const base::Date kReference = *base::Date::Parse("2026-11-28");

// What the C++ evaluation needs of one cadre: the dossier as stored (family opened), its unit's
// path and whether a photo is stored.
struct Subject {
  cadre::Dossier d;
  std::string unit_path;
};

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  }
  return out;
}

// ---- The reference evaluation: each field as the documentation defines it. ----

int FullYearsSince(base::YearMonth month, base::Date day) { return cadre::AgeOn(month, day); }

std::string CurrentRank(const cadre::Dossier& d) {
  const cadre::RankRecord* current = nullptr;
  for (const cadre::RankRecord& r : d.ranks) {
    if (!r.end_month && (!current || current->start_month <= r.start_month)) current = &r;
  }
  return current ? current->rank : "";
}

std::string CurrentPostText(const cadre::Dossier& d) {
  std::vector<const cadre::Post*> current;
  for (const cadre::Post& p : d.posts) {
    if (!p.end_month) current.push_back(&p);
  }
  std::stable_partition(current.begin(), current.end(), [](auto* p) { return p->is_main; });
  std::string text;
  for (const cadre::Post* p : current) text += (text.empty() ? "" : "、") + p->title;
  return text;
}

// The highest rung of the codes (lowest rung index), nullopt when none is on the ladder.
template <typename Rung>
std::optional<std::size_t> Highest(const cadre::Dossier& d, bool full_time_only, bool degree,
                                   Rung rung) {
  std::optional<std::size_t> best;
  for (const cadre::Education& e : d.education) {
    if (full_time_only && e.kind != cadre::EducationKind::kFullTime) continue;
    auto r = rung(degree ? e.degree.code : e.level.code);
    if (r && (!best || *r < *best)) best = r;
  }
  return best;
}

using Value = std::variant<std::monostate, std::int64_t, std::string, bool>;

// The field's value for `s` (monostate = no value).
Value FieldValue(const Subject& s, const Condition& c) {
  const cadre::Dossier& d = s.d;
  const std::string& f = c.field;
  auto number_param = [&](const char* name) {
    auto it = c.params.find(name);
    return it == c.params.end() ? std::int64_t{3} : std::get<std::int64_t>(it->second);
  };
  if (f == "name") return d.name;
  if (f == "gender") return d.gender.label;
  if (f == "ethnicity") return d.ethnicity.label;
  if (f == "party") return d.party.label;
  if (f == "age") return std::int64_t(FullYearsSince(d.birth_month, kReference));
  if (f == "birth_month") return d.birth_month.ToString();
  if (f == "native_place") return d.native_place.text;
  if (f == "party_join_month")
    return d.party_join_month ? Value(d.party_join_month->ToString()) : Value();
  if (f == "work_start_month")
    return d.work_start_month ? Value(d.work_start_month->ToString()) : Value();
  if (f == "professional_title") return d.professional_title;
  if (f == "has_photo") return d.has_photo;
  if (f == "managing_body") return d.managing_body;
  if (f == "status") return std::string(cadre::PersonStatusLabel(d.status));
  if (f == "post_title") return CurrentPostText(d);
  if (f == "rank") return CurrentRank(d);
  if (f == "rank_level") return std::string(RankLevelOf(CurrentRank(d)));
  if (f == "years_in_post") {
    for (const cadre::Post& p : d.posts) {
      if (p.is_main && !p.end_month) return std::int64_t(FullYearsSince(p.start_month, kReference));
    }
    return {};
  }
  if (f == "years_at_rank") {
    std::optional<base::YearMonth> start;
    for (const cadre::RankRecord& r : d.ranks) {
      if (!r.end_month && (!start || *start < r.start_month)) start = r.start_month;
    }
    return start ? Value(std::int64_t(FullYearsSince(*start, kReference))) : Value();
  }
  if (f == "full_time_education" || f == "highest_education") {
    auto r = Highest(d, f == "full_time_education", false, EducationRung);
    return r ? Value(std::string(EducationLadder()[*r])) : Value();
  }
  if (f == "degree") {
    auto r = Highest(d, false, true, DegreeRung);
    return r ? Value(std::string(DegreeLadder()[*r])) : Value();
  }
  if (f == "assessment_excellent_count" || f == "assessment_below_competent_count") {
    const std::int64_t years = number_param("years");
    std::int64_t n = 0;
    for (const cadre::Assessment& a : d.assessments) {
      const bool counted = f == "assessment_excellent_count"
                               ? a.grade == cadre::AssessmentGrade::kExcellent
                               : a.grade == cadre::AssessmentGrade::kBasicallyCompetent ||
                                     a.grade == cadre::AssessmentGrade::kIncompetent;
      n += counted && a.year >= kReference.year() - years && a.year <= kReference.year() - 1;
    }
    return n;
  }
  if (f == "sanction_in_effect") {
    for (const cadre::RewardOrSanction& w : d.rewards) {
      if (w.is_sanction && w.date <= kReference && w.effect_end && *w.effect_end >= kReference)
        return true;
    }
    return false;
  }
  if (f == "training_hours") {
    auto date_param = [&](const char* name, base::Date fallback) {
      auto it = c.params.find(name);
      return it == c.params.end() ? fallback
                                  : *base::Date::Parse(std::get<std::string>(it->second));
    };
    const base::Date from = date_param("from", *base::Date::FromYmd(kReference.year(), 1, 1));
    const base::Date to = date_param("to", kReference);
    std::int64_t hours = 0;
    for (const cadre::Training& t : d.trainings) {
      if (t.end >= from && t.end <= to) hours += t.hours;
    }
    return hours;
  }
  if (f == "has_cadre_relative") return !cadre::RelativeCadreIds(d, d.id).empty();
  return {};
}

// Ladder position of a text value (rank or education/degree) for ge/le/between.
std::optional<std::size_t> LadderPosition(const std::string& field, const std::string& value) {
  std::span<const std::string_view> ladder = field == "rank"     ? cadre::Ranks()
                                             : field == "degree" ? DegreeLadder()
                                                                 : EducationLadder();
  auto it = std::find(ladder.begin(), ladder.end(), value);
  if (it == ladder.end()) return std::nullopt;
  return std::size_t(it - ladder.begin());
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return Lower(haystack).find(Lower(needle)) != std::string::npos;
}

bool Evaluate(const Subject& s, const Condition& c) {
  switch (c.kind) {
    case Condition::Kind::kAll:
      return std::all_of(c.children.begin(), c.children.end(),
                         [&](const Condition& x) { return Evaluate(s, x); });
    case Condition::Kind::kAny:
      return std::any_of(c.children.begin(), c.children.end(),
                         [&](const Condition& x) { return Evaluate(s, x); });
    case Condition::Kind::kNot:
      return !Evaluate(s, c.children[0]);
    case Condition::Kind::kLeaf:
      break;
  }
  if (c.field == "fulltext") {
    const std::string term = std::get<std::string>(c.values[0]);
    for (std::string_view text : cadre::IndexedTexts(s.d)) {
      if (Contains(std::string(text), term)) return true;
    }
    return false;
  }
  if (c.field == "unit") {
    if (c.op == Op::kSubtree) return false;  // evaluated by the caller (needs paths)
    for (const Scalar& v : c.values) {
      if (std::get<std::int64_t>(v) == s.d.unit_id.value()) return true;
    }
    return false;
  }
  const Value v = FieldValue(s, c);
  const bool ladder = c.field == "rank" || c.field == "full_time_education" ||
                      c.field == "highest_education" || c.field == "degree";
  auto equals = [&](const Scalar& operand) {
    if (std::holds_alternative<std::monostate>(v)) return false;
    if (auto* n = std::get_if<std::int64_t>(&v)) return *n == std::get<std::int64_t>(operand);
    if (auto* b = std::get_if<bool>(&v)) return *b == std::get<bool>(operand);
    return std::get<std::string>(v) == std::get<std::string>(operand);
  };
  // -1 / 0 / 1 comparing the value with an operand; nullopt without a value. Ladders compare
  // by rank: "greater" is higher on the ladder (a lower position).
  auto compare = [&](const Scalar& operand) -> std::optional<int> {
    if (std::holds_alternative<std::monostate>(v)) return std::nullopt;
    if (ladder) {
      auto a = LadderPosition(c.field, std::get<std::string>(v));
      auto b = LadderPosition(c.field, std::get<std::string>(operand));
      if (!a || !b) return std::nullopt;
      return *a == *b ? 0 : *a < *b ? 1 : -1;
    }
    if (auto* n = std::get_if<std::int64_t>(&v)) {
      const std::int64_t o = std::get<std::int64_t>(operand);
      return *n == o ? 0 : *n < o ? -1 : 1;
    }
    const std::string& a = std::get<std::string>(v);
    const std::string& b = std::get<std::string>(operand);
    return a == b ? 0 : a < b ? -1 : 1;
  };
  auto cmp = [&](const Scalar& operand, auto pred) {
    auto r = compare(operand);
    return r && pred(*r);
  };
  switch (c.op) {
    case Op::kEq:
      return equals(c.values[0]);
    case Op::kNe:
      return !equals(c.values[0]);
    case Op::kIn:
      return std::any_of(c.values.begin(), c.values.end(), equals);
    case Op::kNotIn:
      return std::none_of(c.values.begin(), c.values.end(), equals);
    case Op::kLt:
      return cmp(c.values[0], [](int r) { return r < 0; });
    case Op::kLe:
      return cmp(c.values[0], [](int r) { return r <= 0; });
    case Op::kGt:
      return cmp(c.values[0], [](int r) { return r > 0; });
    case Op::kGe:
    case Op::kAtLeast:
      return cmp(c.values[0], [](int r) { return r >= 0; });
    case Op::kBetween:
      if (ladder) {  // either order
        return (cmp(c.values[0], [](int r) { return r <= 0; }) &&
                cmp(c.values[1], [](int r) { return r >= 0; })) ||
               (cmp(c.values[0], [](int r) { return r >= 0; }) &&
                cmp(c.values[1], [](int r) { return r <= 0; }));
      }
      return cmp(c.values[0], [](int r) { return r >= 0; }) &&
             cmp(c.values[1], [](int r) { return r <= 0; });
    case Op::kContains:
      return std::holds_alternative<std::string>(v) &&
             Contains(std::get<std::string>(v), std::get<std::string>(c.values[0]));
    case Op::kStartsWith:
      return std::holds_alternative<std::string>(v) &&
             Lower(std::get<std::string>(v)).rfind(Lower(std::get<std::string>(c.values[0])), 0) ==
                 0;
    case Op::kIsEmpty:
      return std::holds_alternative<std::monostate>(v) ||
             (std::holds_alternative<std::string>(v) && std::get<std::string>(v).empty());
    case Op::kNotEmpty:
      return !(std::holds_alternative<std::monostate>(v) ||
               (std::holds_alternative<std::string>(v) && std::get<std::string>(v).empty()));
    case Op::kSubtree:
      return false;
  }
  return false;
}

class CadreQueryTest : public xr::testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    ASSERT_TRUE(store::Migrate(db(), app::AllMigrations(), clock_).ok());
    audit_ = xr::testing::MakeAuditLog(clock_);
    city_ = demo::BuildDemoCity(400, 3, kReference);
    auto seeded = demo::SeedDemoCity(db(), city_, clock_.Now(), *audit_, app::CliOperator(),
                                     &xr::testing::TestKeyring());
    ASSERT_TRUE(seeded.ok()) << seeded.status().ToString();
    // Read every dossier back as stored.
    ASSERT_TRUE(
        db().Transact(store::TxMode::kRead,
                      [&](store::Transaction& tx) -> base::Status {
                        ASSIGN_OR_RETURN(store::Rows ids,
                                         tx.Query("SELECT c.id, u.path FROM cadres c JOIN units u "
                                                  "ON u.id = c.unit_id ORDER BY c.id"));
                        for (const store::Row& row : ids) {
                          ASSIGN_OR_RETURN(cadre::StoredDossier stored,
                                           cadre::DossierRepository(tx).Load(
                                               row.Id<cadre::CadreId>(0), cadre::ScopePredicate{}));
                          RETURN_IF_ERROR(
                              cadre::OpenConfidential(tx, xr::testing::TestKeyring(), stored));
                          subjects_.push_back({std::move(stored.dossier), row.Text(1)});
                        }
                        return base::Status::Ok();
                      })
            .ok());
    ASSERT_EQ(subjects_.size(), 400u);
  }

  std::set<std::int64_t> Sql(const Condition& condition) {
    auto ids = db().TransactValue<std::set<std::int64_t>>(
        store::TxMode::kRead, [&](store::Transaction& tx) -> base::Result<std::set<std::int64_t>> {
          ASSIGN_OR_RETURN(SqlPredicate where,
                           CompileForActor(tx, app::CliOperator(), condition, kReference));
          ASSIGN_OR_RETURN(store::Rows rows,
                           tx.Query("SELECT c.id FROM cadres c JOIN units u ON u.id = c.unit_id "
                                    "WHERE " +
                                        where.sql,
                                    where.params));
          std::set<std::int64_t> out;
          for (const store::Row& row : rows) out.insert(row.Int(0));
          return out;
        });
    EXPECT_TRUE(ids.ok()) << ids.status().ToString();
    return ids.ok() ? *ids : std::set<std::int64_t>{};
  }

  // The ids `condition` selects with every full-text leaf planned as `from_postings` says (the
  // caller sees everyone, so only the plan differs from Sql).
  std::set<std::int64_t> SqlPlanned(const Condition& condition, bool from_postings) {
    const UnitPathLookup paths = [&](std::int64_t id) -> std::optional<std::string> {
      auto it = unit_paths_.find(id);
      return it == unit_paths_.end() ? std::nullopt : std::optional(it->second);
    };
    const FulltextPlanner plan = [&](const std::vector<std::string>& bigrams) {
      return base::Result<FulltextPlan>(FulltextPlan{bigrams, from_postings, false});
    };
    auto where = CompileCondition(condition, kReference, paths, db().dialect(), plan);
    EXPECT_TRUE(where.ok()) << where.status().ToString();
    if (!where.ok()) return {};
    auto rows = db().TransactValue<store::Rows>(store::TxMode::kRead, [&](store::Transaction& tx) {
      return tx.Query(
          "SELECT c.id FROM cadres c JOIN units u ON u.id = c.unit_id WHERE " + where->sql,
          where->params);
    });
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    std::set<std::int64_t> out;
    if (rows.ok()) {
      for (const store::Row& row : *rows) out.insert(row.Int(0));
    }
    return out;
  }

  // The unit subtree leaves are evaluated here: the reference needs the unit paths.
  bool Reference(const Subject& s, const Condition& c) {
    if (c.kind == Condition::Kind::kLeaf && c.field == "unit" && c.op == Op::kSubtree) {
      const std::string path = unit_paths_.at(std::get<std::int64_t>(c.values[0]));
      return s.unit_path.rfind(path, 0) == 0;
    }
    if (c.kind != Condition::Kind::kLeaf) {
      if (c.kind == Condition::Kind::kNot) return !Reference(s, c.children[0]);
      const bool all = c.kind == Condition::Kind::kAll;
      for (const Condition& child : c.children) {
        if (Reference(s, child) != all) return !all;
      }
      return all;
    }
    return Evaluate(s, c);
  }

  std::set<std::int64_t> Expected(const Condition& condition) {
    std::set<std::int64_t> out;
    for (const Subject& s : subjects_) {
      if (Reference(s, condition)) out.insert(s.d.id.value());
    }
    return out;
  }

  std::int64_t UnitIdOf(const std::string& code) {
    auto unit = db().TransactValue<org::Unit>(store::TxMode::kRead, [&](store::Transaction& tx) {
      return org::OrgRepository(tx).FindUnitByCode(code);
    });
    EXPECT_TRUE(unit.ok());
    unit_paths_[unit->id.value()] = unit->path;
    return unit->id.value();
  }

  base::FakeClock clock_{*base::Timestamp::Parse("2026-11-28T02:00:00Z")};
  std::unique_ptr<audit::AuditLog> audit_;
  demo::DemoCity city_;
  std::vector<Subject> subjects_;
  std::map<std::int64_t, std::string> unit_paths_;
};

TEST_P(CadreQueryTest, CompiledSqlMatchesTheReferenceEvaluation) {
  const std::int64_t district = UnitIdOf(city_.units[1].unit.code);
  const std::string excellent_woman = R"({"all": [
      {"field": "gender", "op": "eq", "value": "女"},
      {"field": "age", "op": "between", "value": [35, 45]},
      {"field": "rank", "op": "between", "value": ["四级主任科员", "一级调研员"]},
      {"field": "unit", "op": "subtree", "value": )" +
                                      std::to_string(district) + R"(},
      {"field": "assessment_excellent_count", "op": "at_least", "value": 1, "params": {"years": 3}},
      {"field": "party", "op": "eq", "value": "中共党员"}]})";
  const std::vector<std::string> cases = {
      excellent_woman,
      R"({"field": "gender", "op": "eq", "value": "女"})",
      R"({"any": [{"field": "ethnicity", "op": "ne", "value": "汉族"},
                  {"field": "party", "op": "not_in", "value": ["中共党员", "中共预备党员"]}]})",
      R"({"field": "age", "op": "eq", "value": 45})",
      R"({"field": "age", "op": "ne", "value": 45})",
      R"({"field": "age", "op": "gt", "value": 50})",
      R"({"field": "age", "op": "lt", "value": 35})",
      R"({"field": "age", "op": "le", "value": 30})",
      R"({"field": "birth_month", "op": "between", "value": ["1975-01", "1985-12"]})",
      R"({"field": "unit", "op": "subtree", "value": )" + std::to_string(district) + "}",
      R"({"not": {"field": "unit", "op": "subtree", "value": )" + std::to_string(district) + "}}",
      R"({"field": "rank", "op": "ge", "value": "三级调研员"})",
      R"({"field": "rank", "op": "le", "value": "一级主任科员"})",
      R"({"field": "rank", "op": "in", "value": ["一级科员", "二级科员"]})",
      R"({"field": "rank_level", "op": "in", "value": ["县处级", "厅局级"]})",
      R"({"field": "rank_level", "op": "ne", "value": "乡科级"})",
      R"({"field": "years_in_post", "op": "ge", "value": 5})",
      R"({"field": "years_in_post", "op": "between", "value": [1, 3]})",
      R"({"not": {"field": "years_in_post", "op": "lt", "value": 2}})",
      R"({"field": "years_at_rank", "op": "lt", "value": 2})",
      R"({"field": "years_at_rank", "op": "eq", "value": 3})",
      R"({"field": "full_time_education", "op": "ge", "value": "大学"})",
      R"({"not": {"field": "full_time_education", "op": "ge", "value": "大学"}})",
      R"({"field": "full_time_education", "op": "le", "value": "大专"})",
      R"({"field": "full_time_education", "op": "between", "value": ["大专", "研究生"]})",
      R"({"field": "highest_education", "op": "eq", "value": "研究生"})",
      R"({"field": "highest_education", "op": "in", "value": ["大学", "大专"]})",
      R"({"field": "degree", "op": "ge", "value": "硕士"})",
      R"({"field": "degree", "op": "is_empty"})",
      R"({"field": "degree", "op": "ne", "value": "学士"})",
      R"({"field": "assessment_excellent_count", "op": "ge", "value": 2, "params": {"years": 5}})",
      R"({"field": "assessment_excellent_count", "op": "eq", "value": 0})",
      R"({"field": "assessment_below_competent_count", "op": "eq", "value": 0, "params": {"years": 5}})",
      R"({"field": "assessment_below_competent_count", "op": "at_least", "value": 1, "params": {"years": 10}})",
      R"({"field": "sanction_in_effect", "op": "eq", "value": true})",
      R"({"field": "sanction_in_effect", "op": "eq", "value": false})",
      R"({"field": "training_hours", "op": "ge", "value": 40, "params": {"from": "2020-01-01", "to": "2026-11-28"}})",
      R"({"field": "training_hours", "op": "between", "value": [1, 100], "params": {"from": "2024-01-01"}})",
      R"({"field": "has_cadre_relative", "op": "eq", "value": true})",
      R"({"field": "has_photo", "op": "eq", "value": false})",
      R"({"field": "name", "op": "starts_with", "value": "王"})",
      R"({"field": "name", "op": "contains", "value": "华"})",
      R"({"field": "native_place", "op": "contains", "value": "湖南"})",
      R"({"field": "post_title", "op": "contains", "value": "局长"})",
      R"({"field": "post_title", "op": "is_empty"})",
      R"({"field": "managing_body", "op": "contains", "value": "市委"})",
      R"({"field": "status", "op": "in", "value": ["在职", "退休"]})",
      R"({"field": "party_join_month", "op": "is_empty"})",
      R"({"field": "party_join_month", "op": "lt", "value": "2000-01"})",
      R"({"field": "work_start_month", "op": "ge", "value": "2005-07"})",
      R"({"field": "professional_title", "op": "not_empty"})",
      R"({"field": "fulltext", "op": "contains", "value": "科员"})",
      R"({"field": "fulltext", "op": "contains", "value": "人事科"})",
      R"({"field": "fulltext", "op": "contains", "value": "组织部门"})",
      R"({"field": "fulltext", "op": "contains", "value": "党校学习"})",
      R"({"field": "fulltext", "op": "contains", "value": "培训班"})",
      R"({"not": {"field": "fulltext", "op": "contains", "value": "水利"}})",
      R"({"all": []})",
      R"({"any": []})",
  };
  int with_matches = 0;
  for (const std::string& text : cases) {
    auto condition = DecodeCondition(json::parse(text));
    ASSERT_TRUE(condition.ok()) << text << ": " << condition.status().ToString();
    const std::set<std::int64_t> expected = Expected(*condition);
    EXPECT_EQ(Sql(*condition), expected) << text;
    if (FieldNames(*condition) == std::vector<std::string>{"fulltext"}) {
      // Either way of finding a term's cadres gives the same rows.
      EXPECT_EQ(SqlPlanned(*condition, true), expected) << text << " from the postings";
      EXPECT_EQ(SqlPlanned(*condition, false), expected) << text << " from the scope";
    }
    with_matches += !expected.empty() && expected.size() < subjects_.size();
  }
  // The cases discriminate: most of them split the city.
  EXPECT_GT(with_matches, int(cases.size()) * 2 / 3);
}

// PostgreSQL plans each run for its values and does not JIT-compile (docs/benchmarks.md: generic
// plans 5-20x slower, JIT 300 ms per statement at 1M), for the rest of the transaction only.
TEST_P(CadreQueryTest, PostgresPlansEachRunWithoutJit) {
  if (engine() != xr::testing::Engine::kPostgres) GTEST_SKIP() << "PostgreSQL settings";
  auto condition = DecodeCondition(json::parse(R"({"all": []})"));
  ASSERT_TRUE(condition.ok());
  auto settings = db().TransactValue<std::string>(
      store::TxMode::kRead, [&](store::Transaction& tx) -> base::Result<std::string> {
        RETURN_IF_ERROR(CompileForActor(tx, app::CliOperator(), *condition, kReference).status());
        ASSIGN_OR_RETURN(store::Row row,
                         tx.QueryOne("SELECT current_setting('plan_cache_mode') || ' ' || "
                                     "current_setting('jit')",
                                     {}, "settings"));
        return row.Text(0);
      });
  ASSERT_TRUE(settings.ok()) << settings.status().ToString();
  EXPECT_EQ(*settings, "force_custom_plan off");
}

// PlanFulltext on the demo's own postings: everyone in scope (400 cadres), so on SQLite a posting
// list drives below 400 / 8 = 50 postings and on PostgreSQL below 800 (every list of the 400).
TEST_P(CadreQueryTest, FulltextPlansFollowTheCountedPostings) {
  const bool postgres = engine() == xr::testing::Engine::kPostgres;
  auto postings = db().TransactValue<store::Rows>(store::TxMode::kRead, [](store::Transaction& tx) {
    return tx.Query(
        "SELECT bigram, COUNT(*) FROM cadre_text_bigrams GROUP BY bigram ORDER BY 2, 1");
  });
  ASSERT_TRUE(postings.ok()) << postings.status().ToString();
  // The rarest bigram, one a little more frequent that still drives on SQLite, and one that
  // does not.
  std::string rarest, rare, frequent;
  std::int64_t rarest_count = 0;
  for (const store::Row& row : *postings) {
    if (rarest.empty()) {
      rarest = row.Text(0);
      rarest_count = row.Int(1);
    } else if (rare.empty() && row.Int(1) > rarest_count && row.Int(1) < 50) {
      rare = row.Text(0);
    } else if (frequent.empty() && row.Int(1) >= 50) {
      frequent = row.Text(0);
    }
  }
  ASSERT_FALSE(rare.empty());
  ASSERT_FALSE(frequent.empty());
  auto plan = [&](const std::vector<std::string>& bigrams) {
    auto out = db().TransactValue<FulltextPlan>(store::TxMode::kRead, [&](store::Transaction& tx) {
      return PlanFulltext(tx, cadre::ScopePredicate{}, bigrams);
    });
    EXPECT_TRUE(out.ok()) << out.status().ToString();
    return out.ok() ? *out : FulltextPlan{};
  };
  const std::string nobody = "\U00020000\U00020000";

  FulltextPlan p = plan({rare, rarest});
  EXPECT_TRUE(p.from_postings);
  EXPECT_FALSE(p.matches_nothing);
  // SQLite counts both and drives from the rarest; PostgreSQL stops at the first that drives.
  using Order = std::vector<std::string>;
  EXPECT_EQ(p.bigrams, (postgres ? Order{rare, rarest} : Order{rarest, rare}));

  p = plan({frequent});
  EXPECT_EQ(p.from_postings, postgres) << frequent;

  p = plan({frequent, rare});
  EXPECT_TRUE(p.from_postings);
  EXPECT_EQ(p.bigrams, (postgres ? Order{frequent, rare} : Order{rare, frequent}));

  EXPECT_TRUE(plan({nobody, rare}).matches_nothing);
  // Past a driver PostgreSQL does not look: the probe of the second finds nobody instead.
  EXPECT_EQ(plan({rare, nobody}).matches_nothing, !postgres);
}

// In 姓氏笔画 order a reader who sees everyone gets a page from the order's own index, stopping
// after its rows, rather than every cadre sorted (SQLite's plan). The plan is chosen as at a
// million cadres: with the statistics ANALYZE gave the benchmark's database (docs/benchmarks.md).
TEST_P(CadreQueryTest, AStrokeOrderedPageOfEveryoneWalksItsIndex) {
  if (engine() != xr::testing::Engine::kSqlite) GTEST_SKIP() << "SQLite's query plan only";
  ASSERT_TRUE(
      db().Transact(store::TxMode::kWrite,
                    [](store::Transaction& tx) -> base::Status {
                      RETURN_IF_ERROR(tx.Execute("ANALYZE").status());
                      RETURN_IF_ERROR(tx.Execute("DELETE FROM sqlite_stat1").status());
                      for (const auto& [table, index, stat] :
                           std::vector<std::array<std::string, 3>>{
                               {"units", "units_sort_key", "289 1"},
                               {"units", "units_path", "289 1"},
                               {"units", "units_parent", "289 4 1"},
                               {"units", "sqlite_autoindex_units_1", "289 1"},
                               {"cadres", "cadres_managed", "729988 501 501 126 8 5 5 2 1 1 1 1"},
                               {"cadres", "cadres_structure", "875160 112 112 8 5 4 4 2 1"},
                               {"cadres", "cadres_unit", "1079520 112 1"},
                               {"cadres", "cadres_post_start", "975800 26 1"},
                               {"cadres", "cadres_name_sort_key", "892080 13 1"},
                               {"cadres", "cadres_managing_unit", "1206252 501"}}) {
                        RETURN_IF_ERROR(tx.Execute("INSERT INTO sqlite_stat1 (tbl, idx, stat) "
                                                   "VALUES (?, ?, ?)",
                                                   {table, index, stat})
                                            .status());
                      }
                      return tx.Execute("ANALYZE sqlite_schema").status();
                    })
          .ok());
  for (bool descending : {false, true}) {
    auto plan = db().TransactValue<std::string>(
        store::TxMode::kRead, [&](store::Transaction& tx) -> base::Result<std::string> {
          const cadre::CadreRepository::ListStatements list =
              cadre::CadreRepository(tx).ListWhereSql("c.status = '在职'", {},
                                                      cadre::CadreSort::kStroke, descending, 1, 20);
          ASSIGN_OR_RETURN(store::Rows rows,
                           tx.Query("EXPLAIN QUERY PLAN " + list.page_sql, list.page_params));
          std::string text;
          for (const store::Row& row : rows) text += row.Text(row.size() - 1) + "\n";
          return text;
        });
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    EXPECT_NE(plan->find("SCAN c USING INDEX cadres_name_sort_key"), std::string::npos) << *plan;
    // The outer ORDER BY sorts the page's 20 rows; the ids' subquery sorts nothing.
    EXPECT_EQ(plan->find("TEMP B-TREE"), plan->rfind("TEMP B-TREE")) << *plan;
  }
}

TEST_P(CadreQueryTest, TheScopeAlwaysApplies) {
  const std::string code = city_.units[1].unit.code;
  UnitIdOf(code);
  const access::Actor narrow = xr::testing::MakeActor(
      "narrow", {"cadre.read"}, {access::ScopeRule{access::ScopeRule::Kind::kUnitsBelow, {code}}},
      access::Clearance::kInternal);
  auto everyone = DecodeCondition(json::parse(R"({"all": []})"));
  ASSERT_TRUE(everyone.ok());
  auto count = db().TransactValue<std::int64_t>(
      store::TxMode::kRead, [&](store::Transaction& tx) -> base::Result<std::int64_t> {
        ASSIGN_OR_RETURN(SqlPredicate where, CompileForActor(tx, narrow, *everyone, kReference));
        return tx.QueryInt(
            "SELECT COUNT(*) FROM cadres c JOIN units u ON u.id = c.unit_id WHERE " + where.sql,
            where.params);
      });
  ASSERT_TRUE(count.ok()) << count.status().ToString();
  const std::string path = unit_paths_.begin()->second;
  const auto inside = std::count_if(subjects_.begin(), subjects_.end(), [&](const Subject& s) {
    return s.unit_path.rfind(path, 0) == 0;
  });
  EXPECT_EQ(*count, inside);
  EXPECT_LT(*count, std::int64_t(subjects_.size()));
}

TEST_P(CadreQueryTest, TheServicePagesRecordsAndKeepsSavedQueries) {
  CadreQueryService service(db(), clock_, *audit_, &xr::testing::TestKeyring());
  // Two accounts: an owner and another reader.
  auto users = db().TransactValue<std::vector<std::int64_t>>(
      store::TxMode::kWrite, [](store::Transaction& tx) -> base::Result<std::vector<std::int64_t>> {
        std::vector<std::int64_t> ids;
        for (const char* name : {"owner", "other"}) {
          ASSIGN_OR_RETURN(std::int64_t id,
                           tx.QueryInt("INSERT INTO users (username, display_name, password_hash, "
                                       "created_at) VALUES (?, ?, '', '') RETURNING id",
                                       {name, std::string(name) + "显示名"}));
          ids.push_back(id);
        }
        return ids;
      });
  ASSERT_TRUE(users.ok()) << users.status().ToString();
  access::Actor owner = xr::testing::MakeActor("owner", {"cadre.read"});
  owner.user_id = access::UserId((*users)[0]);
  access::Actor other = xr::testing::MakeActor("other", {"cadre.read"});
  other.user_id = access::UserId((*users)[1]);

  QueryRequest request;
  ASSERT_TRUE((request.condition = *DecodeCondition(
                   json::parse(R"({"field": "gender", "op": "eq", "value": "女"})")),
               true));
  request.reference_date = kReference;
  request.page_size = 7;
  request.sort = cadre::CadreSort::kAge;
  auto first = service.Query(owner, request);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->page.total,
            std::int64_t(Expected(InServiceUnlessStatusTested(request.condition)).size()));
  EXPECT_EQ(first->page.items.size(), 7u);
  for (std::size_t i = 1; i < first->page.items.size(); ++i) {
    EXPECT_LE(first->page.items[i - 1].birth_month, first->page.items[i].birth_month);
  }
  request.page = 2;
  auto second = service.Query(owner, request);
  ASSERT_TRUE(second.ok());
  EXPECT_NE(second->page.items.front().id, first->page.items.front().id);
  EXPECT_EQ(xr::testing::RecordedObjects(db(), "cadre.query").size(), 2u);
  // The owner is cleared: each ID number on the two pages was opened, and its reading recorded.
  std::size_t opened = 0;
  for (const auto* page : {&first->page, &second->page}) {
    for (const cadre::Cadre& c : page->items) {
      if (!c.id_number_stored) continue;
      ASSERT_TRUE(c.id_number.has_value());
      EXPECT_EQ(c.id_number->size(), 18u) << *c.id_number;
      ++opened;
    }
  }
  EXPECT_GT(opened, 0u);
  EXPECT_EQ(xr::testing::RecordedObjects(db(), "cadre.read_confidential").size(), opened);
  // A reader not cleared for them gets none and leaves no such record.
  const access::Actor uncleared = xr::testing::MakeActor(
      "uncleared", {"cadre.read"}, {access::ScopeRule{}}, access::Clearance::kInternal);
  auto redacted = service.Query(uncleared, request);
  ASSERT_TRUE(redacted.ok()) << redacted.status().ToString();
  for (const cadre::Cadre& c : redacted->page.items) EXPECT_FALSE(c.id_number.has_value());
  EXPECT_EQ(xr::testing::RecordedObjects(db(), "cadre.read_confidential").size(), opened);
  EXPECT_EQ(xr::testing::RecordedObjects(db(), "cadre.query").size(), 3u);
  // Without cadre.read: refused.
  EXPECT_EQ(service.Query(xr::testing::MakeActor("none", {}), request).status().code(),
            base::StatusCode::kPermissionDenied);
  request.page_size = 501;
  EXPECT_EQ(service.Query(owner, request).status().field(), "page_size");

  // Saved queries: unique names per owner, shared ones visible to others, owner-only changes.
  const std::string condition = R"({"field":"age","op":"ge","value":50})";
  auto saved = service.Save(owner, {"  五十岁以上  ", condition, false});
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_EQ(saved->name, "五十岁以上");
  EXPECT_EQ(service.Save(owner, {"五十岁以上", condition, true}).status().code(),
            base::StatusCode::kAlreadyExists);
  EXPECT_EQ(service.Save(owner, {"", condition, true}).status().field(), "name");
  EXPECT_EQ(service.Save(owner, {"坏的", R"({"field":"age","op":"ge"})", true}).status().field(),
            "condition.value");
  ASSERT_TRUE(service.Save(other, {"五十岁以上", condition, false}).ok());  // another owner
  EXPECT_EQ(service.ListSaved(other)->size(), 1u);  // the owner's is not shared yet
  EXPECT_EQ(service.UpdateSaved(other, saved->id, {"改", condition, true}).status().code(),
            base::StatusCode::kNotFound);
  auto shared = service.UpdateSaved(owner, saved->id, {"五十岁以上（共享）", condition, true});
  ASSERT_TRUE(shared.ok()) << shared.status().ToString();
  auto visible = service.ListSaved(other);
  ASSERT_TRUE(visible.ok());
  ASSERT_EQ(visible->size(), 2u);
  EXPECT_EQ(visible->front().owner_user_id, other.user_id.value());  // the reader's own first
  EXPECT_EQ(visible->back().name, "五十岁以上（共享）");
  EXPECT_EQ(visible->back().owner, "owner显示名");
  EXPECT_EQ(service.DeleteSaved(other, saved->id).code(), base::StatusCode::kPermissionDenied);
  EXPECT_TRUE(service.DeleteSaved(owner, saved->id).ok());
  EXPECT_EQ(service.ListSaved(other)->size(), 1u);
  EXPECT_EQ(xr::testing::RecordedObjects(db(), "saved_query.create").size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Engines, CadreQueryTest, ::testing::ValuesIn(xr::testing::AllEngines()),
                         xr::testing::EngineName);

}  // namespace
}  // namespace xr::search
