#include "cadre/retirement.h"

#include <algorithm>

namespace xr::cadre {

base::YearMonth RetirementMonth(base::YearMonth birth, int base_age) {
  const base::YearMonth original = birth.AddMonths(12 * base_age);
  int interval = 0;
  int cap = 0;
  switch (base_age) {
    case 60:
    case 55:
      interval = 4;
      cap = 36;
      break;
    case 50:
      interval = 2;
      cap = 60;
      break;
    default:
      return original;
  }
  const int n = (original.year() - 2025) * 12 + int(original.month()) - 1 + 1;
  const int delay = n >= 1 ? std::min(cap, (n - 1) / interval + 1) : 0;
  return original.AddMonths(delay);
}

std::optional<base::YearMonth> RetirementMonthOf(const Dossier& dossier) {
  if (dossier.gender.label == "男") return RetirementMonth(dossier.birth_month, 60);
  if (dossier.gender.label == "女") return RetirementMonth(dossier.birth_month, 55);
  return std::nullopt;
}

}  // namespace xr::cadre
