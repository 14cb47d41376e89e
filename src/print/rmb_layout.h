#pragma once
// The 干部任免审批表 as pages of boxes and lines of text (RULES.md §4.1, 中组部 版式, the same
// grid as the browser preview web/src/views/cadre/dossier/RmbForm.vue): pure geometry and text
// fitting, no cairo. pdf_renderer.h draws a layout; tests check cell rectangles and fitting
// decisions without drawing.
//
// Units are PDF points (1/72 inch) on A4 portrait (595.28 × 841.89), origin top left.
//
// Fitting rules (what the official editor does, within limits):
// - A short cell (姓名, 现任职务, 毕业院校系及专业…) wraps its text in the cell and shrinks it from
//   11 pt in steps of 0.5 pt down to 7.5 pt; text that still does not fit is cut at the last whole
//   line that does (`RmbLayout::clipped` names the cell) — a cell's text is never drawn outside it.
// - 简历 is set in a monospaced CJK face, so its date column and the text column line up; a long
//   entry wraps with a hanging indent to the text column (18 half-width characters, the width of
//   "1997.07--1997.07  "). It shrinks from 10.5 pt to at most 9 pt to stay on page 1; when it does
//   not fit at 9 pt it keeps 10.5 pt, page 1 holds as many lines as fit and the rest continues
//   on 续页 inserted right after page 1 (“干部任免审批表（续页）”, the name, a 简历（续） block),
//   as many as needed. A page breaks between entries: an entry's wrapped lines stay together
//   (unless one entry alone is longer than a page).
// - 奖惩情况, 年度考核结果 and 任免理由 shrink from 11 pt to 9 pt the same way; when they do not
//   fit at 9 pt they keep 11 pt and the lines that do not fit continue on 续页 after page 2
//   (“奖惩情况（续）”…).
// - 家庭主要成员及重要社会关系 has at least 7 rows (blank ones for writing by hand); more members
//   make the rows lower (10 mm down to 7 mm); members beyond what page 2 holds at 7 mm continue
//   as a family table on a 续页 after page 2.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xr::print {

// The typefaces of the form (found through fontconfig by family, pdf_renderer.h).
enum class Face {
  kSerif,  // "Noto Serif CJK SC": the labels and the text of the form
  kMono,   // "Noto Sans Mono CJK SC": 简历, whose columns must line up
};

// How text is measured. The PDF renderer implements it with pango (PangoTextMetrics); the layout
// uses it only through these two calls.
class TextMetrics {
 public:
  virtual ~TextMetrics() = default;
  // `paragraph` (no '\n') broken into visual lines no wider than `width` points at `size` points,
  // as the renderer will break it (an empty paragraph is one empty line).
  virtual std::vector<std::string> Wrap(std::string_view paragraph, Face face, double size,
                                        double width) const = 0;
  // The advance width of `text` on one line.
  virtual double Width(std::string_view text, Face face, double size) const = 0;
};

struct Rect {
  double x = 0;
  double y = 0;
  double width = 0;
  double height = 0;
  double right() const { return x + width; }
  double bottom() const { return y + height; }
  friend bool operator==(const Rect&, const Rect&) = default;
};

enum class HAlign { kLeft, kCenter, kRight };
enum class VAlign { kTop, kMiddle, kBottom };

// Lines of text placed in `box`, already broken: the renderer draws each line as it is.
struct TextBlock {
  std::string
      cell;  // what it is, for tests and clipping reports ("name", "resume", "family[2].name")
  Rect box;  // the area inside the cell's padding
  std::vector<std::string> lines;
  Face face = Face::kSerif;
  double size = 11;         // points
  double line_height = 14;  // points from one baseline to the next
  HAlign halign = HAlign::kCenter;
  VAlign valign = VAlign::kMiddle;
};

enum class PageKind { kFirst, kSecond, kContinuation };

struct PageLayout {
  PageKind kind = PageKind::kFirst;
  std::vector<Rect> cells;   // thin (0.75 pt) borders
  std::vector<Rect> frames;  // the table's thick (1.5 pt) outer border
  std::vector<TextBlock> texts;
  std::optional<Rect> photo;  // where the photo goes (page 1), inside the 照片 cell
};

struct RmbLayout {
  std::vector<PageLayout> pages;  // page 1, 简历 续页…, page 2, other 续页…
  double resume_size = 10.5;      // the 简历's point size
  int resume_continuation_pages = 0;
  int continuation_pages = 0;        // all 续页
  std::vector<std::string> clipped;  // cells whose text was cut to fit (TextBlock::cell)
  // The text block named `cell` on any page (the first one), or nullptr.
  const TextBlock* Find(std::string_view cell) const;
};

// One row of 家庭主要成员及重要社会关系, as printed.
struct FamilyLine {
  std::string relation;
  std::string name;
  std::string age;  // "49", or "" (unknown birth month, or deceased)
  std::string political_status;
  std::string employer_and_post;
};

// What the form shows, every text final (ages computed, redaction applied): rmb_content.h builds
// it from a dossier.
struct RmbContent {
  // Page 1
  std::string name;
  std::string gender;
  std::string birth;  // "1975.03\n（51岁）"
  std::string ethnicity;
  std::string native_place;
  std::string birth_place;
  std::string party_join;  // "1998.06", or the party of a 民主党派 member without a date
  std::string work_start;
  std::string health;
  std::string professional_title;
  std::string expertise;
  std::string full_time_level_degree;  // "大学\n经济学学士"
  std::string full_time_school;  // 毕业院校系及专业 (学历's, then the 学位's when another)
  std::string in_service_level_degree;
  std::string in_service_school;
  std::string current_posts;
  std::string proposed_post;
  std::string proposed_removal;
  std::string id_number;  // the number, or the redaction marker
  std::string retirement_month;
  bool has_photo = false;
  std::string resume;  // lines joined with '\n'
  // Page 2
  std::string rewards;
  std::string assessments;
  std::string reason;
  bool family_redacted = false;  // the table shows the marker instead of rows
  std::vector<FamilyLine> family;
  std::string reporting_unit;
  std::string filled_by;
  std::string filled_date;  // 填表时间 "2025.01"
};

// The marker printed in place of a part the reader may not see.
inline constexpr std::string_view kRedactedMarker = "（无权查看）";

// Lays the form out on A4 pages (rules above).
RmbLayout LayoutRmb(const RmbContent& content, const TextMetrics& metrics);

// Page geometry, exposed for tests.
inline constexpr double kMillimetre = 72.0 / 25.4;
inline constexpr double kPageWidth = 210 * kMillimetre;
inline constexpr double kPageHeight = 297 * kMillimetre;

}  // namespace xr::print
