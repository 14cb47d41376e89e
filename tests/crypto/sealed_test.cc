#include "crypto/sealed.h"

#include <gtest/gtest.h>

#include <functional>

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

}  // namespace
}  // namespace xr::crypto
