// `xuanren import lrmx` / `xuanren export lrmx` as an operator runs them: the per-file lines on
// standard output, exit codes, a dry run that writes nothing, an existing person, zips, and an
// export that gives back the values the file came with.

#include <gtest/gtest.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "interchange/lrmx_document.h"
#include "testing/cli_run.h"

namespace xr::interchange {
namespace {

using xr::testing::CommandRun;

// Standard output alone: its lines are the command's contract.
CommandRun Xuanren(const std::string& args) {
  return xr::testing::RunCommand(XUANREN_BINARY, args, "", xr::testing::Stderr::kDiscarded);
}

std::vector<std::vector<std::string>> Lines(const std::string& out) {
  std::vector<std::vector<std::string>> lines;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> fields;
    size_t start = 0;
    for (size_t tab = line.find('\t'); tab != std::string::npos; tab = line.find('\t', start)) {
      fields.push_back(line.substr(start, tab - start));
      start = tab + 1;
    }
    fields.push_back(line.substr(start));
    lines.push_back(fields);
  }
  return lines;
}

std::string Data(const std::string& name) { return std::string(XR_LRMX_DATA) + "/" + name; }

class LrmxCliTest : public xr::testing::CliWorkspaceTest {
 protected:
  LrmxCliTest() : CliWorkspaceTest(XUANREN_BINARY, "xuanren-lrmx-cli", 3) {}
};

TEST_F(LrmxCliTest, ImportsChecksReportsExistingAndExports) {
  const std::string files = Data("zhang_jianhua.lrmx") + " " + Data("li_hongmei_crlf_bom.lrmx") +
                            " " + Data("wang_zhigang_gbk.lrmx") + " " + Data("zhao_min_utf16.lrmx");
  CommandRun dry = Xuanren("import lrmx " + files + " --unit JH0307 --dry-run " + db_);
  EXPECT_EQ(dry.exit_code, 0) << dry.output;
  auto lines = Lines(dry.output);
  ASSERT_EQ(lines.size(), 4u) << dry.output;
  for (const auto& line : lines) {
    ASSERT_EQ(line.size(), 3u) << dry.output;
    EXPECT_EQ(line[1], "ok") << dry.output;
    EXPECT_EQ(line[2], "-");
  }
  EXPECT_EQ(lines[0][0], Data("zhang_jianhua.lrmx"));

  CommandRun real = Xuanren("import lrmx " + files + " --unit JH0307 " + db_);
  EXPECT_EQ(real.exit_code, 0) << real.output;
  lines = Lines(real.output);
  ASSERT_EQ(lines.size(), 4u) << real.output;
  std::vector<std::string> ids;
  for (const auto& line : lines) {
    ASSERT_EQ(line.size(), 3u);
    EXPECT_EQ(line[1], "ok");
    EXPECT_GT(std::stoll(line[2]), 0);
    ids.push_back(line[2]);
  }

  // The same person again: an error line, nothing overwritten, unless --replace.
  CommandRun again = Xuanren("import lrmx " + Data("zhang_jianhua.lrmx") + " --unit JH0307 " + db_);
  EXPECT_EQ(again.exit_code, 1);
  lines = Lines(again.output);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0][1], "error");
  EXPECT_NE(lines[0][2].find("已在库中"), std::string::npos) << again.output;
  CommandRun replaced =
      Xuanren("import lrmx " + Data("zhang_jianhua.lrmx") + " --unit JH0307 --replace " + db_);
  EXPECT_EQ(replaced.exit_code, 0) << replaced.output;
  EXPECT_EQ(Lines(replaced.output)[0][2], ids[0]);

  // Export gives back the values the files came with.
  for (size_t i = 0; i < 4; ++i) {
    const std::filesystem::path out = dir_ / ("out" + std::to_string(i) + ".lrmx");
    CommandRun exported =
        Xuanren("export lrmx --cadre " + ids[i] + " --out " + out.string() + " " + db_);
    ASSERT_EQ(exported.exit_code, 0) << exported.output;
    const std::string bytes = xr::testing::ReadFileBytes(out);
    EXPECT_TRUE(bytes.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>"));
    auto back = ParseLrmx(bytes);
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    auto original = ParseLrmx(xr::testing::ReadFileBytes(Lines(real.output)[i][0]));
    ASSERT_TRUE(original.ok());
    for (std::string_view element : kLrmxTextElements) {
      EXPECT_EQ(back->Get(element), original->Get(element)) << i << " " << element;
    }
    EXPECT_EQ(back->photo, original->photo);
    EXPECT_EQ(back->unknown, original->unknown);
    EXPECT_EQ(back->version, original->version);
    // A second export is the same bytes.
    const std::filesystem::path second = dir_ / ("again" + std::to_string(i) + ".lrmx");
    ASSERT_EQ(Xuanren("export lrmx --cadre " + ids[i] + " --out " + second.string() + " " + db_)
                  .exit_code,
              0);
    EXPECT_EQ(xr::testing::ReadFileBytes(second), bytes);
  }
}

TEST_F(LrmxCliTest, ReportsEachFileOfAZipAndBadFiles) {
  const std::filesystem::path zip_path = dir_ / "batch.zip";
  int error = 0;
  zip_t* archive = zip_open(zip_path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  ASSERT_NE(archive, nullptr);
  const std::string good = xr::testing::ReadFileBytes(Data("zhao_min_utf16.lrmx"));
  const std::string bad = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><Person/>";
  // One member named in GBK without the UTF-8 flag, as Windows zip tools write them.
  const std::string gbk_name = "\xd5\xd4\xc3\xf4.lrmx";  // 赵敏.lrmx in GBK
  zip_source_t* s1 = zip_source_buffer(archive, good.data(), good.size(), 0);
  ASSERT_GE(zip_file_add(archive, gbk_name.c_str(), s1, ZIP_FL_ENC_RAW), 0);
  zip_source_t* s2 = zip_source_buffer(archive, bad.data(), bad.size(), 0);
  ASSERT_GE(zip_file_add(archive, "hostile.lrmx", s2, ZIP_FL_ENC_UTF_8), 0);
  ASSERT_EQ(zip_close(archive), 0);

  const std::filesystem::path garbage = dir_ / "garbage.lrmx";
  std::ofstream(garbage, std::ios::binary) << std::string("\x00\x01\x02PK\xff\xfe", 8);
  const std::string missing = (dir_ / "missing.lrmx").string();
  CommandRun run = Xuanren("import lrmx " + zip_path.string() + " " + missing + " " +
                           garbage.string() + " --unit JH0307 " + db_);
  EXPECT_EQ(run.exit_code, 1);
  auto lines = Lines(run.output);
  ASSERT_EQ(lines.size(), 4u) << run.output;
  // One line per file in the order given, the archive's members in theirs, the file that could
  // not be read in its place.
  std::vector<std::string> order;
  for (const auto& line : lines) order.push_back(line[0]);
  EXPECT_EQ(order, (std::vector<std::string>{zip_path.string() + "/赵敏.lrmx",
                                             zip_path.string() + "/hostile.lrmx", missing,
                                             garbage.string()}))
      << run.output;
  std::map<std::string, std::vector<std::string>> by_name;
  for (const auto& line : lines) by_name[line[0]] = line;
  const auto zhao = by_name.find(zip_path.string() + "/赵敏.lrmx");
  ASSERT_NE(zhao, by_name.end()) << run.output;
  EXPECT_EQ(zhao->second[1], "ok");
  const auto hostile = by_name.find(zip_path.string() + "/hostile.lrmx");
  ASSERT_NE(hostile, by_name.end()) << run.output;
  EXPECT_EQ(hostile->second[1], "error");
  EXPECT_NE(hostile->second[2].find("DOCTYPE"), std::string::npos);
  EXPECT_EQ(by_name[garbage.string()][1], "error");
  EXPECT_EQ(by_name[missing][1], "error");
  EXPECT_EQ(by_name[missing][2], "文件不存在或无法读取");

  // An unknown unit is one error for the command.
  CommandRun no_unit = Xuanren("import lrmx " + Data("zhang_jianhua.lrmx") + " --unit NOPE " + db_);
  EXPECT_EQ(no_unit.exit_code, 1);
  EXPECT_TRUE(no_unit.output.empty());
}

}  // namespace
}  // namespace xr::interchange
