#pragma once
// 公民身份号码 (GB 11643-1999): 6-digit address code (GB/T 2260, divisions.h), 8-digit birth date
// YYYYMMDD, 3-digit sequence (odd 17th digit for men, even for women), and a check character by
// ISO 7064 MOD 11-2: Σ digit_i × weight_i with weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, the
// sum mod 11 indexing "10X98765432". The legacy 15-digit numbers (GB 11643-1989) have a 2-digit
// year YYMMDD, always 19YY, and no check character.

#include <optional>
#include <string>
#include <string_view>

#include "base/date.h"
#include "base/status.h"

namespace xr::cadre {

// The check character for the first 17 digits; '\0' when `first17` is not 17 ASCII digits.
char IdNumberCheckCharacter(std::string_view first17);

// The number in canonical form: 18 characters, a lower-case x check character as 'X', a
// 15-digit legacy number upgraded (19 inserted before its YYMMDD, the check character
// computed). InvalidArgument (field "id_number") when it is neither 18 nor 15 characters, has a
// non-digit where digits belong, an address part that is no plausible GB/T 2260 code
// (IsPlausibleAddressCode), a birth date part that is not a real date, or (18 characters) a
// wrong check character.
base::Result<std::string> NormalizeIdNumber(std::string_view text);

// What a number says about its holder.
struct IdNumberFacts {
  base::Date birth_date;
  bool male = false;  // the 17th digit is odd
  std::string_view gender_label() const { return male ? "男" : "女"; }
  friend bool operator==(const IdNumberFacts&, const IdNumberFacts&) = default;
};

// The facts of a canonical number (as NormalizeIdNumber returns); nullopt when `canonical` is not
// 18 characters with 17 leading digits and a real birth date.
std::optional<IdNumberFacts> ParseIdFacts(std::string_view canonical);

}  // namespace xr::cadre
