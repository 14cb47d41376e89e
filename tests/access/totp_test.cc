#include "access/totp.h"

#include <gtest/gtest.h>

namespace xr::access {
namespace {

std::span<const unsigned char> Bytes(std::string_view s) {
  return {reinterpret_cast<const unsigned char*>(s.data()), s.size()};
}

base::Timestamp UnixSeconds(std::int64_t seconds) {
  return base::Timestamp::FromUnixMicros(seconds * 1000000);
}

// RFC 6238 Appendix B: each hash has its own seed (the ASCII digits repeated to the hash size).
TEST(TotpTest, Rfc6238AppendixBVectors) {
  const std::string sha1_seed = "12345678901234567890";
  const std::string sha256_seed = "12345678901234567890123456789012";
  const std::string sha512_seed =
      "1234567890123456789012345678901234567890123456789012345678901234";
  struct Case {
    std::int64_t time;
    std::string_view sha1, sha256, sha512;
  };
  const Case cases[] = {
      {59, "94287082", "46119246", "90693936"},
      {1111111109, "07081804", "68084774", "25091201"},
      {1111111111, "14050471", "67062674", "99943326"},
      {1234567890, "89005924", "91819424", "93441116"},
      {2000000000, "69279037", "90698825", "38618901"},
      {20000000000, "65353130", "77737706", "47863826"},
  };
  for (const Case& c : cases) {
    const base::Timestamp at = UnixSeconds(c.time);
    EXPECT_EQ(TotpCode(Bytes(sha1_seed), at, {TotpHash::kSha1, 8, 30}), c.sha1) << c.time;
    EXPECT_EQ(TotpCode(Bytes(sha256_seed), at, {TotpHash::kSha256, 8, 30}), c.sha256) << c.time;
    EXPECT_EQ(TotpCode(Bytes(sha512_seed), at, {TotpHash::kSha512, 8, 30}), c.sha512) << c.time;
  }
}

// RFC 4226 Appendix D.
TEST(TotpTest, Rfc4226HotpVectors) {
  const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                            "254676", "287922", "162583", "399871", "520489"};
  for (std::uint64_t counter = 0; counter < 10; ++counter) {
    EXPECT_EQ(Hotp(Bytes("12345678901234567890"), counter), expected[counter]) << counter;
  }
}

TEST(TotpTest, AcceptsOneStepEitherSideAndNothingElse) {
  const std::string key = "12345678901234567890";
  const base::Timestamp now = UnixSeconds(1111111111);  // step 37037037
  const std::int64_t step = TotpStep(now);
  EXPECT_EQ(step, 37037037);
  struct Case {
    std::int64_t code_step;
    bool accepted;
  };
  for (Case c : {Case{step, true},
                 {step - 1, true},
                 {step + 1, true},
                 {step - 2, false},
                 {step + 2, false}}) {
    const std::string code = Hotp(Bytes(key), std::uint64_t(c.code_step));
    auto matched = MatchTotp(Bytes(key), code, now);
    EXPECT_EQ(matched.has_value(), c.accepted) << c.code_step - step;
    if (matched) {
      EXPECT_EQ(*matched, c.code_step);
    }
  }
  EXPECT_FALSE(MatchTotp(Bytes(key), "", now));
  EXPECT_FALSE(MatchTotp(Bytes(key), "12345", now));
  EXPECT_FALSE(MatchTotp(Bytes(key), "12345a", now));
  EXPECT_FALSE(MatchTotp(Bytes(key), "1234567", now));
}

TEST(TotpTest, Base32AndUri) {
  EXPECT_EQ(Base32Encode(Bytes("")), "");
  EXPECT_EQ(Base32Encode(Bytes("f")), "MY");
  EXPECT_EQ(Base32Encode(Bytes("foobar")), "MZXW6YTBOI");
  EXPECT_EQ(*Base32Decode("MZXW6YTBOI======"), "foobar");
  EXPECT_EQ(*Base32Decode("mzxw 6ytb oi"), "foobar");
  EXPECT_EQ(Base32Decode("MZXW1").status().field(), "secret");
  const std::string secret = NewTotpSecret();
  EXPECT_EQ(secret.size(), 32u);
  EXPECT_EQ(Base32Decode(secret)->size(), 20u);
  EXPECT_NE(secret, NewTotpSecret());
  EXPECT_EQ(TotpUri("xuanren", "zhang san", "ABC"),
            "otpauth://totp/xuanren:zhang%20san?secret=ABC&issuer=xuanren&algorithm=SHA1&digits=6"
            "&period=30");
}

}  // namespace
}  // namespace xr::access
