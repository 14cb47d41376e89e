#include <gtest/gtest.h>
#include <zip.h>

#include <fstream>
#include <random>
#include <sstream>

#include "cadre/form_text.h"
#include "cadre/resume_text.h"
#include "interchange/lrmx_document.h"
#include "interchange/lrmx_mapping.h"
#include "interchange/lrmx_service.h"

namespace xr::interchange {
namespace {

std::string ReadData(const std::string& name) {
  std::ifstream in(std::string(XR_LRMX_DATA) + "/" + name, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

base::YearMonth M(const char* text) { return *base::YearMonth::Parse(text); }

LrmxDocument MustParse(const std::string& bytes) {
  auto doc = ParseLrmx(bytes);
  EXPECT_TRUE(doc.ok()) << doc.status().ToString();
  return doc.ok() ? *doc : LrmxDocument{};
}

TEST(LrmxDateTest, ReadsEveryStyle) {
  auto check = [](const char* text, int y, unsigned m, unsigned d) {
    auto date = ParseLrmxDate(text);
    ASSERT_TRUE(date.has_value()) << text;
    EXPECT_EQ(date->year, y) << text;
    EXPECT_EQ(date->month, m) << text;
    EXPECT_EQ(date->day, d) << text;
  };
  check("197503", 1975, 3, 0);
  check("19750315", 1975, 3, 15);
  check("1975.03", 1975, 3, 0);
  check("1975.3", 1975, 3, 0);
  check("1975.03.15", 1975, 3, 15);
  check("1975-03", 1975, 3, 0);
  check("1975-03-15", 1975, 3, 15);
  check("1975/03/15", 1975, 3, 15);
  check("1975年03月", 1975, 3, 0);
  check("1975年3月15日", 1975, 3, 15);
  check(" 197503 ", 1975, 3, 0);
  EXPECT_FALSE(ParseLrmxDate("197513"));
  EXPECT_FALSE(ParseLrmxDate("19750230"));
  EXPECT_FALSE(ParseLrmxDate("1975"));
  EXPECT_FALSE(ParseLrmxDate("三月"));
  EXPECT_FALSE(ParseLrmxDate("1975.03x"));
  EXPECT_EQ(LrmxMonthText(M("1975-03")), "197503");
  EXPECT_EQ(LrmxDayText(*base::Date::Parse("2025-01-01")), "20250101");
}

TEST(LrmxResumeTest, ParsesLinesDuringEntriesAndContinuations) {
  std::vector<std::string> warnings;
  const auto entries = ParseResumeText(
      "1993.09--1997.07  山东大学法学院法学专业学习\n"
      "1997.07--2005.03  江华市财政局科员\n"
      "2005.03--2012.06  江华市财政局预算科副科长、\n"
      "                  科长\n"
      "                  （其间：2008.09--2011.07在中共山东省委党校法学专业在职研究生学习；"
      "2010.03--2010.06挂职江华县副县长）\n"
      "2012.06--至今  江华市财政局办公室主任",
      &warnings);
  EXPECT_TRUE(warnings.empty());
  ASSERT_EQ(entries.size(), 4u);
  EXPECT_EQ(entries[0].start, M("1993-09"));
  EXPECT_EQ(entries[0].end, M("1997-07"));
  EXPECT_EQ(entries[0].kind, cadre::ResumeKind::kStudy);
  EXPECT_EQ(entries[0].unit, "山东大学法学院法学专业学习");
  EXPECT_EQ(entries[1].kind, cadre::ResumeKind::kWork);
  EXPECT_EQ(entries[2].unit, "江华市财政局预算科副科长、科长");
  ASSERT_EQ(entries[2].during.size(), 2u);
  EXPECT_EQ(entries[2].during[0].start, M("2008-09"));
  EXPECT_EQ(entries[2].during[0].end, M("2011-07"));
  EXPECT_EQ(entries[2].during[0].kind, cadre::ResumeKind::kStudy);
  EXPECT_EQ(entries[2].during[0].unit, "中共山东省委党校法学专业在职研究生学习");
  EXPECT_EQ(entries[2].during[1].unit, "挂职江华县副县长");
  EXPECT_EQ(entries[3].start, M("2012-06"));
  EXPECT_FALSE(entries[3].end.has_value());
  EXPECT_EQ(entries[3].unit, "江华市财政局办公室主任");
  // An open end written as spaces, other separators and month styles.
  const auto more =
      ParseResumeText("199707—200503 某局科员\n2005年03月～         某局科长", nullptr);
  ASSERT_EQ(more.size(), 2u);
  EXPECT_EQ(more[0].end, M("2005-03"));
  EXPECT_FALSE(more[1].end.has_value());
  EXPECT_EQ(more[1].unit, "某局科长");
  // A line without a span before any entry is reported.
  ParseResumeText("某局工作\n", &warnings);
  EXPECT_EQ(warnings.size(), 1u);
}

TEST(LrmxAssessmentTest, ReadsRecognisableClauses) {
  using G = cadre::AssessmentGrade;
  auto a = ParseAssessmentsText("2021年年度考核称职；2022、2023年度考核均为优秀");
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a[0].year, 2021);
  EXPECT_EQ(a[0].grade, G::kCompetent);
  EXPECT_EQ(a[1].year, 2022);
  EXPECT_EQ(a[1].grade, G::kExcellent);
  EXPECT_EQ(a[2].grade, G::kExcellent);
  a = ParseAssessmentsText("2022年年度考核基本称职，2023年、2024年年度考核不称职。");
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a[0].grade, G::kBasicallyCompetent);
  EXPECT_EQ(a[1].grade, G::kIncompetent);
  a = ParseAssessmentsText("2021-2023年年度考核均为称职");
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a[1].year, 2022);
  EXPECT_TRUE(ParseAssessmentsText("无").empty());
  EXPECT_TRUE(ParseAssessmentsText("近三年考核情况良好").empty());
  // What the generator writes reads back.
  std::vector<cadre::Assessment> written = {
      {2022, G::kCompetent, ""}, {2023, G::kCompetent, ""}, {2024, G::kExcellent, ""}};
  EXPECT_EQ(ParseAssessmentsText(cadre::AssessmentsText(written)), written);
}

TEST(LrmxDocumentTest, ReadsTheUtf8FileWithUnknownElementsAndPhoto) {
  const LrmxDocument doc = MustParse(ReadData("zhang_jianhua.lrmx"));
  EXPECT_EQ(doc.Get("XingMing"), "张建华");
  EXPECT_EQ(doc.Get("ZhuanYeJiShuZhiWu"), "");
  EXPECT_EQ(doc.Get("NoSuchElement"), "");
  EXPECT_NE(doc.Get("JianLi").find("（其间：2008.09"), std::string::npos);
  ASSERT_EQ(doc.family.size(), 3u);
  EXPECT_EQ(doc.family[2].Get("GongZuoDanWeiJiZhiWu"), "已去世");
  ASSERT_EQ(doc.family[2].unknown.size(), 1u);
  EXPECT_EQ(doc.family[2].unknown[0], "<BeiZhu>2019年去世</BeiZhu>");
  ASSERT_EQ(doc.unknown.size(), 2u);
  EXPECT_EQ(doc.unknown[0], "<GanBuLeiBie>公务员</GanBuLeiBie>");
  EXPECT_EQ(doc.unknown[1], "<BeiZhu a=\"1\">备注 &amp; 说明<Sub>嵌套</Sub></BeiZhu>");
  EXPECT_EQ(doc.version, "3.2.1.6");
  ASSERT_GT(doc.photo.size(), 700u);
  EXPECT_EQ(doc.photo.substr(0, 3), "\xff\xd8\xff");
  EXPECT_EQ(doc.photo.substr(doc.photo.size() - 2), "\xff\xd9");
}

TEST(LrmxDocumentTest, ReadsBomCrlfWhitespaceAndCdata) {
  const LrmxDocument doc = MustParse(ReadData("li_hongmei_crlf_bom.lrmx"));
  EXPECT_EQ(doc.Get("XingMing"), "李红梅");
  EXPECT_EQ(doc.Get("ZhuanYeJiShuZhiWu"), "");            // spaces only
  EXPECT_EQ(doc.Get("ShuXiZhuanYeYouHeZhuanChang"), "");  // line breaks only
  EXPECT_EQ(doc.Get("RenMianLiYou"), "");
  EXPECT_EQ(doc.Get("QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi"), "河北工业大学\n土木工程专业");
  EXPECT_EQ(doc.Get("JianLi").find('\r'), std::string::npos);
  EXPECT_TRUE(doc.Get("JianLi").starts_with("1998.09--2002.07"));
  EXPECT_TRUE(doc.photo.empty());
}

TEST(LrmxDocumentTest, ReadsGbkAndUtf16Files) {
  const LrmxDocument gbk = MustParse(ReadData("wang_zhigang_gbk.lrmx"));
  EXPECT_EQ(gbk.Get("XingMing"), "王志刚");
  EXPECT_EQ(gbk.Get("MinZu"), "满族");
  EXPECT_NE(gbk.Get("JianLi").find("（其间：1995.09"), std::string::npos);
  const LrmxDocument utf16 = MustParse(ReadData("zhao_min_utf16.lrmx"));
  EXPECT_EQ(utf16.Get("XingMing"), "赵敏");
  EXPECT_EQ(utf16.Get("RuDangShiJian"), "群众");
}

TEST(LrmxMappingTest, ImportsTheDossier) {
  const LrmxDocument doc = MustParse(ReadData("zhang_jianhua.lrmx"));
  auto imported = ImportLrmx(doc);
  ASSERT_TRUE(imported.ok()) << imported.status().ToString();
  const cadre::Dossier& d = imported->dossier;
  EXPECT_EQ(d.name, "张建华");
  EXPECT_EQ(d.gender.label, "男");
  EXPECT_EQ(d.birth_month, M("1975-03"));
  EXPECT_EQ(d.party.label, "中共党员");
  EXPECT_EQ(d.party_join_month, M("1998-06"));
  EXPECT_EQ(d.work_start_month, M("1997-07"));
  ASSERT_EQ(d.education.size(), 2u);
  EXPECT_EQ(d.education[0].kind, cadre::EducationKind::kFullTime);
  EXPECT_EQ(d.education[0].degree.label, "法学学士");
  EXPECT_EQ(d.education[1].kind, cadre::EducationKind::kInService);
  ASSERT_EQ(d.resume.size(), 4u);
  ASSERT_EQ(d.resume[2].during.size(), 1u);
  ASSERT_EQ(d.posts.size(), 1u);
  EXPECT_EQ(d.posts[0].title, "江华市财政局办公室主任");
  EXPECT_EQ(d.posts[0].start_month, M("2012-06"));
  EXPECT_TRUE(d.posts[0].is_main);
  ASSERT_EQ(d.assessments.size(), 3u);
  EXPECT_TRUE(d.rewards.empty());
  ASSERT_EQ(d.family.size(), 3u);
  EXPECT_EQ(d.family[0].relation.label, "妻子");
  EXPECT_EQ(d.family[0].birth_month, M("1976-10"));
  EXPECT_EQ(d.appointment.proposed_post, "江华市财政局副局长");
  EXPECT_EQ(d.appointment.age_reference_date, *base::Date::Parse("2025-01-01"));
  EXPECT_EQ(d.appointment.filled_date, *base::Date::Parse("2025-01-01"));
  EXPECT_EQ(d.appointment.filled_by, "王五");
  ASSERT_TRUE(d.id_number.has_value());
  EXPECT_EQ(imported->version, "3.2.1.6");
  EXPECT_EQ(imported->photo, doc.photo);
  EXPECT_FALSE(imported->unknown_xml.empty());

  const LrmxDocument li = MustParse(ReadData("li_hongmei_crlf_bom.lrmx"));
  auto li_imported = ImportLrmx(li);
  ASSERT_TRUE(li_imported.ok()) << li_imported.status().ToString();
  EXPECT_EQ(li_imported->dossier.birth_month, M("1980-11"));
  EXPECT_EQ(li_imported->dossier.family.size(), 1u);  // the empty row is dropped
  ASSERT_EQ(li_imported->dossier.resume.size(), 4u);
  EXPECT_EQ(li_imported->dossier.resume[2].during.size(), 2u);
  EXPECT_EQ(li_imported->dossier.assessments.size(), 3u);

  const LrmxDocument zhao = MustParse(ReadData("zhao_min_utf16.lrmx"));
  auto zhao_imported = ImportLrmx(zhao);
  ASSERT_TRUE(zhao_imported.ok()) << zhao_imported.status().ToString();
  EXPECT_EQ(zhao_imported->dossier.party.label, "群众");
  EXPECT_FALSE(zhao_imported->dossier.party_join_month.has_value());
  EXPECT_EQ(zhao_imported->dossier.resume[2].unit, "江华市发展和改革委员会科员、副主任科员");
}

TEST(LrmxMappingTest, RefusesUnreadableDates) {
  LrmxDocument doc = MustParse(ReadData("zhang_jianhua.lrmx"));
  doc.fields["ChuShengNianYue"] = "七五年三月";
  auto imported = ImportLrmx(doc);
  ASSERT_FALSE(imported.ok());
  EXPECT_EQ(imported.status().field(), "ChuShengNianYue");
  doc.fields.erase("ChuShengNianYue");
  EXPECT_EQ(ImportLrmx(doc).status().field(), "ChuShengNianYue");
  doc = MustParse(ReadData("zhang_jianhua.lrmx"));
  doc.fields["CanJiaGongZuoShiJian"] = "1997年夏";
  EXPECT_EQ(ImportLrmx(doc).status().field(), "CanJiaGongZuoShiJian");
}

// Non-empty rows only: an empty family Item is not a member.
LrmxDocument WithoutEmptyItems(LrmxDocument doc) {
  std::erase_if(doc.family, [](const LrmxItem& item) {
    return item.Get("ChengWei").empty() && item.Get("XingMing").empty();
  });
  return doc;
}

// Import → export as a stored record would be (the imported dossier stands for the stored one).
LrmxDocument ExportOfImport(const LrmxDocument& doc) {
  auto imported = ImportLrmx(doc);
  EXPECT_TRUE(imported.ok()) << imported.status().ToString();
  if (!imported.ok()) return {};
  const auto kept = LrmxKeptTexts(doc, *imported, imported->dossier);
  return ExportLrmx(imported->dossier, kept, imported->photo, imported->version,
                    imported->unknown_xml);
}

TEST(LrmxRoundTripTest, ExportsTheValuesItCameWithAndIsStable) {
  for (const char* name : {"zhang_jianhua.lrmx", "li_hongmei_crlf_bom.lrmx",
                           "wang_zhigang_gbk.lrmx", "zhao_min_utf16.lrmx"}) {
    SCOPED_TRACE(name);
    const LrmxDocument original = MustParse(ReadData(name));
    const LrmxDocument exported = ExportOfImport(original);
    // Every element's value, the family, the photo bytes, the version and the unknown elements.
    for (std::string_view element : kLrmxTextElements)
      EXPECT_EQ(exported.Get(element), original.Get(element)) << element;
    EXPECT_EQ(exported.family, WithoutEmptyItems(original).family);
    EXPECT_EQ(exported.photo, original.photo);
    EXPECT_EQ(exported.version, original.version);
    EXPECT_EQ(exported.unknown, original.unknown);

    // The written file reads back to the same document, and a second export is the same bytes.
    const std::string first = WriteLrmx(exported);
    EXPECT_TRUE(first.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Person>\n"));
    const LrmxDocument reread = MustParse(first);
    EXPECT_EQ(reread, exported);
    const std::string second = WriteLrmx(ExportOfImport(reread));
    EXPECT_EQ(second, first);
  }
}

TEST(LrmxRoundTripTest, ChangedSourcesExportTheGeneratedText) {
  const LrmxDocument original = MustParse(ReadData("li_hongmei_crlf_bom.lrmx"));
  auto imported = ImportLrmx(original);
  ASSERT_TRUE(imported.ok());
  const auto kept = LrmxKeptTexts(original, *imported, imported->dossier);
  cadre::Dossier changed = imported->dossier;
  changed.resume.back().unit = "江华市住房和城乡建设局局长";
  changed.birth_month = M("1980-12");
  const LrmxDocument exported = ExportLrmx(changed, kept, "", "", "");
  EXPECT_EQ(exported.Get("JianLi"), cadre::ResumeText(changed.resume));
  EXPECT_EQ(exported.Get("ChuShengNianYue"), "198012");
  EXPECT_EQ(exported.Get("JiangChengQingKuang"), original.Get("JiangChengQingKuang"));
  EXPECT_EQ(WriteLrmx(exported).find("<Version>3.2.1.16</Version>") != std::string::npos, true);
}

TEST(LrmxDocumentTest, EscapesAndWritesEveryStandardElement) {
  LrmxDocument doc;
  doc.fields["XingMing"] = "张<三>&";
  doc.fields["JianLi"] = "a\nb\x01";
  const std::string xml = WriteLrmx(doc);
  EXPECT_NE(xml.find("<XingMing>张&lt;三&gt;&amp;</XingMing>"), std::string::npos);
  EXPECT_NE(xml.find("<JianLi>a\nb</JianLi>"), std::string::npos);
  for (std::string_view element : kLrmxTextElements)
    EXPECT_NE(xml.find("<" + std::string(element)), std::string::npos) << element;
  EXPECT_NE(xml.find("<JiaTingChengYuan/>"), std::string::npos);
  EXPECT_NE(xml.find("<ZhaoPian/>"), std::string::npos);
  EXPECT_NE(xml.find("<Version>3.2.1.16</Version>"), std::string::npos);
  EXPECT_LT(xml.find("<RenMianLiYou"), xml.find("<JiaTingChengYuan"));
  EXPECT_LT(xml.find("<JiaTingChengYuan"), xml.find("<ChengBaoDanWei"));
  const LrmxDocument back = MustParse(xml);
  EXPECT_EQ(back.Get("XingMing"), "张<三>&");
  EXPECT_EQ(back.Get("JianLi"), "a\nb");
}

void ExpectRefused(const std::string& bytes, const std::string& message_part,
                   const std::string& field = "file") {
  auto doc = ParseLrmx(bytes);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_NE(doc.status().message().find(message_part), std::string::npos) << doc.status().message();
  EXPECT_EQ(doc.status().field(), field);
}

TEST(LrmxHostileTest, RefusesEntitiesDoctypesAndExternalReferences) {
  ExpectRefused(
      "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
      "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
      "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
      "<Person><XingMing>&lol3;</XingMing></Person>",
      "DOCTYPE");
  ExpectRefused(
      "<?xml version=\"1.0\"?><!DOCTYPE Person [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
      "<Person><XingMing>&xxe;</XingMing></Person>",
      "DOCTYPE");
  ExpectRefused("<!doctype Person SYSTEM \"http://example.com/x.dtd\"><Person/>", "DOCTYPE");
  // An undeclared entity is left as text, never resolved.
  auto doc = ParseLrmx("<Person><XingMing>&xxe;</XingMing></Person>");
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->Get("XingMing"), "&xxe;");
}

TEST(LrmxHostileTest, RefusesHugeFilesElementsAndPhotos) {
  std::string huge = "<Person><JianLi>" + std::string(50u << 20, 'a') + "</JianLi></Person>";
  ExpectRefused(huge, "20 MB");
  std::string big_element =
      "<Person><JianLi>" + std::string((5u << 20) + 10, 'a') + "</JianLi></Person>";
  ExpectRefused(big_element, "5 MB", "JianLi");
  std::string big_unknown =
      "<Person><Other>" + std::string((5u << 20) + 10, 'a') + "</Other></Person>";
  ExpectRefused(big_unknown, "5 MB", "Other");
  std::string big_photo = "<Person><ZhaoPian>" + Base64Encode(std::string((5u << 20) + 10, 'x')) +
                          "</ZhaoPian></Person>";
  ExpectRefused(big_photo, "5 MB", "ZhaoPian");
  ExpectRefused("<Person><ZhaoPian>!!!notbase64</ZhaoPian></Person>", "Base64", "ZhaoPian");
}

TEST(LrmxHostileTest, RefusesTruncatedGarbageAndWrongEncodings) {
  const std::string file = ReadData("zhang_jianhua.lrmx");
  ExpectRefused(file.substr(0, file.size() / 2), "不完整");
  ExpectRefused(file.substr(0, file.find("<ZhaoPian>") + 20), "不完整");
  ExpectRefused("", "空");
  ExpectRefused("   \n", "没有 XML");

  std::mt19937 random(7);
  std::string garbage(4096, '\0');
  for (char& c : garbage) c = char(random() & 0xFF);
  auto doc = ParseLrmx(garbage);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().field(), "file");
  ExpectRefused(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), "UTF-8");
  ExpectRefused("just some text, not XML", "XML");

  // GBK bytes under a UTF-8 declaration (and with none).
  const std::string gbk = ReadData("wang_zhigang_gbk.lrmx");
  std::string mislabelled = gbk;
  mislabelled.replace(mislabelled.find("GBK"), 3, "utf-8");
  ExpectRefused(mislabelled, "GBK");
  ExpectRefused(gbk.substr(gbk.find("<Person>")), "UTF-8");
  // UTF-8 bytes under a GBK declaration come out as other characters or fail: never crash.
  std::string utf8_as_gbk = file;
  utf8_as_gbk.replace(utf8_as_gbk.find("utf-8"), 5, "gb2312");
  auto as_gbk = ParseLrmx(utf8_as_gbk);
  if (as_gbk.ok()) {
    EXPECT_NE(as_gbk->Get("XingMing"), "张建华");
  }
  // An encoding this reader does not take.
  std::string big5 = file;
  big5.replace(big5.find("utf-8"), 5, "big5");
  ExpectRefused(big5, "big5");
  // Not a Person.
  ExpectRefused("<?xml version=\"1.0\"?><Root/>", "Person");
}

TEST(LrmxDocumentTest, Base64RoundTrips) {
  for (std::string bytes : {std::string(), std::string("a"), std::string("ab"), std::string("abc"),
                            std::string("\xff\x00\x10", 3)}) {
    auto back = Base64Decode(Base64Encode(bytes), "x");
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, bytes);
  }
  auto wrapped = Base64Decode("YW\r\nJj", "x");
  ASSERT_TRUE(wrapped.ok());
  EXPECT_EQ(*wrapped, "abc");
}

// A zip in memory with these members (name, bytes, raw name bytes without the UTF-8 flag).
std::string MakeZip(const std::vector<std::pair<std::string, std::string>>& members) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* out = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(out);
  zip_t* archive = zip_open_from_source(out, ZIP_TRUNCATE, &error);
  for (const auto& [name, bytes] : members) {
    zip_source_t* source = zip_source_buffer(archive, bytes.data(), bytes.size(), 0);
    zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_RAW);
  }
  zip_close(archive);
  zip_source_open(out);
  zip_source_seek(out, 0, SEEK_END);
  const zip_int64_t size = zip_source_tell(out);
  zip_source_seek(out, 0, SEEK_SET);
  std::string bytes(size_t(size), '\0');
  zip_source_read(out, bytes.data(), zip_uint64_t(size));
  zip_source_close(out);
  zip_source_free(out);
  return bytes;
}

TEST(LrmxZipTest, ExpandsMembersWithGbkNamesAndLrmPhotos) {
  const std::string zip = MakeZip({{"\xd5\xd4\xc3\xf4.lrmx", ReadData("zhao_min_utf16.lrmx")},
                                   {"dir/a.lrm", "\"x\""},
                                   {"dir/a.pic", "PHOTO"},
                                   {"readme.txt", "ignored"},
                                   {"__MACOSX/._b.lrmx", "ignored"}});
  auto files = ExpandUploads({{"batch.zip", zip, {}}, {"plain.lrmx", "x", {}}});
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[0].file.name, "batch.zip/赵敏.lrmx");
  EXPECT_TRUE(files[0].error.empty());
  EXPECT_EQ(files[0].file.bytes, ReadData("zhao_min_utf16.lrmx"));
  EXPECT_EQ(files[1].file.name, "batch.zip/dir/a.lrm");
  EXPECT_EQ(files[1].file.photo, "PHOTO");
  EXPECT_EQ(files[2].file.name, "plain.lrmx");
}

TEST(LrmxZipTest, RefusesBombsAndBrokenZips) {
  // 40 MB of zeros compress about a thousandfold: refused before inflating.
  const std::string bomb = MakeZip({{"bomb.lrmx", std::string(40u << 20, '\0')}});
  auto files = ExpandUploads({{"bomb.zip", bomb, {}}});
  ASSERT_EQ(files.size(), 1u);
  EXPECT_FALSE(files[0].error.empty());
  EXPECT_TRUE(files[0].file.bytes.empty());
  // A member over 20 MB (even of ordinary ratio) is refused by itself.
  std::string big(21u << 20, 'a');
  std::mt19937 random(3);
  for (char& c : big) c = char('a' + random() % 26);
  files = ExpandUploads({{"big.zip", MakeZip({{"big.lrmx", big}, {"ok.lrmx", "x"}}), {}}});
  ASSERT_EQ(files.size(), 2u);
  EXPECT_NE(files[0].error.find("20 MB"), std::string::npos);
  EXPECT_TRUE(files[1].error.empty());
  // A truncated zip.
  files = ExpandUploads({{"cut.zip", bomb.substr(0, bomb.size() / 2), {}}});
  ASSERT_EQ(files.size(), 1u);
  EXPECT_FALSE(files[0].error.empty());
}

}  // namespace
}  // namespace xr::interchange
