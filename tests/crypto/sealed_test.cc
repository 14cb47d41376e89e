#include "crypto/sealed.h"

#include <gtest/gtest.h>

#include <functional>

#include "crypto/gm.h"

namespace xr::crypto {
namespace {

const Key kKey = RandomKey();
const Key kOtherKey = RandomKey();

TEST(SealedTest, RoundTripsAndIsRandomised) {
  for (std::string_view plaintext :
       {std::string_view(""), std::string_view("11010519491231002X"),
        std::string_view("公民身份号码"), std::string_view("a\0b", 3)}) {
    const std::string context = FieldContext("cadres", "id_number_sealed", 7);
    const std::string sealed = Seal(kKey, 3, context, plaintext);
    EXPECT_TRUE(sealed.starts_with("v1:3:")) << sealed;
    EXPECT_EQ(SealedKeyId(sealed).value(), 3);
    EXPECT_EQ(Open(kKey, context, sealed).value(), plaintext);
    if (plaintext.size() >= 6) {
      EXPECT_EQ(sealed.find(plaintext), std::string::npos);
    }
    EXPECT_NE(Seal(kKey, 3, context, plaintext), sealed);  // fresh nonce each time
  }
}

// Each case changes one thing between sealing and opening; all must fail.
TEST(SealedTest, RefusesWhatDoesNotMatch) {
  const std::string row7 = FieldContext("cadres", "id_number_sealed", 7);
  const std::string sealed = Seal(kKey, 3, row7, "110105194912310021");
  std::string tampered = sealed;
  tampered[12] = tampered[12] == 'A' ? 'B' : 'A';
  std::string relabelled = "v1:4:" + sealed.substr(5);
  struct Case {
    std::string name;
    Key key;
    std::string context;
    std::string text;
    base::StatusCode code;
  };
  const std::vector<Case> cases = {
      {"wrong key", kOtherKey, row7, sealed, base::StatusCode::kFailedPrecondition},
      {"swapped to another row", kKey, FieldContext("cadres", "id_number_sealed", 8), sealed,
       base::StatusCode::kFailedPrecondition},
      {"moved to another column", kKey, FieldContext("cadres", "phone_sealed", 7), sealed,
       base::StatusCode::kFailedPrecondition},
      {"moved to another table", kKey, FieldContext("people", "id_number_sealed", 7), sealed,
       base::StatusCode::kFailedPrecondition},
      {"tampered byte", kKey, row7, tampered, base::StatusCode::kFailedPrecondition},
      {"relabelled key id", kKey, row7, relabelled, base::StatusCode::kFailedPrecondition},
      {"truncated to the nonce", kKey, row7, sealed.substr(0, 5 + 32),
       base::StatusCode::kFailedPrecondition},
      {"no version", kKey, row7, sealed.substr(3), base::StatusCode::kInvalidArgument},
      {"bad key id", kKey, row7, "v1:x:" + sealed.substr(5), base::StatusCode::kInvalidArgument},
      {"not base64", kKey, row7, "v1:3:***", base::StatusCode::kInvalidArgument},
  };
  for (const Case& c : cases) {
    auto opened = Open(c.key, c.context, c.text);
    ASSERT_FALSE(opened.ok()) << c.name;
    EXPECT_EQ(opened.status().code(), c.code) << c.name << ": " << opened.status().ToString();
  }
}

TEST(SealedTest, WrappedKeysAreBoundToIdAndScope) {
  const Key master = RandomKey();
  const Key data = RandomKey();
  const std::string wrapped = WrapKey(master, 5, "unit:12", data);
  EXPECT_EQ(UnwrapKey(master, 5, "unit:12", wrapped).value(), data);
  struct Case {
    std::string name;
    Key master;
    std::int64_t id;
    std::string scope;
  };
  for (const Case& c : std::vector<Case>{{"wrong master", kOtherKey, 5, "unit:12"},
                                         {"other id", master, 6, "unit:12"},
                                         {"other scope", master, 5, "unit:13"}}) {
    auto unwrapped = UnwrapKey(c.master, c.id, c.scope, wrapped);
    ASSERT_FALSE(unwrapped.ok()) << c.name;
    EXPECT_EQ(unwrapped.status().code(), base::StatusCode::kFailedPrecondition) << c.name;
  }
}

std::string Hex(std::span<const std::uint8_t> bytes) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  for (std::uint8_t b : bytes) {
    out += kDigits[b >> 4];
    out += kDigits[b & 15];
  }
  return out;
}

template <size_t N>
std::array<std::uint8_t, N> FromHex(std::string_view hex) {
  std::array<std::uint8_t, N> out{};
  for (size_t i = 0; i < N; ++i) {
    out[i] = std::uint8_t(std::stoi(std::string(hex.substr(2 * i, 2)), nullptr, 16));
  }
  return out;
}

// The standards' own examples: GB/T 32907-2016 (SM4) appendix A.1, GB/T 32905-2016 (SM3)
// appendix A.1 and A.2.
TEST(GuomiTest, StandardTestVectors) {
  const auto key = FromHex<16>("0123456789abcdeffedcba9876543210");
  EXPECT_EQ(Hex(gm::Sm4EncryptBlock(key, key)), "681edf34d206965e86b3e94f536e4246");
  // A.2: the same block encrypted 1 000 000 times.
  gm::Sm4Block block = key;
  for (int i = 0; i < 1000000; ++i) block = gm::Sm4EncryptBlock(key, block);
  EXPECT_EQ(Hex(block), "595298c7c6fd271f0402f804c33d3f66");

  EXPECT_EQ(Hex(gm::Sm3(gm::Bytes("abc"))),
            "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
  std::string sixty_four;
  for (int i = 0; i < 16; ++i) sixty_four += "abcd";
  EXPECT_EQ(Hex(gm::Sm3(gm::Bytes(sixty_four))),
            "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
  // `echo -n abc | openssl dgst -sm3 -hmac key` (the same library's command-line path).
  EXPECT_EQ(Hex(gm::HmacSm3(gm::Bytes("key"), gm::Bytes("abc"))),
            "28e63256e7c5a087b1f073265dc53092163f7b82729735d06f28f10af9d52393");
}

TEST(GuomiTest, CtrModeIsTheXorOfTheBlockCipherOfTheCounter) {
  const auto key = FromHex<16>("0123456789abcdeffedcba9876543210");
  gm::Sm4Block iv = FromHex<16>("000000000000000000000000000000ff");
  const std::string plaintext(40, 'x');  // two and a half blocks: the counter carries a byte
  const std::vector<std::uint8_t> ct = gm::Sm4Ctr(key, iv, gm::Bytes(plaintext));
  ASSERT_EQ(ct.size(), plaintext.size());
  gm::Sm4Block counter = iv;
  for (size_t i = 0; i < plaintext.size(); ++i) {
    if (i % 16 == 0 && i > 0) {
      for (int j = 15; j >= 0 && ++counter[size_t(j)] == 0; --j) {
      }
    }
    const gm::Sm4Block pad = gm::Sm4EncryptBlock(key, counter);
    EXPECT_EQ(ct[i], std::uint8_t(plaintext[i] ^ pad[i % 16])) << i;
  }
  EXPECT_EQ(gm::Sm4Ctr(key, iv, ct), std::vector<std::uint8_t>(plaintext.begin(), plaintext.end()));
}

class CipherTest : public ::testing::TestWithParam<Cipher> {};

TEST_P(CipherTest, RoundTripsWithItsMarker) {
  const Cipher cipher = GetParam();
  const std::string marker = cipher == Cipher::kSm4CtrHmacSm3 ? "s1:" : "v1:";
  for (std::string_view plaintext :
       {std::string_view(""), std::string_view("JBSWY3DPEHPK3PXP"),
        std::string_view("11010519491231002X"), std::string_view("公民身份号码"),
        std::string_view("a\0b", 3)}) {
    const std::string context = FieldContext("users", "totp_secret", 7);
    const std::string sealed = Seal(cipher, kKey, 3, context, plaintext);
    EXPECT_TRUE(sealed.starts_with(marker + "3:")) << sealed;
    EXPECT_EQ(SealedKeyId(sealed).value(), 3);
    EXPECT_EQ(SealedCipher(sealed).value(), cipher);
    EXPECT_TRUE(IsSealed(sealed));
    EXPECT_EQ(Open(kKey, context, sealed).value(), plaintext);
    if (plaintext.size() >= 6) {
      EXPECT_EQ(sealed.find(plaintext), std::string::npos);
    }
    EXPECT_NE(Seal(cipher, kKey, 3, context, plaintext), sealed);  // fresh nonce / iv each time
  }
  EXPECT_FALSE(IsSealed("JBSWY3DPEHPK3PXP"));  // a plaintext base32 TOTP secret
}

// Each case changes one thing between sealing and opening; all must fail, in both ciphers.
TEST_P(CipherTest, RefusesWhatDoesNotMatch) {
  const Cipher cipher = GetParam();
  const std::string row7 = FieldContext("cadres", "id_number_sealed", 7);
  const std::string sealed = Seal(cipher, kKey, 3, row7, "110105194912310021");
  const std::string marker = sealed.substr(0, 3);
  const std::string body = sealed.substr(5);  // after "v1:3:" / "s1:3:"
  std::string tampered = sealed;
  tampered[12] = tampered[12] == 'A' ? 'B' : 'A';
  std::string tampered_tag = sealed;  // the last base64 characters carry the tag / MAC
  tampered_tag[tampered_tag.size() - 8] = tampered_tag[tampered_tag.size() - 8] == 'A' ? 'B' : 'A';
  const std::string other_marker = marker == "v1:" ? "s1:" : "v1:";
  struct Case {
    std::string name;
    Key key;
    std::string context;
    std::string text;
    base::StatusCode code;
  };
  const std::vector<Case> cases = {
      {"wrong key", kOtherKey, row7, sealed, base::StatusCode::kFailedPrecondition},
      {"swapped to another row", kKey, FieldContext("cadres", "id_number_sealed", 8), sealed,
       base::StatusCode::kFailedPrecondition},
      {"moved to another column", kKey, FieldContext("cadres", "phone_sealed", 7), sealed,
       base::StatusCode::kFailedPrecondition},
      {"moved to another table", kKey, FieldContext("users", "id_number_sealed", 7), sealed,
       base::StatusCode::kFailedPrecondition},
      {"tampered ciphertext byte", kKey, row7, tampered, base::StatusCode::kFailedPrecondition},
      {"tampered tag", kKey, row7, tampered_tag, base::StatusCode::kFailedPrecondition},
      {"relabelled key id", kKey, row7, marker + "4:" + body,
       base::StatusCode::kFailedPrecondition},
      {"relabelled cipher", kKey, row7, other_marker + "3:" + body,
       base::StatusCode::kFailedPrecondition},
      {"truncated", kKey, row7, sealed.substr(0, 5 + 20), base::StatusCode::kFailedPrecondition},
      {"no marker", kKey, row7, sealed.substr(3), base::StatusCode::kInvalidArgument},
      {"unknown marker", kKey, row7, "x1:3:" + body, base::StatusCode::kInvalidArgument},
      {"bad key id", kKey, row7, marker + "x:" + body, base::StatusCode::kInvalidArgument},
      {"not base64", kKey, row7, marker + "3:***", base::StatusCode::kInvalidArgument},
  };
  for (const Case& c : cases) {
    auto opened = Open(c.key, c.context, c.text);
    ASSERT_FALSE(opened.ok()) << c.name;
    EXPECT_EQ(opened.status().code(), c.code) << c.name << ": " << opened.status().ToString();
  }
}

TEST_P(CipherTest, WrappedKeysCarryTheirCipherAndAreBoundToIdAndLabel) {
  const Cipher cipher = GetParam();
  const Key master = RandomKey();
  const Key data = RandomKey();
  const std::string wrapped = WrapKey(master, 5, "unit:12", data, cipher);
  EXPECT_EQ(wrapped.starts_with("s1:"), cipher == Cipher::kSm4CtrHmacSm3);
  auto unwrapped = UnwrapDataKey(master, 5, "unit:12", wrapped);
  ASSERT_TRUE(unwrapped.ok()) << unwrapped.status().ToString();
  EXPECT_EQ(unwrapped->key, data);
  EXPECT_EQ(unwrapped->cipher, cipher);
  // Flipping the cipher of a wrapping (adding or removing the "s1:" prefix) does not unwrap.
  const std::string flipped =
      cipher == Cipher::kSm4CtrHmacSm3 ? wrapped.substr(3) : "s1:" + wrapped;
  struct Case {
    std::string name;
    Key master;
    std::int64_t id;
    std::string label;
    std::string wrapped;
  };
  for (const Case& c : std::vector<Case>{{"wrong master", kOtherKey, 5, "unit:12", wrapped},
                                         {"other id", master, 6, "unit:12", wrapped},
                                         {"other label", master, 5, "unit:12#retiring", wrapped},
                                         {"cipher flipped", master, 5, "unit:12", flipped}}) {
    auto result = UnwrapDataKey(c.master, c.id, c.label, c.wrapped);
    ASSERT_FALSE(result.ok()) << c.name;
    EXPECT_EQ(result.status().code(), base::StatusCode::kFailedPrecondition) << c.name;
  }
}

INSTANTIATE_TEST_SUITE_P(Ciphers, CipherTest,
                         ::testing::Values(Cipher::kXChaCha20Poly1305, Cipher::kSm4CtrHmacSm3),
                         [](const auto& info) { return std::string(CipherName(info.param)); });

TEST(CipherNameTest, ParsesTheConfiguredNames) {
  EXPECT_EQ(ParseCipher("sm4").value(), Cipher::kSm4CtrHmacSm3);
  EXPECT_EQ(ParseCipher("xchacha20").value(), Cipher::kXChaCha20Poly1305);
  for (std::string_view bad : {"", "SM4", "aes", "sm4-gcm"}) {
    auto parsed = ParseCipher(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.status().code(), base::StatusCode::kInvalidArgument);
    EXPECT_EQ(parsed.status().field(), "field_cipher");
  }
}

}  // namespace
}  // namespace xr::crypto
