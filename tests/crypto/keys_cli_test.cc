// `xuanren keys rotate-data` as an operator runs it: the SM4 option from the demo on, a real
// kill -9 in the middle of a rotation, the same command again to finish it, and the refusals.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>

#include "crypto/keyring.h"
#include "store/database.h"
#include "testing/cli_run.h"

namespace xr::crypto {
namespace {

using xr::testing::CommandRun;

CommandRun Xuanren(const std::string& args) {
  return xr::testing::RunCommand(XUANREN_BINARY, args);
}

class KeysCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("xuanren-keys-cli-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    url_ = "sqlite:" + (dir_ / "x.db").string();
    db_ = "--db " + url_;
    ::setenv("XUANREN_AUDIT_KEY_FILE", (dir_ / "audit.key").c_str(), 1);
    ::setenv("XUANREN_MASTER_KEY_FILE", (dir_ / "master.key").c_str(), 1);
    ::unsetenv("XUANREN_MASTER_KEY");
    ::unsetenv("XUANREN_FIELD_CIPHER");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Every sealed 公民身份号码: cadre id → (sealed text, plaintext).
  std::map<std::int64_t, std::pair<std::string, std::string>> IdNumbers() {
    std::map<std::int64_t, std::pair<std::string, std::string>> out;
    auto db = store::OpenDatabase(url_);
    EXPECT_TRUE(db.ok());
    Keyring keyring((dir_ / "master.key").string());
    EXPECT_TRUE(
        (*db)
            ->Transact(store::TxMode::kRead,
                       [&](store::Transaction& tx) -> base::Status {
                         ASSIGN_OR_RETURN(store::Rows rows,
                                          tx.Query("SELECT id, id_number_sealed FROM "
                                                   "cadres WHERE id_number_sealed IS NOT "
                                                   "NULL"));
                         DataKeys keys(tx, keyring);
                         for (const store::Row& row : rows) {
                           ASSIGN_OR_RETURN(
                               std::string plain,
                               keys.Open(FieldContext("cadres", "id_number_sealed", row.Int(0)),
                                         row.Text(1)));
                           out[row.Int(0)] = {row.Text(1), plain};
                         }
                         return base::Status::Ok();
                       })
            .ok());
    return out;
  }

  std::int64_t Count(const std::string& sql) {
    auto db = store::OpenDatabase(url_);
    return (*db)
        ->TransactValue<std::int64_t>(store::TxMode::kRead,
                                      [&](store::Transaction& tx) { return tx.QueryInt(sql); })
        .value();
  }

  std::filesystem::path dir_;
  std::string url_;
  std::string db_;
};

TEST_F(KeysCliTest, RotationKilledMidWayFinishesWhenRunAgain) {
  CommandRun demo = Xuanren("demo --cadres 300 --field-cipher sm4 " + db_);
  ASSERT_EQ(demo.exit_code, 0) << demo.output;
  const auto before = IdNumbers();
  ASSERT_GE(before.size(), 300u);
  for (const auto& [id, value] : before) ASSERT_TRUE(value.first.starts_with("s1:")) << id;

  // Batches of one value, so the rotation is surely mid-way when the fifth progress line appears.
  int out[2];
  ASSERT_EQ(::pipe(out), 0);
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::dup2(out[1], 1);
    ::close(out[0]);
    ::execl(XUANREN_BINARY, XUANREN_BINARY, "keys", "rotate-data", "--db", url_.c_str(), "--all",
            "--batch", "1", "--field-cipher", "xchacha20", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(out[1]);
  FILE* stream = ::fdopen(out[0], "r");
  std::array<char, 1024> line;
  int progress_lines = 0;
  while (progress_lines < 5 && std::fgets(line.data(), line.size(), stream)) {
    if (std::string(line.data()).starts_with("已重新加密 ")) ++progress_lines;
  }
  ASSERT_EQ(progress_lines, 5);
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  std::fclose(stream);
  ASSERT_TRUE(WIFSIGNALED(status));
  ASSERT_GT(Count("SELECT COUNT(*) FROM key_rotations WHERE finished_at IS NULL"), 0);
  ASSERT_GT(Count("SELECT COUNT(*) FROM cadres WHERE id_number_sealed LIKE 's1:%'"), 0);
  EXPECT_EQ(IdNumbers().size(), before.size());  // mid-way, everything still opens
  CommandRun listed = Xuanren("keys list " + db_);
  ASSERT_EQ(listed.exit_code, 0) << listed.output;
  EXPECT_NE(listed.output.find("#retiring\tsm4\t"), std::string::npos) << listed.output;
  EXPECT_NE(listed.output.find("\txchacha20\t"), std::string::npos) << listed.output;
  EXPECT_NE(listed.output.find("未完成 "), std::string::npos) << listed.output;

  CommandRun again = Xuanren("keys rotate-data --all --batch 50 --field-cipher xchacha20 " + db_);
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_NE(again.output.find("已继续并完成此前中断的"), std::string::npos) << again.output;
  EXPECT_NE(again.output.find("数据密钥轮换完成"), std::string::npos) << again.output;
  EXPECT_EQ(again.output.find("开始轮换"), std::string::npos) << "no new rotation starts";

  const auto after = IdNumbers();
  ASSERT_EQ(after.size(), before.size());
  for (const auto& [id, value] : after) {
    EXPECT_TRUE(value.first.starts_with("v1:")) << id;
    EXPECT_EQ(value.second, before.at(id).second) << id;
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM key_rotations WHERE finished_at IS NULL"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM data_keys WHERE scope LIKE '%#retiring'"), 0);
  // One finished rotation per scope; the blind-index key is never rotated (a new key would
  // orphan every stored index: crypto/keyring.h BlindIndex).
  EXPECT_EQ(Count("SELECT COUNT(*) FROM key_rotations"),
            Count("SELECT COUNT(*) FROM data_keys WHERE scope <> 'index'"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_entries WHERE action = 'keys.rotate_data.start'"),
            Count("SELECT COUNT(*) FROM audit_entries WHERE action = 'keys.rotate_data.finish'"));
  listed = Xuanren("keys list " + db_);
  EXPECT_EQ(listed.output.find("#retiring"), std::string::npos) << listed.output;
  std::istringstream lines(listed.output);
  for (std::string line; std::getline(lines, line);) {
    if (line.find("\tindex\t") == std::string::npos) {
      EXPECT_EQ(line.find("\tsm4\t"), std::string::npos) << listed.output;
    }
  }
  EXPECT_EQ(listed.output.find("未完成"), std::string::npos) << listed.output;
  CommandRun verify = Xuanren("audit verify " + db_);
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
}

// An older version left a TOTP secret in plaintext: `xuanren migrate` seals it, once.
TEST_F(KeysCliTest, MigrateSealsPlaintextTotpSecrets) {
  ASSERT_EQ(Xuanren("demo --cadres 10 " + db_).exit_code, 0);
  const std::string secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
  {
    auto db = store::OpenDatabase(url_);
    ASSERT_TRUE((*db)
                    ->Transact(store::TxMode::kWrite,
                               [&](store::Transaction& tx) {
                                 return tx
                                     .Execute(
                                         "UPDATE users SET totp_secret = ?, totp_enabled = 1 "
                                         "WHERE username = 'admin'",
                                         {secret})
                                     .status();
                               })
                    .ok());
  }
  CommandRun migrate = Xuanren("migrate " + db_);
  ASSERT_EQ(migrate.exit_code, 0) << migrate.output;
  EXPECT_NE(migrate.output.find("已加密旧版本以明文保存的 1 个动态口令密钥"), std::string::npos)
      << migrate.output;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM users WHERE totp_secret = '" + secret + "'"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM users WHERE totp_secret LIKE 'v1:%'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_entries WHERE action = 'keys.seal'"), 1);
  CommandRun again = Xuanren("migrate " + db_);
  EXPECT_EQ(again.output.find("动态口令密钥"), std::string::npos) << again.output;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_entries WHERE action = 'keys.seal'"), 1);
}

TEST_F(KeysCliTest, Refusals) {
  ASSERT_EQ(Xuanren("demo --cadres 10 " + db_).exit_code, 0);
  struct Case {
    std::string args;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {"keys rotate-data " + db_, "请指定 --scope 范围（可多次）或 --all 之一（字段 scope）"},
           {"keys rotate-data --all --batch 0 " + db_, "（字段 batch）"},
           {"keys rotate-data --scope unit:999999 " + db_, "没有数据密钥"},
           {"keys rotate-data --all --field-cipher aes " + db_, "（字段 field_cipher）"},
           {"serve --field-cipher sm4-gcm " + db_, "（字段 field_cipher）"},
       }) {
    CommandRun run = Xuanren(c.args);
    EXPECT_EQ(run.exit_code, 1) << c.args << "\n" << run.output;
    EXPECT_TRUE(run.output.starts_with("xuanren: 错误：")) << c.args << "\n" << run.output;
    EXPECT_NE(run.output.find(c.message), std::string::npos) << c.args << "\n" << run.output;
  }
  EXPECT_NE(Xuanren("keys rotate-data --all --scope none " + db_).exit_code, 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM key_rotations"), 0);

  // A master key from the environment is not rotated by `keys rotate`.
  ::setenv("XUANREN_MASTER_KEY", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", 1);
  CommandRun rotate = Xuanren("keys rotate " + db_);
  ::unsetenv("XUANREN_MASTER_KEY");
  EXPECT_EQ(rotate.exit_code, 1) << rotate.output;
  EXPECT_NE(rotate.output.find("XUANREN_MASTER_KEY"), std::string::npos) << rotate.output;
}

}  // namespace
}  // namespace xr::crypto
