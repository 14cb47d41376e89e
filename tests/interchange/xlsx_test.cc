// The .xlsx writer and reader: round trips (write → read), files shaped like other producers'
// (inline strings, rich text, 1904 dates, prefixed XML), and hostile files.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zip.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "interchange/xlsx_reader.h"
#include "interchange/xlsx_text.h"
#include "interchange/xlsx_writer.h"

namespace xr::interchange {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

base::Date Day(int y, unsigned m, unsigned d) { return base::Date::FromYmd(y, m, d).value(); }
base::YearMonth Month(int y, unsigned m) { return base::YearMonth::FromYm(y, m).value(); }

// A zip of `parts` (name → content), stored or deflated, as bytes.
std::string Zip(const std::map<std::string, std::string>& parts) {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      ("xr-xlsx-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
       std::to_string(reinterpret_cast<std::uintptr_t>(&parts)) + ".zip");
  std::filesystem::remove(path);
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_EXCL, &error);
  EXPECT_NE(zip, nullptr);
  for (const auto& [name, content] : parts) {
    zip_source_t* source = zip_source_buffer(zip, content.data(), content.size(), 0);
    EXPECT_GE(zip_file_add(zip, name.c_str(), source, ZIP_FL_OVERWRITE), 0);
  }
  EXPECT_EQ(zip_close(zip), 0);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::filesystem::remove(path);
  return bytes.str();
}

// One part of a zip.
std::string Part(const std::string& bytes, const std::string& name) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* zip = zip_open_from_source(source, ZIP_RDONLY, &error);
  EXPECT_NE(zip, nullptr);
  std::string out;
  if (zip_file_t* file = zip_fopen(zip, name.c_str(), 0)) {
    char buffer[4096];
    zip_int64_t n;
    while ((n = zip_fread(file, buffer, sizeof buffer)) > 0) out.append(buffer, std::size_t(n));
    zip_fclose(file);
  }
  zip_discard(zip);
  zip_error_fini(&error);
  return out;
}

// A minimal package around one sheet's XML, with optional shared strings and styles.
std::string Package(const std::string& sheet_xml, const std::string& shared_strings = "",
                    const std::string& styles = "", const std::string& workbook_pr = "") {
  std::map<std::string, std::string> parts;
  parts["[Content_Types].xml"] =
      R"(<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)";
  parts["_rels/.rels"] =
      R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
      R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>)";
  parts["xl/workbook.xml"] =
      R"(<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)" +
      workbook_pr + R"(<sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>)";
  std::string rels =
      R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
      R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>)";
  if (!shared_strings.empty()) {
    rels +=
        R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="/xl/sharedStrings.xml"/>)";
    parts["xl/sharedStrings.xml"] = shared_strings;
  }
  if (!styles.empty()) {
    rels +=
        R"(<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>)";
    parts["xl/styles.xml"] = styles;
  }
  parts["xl/_rels/workbook.xml.rels"] = rels + "</Relationships>";
  parts["xl/worksheets/sheet1.xml"] = sheet_xml;
  return Zip(parts);
}

std::string Sheet(const std::string& rows) {
  return R"(<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" +
         rows + "</sheetData></worksheet>";
}

TEST(XlsxTest, RoundTripKeepsValuesTypesAndPlaces) {
  XlsxSheet sheet{.name = "干部名册",
                  .columns = {{.header = "姓名"},
                              {.header = "出生年月"},
                              {.header = "入职日期"},
                              {.header = "人数"},
                              {.header = "比例"},
                              {.header = "备注"}}};
  sheet.rows.push_back({std::string("张三"), Month(1975, 3), Day(2001, 7, 1), std::int64_t{42},
                        0.125, std::string("=1+2")});
  sheet.rows.push_back({std::string("欧阳·娜娜"), std::monostate{}, std::monostate{},
                        std::int64_t{-7}, std::monostate{}, std::string("两行\n文字 _x000D_")});
  sheet.rows.push_back({});  // an empty row is not read back
  sheet.rows.push_back({std::monostate{}, std::monostate{}, std::monostate{}, std::monostate{},
                        std::monostate{}, std::string("只有最后一列")});
  XlsxSheet second{.name = "说明:[1]",
                   .columns = {{.header = "填表说明"}},
                   .rows = {},
                   .options = {.notes = true}};
  second.rows.push_back({std::string("第一条")});

  auto bytes = WriteXlsx({sheet, second});
  ASSERT_TRUE(bytes.ok()) << bytes.status().message();
  auto read = ReadXlsx(*bytes);
  ASSERT_TRUE(read.ok()) << read.status().message();
  ASSERT_EQ(read->size(), 2u);
  const XlsxTextSheet& first = (*read)[0];
  EXPECT_EQ(first.name, "干部名册");
  ASSERT_EQ(first.rows.size(), 4u);
  EXPECT_EQ(first.rows[0].number, 1);
  EXPECT_THAT(first.rows[0].cells,
              ElementsAre("姓名", "出生年月", "入职日期", "人数", "比例", "备注"));
  EXPECT_THAT(first.rows[1].cells,
              ElementsAre("张三", "1975-03", "2001-07-01", "42", "0.125", "=1+2"));
  EXPECT_THAT(first.rows[2].cells,
              ElementsAre("欧阳·娜娜", "", "", "-7", "", "两行\n文字 _x000D_"));
  EXPECT_EQ(first.rows[3].number, 5);  // the empty row 4 is skipped, numbers kept
  EXPECT_THAT(first.rows[3].cells, ElementsAre("", "", "", "", "", "只有最后一列"));
  EXPECT_EQ((*read)[1].name, "说明__1_");
  EXPECT_THAT((*read)[1].rows[1].cells, ElementsAre("第一条"));

  // Header frozen and bold, widths fitted: the CJK column is wider than its 2-character header.
  std::string xml = Part(*bytes, "xl/worksheets/sheet1.xml");
  EXPECT_THAT(xml, HasSubstr(R"(<pane ySplit="1" topLeftCell="A2")"));
  EXPECT_THAT(xml, HasSubstr("<cols>"));
  EXPECT_THAT(Part(*bytes, "xl/styles.xml"), HasSubstr("<b/>"));
}

TEST(XlsxTest, DropDownListsLiveOnAHiddenSheet) {
  XlsxSheet sheet{.name = "干部信息",
                  .columns = {{.header = "姓名"},
                              {.header = "性别", .options = {"男", "女"}},
                              {.header = "公民身份号码", .text = true}}};
  auto bytes = WriteXlsx({sheet});
  ASSERT_TRUE(bytes.ok());
  auto read = ReadXlsx(*bytes);
  ASSERT_TRUE(read.ok()) << read.status().message();
  ASSERT_EQ(read->size(), 2u);
  EXPECT_EQ((*read)[1].name, "字典");
  EXPECT_TRUE((*read)[1].hidden);
  ASSERT_EQ((*read)[1].rows.size(), 2u);
  EXPECT_THAT((*read)[1].rows[1].cells, ElementsAre("女"));
  std::string xml = Part(*bytes, "xl/worksheets/sheet1.xml");
  EXPECT_THAT(xml, HasSubstr("dataValidation"));
  EXPECT_THAT(xml, HasSubstr("字典"));
}

TEST(XlsxTest, ManyRowsStreamAndReadBack) {
  auto writer = XlsxWriter::Create();
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->StartSheet("rows", {{.header = "n"}, {.header = "姓名"}}).ok());
  for (int i = 0; i < 20000; ++i) {
    ASSERT_TRUE((*writer)->AddRow({std::int64_t{i}, std::string("干部") + std::to_string(i)}).ok());
  }
  auto bytes = (*writer)->Finish();
  ASSERT_TRUE(bytes.ok());
  auto read = ReadXlsx(*bytes);
  ASSERT_TRUE(read.ok());
  ASSERT_EQ((*read)[0].rows.size(), 20001u);
  EXPECT_THAT((*read)[0].rows[20000].cells, ElementsAre("19999", "干部19999"));
  // The same file with a row limit below it is refused, naming the sheet.
  auto limited = ReadXlsx(*bytes, {.max_rows = 1000});
  ASSERT_FALSE(limited.ok());
  EXPECT_EQ(limited.status().field(), "file");
  EXPECT_THAT(limited.status().message(), HasSubstr("超过 1000 行"));
}

TEST(XlsxTest, InvalidTextIsCleaned) {
  EXPECT_EQ(CleanText("a\x01"
                      "b\xFF"
                      "c"),
            "ab\xEF\xBF\xBD"
            "c");
  EXPECT_EQ(DecodeXstring(EscapeXstring("x_x0041_y")), "x_x0041_y");
  EXPECT_EQ(DecodeXstring("行_x000D_"), "行\r");
  EXPECT_EQ(DisplayWidth("ab张三"), 6);
  EXPECT_EQ(ColumnIndex("A"), 0);
  EXPECT_EQ(ColumnIndex("AB"), 27);
  EXPECT_EQ(ColumnIndex("XFD"), 16383);
  EXPECT_EQ(ColumnIndex("XFE"), -1);
  EXPECT_EQ(ColumnName(27), "AB");
}

TEST(XlsxTest, ReadsOtherProducersShapes) {
  std::string strings =
      R"(<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
      R"(<si><t>姓名</t></si>)"
      R"(<si><r><t>张</t></r><r><rPr><b/></rPr><t xml:space="preserve">三 </t></r><rPh><t>ZHANG</t></rPh></si>)"
      R"(</sst>)";
  std::string styles =
      R"(<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
      R"(<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/>)"
      R"(<numFmt numFmtId="165" formatCode="[Red]0.00;&quot;day&quot;"/></numFmts>)"
      R"(<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/><xf numFmtId="165"/><xf numFmtId="22"/></cellXfs>)"
      R"(</styleSheet>)";
  std::string sheet = Sheet(
      R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>籍贯</t></is></c></row>)"
      R"(<row r="3"><c t="s"><v>1</v></c><c s="1"><v>27454</v></c><c s="2"><v>44197</v></c>)"
      R"(<c s="3"><v>1.5</v></c><c t="b"><v>1</v></c><c t="str"><f>A1</f><v>公式</v></c><c s="4"><v>44197.5</v></c></row>)");
  auto read = ReadXlsx(Package(sheet, strings, styles));
  ASSERT_TRUE(read.ok()) << read.status().message();
  const auto& rows = (*read)[0].rows;
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_THAT(rows[0].cells, ElementsAre("姓名", "", "籍贯"));
  EXPECT_EQ(rows[1].number, 3);
  EXPECT_THAT(rows[1].cells, ElementsAre("张三 ", "1975-03", "2021-01-01", "1.5", "TRUE", "公式",
                                         "2021-01-01 12:00:00"));

  // The 1904 date system (old Mac Excel).
  auto mac = ReadXlsx(Package(Sheet(R"(<row r="1"><c r="A1" s="2"><v>0</v></c></row>)"), "", styles,
                              R"(<workbookPr date1904="1"/>)"));
  ASSERT_TRUE(mac.ok()) << mac.status().message();
  EXPECT_THAT((*mac)[0].rows[0].cells, ElementsAre("1904-01-01"));

  // Prefixed SpreadsheetML (some generators write x:row / x:c).
  auto prefixed = ReadXlsx(Package(
      R"(<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>)"
      R"(<x:row r="2"><x:c r="B2"><x:v>7</x:v></x:c></x:row></x:sheetData></x:worksheet>)"));
  ASSERT_TRUE(prefixed.ok()) << prefixed.status().message();
  EXPECT_EQ((*prefixed)[0].rows[0].number, 2);
  EXPECT_THAT((*prefixed)[0].rows[0].cells, ElementsAre("", "7"));
}

void ExpectRefused(const base::Result<std::vector<XlsxTextSheet>>& read, const std::string& says) {
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(read.status().field(), "file");
  EXPECT_THAT(read.status().message(), HasSubstr(says));
}

TEST(XlsxTest, RefusesFilesThatAreNotXlsx) {
  ExpectRefused(ReadXlsx(""), ".xlsx");
  ExpectRefused(ReadXlsx("\xD0\xCF\x11\xE0 an old .xls"), "另存为 .xlsx");
  ExpectRefused(ReadXlsx("PK\x03\x04 not really a zip"), "损坏");
  auto good = WriteXlsx({{.name = "a", .columns = {{.header = "x"}}}});
  ASSERT_TRUE(good.ok());
  ExpectRefused(ReadXlsx(std::string_view(*good).substr(0, good->size() / 2)), "损坏");
  ExpectRefused(ReadXlsx(Zip({{"hello.txt", "hi"}})), "xl/workbook.xml");
}

TEST(XlsxTest, RefusesZipBombsByWhatIsInflated) {
  // 4 MB of one byte deflates to a few KB; the part limit counts inflated bytes.
  std::string sheet = Sheet(std::string(4 << 20, ' '));
  std::string bytes = Package(sheet);
  EXPECT_LT(bytes.size(), 100000u);
  ExpectRefused(ReadXlsx(bytes, {.max_part_bytes = 1 << 20}), "解压后超过 1 MB");
  ExpectRefused(ReadXlsx(bytes, {.max_uncompressed_bytes = 2 << 20}), "解压后超过 2 MB");
}

TEST(XlsxTest, RefusesDtdsAndEntityExpansion) {
  std::string laughs =
      R"(<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>)"
      R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&b;</t></si></sst>)";
  ExpectRefused(
      ReadXlsx(Package(Sheet(R"(<row r="1"><c r="A1" t="s"><v>0</v></c></row>)"), laughs)), "DTD");
  std::string external =
      R"(<?xml version="1.0"?><!DOCTYPE worksheet SYSTEM "file:///etc/passwd"><worksheet/>)";
  ExpectRefused(ReadXlsx(Package(external)), "DTD");
  // Without a DTD an undeclared entity is not expanded (pugixml leaves it as written).
  auto plain = ReadXlsx(
      Package(Sheet(R"(<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;&amp;</t></is></c></row>)")));
  ASSERT_TRUE(plain.ok()) << plain.status().message();
  EXPECT_THAT((*plain)[0].rows[0].cells, ElementsAre("&xxe;&"));
}

TEST(XlsxTest, RefusesBrokenCells) {
  ExpectRefused(ReadXlsx(Package(Sheet(R"(<row r="1"><c r="A1" t="s"><v>5</v></c></row>)"))),
                "共享字符串");
  ExpectRefused(ReadXlsx(Package(Sheet(R"(<row r="1"><c r="XFE1"><v>1</v></c></row>)"))),
                "无效的单元格位置");
  ExpectRefused(
      ReadXlsx(Package(Sheet(R"(<row r="1"><c r="ZZ1"><v>1</v></c></row>)")), {.max_columns = 100}),
      "超过 100 列");
  ExpectRefused(ReadXlsx(Package(Sheet(R"(<row r="1"><c r="A1"><v>1</v></row>)"))),
                "不是有效的 XML");
}

}  // namespace
}  // namespace xr::interchange

namespace xr::interchange {
namespace {

// Property: whatever is done to a valid file — bytes flipped, cut short, parts of one file
// spliced into another — the reader answers a result or InvalidArgument (field "file"), never
// crashes or throws. Deterministic (fixed seed), a few thousand variants.
TEST(XlsxTest, MangledFilesAreReadOrRefusedNeverCrash) {
  XlsxSheet sheet{
      .name = "干部信息",
      .columns = {
          {.header = "姓名"}, {.header = "出生年月"}, {.header = "性别", .options = {"男", "女"}}}};
  for (int i = 0; i < 50; ++i) {
    sheet.rows.push_back({std::string("干部") + std::to_string(i), Month(1970 + i % 30, 1 + i % 12),
                          std::string(i % 2 ? "男" : "女")});
  }
  const std::string good = WriteXlsx({sheet}).value();
  std::uint64_t state = 20261128;
  auto next = [&] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return std::size_t(state >> 33);
  };
  int read = 0, refused = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string bytes = good;
    switch (round % 3) {
      case 0:  // flip a few bytes
        for (int k = 0; k < 1 + int(next() % 8); ++k)
          bytes[next() % bytes.size()] ^= char(1 + next() % 255);
        break;
      case 1:  // cut short
        bytes.resize(next() % bytes.size());
        break;
      case 2:  // overwrite a run with another part of the file
      {
        std::size_t from = next() % bytes.size(), to = next() % bytes.size();
        std::size_t length =
            std::min({std::size_t(1 + next() % 512), bytes.size() - from, bytes.size() - to});
        bytes.replace(to, length, good.substr(from, length));
      } break;
    }
    auto result = ReadXlsx(bytes);
    if (result.ok()) {
      ++read;
    } else {
      ++refused;
      EXPECT_EQ(result.status().code(), base::StatusCode::kInvalidArgument)
          << result.status().message();
      EXPECT_EQ(result.status().field(), "file");
      EXPECT_FALSE(result.status().message().empty());
    }
  }
  EXPECT_GT(refused, 1000);  // most mangled files are refused…
  EXPECT_GT(read, 0);        // …and some (a flipped byte in a stored value) still read
}

}  // namespace
}  // namespace xr::interchange
