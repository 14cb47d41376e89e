#pragma once
// The compound query's field catalogue: one table that drives decoding (which operators and
// values a field takes), compiling (where its value comes from) and GET /api/cadres/query/fields.

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "search/cadre_query.h"

namespace xr::search {

// "text" | "number" | "month" | "date" | "enum" | "unit" | "rank" | "boolean" | "fulltext"
enum class FieldType { kText, kNumber, kMonth, kDate, kEnum, kUnit, kRank, kBoolean, kFulltext };
std::string_view FieldTypeName(FieldType type);

// Where a field's value comes from (the compiler's cases).
enum class FieldSource {
  kColumn,           // a NOT NULL column of cadres c (`column`)
  kNullableColumn,   // a column of cadres c that may be NULL
  kAge,              // full years since birth_month at the reference date
  kYearsInPost,      // full years since post_start_month (the current main post)
  kYearsAtRank,      // full years since the current rank record started
  kUnit,             // c.unit_id / the unit's subtree
  kRank,             // c.rank on the ladder (cadre::Ranks(), highest first)
  kRankLevel,        // the level (厅局级 …) of c.rank
  kFullTimeEducation,  // the highest 全日制 学历 on the GB/T 4658 ladder
  kHighestEducation,   // the highest 学历 of any kind
  kDegree,             // the highest 学位 (GB/T 6864 code: 博士 > 硕士 > 学士)
  kExcellentCount,     // 优秀 in the last `years` years
  kBelowCompetentCount,  // 基本称职 or 不称职 in the last `years` years
  kSanctionInEffect,   // a sanction whose 影响期 covers the reference date
  kTrainingHours,      // hours of trainings ended within [from, to]
  kCadreRelative,      // a family member with a dossier (cadre_relative_links)
  kPhoto,              // a photo is stored
  kFulltext,           // the bigram index and the texts (cadre/text_index.h)
};

struct FieldParam {
  std::string_view name;   // "years", "from", "to"
  std::string_view label;  // 近几年
  FieldType type;          // kNumber or kDate
  // kNumber: the default; kDate: none (from = 1 January of the reference year, to = the
  // reference date).
  std::optional<std::int64_t> default_number;
  std::int64_t min = 0, max = 0;  // kNumber bounds
};

struct FieldSpec {
  std::string_view key;
  std::string_view label;
  std::string_view group;
  FieldType type;
  FieldSource source;
  std::string_view column;  // kColumn / kNullableColumn: "c.name"
  std::vector<Op> ops;
  std::vector<std::string_view> options;  // enum / rank values, in ladder order where there is one
  std::string_view dictionary;            // dictionary kind behind `options`, "" when none
  std::string_view unit;                  // 岁, 年, 次, 学时; "" when none
  std::vector<FieldParam> params;
};

std::span<const FieldSpec> FieldCatalog();
// nullptr when unknown.
const FieldSpec* FindField(std::string_view key);
// 等于, 介于 … (GET /fields "operators").
std::string_view OpLabel(Op op);
inline constexpr std::array<Op, 15> kAllOps{Op::kEq,      Op::kNe,        Op::kIn,      Op::kNotIn,
                                            Op::kLt,      Op::kLe,        Op::kGt,      Op::kGe,
                                            Op::kBetween, Op::kContains,  Op::kStartsWith,
                                            Op::kIsEmpty, Op::kNotEmpty,  Op::kSubtree, Op::kAtLeast};

// The rank levels (职务与职级并行规定: 一级/二级巡视员 厅局级, 一至四级调研员 县处级, 一至四级主任科员
// 乡科级, 一级/二级科员 科员级) and the level of a rank ("" when not on the ladder).
std::span<const std::string_view> RankLevels();
std::string_view RankLevelOf(std::string_view rank);

// The education ladder (研究生 大学 大专 中专 高中 初中 小学 其他) and the rung of a GB/T 4658 code
// (by its first digit; nullopt for an empty or unknown code). The degree ladder (博士 硕士 学士)
// likewise for GB/T 6864 codes.
std::span<const std::string_view> EducationLadder();
std::optional<std::size_t> EducationRung(std::string_view level_code);
std::span<const std::string_view> DegreeLadder();
std::optional<std::size_t> DegreeRung(std::string_view degree_code);

}  // namespace xr::search
