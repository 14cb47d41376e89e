#include "cadre/id_number.h"

#include "base/date.h"

namespace xr::cadre {

char IdNumberCheckCharacter(std::string_view first17) {
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr std::string_view kCheck = "10X98765432";
  if (first17.size() != 17) return '\0';
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    if (first17[i] < '0' || first17[i] > '9') return '\0';
    sum += (first17[i] - '0') * kWeights[i];
  }
  return kCheck[size_t(sum % 11)];
}

base::Result<std::string> NormalizeIdNumber(std::string_view text) {
  const std::string kField = "id_number";
  if (text.size() != 18) return base::InvalidArgument("公民身份号码须为 18 位", kField);
  std::string number(text);
  if (number[17] == 'x') number[17] = 'X';
  const char check = IdNumberCheckCharacter(std::string_view(number).substr(0, 17));
  if (check == '\0') return base::InvalidArgument("公民身份号码前 17 位须为数字", kField);
  const int year = std::stoi(number.substr(6, 4));
  const unsigned month = unsigned(std::stoi(number.substr(10, 2)));
  const unsigned day = unsigned(std::stoi(number.substr(12, 2)));
  if (!base::Date::FromYmd(year, month, day).ok()) {
    return base::InvalidArgument("公民身份号码中的出生日期不是有效日期", kField);
  }
  if (number[17] != check) return base::InvalidArgument("公民身份号码校验码不正确", kField);
  return number;
}

}  // namespace xr::cadre
