#pragma once
// 组合查询 (compound query): a condition tree over dossier fields and values derived at a reference
// date, decoded from JSON (docs/api.md "Compound query") and compiled into a SQL predicate over
// `cadres c JOIN units u ON u.id = c.unit_id` from fixed fragments and bound parameters only —
// user text never becomes SQL.
//
// For every caller that serves a person (the query endpoint, Excel export, structure statistics):
//   ASSIGN_OR_RETURN(search::Condition condition, search::DecodeCondition(body["condition"]));
//   … in the transaction, after access::Require(actor, kCadreRead):
//   ASSIGN_OR_RETURN(search::SqlPredicate where,
//                    search::CompileForActor(tx, actor, condition, reference_date));
//   tx.Query("SELECT … FROM cadres c JOIN units u ON u.id = c.unit_id WHERE " + where.sql, …)
// CompileForActor ANDs the actor's data scope (cadre::ScopeOf), so the result never reaches
// outside it.

#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "access/actor.h"
#include "base/date.h"
#include "base/status.h"
#include "cadre/cadre_repository.h"
#include "cadre/cadre_scope.h"
#include "store/database.h"

namespace xr::search {

// A boolean SQL expression over `cadres c JOIN units u ON u.id = c.unit_id`; never empty ("(1 = 1)"
// matches everyone). Two-valued: it is never NULL for any row, so NOT means "every other cadre".
struct SqlPredicate {
  std::string sql;
  store::Params params;
  // Whether it reads other tables per cadre (item tables, the full-text index): then a page
  // should count its total in its own pass (cadre::CadreRepository::Total::kInPage).
  bool per_cadre_subqueries = false;
};

// How a page of `where` counts its total (see SqlPredicate::per_cadre_subqueries).
inline cadre::CadreRepository::Total PageTotal(const SqlPredicate& where) {
  return where.per_cadre_subqueries ? cadre::CadreRepository::Total::kInPage
                                    : cadre::CadreRepository::Total::kSeparately;
}

enum class Op {
  kEq,
  kNe,
  kIn,
  kNotIn,
  kLt,
  kLe,
  kGt,
  kGe,
  kBetween,
  kContains,
  kStartsWith,
  kIsEmpty,
  kNotEmpty,
  kSubtree,
  kAtLeast,
};
// "eq", "ne", "in", "not_in", "lt", "le", "gt", "ge", "between", "contains", "starts_with",
// "is_empty", "not_empty", "subtree", "at_least".
std::string_view OpName(Op op);
std::optional<Op> OpFromName(std::string_view name);

// One operand, as the field's type reads it: integer (number, unit id), text (text, enum, rank,
// month "YYYY-MM", date "YYYY-MM-DD", fulltext term) or boolean.
using Scalar = std::variant<std::int64_t, std::string, bool>;

struct Condition {
  enum class Kind { kAll, kAny, kNot, kLeaf };
  Kind kind = Kind::kAll;
  // kAll / kAny: the members (an empty kAll matches everyone, an empty kAny no one); kNot: one.
  std::vector<Condition> children;
  // kLeaf: a field of the catalogue (search/field_catalog.h), an operator it allows, and its
  // operands: one for most operators, one or more for in / not_in, two (low, high, inclusive)
  // for between, none for is_empty / not_empty.
  std::string field;
  Op op = Op::kEq;
  std::vector<Scalar> values;
  // Parameters of derived fields ("years" of assessment counts, "from"/"to" of training hours),
  // as given; missing ones take the catalogue's defaults when compiled.
  std::map<std::string, Scalar> params;
};

inline constexpr int kMaxConditionDepth = 8;     // nested groups, the root counting as 1
inline constexpr int kMaxConditionLeaves = 100;  // leaves in the whole tree

// Decodes and validates a condition node (shapes in docs/api.md): unknown fields, operators a
// field does not allow, values of the wrong type or outside its options, unknown parameters,
// depth over kMaxConditionDepth, more than kMaxConditionLeaves leaves. Errors are
// InvalidArgument with a Chinese message and the path of the offending part as the field, e.g.
// "condition.all[2].value" (`path` names the root).
base::Result<Condition> DecodeCondition(const nlohmann::json& json,
                                        std::string_view path = "condition");

// The distinct field names of the leaves, in first-use order (for audit entries: names, never
// values).
std::vector<std::string> FieldNames(const Condition& condition);

// A unit's materialised path ("/1/5/"), nullopt when there is no such unit.
using UnitPathLookup = std::function<std::optional<std::string>(std::int64_t unit_id)>;

// How full text finds the cadres that have every bigram of a term. Both ways give the same rows;
// at a million cadres their costs differ a hundredfold, either way round:
// - from the postings of the rarest bigram, looking each of those cadres up (cheap when that list
//   is short against the scope: a rare term, or a reader who sees the whole city);
// - from the scoped cadres, probing each bigram's key per cadre (cheap when the scope is small
//   and the term's bigrams are frequent).
struct FulltextPlan {
  std::vector<std::string> bigrams;  // the order to test them in, the rarest first
  bool from_postings = true;         // the first of `bigrams` drives (never when it is empty)
  bool matches_nothing = false;      // a bigram no cadre has: so no cadre has the term
  // The term's common bigrams (cadre/common_bigrams.h), tested on the cadre's mask and so not in
  // `bigrams`: the bits every match has.
  std::int64_t common_mask = 0;
};
// The plan for a term's bigrams (cadre::TermBigrams order).
using FulltextPlanner =
    std::function<base::Result<FulltextPlan>(const std::vector<std::string>& bigrams)>;

// Posting lists are counted up to this many cadres (a count is a range scan of the index).
inline constexpr std::int64_t kPostingCountCap = 50000;

// What the two ways cost on an engine, relative to each other: driving from the postings is
// chosen when postings × per_posting < scoped cadres × per_probe.
struct FulltextCosts {
  std::int64_t per_posting = 1;  // a posting read and its cadre found
  std::int64_t per_probe = 1;    // a key probe per scoped cadre
  // Whether counting another bigram's postings, to find a rarer one to drive from, costs less
  // than reading the postings it would save.
  bool count_past_a_driver = true;
};
// Measured at 1M (docs/benchmarks.md): SQLite looks each posting's cadre up, 6.3 µs against a
// probe's 0.9 µs, and counts postings at 0.08 µs each. PostgreSQL counts postings at 0.11 µs and
// hashes them at 0.13–0.35 µs, against 1.85 µs for a probe of 应急 and 3.7 µs of 办公 (likely
// because the index pages probed in a long posting list do not stay in the CPU's caches); the
// counting of every bigram before either way runs is why its ratio is 1 to 3 and not 1 to 10.
FulltextCosts FulltextCostsOf(store::Dialect dialect);

// Pure: `bigrams` ordered by their posting counts (`postings[i]` belongs to `bigrams[i]`), the
// rarest first, ties in the given order.
std::vector<std::string> RarestFirst(const std::vector<std::string>& bigrams,
                                     const std::vector<std::int64_t>& postings);
// Pure: the fewest postings that can no longer drive for `scoped_cadres` (at most
// kPostingCountCap): posting lists need to be counted only this far.
std::int64_t PostingsThatCannotDrive(std::int64_t scoped_cadres, const FulltextCosts& costs);
// Pure: the scope needs to be counted only this far (beyond it, even kPostingCountCap − 1
// postings drive).
std::int64_t ScopeCountLimit(const FulltextCosts& costs);
// Pure: whether to drive from the rarest bigram's postings, given their number and the number of
// cadres in scope (each counted as far as the functions above say).
bool DriveFromPostings(std::int64_t rarest_postings, std::int64_t scoped_cadres,
                       const FulltextCosts& costs);

// The plan of a term's bigrams for a caller whose data scope is `scope`: the scope is counted, then
// the bigrams' postings in the given order, each only as far as the choice needs. A bigram found
// with no postings gives matches_nothing; past a driver an engine that does not count_past_a_driver
// stops counting. The term's common bigrams are taken out first (common_mask); a term of only
// common bigrams is neither counted nor driven.
base::Result<FulltextPlan> PlanFulltext(store::Transaction& tx, const cadre::ScopePredicate& scope,
                                        const std::vector<std::string>& bigrams);

// Pure: the predicate of `condition` with ages, years and "the last N years" computed at
// `reference_date`. `dialect` chooses the engine's case-insensitive LIKE for full text;
// `fulltext` plans full-text leaves (without one they drive from their first bigram's postings).
// NotFound (field "unit") when a unit operand does not exist.
base::Result<SqlPredicate> CompileCondition(const Condition& condition, base::Date reference_date,
                                            const UnitPathLookup& unit_paths,
                                            store::Dialect dialect,
                                            const FulltextPlanner& fulltext = {});

// CompileCondition with the unit paths read in `tx`, full text planned from the term's posting
// counts and the size of the actor's scope, ANDed with the actor's data scope
// (cadre::ScopeOf). Does not check permissions: callers require cadre.read first. On
// PostgreSQL it also sets plan_cache_mode = force_custom_plan for the rest of `tx` (generic
// plans of these predicates ignore the values and can be far slower).
base::Result<SqlPredicate> CompileForActor(store::Transaction& tx, const access::Actor& actor,
                                           const Condition& condition, base::Date reference_date);

}  // namespace xr::search
