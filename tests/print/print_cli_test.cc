// `xuanren print rmb --cadre ID --out FILE.pdf [--db URL]` as an operator runs it: the PDF of a
// demo cadre, the one-line errors (unknown cadre, unwritable file, missing option) and the clear
// error when the CJK fonts are missing (fontconfig pointed at a configuration without fonts).

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "print/pdf_tools.h"
#include "testing/cli_run.h"

namespace {

using xr::testing::CommandRun;

// `env`: assignments put before the command (a fontconfig without CJK fonts).
CommandRun Xuanren(const std::string& args, const std::string& env = "") {
  return xr::testing::RunCommand(XUANREN_BINARY, args, env);
}

class PrintCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    workspace_.CreateWithDemo(XUANREN_BINARY, "xuanren-print-cli", 20);
    dir_ = workspace_.dir;
    db_ = workspace_.db;
  }
  static void TearDownTestSuite() { workspace_.Remove(); }

  static inline xr::testing::CliWorkspace workspace_;
  static inline std::filesystem::path dir_;
  static inline std::string db_;
};

TEST_F(PrintCliTest, WritesThePdfOfACadre) {
  const std::filesystem::path out = dir_ / "王.pdf";
  CommandRun run = Xuanren("print rmb --cadre 3 --out '" + out.string() + "' " + db_);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("已生成任免审批表 → " + out.string()), std::string::npos) << run.output;
  const std::string pdf = xr::testing::ReadFileBytes(out);
  ASSERT_TRUE(pdf.starts_with("%PDF-"));
  EXPECT_GE(xr::print::testing::PdfPages(pdf), 2);
  EXPECT_NE(pdf.find("/FontFile"), std::string::npos);
  EXPECT_NE(xr::print::testing::PdfText(pdf).find("干部任免审批表"), std::string::npos);
}

TEST_F(PrintCliTest, OneLineErrors) {
  CommandRun missing =
      Xuanren("print rmb --cadre 999999 --out " + (dir_ / "x.pdf").string() + " " + db_);
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_EQ(missing.output, "xuanren: 错误：干部不存在\n");
  EXPECT_FALSE(std::filesystem::exists(dir_ / "x.pdf"));

  CommandRun unwritable = Xuanren("print rmb --cadre 3 --out /nonexistent-dir/x.pdf " + db_);
  EXPECT_EQ(unwritable.exit_code, 1);
  EXPECT_NE(unwritable.output.find("无法写入文件 /nonexistent-dir/x.pdf"), std::string::npos)
      << unwritable.output;

  CommandRun no_out = Xuanren("print rmb --cadre 3 " + db_);
  EXPECT_NE(no_out.exit_code, 0);
  EXPECT_NE(no_out.output.find("--out"), std::string::npos) << no_out.output;
}

TEST_F(PrintCliTest, MissingFontsAreAClearError) {
  const std::filesystem::path config = dir_ / "no-fonts.conf";
  std::ofstream(config) << "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n"
                           "<fontconfig><dir>"
                        << (dir_ / "empty-fonts").string() << "</dir><cachedir>"
                        << (dir_ / "font-cache").string() << "</cachedir></fontconfig>\n";
  std::filesystem::create_directories(dir_ / "empty-fonts");
  CommandRun run = Xuanren("print rmb --cadre 3 --out " + (dir_ / "y.pdf").string() + " " + db_,
                           "FONTCONFIG_FILE='" + config.string() + "'");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.output.find(
                "缺少字体“Noto Serif CJK SC”，无法生成任免审批表 PDF（请安装 fonts-noto-cjk）"),
            std::string::npos)
      << run.output;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "y.pdf"));
}

}  // namespace
