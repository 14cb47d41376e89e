#pragma once
// 班子结构分析 (structure statistics): for a unit, a unit and everything under it, or the cadres
// a compound-query condition finds — always within the caller's data scope — the distributions
// by age band, gender, ethnicity, party, education (full-time and any), rank and years in post,
// the 年龄梯次 (age bands by rank level), and the counts of 女干部, 少数民族干部, 党外干部 and
// 年轻干部 against configurable targets.
//
// One read transaction and two GROUP BY statements over the scoped cadres (bands computed in SQL
// from bounds the pure rules give): one over the combinations of the cadres' own columns, read
// from a covering index, and one over their highest 学历; C++ only sums the few hundred groups,
// never loops over cadres.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "access/actor.h"
#include "access/recorder.h"
#include "base/clock.h"
#include "base/date.h"
#include "base/status.h"
#include "search/cadre_query.h"
#include "statistics/structure_rules.h"
#include "store/database.h"

namespace xr::statistics {

struct StructureRequest {
  // Either a unit (with or without its subtree) or a condition (search/cadre_query.h).
  std::optional<std::int64_t> unit_id;
  bool subtree = true;
  std::optional<search::Condition> condition;
  // Ages and years are computed at this day; default today (Asia/Shanghai).
  std::optional<base::Date> reference_date;
};

struct Bucket {
  std::string label;
  std::int64_t count = 0;
};

struct Dimension {
  std::string key;    // age_band, gender, ethnicity, party, full_time_education, …
  std::string label;  // 年龄结构, …
  std::vector<Bucket> buckets;
};

struct AgeLadder {
  std::vector<std::string> levels;                // 厅局级 县处级 乡科级 科员级
  std::vector<std::string> bands;                 // the age bands
  std::vector<std::vector<std::int64_t>> counts;  // [level][band]
};

struct Indicator {
  std::string key;
  std::string label;
  std::int64_t count = 0;
  double share = 0;  // count / total; 0 when there are no cadres
  IndicatorTarget target;
  bool shortfall = false;
};

struct StructureReport {
  std::int64_t total = 0;
  base::Date reference_date;
  std::vector<Dimension> dimensions;
  AgeLadder age_ladder;
  std::vector<Indicator> indicators;
};

// The building blocks of Analyse, for benchmarks and other callers that already hold a
// transaction and a predicate.
//
// The 在职 cadres of a unit (or its subtree: a range of the materialised path) within the actor's
// data scope, as a predicate over `cadres c JOIN units u ON u.id = c.unit_id`. NotFound (field
// "unit_id") for a unit that does not exist.
base::Result<search::SqlPredicate> UnitPredicate(store::Transaction& tx, const access::Actor& actor,
                                                 std::int64_t unit_id, bool subtree);
// The report over the cadres `where` selects, with ages at `reference`: the two statements.
base::Result<StructureReport> CountStructure(store::Transaction& tx,
                                             const search::SqlPredicate& where,
                                             base::Date reference, const Targets& targets);

class StructureService {
 public:
  StructureService(store::Database& db, const base::Clock& clock, const access::Recorder& recorder);

  // Requires cadre.read. Counts the 在职 cadres of the unit (or subtree), or those the condition
  // finds (only 在职 ones unless the condition itself tests `status`), within the actor's scope.
  // InvalidArgument (field "unit_id") when neither or both of unit and condition are given;
  // NotFound (field "unit_id") for a unit that does not exist; the condition's own errors.
  base::Result<StructureReport> Analyse(const access::Actor& actor,
                                        const StructureRequest& request);

  // Requires cadre.read.
  base::Result<Targets> GetTargets(const access::Actor& actor);
  // Requires statistics.manage. Replaces the stored targets with `targets` (validated by
  // ValidateTargets) and returns them as stored; recorded as `statistics.targets` with the values
  // that changed. Nothing is written when nothing changes.
  base::Result<Targets> SetTargets(const access::Actor& actor, const Targets& targets);

 private:
  store::Database& db_;
  const base::Clock& clock_;
  const access::Recorder& recorder_;
};

}  // namespace xr::statistics
