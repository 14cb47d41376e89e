#include "cadre/divisions.h"

#include <algorithm>
#include <string>

namespace xr::cadre {
namespace {

// Generated at build time by tools/gen_divisions.mjs (src/cadre/CMakeLists.txt), sorted by code.
constexpr Division kDivisions[] = {
#include "division_table.inc"
};

constexpr bool SortedByCode() {
  for (size_t i = 1; i < std::size(kDivisions); ++i) {
    if (!(kDivisions[i - 1].code < kDivisions[i].code)) return false;
  }
  return true;
}
static_assert(SortedByCode(), "the division table must be sorted by code for binary search");

bool SixDigits(std::string_view code) {
  return code.size() == 6 &&
         std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::span<const Division> Divisions() { return kDivisions; }

std::optional<Division> FindDivision(std::string_view code) {
  const auto it = std::lower_bound(
      std::begin(kDivisions), std::end(kDivisions), code,
      [](const Division& division, std::string_view wanted) { return division.code < wanted; });
  if (it == std::end(kDivisions) || it->code != code) return std::nullopt;
  return *it;
}

bool IsPlausibleAddressCode(std::string_view code6) {
  if (!SixDigits(code6)) return false;
  if (FindDivision(code6)) return true;
  // Codes retired since an ID was issued (a county merged or renamed) stay valid on that ID;
  // only the province part can still be checked.
  const std::string province = std::string(code6.substr(0, 2)) + "0000";
  return FindDivision(province).has_value();
}

}  // namespace xr::cadre
