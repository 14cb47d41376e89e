// `xuanren export excel` as an operator runs it: the file, the line it prints, exit codes.

#include <gtest/gtest.h>

#include <filesystem>

#include "interchange/xlsx_reader.h"
#include "testing/cli_run.h"

namespace xr::interchange {
namespace {

using xr::testing::CommandRun;

CommandRun Xuanren(const std::string& args) {
  return xr::testing::RunCommand(XUANREN_BINARY, args);
}

class ExcelCliTest : public xr::testing::CliWorkspaceTest {
 protected:
  ExcelCliTest() : CliWorkspaceTest(XUANREN_BINARY, "xuanren-excel-cli", 20) {}
};

TEST_F(ExcelCliTest, ExportsTheListOrAConditionsRows) {
  const std::filesystem::path out = dir_ / "名册.xlsx";
  CommandRun run = Xuanren("export excel --status all --columns gender,unit_name,id_number --out " +
                           out.string() + " " + db_);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(run.output.rfind("20 人 → " + out.string() + "（", 0), 0u) << run.output;
  auto sheets = ReadXlsx(xr::testing::ReadFileBytes(out));
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
  ASSERT_EQ(run.exit_code, 0) << run.output;
  auto found = ReadXlsx(xr::testing::ReadFileBytes(women));
  ASSERT_TRUE(found.ok());
  for (std::size_t i = 1; i < (*found)[0].rows.size(); ++i) {
    EXPECT_EQ((*found)[0].rows[i].cells[1], "女");
  }
}

TEST_F(ExcelCliTest, BadInputIsOneClearLine) {
  const std::string out = "--out " + (dir_ / "x.xlsx").string() + " " + db_;
  CommandRun run = Xuanren("export excel --columns gender,salary " + out);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.output.rfind("xuanren: 错误：不能导出的列“salary”", 0), 0u) << run.output;
  run = Xuanren("export excel --condition '{\"field\":\"salary\"}' " + out);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.output.find("condition"), std::string::npos) << run.output;
  run = Xuanren("export excel --sort height " + out);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_FALSE(std::filesystem::exists(dir_ / "x.xlsx"));
}

}  // namespace
}  // namespace xr::interchange
