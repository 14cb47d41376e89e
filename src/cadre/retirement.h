#pragma once
// 到龄年月: the month a cadre reaches the statutory retirement age under the gradual delay that
// took effect on 2025-01-01 (全国人大常委会 2024-09 决定; RULES.md §10).
//
// The original retirement month is the birth month plus the base age in years. From 2025-01 on,
// each `interval` months of original retirement months adds one month of delay, up to a cap:
//   n     = months from 2025-01 to the original month, counting 2025-01 as 1
//   delay = n >= 1 ? min(cap, (n - 1) / interval + 1) : 0
//   base 60 (men) and base 55 (women cadres): interval 4, cap 36 (→ 63 and 58)
//   base 50 (women workers):                  interval 2, cap 60 (→ 55)

#include <optional>

#include "base/date.h"
#include "cadre/dossier.h"

namespace xr::cadre {

// The retirement month of someone born in `birth` with the original retirement age `base_age`
// (60, 55 or 50). Any other base age gets no delay (the rule covers only these three).
base::YearMonth RetirementMonth(base::YearMonth birth, int base_age);

// The dossier's 到龄年月: base 60 for 男, 55 for 女 (cadres); nullopt when the gender is neither.
std::optional<base::YearMonth> RetirementMonthOf(const Dossier& dossier);

}  // namespace xr::cadre
