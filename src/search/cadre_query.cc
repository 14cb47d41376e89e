#include "search/cadre_query.h"

#include <algorithm>
#include <array>

#include "cadre/cadre_scope.h"
#include "cadre/common_bigrams.h"
#include "cadre/text_index.h"
#include "cadre/text_tokens.h"
#include "cadre/vocabulary.h"
#include "search/field_catalog.h"

namespace xr::search {
namespace {

constexpr std::array<std::string_view, 15> kOpNames{
    "eq",      "ne",       "in",          "not_in",   "lt",        "le",      "gt",      "ge",
    "between", "contains", "starts_with", "is_empty", "not_empty", "subtree", "at_least"};

const std::string& Text(const Scalar& s) { return std::get<std::string>(s); }
std::int64_t Number(const Scalar& s) { return std::get<std::int64_t>(s); }

// Concatenates in order. Fragments that bind parameters must be joined through this (a braced
// list is evaluated left to right), never with chained `+`, whose operands C++ may evaluate in
// any order — the parameters would not follow their placeholders.
std::string Cat(std::initializer_list<std::string> parts) {
  std::string out;
  for (const std::string& part : parts) out += part;
  return out;
}

// LIKE patterns matching `text` literally, with '\' as the escape character.
std::string Escaped(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

class Compiler {
 public:
  Compiler(base::Date reference, const UnitPathLookup& unit_paths, store::Dialect dialect,
           const FulltextPlanner& fulltext)
      : reference_(reference),
        month_(*base::YearMonth::FromYm(reference.year(), reference.month())),
        unit_paths_(unit_paths),
        dialect_(dialect),
        fulltext_(fulltext) {}

  base::Result<std::string> Node(const Condition& c) {
    switch (c.kind) {
      case Condition::Kind::kAll:
      case Condition::Kind::kAny: {
        const bool all = c.kind == Condition::Kind::kAll;
        if (c.children.empty()) return std::string(all ? "(1 = 1)" : "(1 = 0)");
        std::string sql;
        for (const Condition& child : c.children) {
          ASSIGN_OR_RETURN(std::string part, Node(child));
          sql += (sql.empty() ? "" : all ? " AND " : " OR ") + part;
        }
        return "(" + sql + ")";
      }
      case Condition::Kind::kNot: {
        if (c.children.size() != 1) return base::InvalidArgument("not 须恰有一个条件", "condition");
        ASSIGN_OR_RETURN(std::string part, Node(c.children[0]));
        return "(NOT " + part + ")";
      }
      case Condition::Kind::kLeaf:
        return Leaf(c);
    }
    return base::Internal("未知的条件类型");
  }

  store::Params& params() { return params_; }

 private:
  std::string Bind(store::Value value) {
    params_.push_back(std::move(value));
    return "?";
  }
  std::string BindScalar(const Scalar& s) {
    if (std::holds_alternative<std::int64_t>(s)) return Bind(Number(s));
    if (std::holds_alternative<bool>(s)) return Bind(std::int64_t(std::get<bool>(s)));
    return Bind(Text(s));
  }
  std::string Like() const { return dialect_ == store::Dialect::kPostgres ? " ILIKE " : " LIKE "; }
  static std::string Not(const std::string& sql) { return "(NOT " + sql + ")"; }

  // A comparison of an expression that may be NULL, made two-valued: NULL satisfies none of
  // =, <, <=, >, >= (and therefore satisfies "not equal", which is NOT of "equal"). A nullable
  // `expr` is written twice, so it must not hold parameters.
  std::string Compare(const std::string& expr, bool nullable, std::string_view op,
                      const Scalar& value) {
    if (!nullable) return "(" + expr + " " + std::string(op) + " " + BindScalar(value) + ")";
    return "(" + expr + " IS NOT NULL AND " + expr + " " + std::string(op) + " " +
           BindScalar(value) + ")";
  }

  // Operators over an ordered value: eq, ne, lt, le, gt, ge, between, at_least.
  std::string Ordered(const std::string& expr, bool nullable, const Condition& c) {
    switch (c.op) {
      case Op::kEq:
        return Compare(expr, nullable, "=", c.values[0]);
      case Op::kNe:
        return Not(Compare(expr, nullable, "=", c.values[0]));
      case Op::kLt:
        return Compare(expr, nullable, "<", c.values[0]);
      case Op::kLe:
        return Compare(expr, nullable, "<=", c.values[0]);
      case Op::kGt:
        return Compare(expr, nullable, ">", c.values[0]);
      case Op::kGe:
      case Op::kAtLeast:
        return Compare(expr, nullable, ">=", c.values[0]);
      case Op::kBetween:
        // `expr` once: it may hold parameters of its own (a count's period).
        return Cat({"(", nullable ? expr + " IS NOT NULL AND " : "", expr, " BETWEEN ",
                    BindScalar(c.values[0]), " AND ", BindScalar(c.values[1]), ")"});
      default:
        return "(1 = 0)";
    }
  }

  // Full years since the month in `expr` (NULL: no value), as a condition on that month: the
  // value is at least n exactly when the month is at most `month_ - n years`.
  std::string YearsSince(const std::string& expr, bool nullable, const Condition& c) {
    auto at_least = [&](std::int64_t n) {
      return Compare(expr, nullable, "<=", month_.AddMonths(-12 * int(n)).ToString());
    };
    auto at_most = [&](std::int64_t n) {
      return Compare(expr, nullable, ">", month_.AddMonths(-12 * int(n + 1)).ToString());
    };
    const std::int64_t n = Number(c.values[0]);
    switch (c.op) {
      case Op::kEq:
        return Cat({"(", at_least(n), " AND ", at_most(n), ")"});
      case Op::kNe:
        return Not(Cat({"(", at_least(n), " AND ", at_most(n), ")"}));
      case Op::kGe:
      case Op::kAtLeast:
        return at_least(n);
      case Op::kGt:
        return at_least(n + 1);
      case Op::kLe:
        return at_most(n);
      case Op::kLt:
        return n == 0 ? "(1 = 0)" : at_most(n - 1);
      case Op::kBetween:
        return Cat({"(", at_least(n), " AND ", at_most(Number(c.values[1])), ")"});
      default:
        return "(1 = 0)";
    }
  }

  std::string InList(const std::string& expr, const std::vector<std::string>& values) {
    if (values.empty()) return "(1 = 0)";
    std::string marks;
    for (const std::string& v : values) marks += (marks.empty() ? "" : ", ") + Bind(v);
    return "(" + expr + " IN (" + marks + "))";
  }

  // eq / ne / in / not_in over values of a NOT NULL column.
  std::string Membership(const std::string& expr, const Condition& c) {
    std::vector<std::string> values;
    for (const Scalar& s : c.values) values.push_back(Text(s));
    const std::string in = InList(expr, values);
    return c.op == Op::kNe || c.op == Op::kNotIn ? Not(in) : in;
  }

  std::string TextOp(const std::string& expr, bool nullable, const Condition& c) {
    const std::string guarded = nullable ? expr + " IS NOT NULL AND " : "";
    switch (c.op) {
      case Op::kEq:
      case Op::kNe:
      case Op::kIn:
      case Op::kNotIn:
        return Membership(expr, c);
      case Op::kContains:
        return "(" + guarded + expr + Like() + Bind("%" + Escaped(Text(c.values[0])) + "%") +
               " ESCAPE '\\')";
      case Op::kStartsWith:
        return "(" + guarded + expr + Like() + Bind(Escaped(Text(c.values[0])) + "%") +
               " ESCAPE '\\')";
      case Op::kIsEmpty:
        return "(" + expr + " IS NULL OR " + expr + " = '')";
      case Op::kNotEmpty:
        return "(" + expr + " IS NOT NULL AND " + expr + " <> '')";
      default:
        return Ordered(expr, nullable, c);
    }
  }

  // The positions (in `ladder`) that the ladder operators select: eq/ne/in/not_in the values,
  // ge "at or above" (positions up to the value's), le "at or below", between the span of two.
  static std::vector<std::size_t> Rungs(std::span<const std::string_view> ladder,
                                        const Condition& c) {
    auto position = [&](const Scalar& s) {
      return std::size_t(std::find(ladder.begin(), ladder.end(), Text(s)) - ladder.begin());
    };
    std::vector<std::size_t> out;
    switch (c.op) {
      case Op::kGe:
        for (std::size_t i = 0; i <= position(c.values[0]); ++i) out.push_back(i);
        break;
      case Op::kLe:
        for (std::size_t i = position(c.values[0]); i < ladder.size(); ++i) out.push_back(i);
        break;
      case Op::kBetween: {
        const std::size_t a = position(c.values[0]), b = position(c.values[1]);
        const std::size_t low = std::min(a, b), high = std::max(a, b);
        for (std::size_t i = low; i <= high; ++i) out.push_back(i);
        break;
      }
      default:
        for (const Scalar& s : c.values) out.push_back(position(s));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }
  static bool Negated(Op op) { return op == Op::kNe || op == Op::kNotIn; }

  std::string Rank(const Condition& c) {
    const auto ranks = cadre::Ranks();
    std::vector<std::string> values;
    for (std::size_t i : Rungs(ranks, c)) values.emplace_back(ranks[i]);
    const std::string in = InList("c.rank", values);
    return Negated(c.op) ? Not(in) : in;
  }

  std::string RankLevel(const Condition& c) {
    std::vector<std::string> values;
    for (std::string_view rank : cadre::Ranks()) {
      for (const Scalar& s : c.values) {
        if (RankLevelOf(rank) == Text(s)) values.emplace_back(rank);
      }
    }
    const std::string in = InList("c.rank", values);
    return Negated(c.op) ? Not(in) : in;
  }

  // The highest rung on a code ladder (education or degree): the rung of the lowest code among
  // the cadre's entries. `first_digits[r]` is the range [low, high) of first digits of rung r.
  std::string Ladder(const Condition& c, std::span<const std::string_view> ladder,
                     std::span<const std::pair<char, char>> first_digits,
                     std::string_view code_column, std::string_view kind_filter) {
    const char valid_low = first_digits.front().first, valid_high = first_digits.back().second;
    // A cadre has an entry with a code in [low, high).
    auto has = [&](char low, char high) {
      std::string sql = "EXISTS (SELECT 1 FROM cadre_education e WHERE e.cadre_id = c.id";
      if (!kind_filter.empty()) sql += " AND e.kind = " + Bind(std::string(kind_filter));
      const std::string column(code_column);
      return Cat({sql, " AND e.", column, " >= ", Bind(std::string(1, low)), " AND e.", column,
                  " < ", Bind(std::string(1, high)), ")"});
    };
    // The highest rung is r: an entry on it and none above.
    auto highest_is = [&](std::size_t r) {
      const auto [low, high] = first_digits[r];
      if (r == 0) return has(low, high);
      return Cat({"(", has(low, high), " AND NOT ", has(valid_low, low), ")"});
    };
    if (c.op == Op::kIsEmpty) return Not(has(valid_low, valid_high));
    if (c.op == Op::kNotEmpty) return has(valid_low, valid_high);
    if (c.op == Op::kGe) {  // at or above: an entry up to the value's rung
      const std::size_t r = Rungs(ladder, c).back();
      return has(valid_low, first_digits[r].second);
    }
    if (c.op == Op::kLe) {  // at or below: an entry, and none above the value's rung
      const std::size_t r = Rungs(ladder, c).front();
      return Cat({"(", has(valid_low, valid_high), " AND NOT ",
                  has(valid_low, first_digits[r].first), ")"});
    }
    std::string sql;
    for (std::size_t r : Rungs(ladder, c)) sql += (sql.empty() ? "" : " OR ") + highest_is(r);
    sql = sql.empty() ? "(1 = 0)" : "(" + sql + ")";
    return Negated(c.op) ? Not(sql) : sql;
  }

  // Counts compared with a number; "at least 1" and "0" as EXISTS / NOT EXISTS.
  std::string Count(const std::string& exists_body, const Condition& c) {
    const std::int64_t n = Number(c.values[0]);
    const std::string exists = "EXISTS (SELECT 1 " + exists_body + ")";
    if ((c.op == Op::kGe || c.op == Op::kAtLeast) && n == 1) return exists;
    if (c.op == Op::kGt && n == 0) return exists;
    if ((c.op == Op::kEq || c.op == Op::kLe) && n == 0) return Not(exists);
    if (c.op == Op::kLt && n == 1) return Not(exists);
    if (c.op == Op::kNe && n == 0) return exists;
    return Ordered("(SELECT COUNT(*) " + exists_body + ")", false, c);
  }

  std::int64_t NumberParam(const Condition& c, std::string_view name) {
    if (auto it = c.params.find(std::string(name)); it != c.params.end()) return Number(it->second);
    const FieldSpec* spec = FindField(c.field);
    for (const FieldParam& p : spec->params) {
      if (p.name == name && p.default_number) return *p.default_number;
    }
    return 0;
  }

  std::string Assessments(const Condition& c, std::vector<std::string> grades) {
    // The last N years: the N assessment years before the reference year (a year's assessment
    // is made early the next year).
    const std::int64_t years = NumberParam(c, "years");
    std::string body = "FROM cadre_assessments a WHERE a.cadre_id = c.id AND a.grade IN (";
    for (std::size_t i = 0; i < grades.size(); ++i) body += (i ? ", " : "") + Bind(grades[i]);
    body += Cat({") AND a.year >= ", Bind(std::int64_t(reference_.year()) - years),
                 " AND a.year <= ", Bind(std::int64_t(reference_.year()) - 1)});
    return Count(body, c);
  }

  std::string Boolean(const std::string& exists, const Condition& c) {
    return std::get<bool>(c.values[0]) ? exists : Not(exists);
  }

  std::string TrainingHours(const Condition& c) {
    std::string from = std::to_string(reference_.year()) + "-01-01";
    std::string to = reference_.ToString();
    if (auto it = c.params.find("from"); it != c.params.end()) from = Text(it->second);
    if (auto it = c.params.find("to"); it != c.params.end()) to = Text(it->second);
    const std::string sum =
        Cat({"(SELECT COALESCE(SUM(t.hours), 0) FROM cadre_trainings t WHERE t.cadre_id = c.id AND "
             "t.end_date >= ",
             Bind(from), " AND t.end_date <= ", Bind(to), ")"});
    return Ordered(sum, false, c);
  }

  base::Result<std::string> Fulltext(const Condition& c) {
    const std::string& term = Text(c.values[0]);
    FulltextPlan plan{cadre::TermBigrams(term)};
    // A term that is exactly one bigram occurs where its bigram does (bigrams are taken within
    // one text, from adjacent characters): no need to confirm. Longer terms are confirmed by
    // substring match, so the bigrams found in different places do not count.
    const bool confirm = !(plan.bigrams.size() == 1 && cadre::CharacterCount(term) == 2);
    if (fulltext_) {
      ASSIGN_OR_RETURN(plan, fulltext_(plan.bigrams));
    }
    if (plan.matches_nothing) return std::string("(1 = 0)");
    // The cadres with every bigram: the rarest one's postings drive, or the scope does; the
    // others are key probes, the rarest first so that most cadres fail at the first. (Params are
    // bound in the order the SQL text has them: the driver first.)
    const std::string driver =
        plan.from_postings
            ? "c.id IN (SELECT b.cadre_id FROM cadre_text_bigrams b WHERE b.bigram = " +
                  Bind(plan.bigrams[0]) + ")"
            : "";
    std::string rest;
    if (plan.common_mask != 0) {
      // First: from the row (or the scope's index), no lookup.
      rest = Cat({"(c.common_bigrams & ", Bind(plan.common_mask), ") = ", Bind(plan.common_mask)});
    }
    for (std::size_t i = plan.from_postings ? 1 : 0; i < plan.bigrams.size(); ++i) {
      rest += rest.empty() ? "" : " AND ";
      rest +=
          "EXISTS (SELECT 1 FROM cadre_text_bigrams b WHERE b.bigram = " + Bind(plan.bigrams[i]) +
          " AND b.cadre_id = c.id" + std::string(cadre::PerRowFence(dialect_)) + ")";
    }
    if (confirm) {
      int placeholders = 0;
      rest += (rest.empty() ? "" : " AND ") + cadre::TextMatchSql(dialect_, placeholders);
      const std::string pattern = "%" + Escaped(term) + "%";
      for (int i = 0; i < placeholders; ++i) params_.emplace_back(pattern);
    }
    if (driver.empty()) return "(" + rest + ")";
    if (dialect_ == store::Dialect::kPostgres) {
      // PostgreSQL would run the probes at its scan of the cadres, before a semi-join with the
      // postings (every scoped cadre probed again); inside a CASE the postings are hashed once,
      // tested first, and only their cadres are probed.
      return "(CASE WHEN " + driver + " THEN " + (rest.empty() ? "TRUE" : rest) +
             " ELSE FALSE END)";
    }
    return "(" + driver + (rest.empty() ? "" : " AND " + rest) + ")";
  }

  base::Result<std::string> Unit(const Condition& c) {
    if (c.op == Op::kSubtree) {
      const std::optional<std::string> path = unit_paths_(Number(c.values[0]));
      if (!path) return base::NotFound("所选单位不存在", "unit");
      // The subtree of "/1/5/" is every path in ["/1/5/", "/1/50"): '0' follows '/'.
      return Cat({"(u.path >= ", Bind(*path), " AND u.path < ",
                  Bind(path->substr(0, path->size() - 1) + "0"), ")"});
    }
    std::string marks;
    for (const Scalar& s : c.values) marks += (marks.empty() ? "" : ", ") + Bind(Number(s));
    return "(c.unit_id IN (" + marks + "))";
  }

  base::Result<std::string> Leaf(const Condition& c) {
    const FieldSpec* spec = FindField(c.field);
    if (!spec) return base::InvalidArgument("没有可查询的字段 " + c.field, "condition");
    const std::string column(spec->column);
    static constexpr std::array<std::pair<char, char>, 8> kEducationDigits{{{'1', '2'},
                                                                            {'2', '3'},
                                                                            {'3', '4'},
                                                                            {'4', '6'},
                                                                            {'6', '7'},
                                                                            {'7', '8'},
                                                                            {'8', '9'},
                                                                            {'9', ':'}}};
    static constexpr std::array<std::pair<char, char>, 3> kDegreeDigits{
        {{'1', '3'}, {'3', '4'}, {'4', '5'}}};
    switch (spec->source) {
      case FieldSource::kColumn:
        return TextOp(column, false, c);
      case FieldSource::kNullableColumn:
        return TextOp(column, true, c);
      case FieldSource::kAge:
        return YearsSince("c.birth_month", false, c);
      case FieldSource::kYearsInPost:
        return YearsSince("c.post_start_month", true, c);
      case FieldSource::kYearsAtRank:
        return YearsSince(
            "(SELECT MAX(r.start_month) FROM cadre_ranks r WHERE r.cadre_id = c.id AND "
            "r.end_month IS NULL)",
            true, c);
      case FieldSource::kUnit:
        return Unit(c);
      case FieldSource::kRank:
        return Rank(c);
      case FieldSource::kRankLevel:
        return RankLevel(c);
      case FieldSource::kFullTimeEducation:
        return Ladder(c, EducationLadder(), kEducationDigits, "level_code", "全日制");
      case FieldSource::kHighestEducation:
        return Ladder(c, EducationLadder(), kEducationDigits, "level_code", "");
      case FieldSource::kDegree:
        return Ladder(c, DegreeLadder(), kDegreeDigits, "degree_code", "");
      case FieldSource::kExcellentCount:
        return Assessments(c, {"优秀"});
      case FieldSource::kBelowCompetentCount:
        return Assessments(c, {"基本称职", "不称职"});
      case FieldSource::kSanctionInEffect: {
        const std::string day = reference_.ToString();
        return Boolean(
            Cat({"EXISTS (SELECT 1 FROM cadre_rewards w WHERE w.cadre_id = c.id AND "
                 "w.is_sanction = 1 AND w.reward_date <= ",
                 Bind(day), " AND w.effect_end IS NOT NULL AND w.effect_end >= ", Bind(day), ")"}),
            c);
      }
      case FieldSource::kTrainingHours:
        return TrainingHours(c);
      case FieldSource::kCadreRelative:
        return Boolean("EXISTS (SELECT 1 FROM cadre_relative_links l WHERE l.cadre_id = c.id)", c);
      case FieldSource::kPhoto:
        return Boolean("EXISTS (SELECT 1 FROM cadre_photos p WHERE p.cadre_id = c.id)", c);
      case FieldSource::kFulltext:
        return Fulltext(c);
    }
    return base::Internal("未知的字段来源");
  }

  const base::Date reference_;
  const base::YearMonth month_;
  const UnitPathLookup& unit_paths_;
  const store::Dialect dialect_;
  const FulltextPlanner& fulltext_;
  store::Params params_;
};

// Whether a leaf compiles to a subquery per cadre rather than a test of the cadre's own row.
bool ReadsOtherTables(const Condition& c) {
  if (c.kind != Condition::Kind::kLeaf) {
    return std::any_of(c.children.begin(), c.children.end(), ReadsOtherTables);
  }
  const FieldSpec* spec = FindField(c.field);
  if (!spec) return false;
  switch (spec->source) {
    case FieldSource::kColumn:
    case FieldSource::kNullableColumn:
    case FieldSource::kAge:
    case FieldSource::kYearsInPost:
    case FieldSource::kUnit:
    case FieldSource::kRank:
    case FieldSource::kRankLevel:
      return false;
    default:
      return true;
  }
}

void CollectFields(const Condition& c, std::vector<std::string>& out) {
  if (c.kind == Condition::Kind::kLeaf) {
    if (std::find(out.begin(), out.end(), c.field) == out.end()) out.push_back(c.field);
    return;
  }
  for (const Condition& child : c.children) CollectFields(child, out);
}

}  // namespace

std::string_view OpName(Op op) { return kOpNames[static_cast<std::size_t>(op)]; }

std::optional<Op> OpFromName(std::string_view name) {
  for (std::size_t i = 0; i < kOpNames.size(); ++i) {
    if (kOpNames[i] == name) return Op(i);
  }
  return std::nullopt;
}

std::vector<std::string> FieldNames(const Condition& condition) {
  std::vector<std::string> out;
  CollectFields(condition, out);
  return out;
}

std::vector<std::string> RarestFirst(const std::vector<std::string>& bigrams,
                                     const std::vector<std::int64_t>& postings) {
  std::vector<std::size_t> order(bigrams.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return postings[a] < postings[b]; });
  std::vector<std::string> out;
  for (std::size_t i : order) out.push_back(bigrams[i]);
  return out;
}

FulltextCosts FulltextCostsOf(store::Dialect dialect) {
  return dialect == store::Dialect::kPostgres ? FulltextCosts{1, 3, false}
                                              : FulltextCosts{8, 1, true};
}

std::int64_t PostingsThatCannotDrive(std::int64_t scoped_cadres, const FulltextCosts& costs) {
  // The least n with n × per_posting ≥ scoped × per_probe.
  const std::int64_t n =
      (scoped_cadres * costs.per_probe + costs.per_posting - 1) / costs.per_posting;
  return std::min(n, kPostingCountCap);
}

std::int64_t ScopeCountLimit(const FulltextCosts& costs) {
  // The least scope in which kPostingCountCap − 1 postings drive, and one more.
  return ((kPostingCountCap - 1) * costs.per_posting) / costs.per_probe + 1;
}

bool DriveFromPostings(std::int64_t rarest_postings, std::int64_t scoped_cadres,
                       const FulltextCosts& costs) {
  return rarest_postings < PostingsThatCannotDrive(scoped_cadres, costs);
}

namespace {

// PlanFulltext for bigrams that have no bit: counted, as far as the choice needs.
base::Result<FulltextPlan> PlanCounted(store::Transaction& tx, const cadre::ScopePredicate& scope,
                                       const std::vector<std::string>& bigrams) {
  const FulltextCosts costs = FulltextCostsOf(tx.dialect());
  store::Params params = scope.params;
  params.emplace_back(ScopeCountLimit(costs));
  ASSIGN_OR_RETURN(
      const std::int64_t scoped,
      tx.QueryInt("SELECT COUNT(*) FROM (SELECT 1 FROM cadres c JOIN units u ON u.id = c.unit_id" +
                      (scope.sql.empty() ? "" : " WHERE " + scope.sql) + " LIMIT ?) s",
                  params));
  // At least one posting is read, so that a bigram nobody has is seen as such.
  std::int64_t rarest = std::max<std::int64_t>(1, PostingsThatCannotDrive(scoped, costs));
  // Uncounted bigrams (past a driver, when counting does not pay) rank after the counted ones.
  std::vector<std::int64_t> postings(bigrams.size(), kPostingCountCap);
  for (std::size_t i = 0; i < bigrams.size(); ++i) {
    if (!costs.count_past_a_driver && DriveFromPostings(rarest, scoped, costs)) break;
    ASSIGN_OR_RETURN(postings[i], tx.QueryInt("SELECT COUNT(*) FROM (SELECT 1 FROM "
                                              "cadre_text_bigrams WHERE bigram = ? LIMIT ?) p",
                                              {bigrams[i], rarest}));
    if (postings[i] == 0) return FulltextPlan{bigrams, true, true};
    rarest = std::min(rarest, postings[i]);
  }
  return FulltextPlan{RarestFirst(bigrams, postings), DriveFromPostings(rarest, scoped, costs),
                      false};
}

}  // namespace

base::Result<FulltextPlan> PlanFulltext(store::Transaction& tx, const cadre::ScopePredicate& scope,
                                        const std::vector<std::string>& bigrams) {
  ASSIGN_OR_RETURN(const std::vector<cadre::CommonBigram> common,
                   cadre::CommonBigramsAmong(tx, bigrams));
  std::int64_t mask = 0;
  std::vector<std::string> rest;
  for (const std::string& bigram : bigrams) {
    const auto it = std::find_if(common.begin(), common.end(),
                                 [&](const cadre::CommonBigram& c) { return c.bigram == bigram; });
    if (it == common.end()) {
      rest.push_back(bigram);
    } else {
      mask |= std::int64_t(1) << it->bit;
    }
  }
  if (rest.empty() && mask != 0) return FulltextPlan{{}, false, false, mask};
  ASSIGN_OR_RETURN(FulltextPlan plan, PlanCounted(tx, scope, rest));
  plan.common_mask = mask;
  return plan;
}

base::Result<SqlPredicate> CompileCondition(const Condition& condition, base::Date reference_date,
                                            const UnitPathLookup& unit_paths,
                                            store::Dialect dialect,
                                            const FulltextPlanner& fulltext) {
  Compiler compiler(reference_date, unit_paths, dialect, fulltext);
  ASSIGN_OR_RETURN(std::string sql, compiler.Node(condition));
  return SqlPredicate{std::move(sql), std::move(compiler.params()), ReadsOtherTables(condition)};
}

base::Result<SqlPredicate> CompileForActor(store::Transaction& tx, const access::Actor& actor,
                                           const Condition& condition, base::Date reference_date) {
  base::Status lookup_error = base::Status::Ok();
  const UnitPathLookup paths = [&](std::int64_t unit_id) -> std::optional<std::string> {
    auto rows = tx.Query("SELECT path FROM units WHERE id = ?", {unit_id});
    if (!rows.ok()) {
      lookup_error = rows.status();
      return std::nullopt;
    }
    if (rows->empty()) return std::nullopt;
    return (*rows)[0].Text(0);
  };
  ASSIGN_OR_RETURN(cadre::ScopePredicate scope, cadre::ScopeOf(tx, actor));
  const FulltextPlanner plan = [&](const std::vector<std::string>& bigrams) {
    return PlanFulltext(tx, scope, bigrams);
  };
  auto compiled = CompileCondition(condition, reference_date, paths, tx.dialect(), plan);
  RETURN_IF_ERROR(lookup_error);
  if (!compiled.ok()) return compiled.status();
  if (tx.dialect() == store::Dialect::kPostgres) {
    // The statements are prepared once per connection; after five runs PostgreSQL may switch
    // to a generic plan that ignores the values (a subtree's size, a rank list, a bigram's
    // frequency), measured here at 5–20× slower. Plan each run for its values.
    // Both settings travel with the query itself (deferred), not in round trips of their own.
    RETURN_IF_ERROR(tx.ExecuteDeferred("SET LOCAL plan_cache_mode = force_custom_plan"));
    // Cost estimates of a million rows switch JIT compilation on: 300-360 ms per statement
    // measured here, for statements that then run in tens of milliseconds.
    RETURN_IF_ERROR(tx.ExecuteDeferred("SET LOCAL jit = off"));
  }
  if (scope.sql.empty()) return compiled;
  SqlPredicate out{"(" + compiled->sql + " AND " + scope.sql + ")", std::move(compiled->params),
                   compiled->per_cadre_subqueries};
  out.params.insert(out.params.end(), scope.params.begin(), scope.params.end());
  return out;
}

}  // namespace xr::search
