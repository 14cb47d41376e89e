#include "audit/audit_keys.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "audit/checkpoint.h"

namespace xr::audit {
namespace {

class KeyFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("xr-audit-keys-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(KeyFileTest, CreatedOnFirstUseWithMode0600AndStable) {
  const std::string path = (dir_ / "sub" / "audit.key").string();
  EXPECT_EQ(LoadKeyFile(path).status().code(), base::StatusCode::kNotFound);
  auto created = LoadOrCreateKeyFile(path);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  struct stat info;
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600);
  auto again = LoadOrCreateKeyFile(path);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->hmac_key, created->hmac_key);
  EXPECT_EQ(again->public_key, created->public_key);
  EXPECT_EQ(again->KeyId(), created->KeyId());
  EXPECT_EQ(WriteKeyFile(path, AuditKeys::Generate()).code(), base::StatusCode::kAlreadyExists);
}

TEST_F(KeyFileTest, RefusesAFileOthersCanReadAndAMalformedOne) {
  const std::string path = (dir_ / "audit.key").string();
  ASSERT_TRUE(LoadOrCreateKeyFile(path).ok());
  ::chmod(path.c_str(), 0644);
  auto loose = LoadKeyFile(path);
  EXPECT_EQ(loose.status().code(), base::StatusCode::kFailedPrecondition);
  EXPECT_NE(loose.status().message().find("chmod 600"), std::string::npos);
  ::chmod(path.c_str(), 0600);
  { std::ofstream(path, std::ios::trunc) << "hmac_key: 00\n"; }
  EXPECT_EQ(LoadKeyFile(path).status().code(), base::StatusCode::kFailedPrecondition);
}

TEST_F(KeyFileTest, PathComesFromTheEnvironment) {
  ::unsetenv("XUANREN_AUDIT_KEY_FILE");
  EXPECT_EQ(KeyFilePath(), "data/audit.key");
  ::setenv("XUANREN_AUDIT_KEY_FILE", "/tmp/elsewhere.key", 1);
  EXPECT_EQ(KeyFilePath(), "/tmp/elsewhere.key");
  ::unsetenv("XUANREN_AUDIT_KEY_FILE");
}

TEST(AuditKeysTest, MacBindsIndexAndKey) {
  AuditKeys keys = AuditKeys::Generate(), other = AuditKeys::Generate();
  const Hash leaf = LeafHash(std::vector<std::uint8_t>{1});
  EXPECT_EQ(keys.EntryMac(3, leaf), keys.EntryMac(3, leaf));
  EXPECT_NE(keys.EntryMac(3, leaf), keys.EntryMac(4, leaf));
  EXPECT_NE(keys.EntryMac(3, leaf), other.EntryMac(3, leaf));
}

TEST(CheckpointTest, SignedExportedParsedAndChecked) {
  AuditKeys keys = AuditKeys::Generate();
  const Hash root = LeafHash(std::vector<std::uint8_t>{7});
  const auto at = *base::Timestamp::Parse("2026-11-28T08:00:00Z");
  Checkpoint c = SignCheckpoint(keys, 42, root, at);
  EXPECT_TRUE(CheckpointSignatureValid(c));
  auto parsed = ParseCheckpoint(ExportCheckpoint(c));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->size, 42);
  EXPECT_EQ(parsed->root, root);
  EXPECT_EQ(parsed->at, at);
  EXPECT_EQ(parsed->public_key, keys.PublicKeyHex());
  EXPECT_TRUE(CheckpointSignatureValid(*parsed));

  Checkpoint bigger = *parsed;
  bigger.size = 43;
  EXPECT_FALSE(CheckpointSignatureValid(bigger));
  Checkpoint other_key = SignCheckpoint(AuditKeys::Generate(), 42, root, at);
  other_key.signature = c.signature;
  EXPECT_FALSE(CheckpointSignatureValid(other_key));
  EXPECT_FALSE(ParseCheckpoint("size: 1\n").ok());
  EXPECT_EQ(ParseCheckpoint("garbage").status().field(), "checkpoint");
}

}  // namespace
}  // namespace xr::audit
