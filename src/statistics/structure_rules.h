#pragma once
// 班子结构分析: the pure bucketing rules of the structure statistics — age bands, years in post,
// ethnicity and party groups, the education ladder, rank levels, young-cadre limits by rank level
// and the indicator targets. No I/O; structure_service.cc turns them into one GROUP BY query.

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/status.h"

namespace xr::statistics {

// A band of whole years, [min, max] inclusive; max nullopt = open above.
struct YearBand {
  std::string_view label;
  int min;
  std::optional<int> max;
};

// 35岁及以下, 36至40岁, 41至45岁, 46至50岁, 51至55岁, 56岁及以上.
std::span<const YearBand> AgeBands();
// 不满1年, 1至3年 (1 ≤ y < 3), 3至5年, 5至10年, 10年及以上. A cadre without a current post is
// counted under kNoPost.
std::span<const YearBand> YearsInPostBands();
inline constexpr std::string_view kNoPost = "无现职";
// The index of the band holding `years` (negative years count as 0).
std::size_t BandOf(std::span<const YearBand> bands, int years);

// The latest month from which `years` whole years have passed on `reference` (as the form
// counts ages: cadre::AgeOn). So a cadre born in month b is at least `years` old on `reference`
// exactly when b <= YearsBefore(reference, years) — the bound the SQL compares "YYYY-MM" with.
base::YearMonth YearsBefore(base::Date reference, int years);

// 民族 in two groups: 汉族, 少数民族 (any other non-empty value); "" → kNotFilled.
inline constexpr std::string_view kHan = "汉族";
inline constexpr std::string_view kMinority = "少数民族";
inline constexpr std::string_view kNotFilled = "未填";
std::string_view EthnicGroupOf(std::string_view ethnicity);

// 政治面貌 in two groups: 中共党员 (with 中共预备党员) and 党外 (everything else: the 民主党派,
// 无党派人士, 群众 — the cadres counted as 党外干部).
inline constexpr std::string_view kPartyMember = "中共党员";
inline constexpr std::string_view kNonParty = "党外";
bool IsCommunistParty(std::string_view party);
// The 政治面貌 values counted as 中共党员.
std::span<const std::string_view> CommunistPartyValues();

// The education ladder (研究生 … 其他; search::EducationLadder) and kNone for a cadre with no
// entry of the kind; the rung of a GB/T 4658 code's first digit.
inline constexpr std::string_view kNoEducation = "无";
std::optional<std::size_t> EducationRungOfDigit(char first_digit);

// Rank levels (厅局级 县处级 乡科级 科员级) and the ranks of each, from the ladder of
// cadre/vocabulary.h (search::RankLevelOf).
std::span<const std::string_view> RankLevels();
std::vector<std::string_view> RanksOfLevel(std::string_view level);
// A rank that is not on the ladder (or none) is counted under kNoRank.
inline constexpr std::string_view kNoRank = "未定职级";

// The indicators measured against targets.
struct IndicatorSpec {
  std::string_view key;
  std::string_view label;
};
// female 女干部, minority 少数民族干部, non_party 党外干部, young 年轻干部.
std::span<const IndicatorSpec> Indicators();

// A target: at least `min_count` cadres and/or at least `min_share_bp` of them, in basis points
// of the total (1500 = 15%). Either may be absent.
struct IndicatorTarget {
  std::optional<std::int64_t> min_count;
  std::optional<std::int64_t> min_share_bp;
  friend bool operator==(const IndicatorTarget&, const IndicatorTarget&) = default;
};

struct Targets {
  // 年轻干部 age limits by rank level: a cadre at a rank of that level is young when aged at
  // most this. A level without a limit has no young cadres.
  std::map<std::string, int> young_age_limits;
  // By indicator key; a missing key has no target.
  std::map<std::string, IndicatorTarget> indicators;
  friend bool operator==(const Targets&, const Targets&) = default;
};

// The targets a new database starts with (structure_schema.cc seeds the same): 年轻干部 at most
// 45 (厅局级), 40 (县处级), 35 (乡科级); at least one woman and one young cadre.
Targets DefaultTargets();

inline constexpr int kMinYoungAgeLimit = 18;
inline constexpr int kMaxYoungAgeLimit = 70;
inline constexpr std::int64_t kShareScale = 10000;  // basis points

// InvalidArgument naming the field ("young_age_limits.厅局级", "indicators.female.min_share"):
// unknown levels or indicators, limits outside 18–70, negative counts, shares outside 0–1.
base::Status ValidateTargets(const Targets& targets);

// Short of the target: fewer than min_count, or a share below min_share (compared exactly in
// integers). No target, no shortfall; with no cadres at all only min_count can fall short.
bool Shortfall(std::int64_t count, std::int64_t total, const IndicatorTarget& target);

}  // namespace xr::statistics
