#include "cadre/id_number.h"

#include <gtest/gtest.h>

#include <vector>

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

base::Date Day(int y, unsigned m, unsigned d) { return *base::Date::FromYmd(y, m, d); }

TEST(IdNumberTest, AcceptsValidNumbers) {
  // The check characters below were worked out by hand (Σ digit × weight mod 11) and agree with
  // WithCheck; 11010519491231002X is the example printed in GB 11643-1999.
  struct Case {
    std::string input, canonical;
  };
  const std::vector<Case> cases = {
      {"11010519491231002X", "11010519491231002X"},  // 北京市朝阳区, the standard's example
      {"11010519491231002x", "11010519491231002X"},  // lower-case x normalised
      {"440524188001010014", "440524188001010014"},  // 1880: old dates are real dates
      {"210202198001150035", "210202198001150035"},  // 大连市中山区
      {"429004199202291241", "429004199202291241"},  // 仙桃市 (省直辖), leap day 1992-02-29
      {"659001198811300026", "659001198811300026"},  // 石河子市 (自治区直辖)
      {"362137197006150012", "362137197006150012"},  // a retired county code of 江西 (36)
      {"810000198510100026", "810000198510100026"},  // 香港
      // 15-digit legacy numbers: "19" inserted before YYMMDD, the check character computed.
      {"110105491231002", "11010519491231002X"},
      {"210202800115003", "210202198001150035"},
      {WithCheck("22012219640101321"), WithCheck("22012219640101321")},
  };
  for (const Case& c : cases) {
    auto normalized = NormalizeIdNumber(c.input);
    ASSERT_TRUE(normalized.ok()) << c.input << ": " << normalized.status().ToString();
    EXPECT_EQ(*normalized, c.canonical) << c.input;
    EXPECT_EQ(WithCheck(c.canonical.substr(0, 17)), c.canonical) << c.input;
    EXPECT_EQ(IdNumberCheckCharacter(c.canonical.substr(0, 17)), c.canonical[17]);
  }
}

TEST(IdNumberTest, RejectsInvalidNumbers) {
  const std::string valid = "210202198001150035";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"wrong check digit", WrongCheck(valid)},
      {"the standard's example with 0 for X", "110105194912310020"},
      {"19990230 is no date", WithCheck("21020219990230001")},
      {"month 13", WithCheck("21020219991301001")},
      {"day 00", WithCheck("21020219990100001")},
      {"1900 is not a leap year", WithCheck("21020219000229001")},
      {"1990 is not a leap year", WithCheck("42900419900229123")},
      {"99 is no province", WithCheck("99010219800115001")},
      {"00 is no province", WithCheck("00000019800115001")},
      {"10 is no province", WithCheck("10010119800115001")},
      {"17 digits", valid.substr(0, 17)},
      {"19 characters", valid + "1"},
      {"16 characters", valid.substr(0, 16)},
      {"empty", ""},
      {"letters", "21020A19800115003" + std::string(1, valid[17])},
      {"X in the middle", "2102021980X115003" + std::string(1, valid[17])},
      {"full-width digits", "２１０２０２１９８００１１５００３５"},
      {"spaces", " " + valid.substr(1)},
      {"15 digits with a letter", "21020280011500X"},
      {"15 digits, no date (490231)", "110105490231002"},
      {"15 digits, 99 is no province", "990102800115003"},
  };
  for (const auto& [name, input] : cases) {
    auto normalized = NormalizeIdNumber(input);
    ASSERT_FALSE(normalized.ok()) << name;
    EXPECT_EQ(normalized.status().code(), base::StatusCode::kInvalidArgument) << name;
    EXPECT_EQ(normalized.status().field(), "id_number") << name;
    EXPECT_FALSE(normalized.status().message().empty()) << name;
  }
}

TEST(IdNumberTest, FactsOfANumber) {
  struct Case {
    std::string number;
    base::Date birth;
    bool male;
  };
  const std::vector<Case> cases = {
      {"11010519491231002X", Day(1949, 12, 31), false},  // 17th digit 2: a woman
      {"440524188001010014", Day(1880, 1, 1), true},     // 17th digit 1: a man
      {"210202198001150035", Day(1980, 1, 15), true},    // 3
      {"429004199202291241", Day(1992, 2, 29), false},   // 4
      {"659001198811300026", Day(1988, 11, 30), false},  // 2
  };
  for (const Case& c : cases) {
    const std::optional<IdNumberFacts> facts = ParseIdFacts(c.number);
    ASSERT_TRUE(facts.has_value()) << c.number;
    EXPECT_EQ(facts->birth_date, c.birth) << c.number;
    EXPECT_EQ(facts->male, c.male) << c.number;
    EXPECT_EQ(facts->gender_label(), c.male ? "男" : "女") << c.number;
  }
  for (std::string bad : {"", "110105491231002", "11010519491331002X", "1101051949123100AX"}) {
    EXPECT_FALSE(ParseIdFacts(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace xr::cadre
