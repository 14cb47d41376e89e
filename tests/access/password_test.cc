#include "access/password.h"

#include <gtest/gtest.h>

namespace xr::access {
namespace {

TEST(PasswordPolicyTest, NeedsEightCharactersOfThreeClasses) {
  struct Case {
    std::string_view password;
    bool ok;
  };
  const Case cases[] = {
      {"Abc12345", true},
      {"abc12345", false},
      {"abc!2345", true},
      {"ABC!2345", true},
      {"Ab1!", false},
      {"abcdefgh", false},
      {"12345678", false},
      {"干部Ab12345", true},
      {"Zz9Zz9Zz", true},
      {"", false},
      {std::string_view("Aa1" + std::string(126, 'x')), false},
  };
  for (const Case& c : cases) {
    base::Status status = CheckPasswordPolicy(c.password);
    EXPECT_EQ(status.ok(), c.ok) << c.password;
    if (!status.ok()) {
      EXPECT_EQ(status.field(), "password");
    }
  }
}

TEST(PasswordHashTest, VerifiesOnlyTheRightPassword) {
  auto hash = HashPassword("Xuanren2026!");
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(hash->starts_with("$argon2id$"));
  EXPECT_TRUE(VerifyPassword(*hash, "Xuanren2026!"));
  EXPECT_FALSE(VerifyPassword(*hash, "xuanren2026!"));
  EXPECT_FALSE(VerifyPassword(*hash, ""));
  EXPECT_FALSE(VerifyPassword("not a hash", "Xuanren2026!"));
  EXPECT_NE(*HashPassword("Xuanren2026!"), *hash);  // salted
}

TEST(TokenTest, TokensAreRandomAndDigestsStable) {
  const std::string a = RandomToken(32), b = RandomToken(32);
  EXPECT_EQ(a.size(), 43u);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
  EXPECT_EQ(TokenDigest("abc"), TokenDigest("abc"));
  EXPECT_EQ(TokenDigest("abc").size(), 64u);
  EXPECT_NE(TokenDigest("abc"), TokenDigest("abd"));
}

}  // namespace
}  // namespace xr::access
