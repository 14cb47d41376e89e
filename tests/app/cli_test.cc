// The xuanren binary as an operator uses it: exit codes and the one-line errors.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "testing/cli_run.h"
#include "testing/http_client.h"

namespace {

using xr::testing::CommandRun;

// `stdin_text` is what the operator types (passwords); no single quotes in it.
CommandRun Xuanren(const std::string& args, const std::string& stdin_text = "") {
  return xr::testing::RunCommand(XUANREN_BINARY, args, "printf '%s' '" + stdin_text + "' |");
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("xuanren-cli-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    db_ = "--db sqlite:" + (dir_ / "x.db").string();
    // The record's keys live with this test's database, not in data/ of the working directory.
    ::setenv("XUANREN_AUDIT_KEY_FILE", (dir_ / "audit.key").c_str(), 1);
    ::setenv("XUANREN_MASTER_KEY_FILE", (dir_ / "master.key").c_str(), 1);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path dir_;
  std::string db_;
};

TEST_F(CliTest, MigrateDemoAndUserAdd) {
  CommandRun first = Xuanren("migrate " + db_);
  EXPECT_EQ(first.exit_code, 0) << first.output;
  EXPECT_TRUE(first.output.starts_with("已应用 ")) << first.output;
  EXPECT_NE(first.output.find(" 步迁移，当前版本 "), std::string::npos) << first.output;
  CommandRun again = Xuanren("migrate " + db_);
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.output.find("已是最新"), std::string::npos) << again.output;

  CommandRun demo = Xuanren("demo --cadres 40 " + db_);
  ASSERT_EQ(demo.exit_code, 0) << demo.output;
  EXPECT_NE(demo.output.find("干部 40 人"), std::string::npos) << demo.output;
  for (const char* account : {"admin", "security", "auditor", "ganbuke", "dongcheng", "lingdao"}) {
    EXPECT_NE(demo.output.find(account), std::string::npos) << account;
  }
  // Full text's common bigrams: the demo chose them from all 40 dossiers, so choosing again
  // rewrites no mask; one line per bigram, the most frequent (in every dossier) first.
  CommandRun maintain = Xuanren("maintain fulltext " + db_);
  ASSERT_EQ(maintain.exit_code, 0) << maintain.output;
  EXPECT_TRUE(maintain.output.starts_with("全文检索常用字组：40 名干部中选出 63 个，重写 0 名"))
      << maintain.output;
  EXPECT_NE(maintain.output.find("\n0\t"), std::string::npos) << maintain.output;
  EXPECT_NE(maintain.output.find("\t40\n"), std::string::npos) << maintain.output;
  CommandRun twice = Xuanren("demo " + db_);
  EXPECT_EQ(twice.exit_code, 1);
  EXPECT_NE(twice.output.find("xuanren: 错误：数据库中已有机构数据"), std::string::npos)
      << twice.output;

  CommandRun role =
      Xuanren("role add " + db_ +
              " --name bureau_reader --label 财政局查阅 --permissions cadre.read,org.read "
              "--scope unit-below:JH0307 --clearance internal");
  EXPECT_EQ(role.exit_code, 0) << role.output;
  EXPECT_NE(role.output.find(
                "已创建角色 bureau_reader（财政局查阅）：数据范围 unit-below:JH0307，密级 内部"),
            std::string::npos)
      << role.output;
  CommandRun added = Xuanren("user add " + db_ +
                                 " --username zhangsan --display-name 张三 --roles "
                                 "cadre_officer,leader --unit JH --password-stdin",
                             "Zhangsan2026");
  EXPECT_EQ(added.exit_code, 0) << added.output;
  EXPECT_NE(added.output.find("已创建用户 zhangsan"), std::string::npos);
}

TEST_F(CliTest, KeysRotateRewrapsTheDataKeysUnderANewMasterKeyFile) {
  ASSERT_EQ(Xuanren("demo --cadres 40 " + db_).exit_code, 0);
  auto read = [](const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  };
  const std::string before = read(dir_ / "master.key");
  ASSERT_NE(before.find("master_key: "), std::string::npos);
  EXPECT_EQ(
      std::filesystem::status(dir_ / "master.key").permissions() & std::filesystem::perms::all,
      std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);

  CommandRun rotate = Xuanren("keys rotate " + db_);
  ASSERT_EQ(rotate.exit_code, 0) << rotate.output;
  EXPECT_NE(rotate.output.find("主密钥已轮换："), std::string::npos) << rotate.output;
  const std::string after = read(dir_ / "master.key");
  EXPECT_NE(after, before);
  EXPECT_FALSE(std::filesystem::exists(dir_ / "master.key.new"));
  // The rotation is in the record, which still verifies; a second rotation works as well.
  CommandRun verify = Xuanren("audit verify " + db_);
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
  EXPECT_EQ(Xuanren("keys rotate " + db_).exit_code, 0);
}

TEST_F(CliTest, UserSetAndResets) {
  ASSERT_EQ(Xuanren("migrate " + db_).exit_code, 0);
  ASSERT_EQ(Xuanren("demo --cadres 5 " + db_).exit_code, 0);
  ASSERT_EQ(Xuanren("user add " + db_ +
                        " --username zhangsan --display-name 张三 --roles leader --password-stdin",
                    "Zhangsan2026")
                .exit_code,
            0);
  CommandRun set =
      Xuanren("user set " + db_ + " --username zhangsan --display-name 张小三 --unit JH --disable");
  ASSERT_EQ(set.exit_code, 0) << set.output;
  EXPECT_NE(set.output.find("已修改用户 zhangsan：姓名 张小三"), std::string::npos) << set.output;
  EXPECT_NE(set.output.find("已停用"), std::string::npos) << set.output;
  CommandRun enable = Xuanren("user set " + db_ + " --username zhangsan --enable");
  ASSERT_EQ(enable.exit_code, 0) << enable.output;
  EXPECT_NE(enable.output.find("启用中"), std::string::npos) << enable.output;
  CommandRun reset = Xuanren("user reset-password " + db_ + " --username zhangsan --password-stdin",
                             "Reset-2026a");
  ASSERT_EQ(reset.exit_code, 0) << reset.output;
  EXPECT_NE(reset.output.find("已重置用户 zhangsan 的密码：下次登录须修改"), std::string::npos)
      << reset.output;
  CommandRun totp = Xuanren("user reset-totp " + db_ + " --username zhangsan");
  ASSERT_EQ(totp.exit_code, 0) << totp.output;
  EXPECT_NE(totp.output.find("已清除用户 zhangsan 的动态口令"), std::string::npos) << totp.output;
  // Each change is in the record, which still verifies.
  CommandRun verify = Xuanren("audit verify " + db_);
  EXPECT_EQ(verify.exit_code, 0) << verify.output;

  struct Case {
    std::string args, stdin_text, expected;
  };
  const Case refused[] = {
      {"user set " + db_ + " --username zhangsan --roles sysadmin,auditadmin", "", "三员分立"},
      {"user set " + db_ + " --username nobody --enable", "", "用户不存在"},
      {"user set " + db_ + " --username zhangsan --unit NOPE", "", "机构编码不存在：NOPE"},
      {"user reset-password " + db_ + " --username zhangsan --password-stdin", "short",
       "（字段 password）"},
      {"serve " + db_ + " --idle-timeout-minutes 3", "", "idle_timeout_minutes"},
      {"serve " + db_ + " --lockout-failures 1", "", "lockout_failures"},
      {"serve " + db_ + " --password-max-age-days 4000", "", "password_max_age_days"},
      {"serve " + db_ + " --field-cipher des", "", "field_cipher"},
  };
  for (const Case& c : refused) {
    CommandRun run = Xuanren(c.args, c.stdin_text);
    EXPECT_EQ(run.exit_code, 1) << c.args << "\n" << run.output;
    EXPECT_TRUE(run.output.starts_with("xuanren: 错误：")) << run.output;
    EXPECT_NE(run.output.find(c.expected), std::string::npos) << c.args << "\n" << run.output;
  }
}

TEST_F(CliTest, ErrorsAreOneClearLine) {
  ASSERT_EQ(Xuanren("migrate " + db_).exit_code, 0);
  struct Case {
    std::string args, stdin_text, expected;
  };
  const Case cases[] = {
      {"user add " + db_ + " --username zhangsan --roles superuser --password-stdin",
       "Zhangsan2026", "角色不存在：superuser（字段 roles）"},
      {"user add " + db_ + " --username zhangsan --roles sysadmin,auditadmin --password-stdin",
       "Zhangsan2026", "三员分立"},
      {"user add " + db_ + " --username zhangsan --password-stdin", "short",
       "密码至少 8 位（字段 password）"},
      {"user add " + db_ + " --username zhangsan --unit NOPE --password-stdin", "Zhangsan2026",
       "机构编码不存在：NOPE"},
      {"migrate --db mysql://localhost/x", "", "无法打开数据库 mysql://localhost/x"},
      {"role add " + db_ + " --name x1 --permissions cadre.fly --scope all", "",
       "未知权限：cadre.fly（字段 permissions）"},
      {"role add " + db_ + " --name x1 --permissions cadre.read --scope everywhere", "",
       "（字段 scope）"},
      {"role add " + db_ + " --name x1 --permissions cadre.read --scope unit:NOPE", "",
       "数据范围中的机构编码不存在：NOPE"},
      {"role add " + db_ + " --name x1 --permissions cadre.read --clearance top", "",
       "（字段 clearance）"},
      {"role add " + db_ + " --name sysadmin --permissions cadre.read --scope all", "",
       "角色已存在：sysadmin"},
      {"serve " + db_ + " --listen nonsense", "", "--listen 应为 主机:端口"},
  };
  for (const Case& c : cases) {
    CommandRun run = Xuanren(c.args, c.stdin_text);
    EXPECT_EQ(run.exit_code, 1) << c.args << "\n" << run.output;
    EXPECT_TRUE(run.output.starts_with("xuanren: 错误：")) << run.output;
    EXPECT_NE(run.output.find(c.expected), std::string::npos) << c.args << "\n" << run.output;
    EXPECT_EQ(std::count(run.output.begin(), run.output.end(), '\n'), 1) << run.output;
  }
  // Serving a database that was never migrated is refused with the fix in the message.
  CommandRun stale =
      Xuanren("serve --db sqlite:" + (dir_ / "empty.db").string() + " --listen 127.0.0.1:0");
  EXPECT_EQ(stale.exit_code, 1);
  EXPECT_NE(stale.output.find("请先运行 xuanren migrate"), std::string::npos) << stale.output;
  EXPECT_NE(Xuanren("version").output.find("xuanren 0.1.0"), std::string::npos);
  EXPECT_NE(Xuanren("frobnicate").exit_code, 0);
}

TEST_F(CliTest, ServeStopsCleanlyOnSigterm) {
  ASSERT_EQ(Xuanren("demo --cadres 5 " + db_).exit_code, 0);
  int out[2];
  ASSERT_EQ(pipe(out), 0);
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    const std::string db = "sqlite:" + (dir_ / "x.db").string();
    execl(XUANREN_BINARY, XUANREN_BINARY, "serve", "--db", db.c_str(), "--listen", "127.0.0.1:0",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  FILE* stdout_of_server = fdopen(out[0], "r");
  char line[512] = {};
  ASSERT_NE(fgets(line, sizeof line, stdout_of_server),
            nullptr);  // "xuanren 已启动：http://127.0.0.1:PORT …"
  const std::string started(line);
  const auto colon = started.find("127.0.0.1:");
  ASSERT_NE(colon, std::string::npos) << started;
  const int port = std::stoi(started.substr(colon + 10));
  xr::testing::HttpClient client("127.0.0.1", std::uint16_t(port));
  EXPECT_EQ(client.Get("/healthz").status, 200);

  ASSERT_EQ(kill(pid, SIGTERM), 0);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  std::string rest;
  while (fgets(line, sizeof line, stdout_of_server)) rest += line;
  fclose(stdout_of_server);
  EXPECT_NE(rest.find("xuanren 已停止"), std::string::npos) << rest;
  EXPECT_EQ(client.Get("/healthz").status, 0);  // nobody listens any more
}

}  // namespace
