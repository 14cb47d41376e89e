// `xuanren export excel` as an operator runs it: the file, the line it prints, exit codes.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "interchange/xlsx_reader.h"

namespace xr::interchange {
namespace {

struct CommandRun {
  int exit_code = 0;
  std::string out;  // standard output and standard error
};

CommandRun Xuanren(const std::string& args) {
  const std::string command = std::string(XUANREN_BINARY) + " " + args + " 2>&1";
  CommandRun run;
  FILE* pipe = popen(command.c_str(), "r");
  std::array<char, 4096> buffer;
  while (size_t n = fread(buffer.data(), 1, buffer.size(), pipe)) run.out.append(buffer.data(), n);
  run.exit_code = WEXITSTATUS(pclose(pipe));
  return run;
}

std::string ReadAll(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

class ExcelCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("xuanren-excel-cli-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = "--db sqlite:" + (dir_ / "x.db").string();
    ::setenv("XUANREN_AUDIT_KEY_FILE", (dir_ / "audit.key").c_str(), 1);
    ::setenv("XUANREN_MASTER_KEY_FILE", (dir_ / "master.key").c_str(), 1);
    CommandRun demo = Xuanren("demo --cadres 20 " + db_);
    ASSERT_EQ(demo.exit_code, 0) << demo.out;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path dir_;
  std::string db_;
};

TEST_F(ExcelCliTest, ExportsTheListOrAConditionsRows) {
  const std::filesystem::path out = dir_ / "名册.xlsx";
  CommandRun run = Xuanren("export excel --status all --columns gender,unit_name,id_number --out " +
                           out.string() + " " + db_);
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_EQ(run.out.rfind("20 人 → " + out.string() + "（", 0), 0u) << run.out;
  auto sheets = ReadXlsx(ReadAll(out));
  ASSERT_TRUE(sheets.ok()) << sheets.status().message();
  const auto& rows = (*sheets)[0].rows;
  ASSERT_EQ(rows.size(), 21u);
  EXPECT_EQ((*sheets)[0].name, "干部名册");
  EXPECT_EQ(rows[0].cells, (std::vector<std::string>{"姓名", "性别", "所在单位", "公民身份号码"}));
  for (std::size_t i = 1; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].cells.size(), 4u);
    EXPECT_EQ(rows[i].cells[3].size(), 18u) << rows[i].cells[3];  // the operator is cleared
  }

  const std::filesystem::path women = dir_ / "women.xlsx";
  run = Xuanren(R"(export excel --condition '{"field":"gender","op":"eq","value":"女"}' --out )" +
                women.string() + " " + db_);
  ASSERT_EQ(run.exit_code, 0) << run.out;
  auto found = ReadXlsx(ReadAll(women));
  ASSERT_TRUE(found.ok());
  for (std::size_t i = 1; i < (*found)[0].rows.size(); ++i) {
    EXPECT_EQ((*found)[0].rows[i].cells[1], "女");
  }
}

TEST_F(ExcelCliTest, BadInputIsOneClearLine) {
  const std::string out = "--out " + (dir_ / "x.xlsx").string() + " " + db_;
  CommandRun run = Xuanren("export excel --columns gender,salary " + out);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out.rfind("xuanren: 错误：不能导出的列“salary”", 0), 0u) << run.out;
  run = Xuanren("export excel --condition '{\"field\":\"salary\"}' " + out);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.out.find("condition"), std::string::npos) << run.out;
  run = Xuanren("export excel --sort height " + out);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_FALSE(std::filesystem::exists(dir_ / "x.xlsx"));
}

}  // namespace
}  // namespace xr::interchange
