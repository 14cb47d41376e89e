#include "statistics/structure_rules.h"

#include <algorithm>
#include <array>

#include "cadre/vocabulary.h"
#include "search/field_catalog.h"

namespace xr::statistics {
namespace {

constexpr std::array<YearBand, 6> kAgeBands{{{"35岁及以下", 0, 35},
                                             {"36至40岁", 36, 40},
                                             {"41至45岁", 41, 45},
                                             {"46至50岁", 46, 50},
                                             {"51至55岁", 51, 55},
                                             {"56岁及以上", 56, std::nullopt}}};

constexpr std::array<YearBand, 5> kYearsInPostBands{{{"不满1年", 0, 0},
                                                     {"1至3年", 1, 2},
                                                     {"3至5年", 3, 4},
                                                     {"5至10年", 5, 9},
                                                     {"10年及以上", 10, std::nullopt}}};

constexpr std::array<std::string_view, 2> kCommunistParty{"中共党员", "中共预备党员"};

constexpr std::array<IndicatorSpec, 4> kIndicators{{{"female", "女干部"},
                                                    {"minority", "少数民族干部"},
                                                    {"non_party", "党外干部"},
                                                    {"young", "年轻干部"}}};

}  // namespace

std::span<const YearBand> AgeBands() { return kAgeBands; }
std::span<const YearBand> YearsInPostBands() { return kYearsInPostBands; }

std::size_t BandOf(std::span<const YearBand> bands, int years) {
  for (std::size_t i = 0; i < bands.size(); ++i) {
    if (!bands[i].max || years <= *bands[i].max) return i;
  }
  return bands.size() - 1;
}

base::YearMonth YearsBefore(base::Date reference, int years) {
  return base::YearMonth::FromYm(reference.year(), reference.month())->AddMonths(-12 * years);
}

std::string_view EthnicGroupOf(std::string_view ethnicity) {
  if (ethnicity.empty()) return kNotFilled;
  return ethnicity == kHan ? kHan : kMinority;
}

bool IsCommunistParty(std::string_view party) {
  return std::find(kCommunistParty.begin(), kCommunistParty.end(), party) != kCommunistParty.end();
}

std::span<const std::string_view> CommunistPartyValues() { return kCommunistParty; }

std::optional<std::size_t> EducationRungOfDigit(char first_digit) {
  return search::EducationRung(std::string(1, first_digit));
}

std::span<const std::string_view> RankLevels() { return search::RankLevels(); }

std::vector<std::string_view> RanksOfLevel(std::string_view level) {
  std::vector<std::string_view> ranks;
  for (std::string_view rank : cadre::Ranks()) {
    if (search::RankLevelOf(rank) == level) ranks.push_back(rank);
  }
  return ranks;
}

std::span<const IndicatorSpec> Indicators() { return kIndicators; }

Targets DefaultTargets() {
  Targets targets;
  targets.young_age_limits = {{"厅局级", 45}, {"县处级", 40}, {"乡科级", 35}};
  targets.indicators["female"] = {1, std::nullopt};
  targets.indicators["young"] = {1, std::nullopt};
  return targets;
}

base::Status ValidateTargets(const Targets& targets) {
  const auto levels = RankLevels();
  for (const auto& [level, limit] : targets.young_age_limits) {
    const std::string field = "young_age_limits." + level;
    if (std::find(levels.begin(), levels.end(), level) == levels.end()) {
      return base::InvalidArgument(
          "没有职级层次“" + level + "”（可选：厅局级、县处级、乡科级、科员级）", field);
    }
    if (limit < kMinYoungAgeLimit || limit > kMaxYoungAgeLimit) {
      return base::InvalidArgument("年轻干部年龄上限须在 18–70 岁之间", field);
    }
  }
  for (const auto& [key, target] : targets.indicators) {
    const std::string field = "indicators." + key;
    const bool known = std::any_of(kIndicators.begin(), kIndicators.end(),
                                   [&](const IndicatorSpec& spec) { return spec.key == key; });
    if (!known) {
      return base::InvalidArgument(
          "没有指标“" + key + "”（可选：female、minority、non_party、young）", field);
    }
    if (target.min_count && (*target.min_count < 0 || *target.min_count > 100000)) {
      return base::InvalidArgument("最少人数须在 0–100000 之间", field + ".min_count");
    }
    if (target.min_share_bp && (*target.min_share_bp < 0 || *target.min_share_bp > kShareScale)) {
      return base::InvalidArgument("最低比例须在 0–1 之间", field + ".min_share");
    }
  }
  return base::Status::Ok();
}

bool Shortfall(std::int64_t count, std::int64_t total, const IndicatorTarget& target) {
  if (target.min_count && count < *target.min_count) return true;
  if (target.min_share_bp && total > 0 && count * kShareScale < *target.min_share_bp * total) {
    return true;
  }
  return false;
}

}  // namespace xr::statistics
