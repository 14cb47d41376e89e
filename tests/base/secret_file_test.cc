// The key line of a key file (master key, audit keys): found, decoded, or refused by name.

#include "base/secret_file.h"

#include <gtest/gtest.h>

#include <string>

namespace xr::base {
namespace {

const std::string kHex = "000102030405060708090a0b0c0d0e0f101112131415161718191A1B1C1D1E1F";

TEST(KeyFromSecretFileTest, FindsDecodesOrNamesTheProblem) {
  struct Case {
    std::string what;
    std::string text;
    std::string error;  // "" = the key 00 01 … 1f
  };
  const Case cases[] = {
      {"plain", "master_key: " + kHex + "\n", ""},
      {"comments, other keys, CRLF", "# 注释\r\nother: zz\r\nmaster_key: " + kHex + "\r\n", ""},
      {"no space, no final newline", "master_key:" + kHex, ""},
      {"missing", "# only a comment\nhmac_key: " + kHex + "\n", "主密钥文件 /k 缺少 master_key"},
      {"empty file", "", "主密钥文件 /k 缺少 master_key"},
      {"commented out", "#master_key: " + kHex + "\n", "主密钥文件 /k 缺少 master_key"},
      {"too short", "master_key: " + kHex.substr(2) + "\n",
       "主密钥文件 /k 的 master_key 不是 64 位十六进制"},
      {"not hex", "master_key: " + kHex.substr(0, 62) + "zz\n",
       "主密钥文件 /k 的 master_key 不是 64 位十六进制"},
  };
  for (const Case& c : cases) {
    auto key = KeyFromSecretFile(c.text, "master_key", "主密钥文件", "/k");
    if (c.error.empty()) {
      ASSERT_TRUE(key.ok()) << c.what << ": " << key.status().ToString();
      for (size_t i = 0; i < key->size(); ++i) EXPECT_EQ((*key)[i], i) << c.what;
    } else {
      EXPECT_EQ(key.status().code(), StatusCode::kFailedPrecondition) << c.what;
      EXPECT_EQ(key.status().message(), c.error) << c.what;
    }
  }
}

}  // namespace
}  // namespace xr::base
