// The 任免审批表 PDF without a database: layout geometry and fitting decisions (pure, measured
// with the real pango metrics), and the rendered PDF read back with poppler-utils.

#include <cairo.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "cadre/dossier_sample.h"
#include "cadre/rmb_text.h"
#include "demo/demo_city.h"
#include "demo/demo_dossier.h"
#include "print/pdf_renderer.h"
#include "print/pdf_tools.h"
#include "print/rmb_content.h"
#include "print/rmb_layout.h"

namespace xr::print {
namespace {

using cadre::testing::D;
using cadre::testing::M;
using testing::PdfFonts;
using testing::PdfPages;
using testing::PdfText;

const base::Date kToday = *base::Date::Parse("2026-11-28");

RmbRenderer& Renderer() {
  static std::unique_ptr<RmbRenderer> renderer = [] {
    auto created = RmbRenderer::Create();
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return std::move(*created);
  }();
  return *renderer;
}

cadre::Dossier Sample() {
  cadre::Dossier d = cadre::testing::SampleDossier(org::UnitId(1), std::nullopt);
  d.appointment.proposed_post = "江华市人民政府副市长";
  d.appointment.proposed_removal = "江华市财政局局长";
  d.appointment.reason = "工作需要";
  d.appointment.reporting_unit = "中共江华市委组织部";
  d.appointment.filled_by = "刘洋";
  d.appointment.filled_date = D("2026-11-20");
  return d;
}

RmbContent Content(const cadre::Dossier& d, bool photo = false, RmbRedaction redaction = {}) {
  return RmbContentFor(d, cadre::GenerateRmbTexts(d), kToday, photo, redaction);
}

PdfInfo Info() { return {"干部任免审批表", *base::Timestamp::Parse("2026-11-28T02:00:00Z")}; }

std::string Pdf(const RmbContent& content, std::string_view photo = {}) {
  RmbLayout layout = LayoutRmb(content, Renderer().metrics());
  auto pdf = Renderer().Render(layout, photo, Info());
  EXPECT_TRUE(pdf.ok()) << pdf.status().ToString();
  // XR_PRINT_DUMP=DIR keeps every rendered form for looking at.
  if (const char* dump = std::getenv("XR_PRINT_DUMP"); dump && pdf.ok()) {
    static int counter = 0;
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    std::ofstream(std::string(dump) + "/" + test->name() + "-" + std::to_string(++counter) + ".pdf",
                  std::ios::binary)
        << *pdf;
  }
  return pdf.ok() ? *pdf : std::string();
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string Jpeg() { return ReadFile(std::string(XR_PRINT_TEST_DATA) + "/photo.jpg"); }

std::string Png() {
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 188, 230);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 0.8, 0.1, 0.1);
  cairo_paint(cr);
  cairo_destroy(cr);
  std::string bytes;
  cairo_surface_write_to_png_stream(
      surface,
      [](void* closure, const unsigned char* data, unsigned int length) {
        static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
        return CAIRO_STATUS_SUCCESS;
      },
      &bytes);
  cairo_surface_destroy(surface);
  return bytes;
}

// A 简历 of `n` jobs, each line long enough to wrap once.
std::vector<cadre::ResumeEntry> LongResume(int n) {
  std::vector<cadre::ResumeEntry> resume;
  for (int i = 0; i < n; ++i) {
    const int year = 1960 + i;
    resume.push_back(
        {*base::YearMonth::FromYm(year, 1),
         i + 1 < n ? std::optional(*base::YearMonth::FromYm(year + 1, 1)) : std::nullopt,
         cadre::ResumeKind::kWork,
         "江华市第" + std::to_string(i + 1) + "综合行政执法大队城市管理监察中队",
         "副中队长（主持工作）兼党支部书记第" + std::to_string(i + 1) + "号",
         "",
         {}});
  }
  return resume;
}

TEST(RmbLayoutTest, PageOneGridFollowsThePreview) {
  RmbLayout layout = LayoutRmb(Content(Sample()), Renderer().metrics());
  ASSERT_EQ(layout.pages.size(), 2u);
  EXPECT_EQ(layout.pages[0].kind, PageKind::kFirst);
  EXPECT_EQ(layout.pages[1].kind, PageKind::kSecond);
  EXPECT_EQ(layout.continuation_pages, 0);
  EXPECT_TRUE(layout.clipped.empty());

  // 180 mm wide table centred on A4, columns 11/13/11/13/12/15/25 %.
  const TextBlock* name_label = layout.Find("name_label");
  const TextBlock* name = layout.Find("name");
  ASSERT_TRUE(name_label && name);
  EXPECT_EQ(name->lines, std::vector<std::string>{"王建国"});
  const Rect frame = layout.pages[0].frames.at(0);
  EXPECT_NEAR(frame.x, 15 * kMillimetre, 0.01);
  EXPECT_NEAR(frame.width, 180 * kMillimetre, 0.01);
  EXPECT_NEAR(frame.bottom(), kPageHeight - 15 * kMillimetre, 0.01);
  EXPECT_NEAR(name->box.x - name_label->box.x, 0.11 * 180 * kMillimetre, 0.01);

  // The age is the one at the day of printing; the 学历 and 学位 on two lines.
  EXPECT_EQ(layout.Find("birth")->lines, (std::vector<std::string>{"1975.03", "（51岁）"}));
  EXPECT_EQ(layout.Find("full_time")->lines, (std::vector<std::string>{"大学", "经济学学士"}));
  EXPECT_EQ(layout.Find("proposed_post")->lines, std::vector<std::string>{"江华市人民政府副市长"});

  // 简历 at full size, the 其间 line indented to the text column.
  const TextBlock* resume = layout.Find("resume");
  ASSERT_TRUE(resume);
  EXPECT_EQ(resume->face, Face::kMono);
  EXPECT_DOUBLE_EQ(resume->size, 10.5);
  EXPECT_EQ(resume->lines.at(0), "1993.09--1997.07  东北财经大学财政系财政学专业学习");
  EXPECT_TRUE(resume->lines.at(2).starts_with(std::string(18, ' ') + "（其间："));

  // The photo box keeps the crop's 376:460 and sits in the cell spanning four rows.
  EXPECT_FALSE(layout.pages[0].photo.has_value());
  RmbLayout with_photo = LayoutRmb(Content(Sample(), true), Renderer().metrics());
  ASSERT_TRUE(with_photo.pages[0].photo.has_value());
  const Rect photo = *with_photo.pages[0].photo;
  EXPECT_NEAR(photo.width / photo.height, 376.0 / 460.0, 0.001);
  EXPECT_GT(photo.x, frame.x + 0.75 * 180 * kMillimetre);
}

TEST(RmbLayoutTest, LongResumeWrapsWithAHangingIndent) {
  cadre::Dossier d = Sample();
  d.resume = LongResume(3);
  d.resume[0].unit += "及其所属的江华市城市管理综合行政执法局直属第三分局城市管理监察中队";
  RmbLayout layout = LayoutRmb(Content(d), Renderer().metrics());
  const TextBlock* resume = layout.Find("resume");
  ASSERT_TRUE(resume);
  ASSERT_GE(resume->lines.size(), 4u);
  EXPECT_TRUE(resume->lines[0].starts_with("1960.01--1961.01  "));
  // A wrapped entry continues in the text column.
  EXPECT_TRUE(resume->lines[1].starts_with(std::string(18, ' ')));
  EXPECT_NE(resume->lines[1][18], ' ');
  for (const std::string& line : resume->lines) {
    EXPECT_LE(Renderer().metrics().Width(line, Face::kMono, resume->size), resume->box.width + 0.5)
        << line;
  }
}

TEST(RmbLayoutTest, ResumeShrinksWithinItsLimitThenContinuesOnAContinuationPage) {
  cadre::Dossier d = Sample();
  // 24 lines: too many for 10.5 pt on page 1, fine at a smaller size.
  d.resume = LongResume(12);
  RmbLayout shrunk = LayoutRmb(Content(d), Renderer().metrics());
  EXPECT_EQ(shrunk.pages.size(), 2u);
  EXPECT_LT(shrunk.resume_size, 10.5);
  EXPECT_GE(shrunk.resume_size, 9.0);

  // Far too long: full size again, and the rest on 续页 right after page 1.
  d.resume = LongResume(60);
  RmbLayout layout = LayoutRmb(Content(d), Renderer().metrics());
  EXPECT_DOUBLE_EQ(layout.resume_size, 10.5);
  ASSERT_GE(layout.resume_continuation_pages, 1);
  ASSERT_EQ(layout.pages.size(), 2u + static_cast<std::size_t>(layout.resume_continuation_pages));
  EXPECT_EQ(layout.pages[1].kind, PageKind::kContinuation);
  EXPECT_EQ(layout.pages.back().kind, PageKind::kSecond);
  std::size_t lines = 0;
  for (const PageLayout& page : layout.pages)
    for (const TextBlock& block : page.texts)
      if (block.cell == "resume") lines += block.lines.size();
  // Every entry is printed: 60 entries, each on two lines.
  EXPECT_EQ(lines, 120u);
  // Pages break between entries: each page's 简历 block starts with an entry's date and ends
  // with its wrapped rest.
  for (const PageLayout& page : layout.pages) {
    for (const TextBlock& block : page.texts) {
      if (block.cell != "resume") continue;
      EXPECT_TRUE(block.lines.front()[0] == '1' || block.lines.front()[0] == '2')
          << block.lines.front();
      EXPECT_TRUE(block.lines.back().starts_with(std::string(18, ' '))) << block.lines.back();
    }
  }
  // No line is lost or drawn below the page's bottom margin.
  for (const PageLayout& page : layout.pages)
    for (const TextBlock& block : page.texts)
      EXPECT_LE(block.box.y + block.lines.size() * block.line_height,
                kPageHeight - 15 * kMillimetre + 0.5)
          << block.cell;
}

TEST(RmbLayoutTest, FamilyRowsShrinkThenContinue) {
  cadre::Dossier d = Sample();
  RmbLayout two = LayoutRmb(Content(d), Renderer().metrics());
  EXPECT_EQ(two.Find("family[1].name")->lines, std::vector<std::string>{"王小明"});
  EXPECT_EQ(two.Find("family[0].age")->lines, std::vector<std::string>{"49"});

  d.family.clear();
  for (int i = 0; i < 25; ++i) {
    d.family.push_back({{"表兄", ""},
                        "成员" + std::to_string(i),
                        M("1970-01"),
                        {"群众", ""},
                        "某单位职工",
                        std::nullopt,
                        std::nullopt});
  }
  RmbLayout layout = LayoutRmb(Content(d), Renderer().metrics());
  ASSERT_EQ(layout.pages.size(), 3u);
  EXPECT_EQ(layout.pages[2].kind, PageKind::kContinuation);
  for (int i = 0; i < 25; ++i)
    EXPECT_TRUE(layout.Find("family[" + std::to_string(i) + "].name")) << i;
}

TEST(RmbLayoutTest, RedactedPartsShowTheMarker) {
  RmbLayout layout = LayoutRmb(Content(Sample(), false, {.id_number = true, .family = true}),
                               Renderer().metrics());
  EXPECT_EQ(layout.Find("id_number")->lines, std::vector<std::string>{"（无权查看）"});
  EXPECT_EQ(layout.Find("family")->lines, std::vector<std::string>{"（无权查看）"});
  EXPECT_EQ(layout.Find("family[0].name"), nullptr);
}

TEST(RmbLayoutTest, ShortCellsShrinkAndNeverOverflow) {
  cadre::Dossier d = Sample();
  d.appointment.proposed_post.clear();
  for (int i = 0; i < 8; ++i) d.appointment.proposed_post += "江华市人民政府副市长、党组成员、";
  RmbLayout layout = LayoutRmb(Content(d), Renderer().metrics());
  const TextBlock* post = layout.Find("proposed_post");
  ASSERT_TRUE(post);
  EXPECT_LT(post->size, 11);
  EXPECT_LE(post->lines.size() * post->line_height, post->box.height + 0.01);
}

TEST(RmbPdfTest, FormHasTwoPagesEmbeddedFontsAndTheText) {
  const std::string pdf = Pdf(Content(Sample()));
  ASSERT_TRUE(pdf.starts_with("%PDF-1.5"));
  EXPECT_EQ(PdfPages(pdf), 2);
  EXPECT_NE(pdf.find("/FontFile"), std::string::npos);
  const std::string fonts = PdfFonts(pdf);
  EXPECT_NE(fonts.find("NotoSerifCJKsc"), std::string::npos) << fonts;
  EXPECT_NE(fonts.find("NotoSansMonoCJKsc"), std::string::npos) << fonts;
  EXPECT_EQ(fonts.find(" no "), std::string::npos) << "every font embedded:\n" << fonts;

  const std::string text = PdfText(pdf);
  for (const char* expected :
       {"干部任免审批表", "王建国", "1975.03", "（51岁）", "经济学学士",
        "辽宁大学经济学院区域经济学专业", "江华市财政局局长", "江华市人民政府副市长",
        "1993.09--1997.07东北财经大学财政系财政学专业学习", "江华市财政局副局长、局长", "记三等功",
        "2022年", "工作需要", "李芳", "妻子", "中共江华市委组织部", "填表人：刘洋",
        "210203197503151232", "家庭主要成员及重要社会关系"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
}

TEST(RmbPdfTest, AgesAreComputedAtTheAgeReferenceDate) {
  cadre::Dossier d = Sample();
  d.appointment.age_reference_date = D("2020-01-01");
  const std::string text = PdfText(Pdf(Content(d)));
  EXPECT_NE(text.find("（44岁）"), std::string::npos) << text;
}

TEST(RmbPdfTest, OutputIsDeterministic) {
  const std::string first = Pdf(Content(Sample(), true), Jpeg());
  const std::string second = Pdf(Content(Sample(), true), Jpeg());
  EXPECT_EQ(first, second);
  EXPECT_NE(first.find("/CreationDate (20261128100000+08'00)"), std::string::npos);
}

TEST(RmbPdfTest, PhotosJpegAsStoredAndPng) {
  const std::string jpeg = Jpeg();
  ASSERT_GT(jpeg.size(), 1000u);
  auto size = PhotoSize(jpeg);
  ASSERT_TRUE(size.ok());
  EXPECT_EQ(size->width, 376);
  EXPECT_EQ(size->height, 460);
  const std::string with_jpeg = Pdf(Content(Sample(), true), jpeg);
  EXPECT_NE(with_jpeg.find("/DCTDecode"), std::string::npos);
  // The JPEG's own bytes are in the PDF.
  EXPECT_NE(with_jpeg.find(jpeg.substr(0, 200)), std::string::npos);

  const std::string png = Png();
  auto png_size = PhotoSize(png);
  ASSERT_TRUE(png_size.ok());
  EXPECT_EQ(png_size->width, 188);
  const std::string with_png = Pdf(Content(Sample(), true), png);
  EXPECT_NE(with_png.find("/Subtype /Image"), std::string::npos);
  EXPECT_EQ(PdfPages(with_png), 2);

  const std::string without = Pdf(Content(Sample()));
  EXPECT_EQ(without.find("/Subtype /Image"), std::string::npos);
  EXPECT_NE(PdfText(without).find("照"), std::string::npos);

  EXPECT_FALSE(PhotoSize("GIF89a....").ok());
  // A broken photo prints a note, not a failure.
  const std::string broken = Pdf(Content(Sample(), true), std::string("\xFF\xD8\xFF\xE0", 4));
  EXPECT_NE(PdfText(broken).find("照片无法显示"), std::string::npos);
}

TEST(RmbPdfTest, LongResumeAndFamilyContinueOnContinuationPages) {
  cadre::Dossier d = Sample();
  d.resume = LongResume(60);
  for (int i = 0; i < 25; ++i) {
    d.family.push_back({{"表兄", ""},
                        "成员" + std::to_string(i),
                        M("1970-01"),
                        {"群众", ""},
                        "某单位职工",
                        std::nullopt,
                        std::nullopt});
  }
  const std::string pdf = Pdf(Content(d));
  RmbLayout layout = LayoutRmb(Content(d), Renderer().metrics());
  EXPECT_EQ(PdfPages(pdf), static_cast<int>(layout.pages.size()));
  EXPECT_GE(layout.pages.size(), 4u);
  const std::string text = PdfText(pdf);
  EXPECT_NE(text.find("干部任免审批表（续页）"), std::string::npos);
  EXPECT_NE(text.find("（续）"), std::string::npos);
  EXPECT_NE(text.find("第60号"), std::string::npos);  // the last 简历 entry
  EXPECT_NE(text.find("成员24"), std::string::npos);  // the last family member
}

TEST(RmbPdfTest, RedactedFormLeavesTheConfidentialPartsOut) {
  const std::string text =
      PdfText(Pdf(Content(Sample(), false, {.id_number = true, .family = true})));
  EXPECT_EQ(text.find("210203197503151232"), std::string::npos);
  EXPECT_EQ(text.find("李芳"), std::string::npos);
  EXPECT_NE(text.find("（无权查看）"), std::string::npos);
}

TEST(RmbPdfTest, DemoDossiersRender) {
  const demo::DemoCity city = demo::BuildDemoCity(40, 7, kToday);
  demo::DemoIds ids{[](int index) { return org::UnitId(index + 1); },
                    [](int) { return std::optional<cadre::CadreId>(); }};
  auto document = Renderer().StartDocument(Info());
  ASSERT_TRUE(document.ok());
  std::size_t pages = 0;
  for (int i = 0; i < 10; ++i) {
    cadre::Dossier d = demo::BuildDemoDossier(city, i, ids);
    RmbLayout layout = LayoutRmb(Content(d), Renderer().metrics());
    EXPECT_TRUE(layout.clipped.empty()) << d.name;
    pages += layout.pages.size();
    ASSERT_TRUE((*document)->AddForm(layout, {}).ok());
  }
  auto pdf = (*document)->Finish();
  ASSERT_TRUE(pdf.ok());
  EXPECT_EQ(PdfPages(*pdf), static_cast<int>(pages));
}

}  // namespace
}  // namespace xr::print
