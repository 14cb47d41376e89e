#include "cadre/resume_text.h"

#include <gtest/gtest.h>

#include <vector>

namespace xr::cadre {
namespace {

base::YearMonth M(std::string_view text) { return *base::YearMonth::Parse(text); }

ResumeEntry Work(std::string_view start, std::optional<std::string_view> end, std::string unit,
                 std::string post, std::vector<ResumeEntry> during = {}) {
  ResumeEntry entry;
  entry.start = M(start);
  if (end) entry.end = M(*end);
  entry.unit = std::move(unit);
  entry.post = std::move(post);
  entry.during = std::move(during);
  return entry;
}

ResumeEntry Study(std::string_view start, std::optional<std::string_view> end, std::string unit,
                  std::string post) {
  ResumeEntry entry = Work(start, end, std::move(unit), std::move(post));
  entry.kind = ResumeKind::kStudy;
  return entry;
}

// A 简历 as a district 司法局 副局长's 任免表 would print it.
std::vector<ResumeEntry> DeputyDirector() {
  return {
      Study("1993-09", "1997-07", "辽宁大学", "法律系法学专业"),
      Work("1997-07", "2001-03", "大连市中山区司法局", "科员"),
      Work("2001-03", "2006-12", "大连市中山区司法局", "办公室副主任",
           {Study("2004-09", "2006-07", "辽宁省委党校", "经济管理专业在职研究生")}),
      Work("2006-12", "2012-05", "大连市中山区司法局", "办公室主任"),
      Work("2012-05", std::nullopt, "大连市中山区司法局", "副局长",
           {Work("2013-03", "2014-01", "庄河市青堆镇", "党委副书记（挂职）"),
            Study("2016-09", "2018-07", "中央党校研究生院", "法学专业在职研究生学习")}),
  };
}

TEST(ResumeTextTest, OfficialText) {
  const std::string expected =
      "1993.09--1997.07  辽宁大学法律系法学专业学习\n"
      "1997.07--2001.03  大连市中山区司法局科员\n"
      "2001.03--2006.12  大连市中山区司法局办公室副主任\n"
      "                  （其间：2004.09--2006.07在辽宁省委党校经济管理专业在职研究生学习）\n"
      "2006.12--2012.05  大连市中山区司法局办公室主任\n"
      "2012.05--         大连市中山区司法局副局长\n"
      "                  （其间：2013.03--2014.01庄河市青堆镇党委副书记（挂职）；"
      "2016.09--2018.07在中央党校研究生院法学专业在职研究生学习）";
  EXPECT_EQ(ResumeText(DeputyDirector()), expected);
}

TEST(ResumeTextTest, LinesOfEachShape) {
  struct Case {
    const char* name;
    std::vector<ResumeEntry> entries;
    std::string text;
  };
  ResumeEntry with_note = Work("1997-07", "1999-08", "某局", "科员");
  with_note.note = "（1998.07转正）";
  std::vector<Case> cases = {
      {"none", {}, ""},
      {"the current post alone",
       {Work("2016-07", std::nullopt, "某单位", "科员")},
       "2016.07--         某单位科员"},
      {"study already ending in 学习",
       {Study("2010-03", "2010-07", "中央党校", "中青年干部培训班学习")},
       "2010.03--2010.07  中央党校中青年干部培训班学习"},
      {"a note appended as written", {with_note}, "1997.07--1999.08  某局科员（1998.07转正）"},
      {"entered out of order: printed in start order",
       {Work("1997-07", std::nullopt, "某局", "科员"),
        Study("1993-09", "1997-07", "某大学", "法律系法学专业")},
       "1993.09--1997.07  某大学法律系法学专业学习\n1997.07--         某局科员"},
      {"an open 其间 entry",
       {Work("2020-01", std::nullopt, "某县", "副县长",
             {Study("2022-09", std::nullopt, "省委党校", "在职研究生班")})},
       "2020.01--         某县副县长\n"
       "                  （其间：2022.09--在省委党校在职研究生班学习）"},
      {"其间 entries in start order",
       {Work("2000-01", "2010-01", "某局", "科长",
             {Work("2005-01", "2005-12", "某镇", "挂职副镇长"),
              Work("2002-03", "2003-03", "某村", "第一书记")})},
       "2000.01--2010.01  某局科长\n"
       "                  （其间：2002.03--2003.03某村第一书记；2005.01--2005.12某镇挂职副镇长）"},
  };
  for (const Case& c : cases) EXPECT_EQ(ResumeText(c.entries), c.text) << c.name;
}

TEST(ResumeTextTest, Findings) {
  struct Case {
    const char* name;
    std::vector<ResumeEntry> entries;
    std::vector<std::pair<std::string, std::string>> findings;  // field, code
  };
  std::vector<Case> cases = {
      {"a continuous 简历 with 其间 entries inside their spans", DeputyDirector(), {}},
      {"the next month is no gap",
       {Work("1997-07", "2001-03", "某局", "科员"), Work("2001-04", std::nullopt, "某局", "科长")},
       {}},
      {"one whole month missing is a gap",
       {Work("1997-07", "2001-03", "某局", "科员"), Work("2001-05", std::nullopt, "某局", "科长")},
       {{"resume[1]", "RESUME_GAP"}}},
      {"starting before the previous end overlaps",
       {Work("1997-07", "2001-03", "某局", "科员"), Work("2000-12", std::nullopt, "某局", "科长")},
       {{"resume[1]", "RESUME_OVERLAP"}}},
      {"anything after an open entry overlaps",
       {Work("1997-07", std::nullopt, "某局", "科员"), Work("2003-01", "2004-01", "某局", "科长")},
       {{"resume[1]", "RESUME_OVERLAP"}}},
      {"a long entry covers a short one inside it, and the gap is measured from the latest end",
       {Work("1990-01", "2000-01", "甲", "科员"), Work("1995-01", "1996-01", "乙", "借调"),
        Work("2000-06", std::nullopt, "丙", "科长")},
       {{"resume[1]", "RESUME_OVERLAP"}, {"resume[2]", "RESUME_GAP"}}},
      {"indices are those as entered, not in start order",
       {Work("2005-01", std::nullopt, "乙", "科长"), Work("1997-07", "2003-01", "甲", "科员")},
       {{"resume[0]", "RESUME_GAP"}}},
      {"其间 entries outside the parent span",
       {Work(
           "2000-01", "2010-01", "某局", "科长",
           {Work("1999-06", "2001-01", "某镇", "挂职"), Work("2005-01", "2005-12", "某村", "驻村"),
            Work("2009-01", "2010-03", "某县", "挂职"),
            Study("2008-09", std::nullopt, "党校", "班")})},
       {{"resume[0].during[0]", "RESUME_DURING_OUTSIDE"},
        {"resume[0].during[2]", "RESUME_DURING_OUTSIDE"},
        {"resume[0].during[3]", "RESUME_DURING_OUTSIDE"}}},
      {"an open parent holds any later 其间 entry",
       {Work("2012-05", std::nullopt, "某局", "副局长",
             {Study("2016-09", std::nullopt, "党校", "班")})},
       {}},
  };
  for (const Case& c : cases) {
    std::vector<std::pair<std::string, std::string>> got;
    for (const RuleFinding& f : ResumeFindings(c.entries)) {
      got.emplace_back(f.field, f.code);
      EXPECT_FALSE(f.message.empty()) << c.name;
    }
    EXPECT_EQ(got, c.findings) << c.name;
  }
}

}  // namespace
}  // namespace xr::cadre
