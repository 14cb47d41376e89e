#pragma once
// 公民身份号码 (GB 11643-1999): 6-digit address code, 8-digit birth date YYYYMMDD, 3-digit
// sequence (odd 17th digit for men, even for women), and a check character by ISO 7064
// MOD 11-2: Σ digit_i × weight_i with weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, the sum
// mod 11 indexing "10X98765432".

#include <string>
#include <string_view>

#include "base/status.h"

namespace xr::cadre {

// The check character for the first 17 digits; '\0' when `first17` is not 17 ASCII digits.
char IdNumberCheckCharacter(std::string_view first17);

// The number in canonical form (a lower-case x check character becomes 'X'). InvalidArgument
// (field "id_number") when it is not 18 characters, has a non-digit among the first 17, a
// wrong check character, or a birth date part that is not a real date.
base::Result<std::string> NormalizeIdNumber(std::string_view text);

}  // namespace xr::cadre
