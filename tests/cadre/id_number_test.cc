#include "cadre/id_number.h"

#include <gtest/gtest.h>

namespace xr::cadre {
namespace {

// The GB 11643-1999 check character, computed here independently of the code under test.
std::string WithCheck(const std::string& first17) {
  const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[size_t(i)] - '0') * weights[i];
  return first17 + "10X98765432"[sum % 11];
}

// Replaces the last character with another valid-looking one that is not the right check.
std::string WrongCheck(const std::string& valid) {
  std::string wrong = valid;
  wrong[17] = valid[17] == '0' ? '1' : '0';
  return wrong;
}

TEST(IdNumberTest, AcceptsValidNumbers) {
  const std::string x_check = [] {
    // Search for a number whose check character is X, to cover the lower-case form.
    for (int seq = 0; seq < 1000; ++seq) {
      char first17[32];
      std::snprintf(first17, sizeof first17, "99010219800229%03d", seq);
      std::string number = WithCheck(first17);
      if (number[17] == 'X') return number;
    }
    return std::string();
  }();
  ASSERT_FALSE(x_check.empty());
  std::string lower_x = x_check;
  lower_x[17] = 'x';
  struct Case {
    std::string input, canonical;
  };
  const std::vector<Case> cases = {
      {WithCheck("11010519491231002"), WithCheck("11010519491231002")},
      {WithCheck("99010219800115001"), WithCheck("99010219800115001")},
      {WithCheck("99012120001231998"), WithCheck("99012120001231998")},
      {WithCheck("99010319640229123"), WithCheck("99010319640229123")},  // leap day
      {x_check, x_check},
      {lower_x, x_check},  // lower-case x normalised
  };
  for (const Case& c : cases) {
    auto normalized = NormalizeIdNumber(c.input);
    ASSERT_TRUE(normalized.ok()) << c.input << ": " << normalized.status().ToString();
    EXPECT_EQ(*normalized, c.canonical);
    EXPECT_EQ(IdNumberCheckCharacter(c.canonical.substr(0, 17)), c.canonical[17]);
  }
}

TEST(IdNumberTest, RejectsInvalidNumbers) {
  const std::string valid = WithCheck("99010219800115001");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"wrong check digit", WrongCheck(valid)},
      {"19990230 is no date", WithCheck("99010219990230001")},
      {"month 13", WithCheck("99010219991301001")},
      {"day 00", WithCheck("99010219990100001")},
      {"1900 is not a leap year", WithCheck("99010219000229001")},
      {"17 digits", valid.substr(0, 17)},
      {"19 characters", valid + "1"},
      {"empty", ""},
      {"letters", "99010A19800115001" + std::string(1, valid[17])},
      {"X in the middle", "9901021980X115001" + std::string(1, valid[17])},
      {"full-width digits", "９９０１０２１９８００１１５００１"},
      {"spaces", " " + valid.substr(1)},
  };
  for (const auto& [name, input] : cases) {
    auto normalized = NormalizeIdNumber(input);
    ASSERT_FALSE(normalized.ok()) << name;
    EXPECT_EQ(normalized.status().code(), base::StatusCode::kInvalidArgument) << name;
    EXPECT_EQ(normalized.status().field(), "id_number") << name;
  }
}

}  // namespace
}  // namespace xr::cadre
