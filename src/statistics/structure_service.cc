#include "statistics/structure_service.h"

#include <algorithm>
#include <map>

#include "access/permission.h"
#include "cadre/cadre_permissions.h"
#include "cadre/cadre_scope.h"
#include "cadre/vocabulary.h"
#include "search/field_catalog.h"
#include "statistics/statistics_permissions.h"

namespace xr::statistics {
namespace {

// "?, ?, ?" for `values`, appended to `params`.
std::string Marks(const std::vector<std::string_view>& values, store::Params& params) {
  std::string marks;
  for (std::string_view value : values) {
    marks += marks.empty() ? "?" : ", ?";
    params.emplace_back(value);
  }
  return marks.empty() ? "NULL" : marks;
}

// CASE picking the index of the band of the whole years since `column` ("YYYY-MM") on
// `reference`: years < band.min+1's bound … . `null_value` for a NULL column ("" when NOT NULL).
std::string BandCase(std::string_view column, std::span<const YearBand> bands, base::Date reference,
                     std::string_view null_value, store::Params& params) {
  std::string sql = "CASE";
  if (!null_value.empty())
    sql += " WHEN " + std::string(column) + " IS NULL THEN " + std::string(null_value);
  for (std::size_t i = 0; i + 1 < bands.size(); ++i) {
    // Fewer than the next band's minimum years: born (or started) after YearsBefore(next.min).
    sql += " WHEN " + std::string(column) + " > ? THEN " + std::to_string(i);
    params.emplace_back(YearsBefore(reference, bands[i + 1].min).ToString());
  }
  return sql + " ELSE " + std::to_string(bands.size() - 1) + " END";
}

struct StatementText {
  std::string sql;
  store::Params params;
};

// Two GROUP BYs over the scoped cadres (`where`):
// - `people`: one row per combination of (age band, gender, ethnic group, party, rank, years in
//   post band, young) with its count — a few hundred rows for ten thousand cadres, read from the
//   index cadres_structure alone; every dimension but education, the 年龄梯次 and the indicators
//   are sums over them;
// - `education`: one row per "F:H" — the first digits of the cadre's lowest 全日制 code and
//   lowest code of any kind (the highest rungs), each "" when none — from one lookup of the
//   cadre's entries (covered by cadre_education_levels).
struct Statements {
  StatementText people;
  StatementText education;
};

Statements BuildStatements(const search::SqlPredicate& where, base::Date reference,
                           const Targets& targets) {
  // Each fragment binds its own parameters; they are joined in the order the text uses them.
  store::Params age_params, party_params, years_params, young_params;
  const std::string age_case = BandCase("c.birth_month", AgeBands(), reference, "", age_params);
  const std::string party =
      "CASE WHEN c.party IN (" +
      Marks({CommunistPartyValues().begin(), CommunistPartyValues().end()}, party_params) +
      ") THEN 1 ELSE 0 END";
  const std::string years_case =
      BandCase("c.post_start_month", YearsInPostBands(), reference, "-1", years_params);
  std::string young_case = "CASE";
  for (std::string_view level : RankLevels()) {
    auto limit = targets.young_age_limits.find(std::string(level));
    if (limit == targets.young_age_limits.end()) continue;
    young_case += " WHEN c.rank IN (" + Marks(RanksOfLevel(level), young_params) +
                  ") AND c.birth_month > ? THEN 1";
    // Aged at most the limit: fewer than limit + 1 whole years.
    young_params.emplace_back(YearsBefore(reference, limit->second + 1).ToString());
  }
  young_case += " ELSE 0 END";
  const std::string from = " FROM cadres c JOIN units u ON u.id = c.unit_id WHERE " + where.sql;

  Statements out;
  out.people.sql =
      "SELECT " + age_case + ", c.gender, " +
      "CASE WHEN c.ethnicity = '' THEN 2 WHEN c.ethnicity = '汉族' THEN 0 ELSE 1 END, " + party +
      ", c.rank, " + years_case + ", " + young_case + ", COUNT(*)" + from +
      " GROUP BY 1, 2, 3, 4, 5, 6, 7";
  for (const store::Params* part : std::initializer_list<const store::Params*>{
           &age_params, &party_params, &years_params, &young_params, &where.params}) {
    out.people.params.insert(out.people.params.end(), part->begin(), part->end());
  }
  out.education.sql =
      "SELECT edu, COUNT(*) FROM (SELECT (SELECT COALESCE(SUBSTR(MIN(CASE WHEN e.kind = ? THEN "
      "e.level_code END), 1, 1), '') || ':' || COALESCE(SUBSTR(MIN(e.level_code), 1, 1), '') "
      "FROM cadre_education e WHERE e.cadre_id = c.id AND e.level_code >= '1' AND "
      "e.level_code < ':') AS edu" +
      from + ") x GROUP BY edu";
  out.education.params.emplace_back("全日制");
  out.education.params.insert(out.education.params.end(), where.params.begin(), where.params.end());
  return out;
}

int Index(const std::string& text) { return std::stoi(text); }

base::Result<Targets> LoadTargets(store::Transaction& tx) {
  Targets targets;
  ASSIGN_OR_RETURN(store::Rows limits,
                   tx.Query("SELECT level, max_age FROM statistics_young_limits"));
  for (const store::Row& row : limits) targets.young_age_limits[row.Text(0)] = int(row.Int(1));
  ASSIGN_OR_RETURN(store::Rows indicators,
                   tx.Query("SELECT indicator, min_count, min_share_bp FROM "
                            "statistics_indicator_targets"));
  for (const store::Row& row : indicators) {
    IndicatorTarget target{row.OptionalInt(1), row.OptionalInt(2)};
    if (target.min_count || target.min_share_bp) targets.indicators[row.Text(0)] = target;
  }
  return targets;
}

std::string TargetText(const IndicatorTarget& target) {
  std::string text = "最少人数 " + (target.min_count ? std::to_string(*target.min_count) : "无");
  text += "，最低比例 ";
  if (!target.min_share_bp) return text + "无";
  return text + std::to_string(*target.min_share_bp / 100) + "." +
         std::to_string(*target.min_share_bp % 100 / 10) +
         std::to_string(*target.min_share_bp % 10) + "%";
}

bool MentionsStatus(const search::Condition& condition) {
  const std::vector<std::string> fields = search::FieldNames(condition);
  return std::find(fields.begin(), fields.end(), "status") != fields.end();
}

}  // namespace

// The 在职 cadres of a unit (or its subtree: a range of the materialised path) within the
// actor's data scope, over `cadres c JOIN units u`.
base::Result<search::SqlPredicate> UnitPredicate(store::Transaction& tx, const access::Actor& actor,
                                                 std::int64_t unit_id, bool subtree) {
  ASSIGN_OR_RETURN(store::Rows units, tx.Query("SELECT path FROM units WHERE id = ?", {unit_id}));
  if (units.empty()) return base::NotFound("所选单位不存在", "unit_id");
  const store::Row& unit = units.front();
  search::SqlPredicate where;
  if (subtree) {
    // The subtree of "/1/5/" is every path in ["/1/5/", "/1/50"): '0' follows '/'.
    const std::string path = unit.Text(0);
    where.sql = "(u.path >= ? AND u.path < ?)";
    where.params.emplace_back(path);
    where.params.emplace_back(path.substr(0, path.size() - 1) + "0");
  } else {
    where.sql = "(c.unit_id = ?)";
    where.params.emplace_back(unit_id);
  }
  where.sql += " AND c.status = ?";
  where.params.emplace_back("在职");
  ASSIGN_OR_RETURN(cadre::ScopePredicate scope, cadre::ScopeOf(tx, actor));
  if (!scope.sql.empty()) {
    where.sql += " AND " + scope.sql;
    where.params.insert(where.params.end(), scope.params.begin(), scope.params.end());
  }
  return where;
}

base::Result<StructureReport> CountStructure(store::Transaction& tx,
                                             const search::SqlPredicate& where,
                                             base::Date reference, const Targets& targets) {
  // Counts by dimension and bucket (as text), summed from the two statements' groups.
  std::map<std::string, std::map<std::string, std::int64_t>> rows;
  const Statements statements = BuildStatements(where, reference, targets);
  RETURN_IF_ERROR(tx.ForEachRow(
      statements.people.sql, statements.people.params,
      [&](const store::RowView& row) -> base::Status {
        const std::int64_t n = row.Int(7);
        const std::string age = std::to_string(row.Int(0));
        const std::string rank(row.Text(4));
        rows["age_band"][age] += n;
        rows["gender"][std::string(row.Text(1))] += n;
        rows["ethnicity"][std::to_string(row.Int(2))] += n;
        rows["party"][std::to_string(row.Int(3))] += n;
        rows["rank"][rank] += n;
        rows["years_in_post"][std::to_string(row.Int(5))] += n;
        if (row.Int(6) == 1) rows["young"][""] += n;
        const auto levels = RankLevels();
        const auto level = std::find(levels.begin(), levels.end(), search::RankLevelOf(rank));
        if (level != levels.end()) {
          rows["ladder"][std::to_string(level - levels.begin()) + ":" + age] += n;
        }
        return base::Status::Ok();
      }));
  RETURN_IF_ERROR(tx.ForEachRow(
      statements.education.sql, statements.education.params,
      [&](const store::RowView& row) -> base::Status {
        rows["education"][std::string(row.OptionalText(0).value_or(":"))] += row.Int(1);
        return base::Status::Ok();
      }));
  StructureReport report;
  report.reference_date = reference;
  auto count = [&](const std::string& dimension, const std::string& bucket) -> std::int64_t {
    auto d = rows.find(dimension);
    if (d == rows.end()) return 0;
    auto b = d->second.find(bucket);
    return b == d->second.end() ? 0 : b->second;
  };
  for (const auto& [bucket, n] : rows["age_band"]) report.total += n;

  auto banded = [&](std::string key, std::string label, std::span<const YearBand> bands,
                    std::string_view null_label) {
    Dimension d{std::move(key), std::move(label), {}};
    for (std::size_t i = 0; i < bands.size(); ++i) {
      d.buckets.push_back({std::string(bands[i].label), count(d.key, std::to_string(i))});
    }
    if (!null_label.empty()) d.buckets.push_back({std::string(null_label), count(d.key, "-1")});
    return d;
  };
  report.dimensions.push_back(banded("age_band", "年龄结构", AgeBands(), ""));
  report.dimensions.push_back(
      {"gender", "性别结构", {{"男", count("gender", "男")}, {"女", count("gender", "女")}}});
  {
    Dimension d{"ethnicity",
                "民族结构",
                {{std::string(kHan), count("ethnicity", "0")},
                 {std::string(kMinority), count("ethnicity", "1")}}};
    if (std::int64_t n = count("ethnicity", "2")) d.buckets.push_back({std::string(kNotFilled), n});
    report.dimensions.push_back(std::move(d));
  }
  report.dimensions.push_back({"party",
                               "政治面貌",
                               {{std::string(kPartyMember), count("party", "1")},
                                {std::string(kNonParty), count("party", "0")}}});
  // Rows of "education" are "F:H" (full-time and any kind's first digit, "" when none).
  auto education = [&](std::string key, std::string label, bool full_time) {
    Dimension d{std::move(key), std::move(label), {}};
    const auto ladder = search::EducationLadder();
    std::vector<std::int64_t> counts(ladder.size(), 0);
    std::int64_t none = 0;
    for (const auto& [pair, n] : rows["education"]) {
      const std::size_t colon = pair.find(':');
      const std::string digit = colon == std::string::npos ? ""
                                : full_time                ? pair.substr(0, colon)
                                                           : pair.substr(colon + 1);
      std::optional<std::size_t> rung =
          digit.empty() ? std::nullopt : EducationRungOfDigit(digit[0]);
      if (rung && *rung < counts.size()) {
        counts[*rung] += n;
      } else {
        none += n;
      }
    }
    for (std::size_t i = 0; i < ladder.size(); ++i) {
      d.buckets.push_back({std::string(ladder[i]), counts[i]});
    }
    d.buckets.push_back({std::string(kNoEducation), none});
    return d;
  };
  report.dimensions.push_back(education("full_time_education", "全日制学历", true));
  report.dimensions.push_back(education("highest_education", "最高学历", false));
  {
    Dimension d{"rank", "职级结构", {}};
    std::int64_t other = 0;
    for (const auto& [rank, n] : rows["rank"]) {
      if (!cadre::Contains(cadre::Ranks(), rank)) other += n;
    }
    for (std::string_view rank : cadre::Ranks()) {
      d.buckets.push_back({std::string(rank), count("rank", std::string(rank))});
    }
    d.buckets.push_back({std::string(kNoRank), other});
    report.dimensions.push_back(std::move(d));
  }
  report.dimensions.push_back(banded("years_in_post", "任现职年限", YearsInPostBands(), kNoPost));

  const auto levels = RankLevels();
  for (std::string_view level : levels) report.age_ladder.levels.emplace_back(level);
  for (const YearBand& band : AgeBands()) report.age_ladder.bands.emplace_back(band.label);
  report.age_ladder.counts.assign(levels.size(), std::vector<std::int64_t>(AgeBands().size(), 0));
  for (const auto& [cell, n] : rows["ladder"]) {
    const std::size_t colon = cell.find(':');
    const int level = Index(cell.substr(0, colon)), band = Index(cell.substr(colon + 1));
    if (level >= 0 && std::size_t(level) < levels.size() && band >= 0 &&
        std::size_t(band) < AgeBands().size()) {
      report.age_ladder.counts[level][band] += n;
    }
  }

  const std::map<std::string_view, std::int64_t> indicator_counts{
      {"female", count("gender", "女")},
      {"minority", count("ethnicity", "1")},
      {"non_party", count("party", "0")},
      {"young", count("young", "")}};
  for (const IndicatorSpec& spec : Indicators()) {
    Indicator indicator;
    indicator.key = spec.key;
    indicator.label = spec.label;
    indicator.count = indicator_counts.at(spec.key);
    indicator.share = report.total > 0 ? double(indicator.count) / double(report.total) : 0;
    if (auto t = targets.indicators.find(std::string(spec.key)); t != targets.indicators.end()) {
      indicator.target = t->second;
    }
    indicator.shortfall = Shortfall(indicator.count, report.total, indicator.target);
    report.indicators.push_back(std::move(indicator));
  }
  return report;
}

StructureService::StructureService(store::Database& db, const base::Clock& clock,
                                   const access::Recorder& recorder)
    : db_(db), clock_(clock), recorder_(recorder) {}

base::Result<StructureReport> StructureService::Analyse(const access::Actor& actor,
                                                        const StructureRequest& request) {
  RETURN_IF_ERROR(access::Require(actor, cadre::kCadreRead));
  if (request.unit_id.has_value() == request.condition.has_value()) {
    return base::InvalidArgument("请选择一个单位，或给出查询条件（二者取其一）", "unit_id");
  }
  const base::Date reference = request.reference_date.value_or(clock_.Now().ShanghaiDate());
  // A condition counts only 在职 cadres unless it tests `status` itself.
  std::optional<search::Condition> condition;
  if (request.condition) {
    condition.emplace();
    condition->kind = search::Condition::Kind::kAll;
    condition->children.push_back(*request.condition);
    if (!MentionsStatus(*request.condition)) {
      search::Condition serving;
      serving.kind = search::Condition::Kind::kLeaf;
      serving.field = "status";
      serving.op = search::Op::kEq;
      serving.values = {std::string("在职")};
      condition->children.push_back(std::move(serving));
    }
  }

  return db_.TransactValue<StructureReport>(
      store::TxMode::kRead, [&](store::Transaction& tx) -> base::Result<StructureReport> {
        ASSIGN_OR_RETURN(Targets targets, LoadTargets(tx));
        search::SqlPredicate where;
        if (condition) {
          ASSIGN_OR_RETURN(where, search::CompileForActor(tx, actor, *condition, reference));
        } else {
          ASSIGN_OR_RETURN(where, UnitPredicate(tx, actor, *request.unit_id, request.subtree));
        }
        return CountStructure(tx, where, reference, targets);
      });
}

base::Result<Targets> StructureService::GetTargets(const access::Actor& actor) {
  RETURN_IF_ERROR(access::Require(actor, cadre::kCadreRead));
  return db_.TransactValue<Targets>(store::TxMode::kRead,
                                    [](store::Transaction& tx) { return LoadTargets(tx); });
}

base::Result<Targets> StructureService::SetTargets(const access::Actor& actor,
                                                   const Targets& targets) {
  RETURN_IF_ERROR(access::Require(actor, kStatisticsManage));
  RETURN_IF_ERROR(ValidateTargets(targets));
  return db_.TransactValue<Targets>(
      store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Result<Targets> {
        ASSIGN_OR_RETURN(Targets old, LoadTargets(tx));
        if (old == targets) return old;
        access::Recorder::Details details;
        std::map<std::string, int> limits_union = old.young_age_limits;
        limits_union.insert(targets.young_age_limits.begin(), targets.young_age_limits.end());
        for (const auto& [level, unused] : limits_union) {
          auto before = old.young_age_limits.find(level);
          auto after = targets.young_age_limits.find(level);
          const std::string a =
              before == old.young_age_limits.end() ? "无" : std::to_string(before->second) + " 岁";
          const std::string b = after == targets.young_age_limits.end()
                                    ? "无"
                                    : std::to_string(after->second) + " 岁";
          if (a != b) details.emplace_back("年轻干部年龄上限 " + level, a + " → " + b);
        }
        for (const IndicatorSpec& spec : Indicators()) {
          const std::string key(spec.key);
          const IndicatorTarget a =
              old.indicators.count(key) ? old.indicators.at(key) : IndicatorTarget{};
          const IndicatorTarget b =
              targets.indicators.count(key) ? targets.indicators.at(key) : IndicatorTarget{};
          if (!(a == b)) {
            details.emplace_back(std::string(spec.label), TargetText(a) + " → " + TargetText(b));
          }
        }
        RETURN_IF_ERROR(tx.Execute("DELETE FROM statistics_young_limits").status());
        for (const auto& [level, limit] : targets.young_age_limits) {
          RETURN_IF_ERROR(tx.Execute("INSERT INTO statistics_young_limits (level, max_age) "
                                     "VALUES (?, ?)",
                                     {level, limit})
                              .status());
        }
        RETURN_IF_ERROR(tx.Execute("DELETE FROM statistics_indicator_targets").status());
        for (const auto& [key, target] : targets.indicators) {
          if (!target.min_count && !target.min_share_bp) continue;
          RETURN_IF_ERROR(tx.Execute("INSERT INTO statistics_indicator_targets (indicator, "
                                     "min_count, min_share_bp) VALUES (?, ?, ?)",
                                     {key, target.min_count, target.min_share_bp})
                              .status());
        }
        RETURN_IF_ERROR(recorder_.Write(tx, actor, "statistics.targets", "statistics", "targets",
                                        std::move(details)));
        return LoadTargets(tx);
      });
}

}  // namespace xr::statistics
