#include "cadre/id_number.h"

#include <algorithm>

#include "cadre/divisions.h"

namespace xr::cadre {
namespace {

bool AllDigits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int Number(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

// The birth date of a number whose first 14 characters are digits.
base::Result<base::Date> BirthDate(std::string_view number) {
  return base::Date::FromYmd(Number(number.substr(6, 4)), unsigned(Number(number.substr(10, 2))),
                             unsigned(Number(number.substr(12, 2))));
}

}  // namespace

char IdNumberCheckCharacter(std::string_view first17) {
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr std::string_view kCheck = "10X98765432";
  if (first17.size() != 17 || !AllDigits(first17)) return '\0';
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCheck[size_t(sum % 11)];
}

base::Result<std::string> NormalizeIdNumber(std::string_view text) {
  const std::string kField = "id_number";
  std::string number;
  if (text.size() == 15) {
    if (!AllDigits(text)) return base::InvalidArgument("15 位旧公民身份号码须全为数字", kField);
    number = std::string(text.substr(0, 6)) + "19" + std::string(text.substr(6));
    number += IdNumberCheckCharacter(number);
  } else if (text.size() == 18) {
    number = std::string(text);
    if (number[17] == 'x') number[17] = 'X';
    if (!AllDigits(std::string_view(number).substr(0, 17))) {
      return base::InvalidArgument("公民身份号码前 17 位须为数字", kField);
    }
  } else {
    return base::InvalidArgument("公民身份号码须为 18 位（旧号码为 15 位）", kField);
  }
  if (!IsPlausibleAddressCode(std::string_view(number).substr(0, 6))) {
    return base::InvalidArgument(
        "公民身份号码前 6 位“" + number.substr(0, 6) + "”不是有效的行政区划代码", kField);
  }
  if (!BirthDate(number).ok()) {
    return base::InvalidArgument("公民身份号码中的出生日期不是有效日期", kField);
  }
  if (number[17] != IdNumberCheckCharacter(std::string_view(number).substr(0, 17))) {
    return base::InvalidArgument("公民身份号码校验码不正确，请核对号码", kField);
  }
  return number;
}

std::optional<IdNumberFacts> ParseIdFacts(std::string_view canonical) {
  if (canonical.size() != 18 || !AllDigits(canonical.substr(0, 17))) return std::nullopt;
  auto birth = BirthDate(canonical);
  if (!birth.ok()) return std::nullopt;
  return IdNumberFacts{*birth, (canonical[16] - '0') % 2 == 1};
}

}  // namespace xr::cadre
