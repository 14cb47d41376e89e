#include "print/rmb_layout.h"

#include <algorithm>
#include <cmath>
#include <span>

namespace xr::print {
namespace {

constexpr double kMm = kMillimetre;
constexpr double kLeft = 15 * kMm;
constexpr double kTableWidth = 180 * kMm;
constexpr double kTop = 15 * kMm;
constexpr double kBottom = kPageHeight - 15 * kMm;
constexpr double kPad = 1.2 * kMm;
constexpr double kRow = 12 * kMm;      // page 1 rows
constexpr double kTallRow = 28 * kMm;  // page 2 text and signature rows
constexpr double kFamilyHeader = 10 * kMm;
constexpr double kFamilyRow = 10 * kMm;
constexpr double kFamilyRowMin = 7 * kMm;
constexpr double kFillerHeight = 8 * kMm;  // the 填表人 line under page 2
constexpr int kFamilyMinRows = 7;

constexpr double kCellSize = 11;  // points; short cells shrink down to kCellMinSize
constexpr double kCellMinSize = 7.5;
constexpr double kCellLeading = 1.35;  // line height / size
constexpr double kResumeSize = 10.5;
constexpr double kResumeMinSize = 9;
constexpr double kResumeLeading = 1.6;
constexpr double kLongSize = 11;  // 奖惩情况, 年度考核结果, 任免理由
constexpr double kLongMinSize = 9;
constexpr double kLongLeading = 1.5;
constexpr double kStep = 0.5;

// The 简历's text column: "1997.07--1997.07  " is 18 half-width characters.
constexpr std::size_t kResumeIndent = 18;

// Column widths in percent of the table, as the preview's <colgroup>.
constexpr double kPage1Columns[] = {11, 13, 11, 13, 12, 15, 25};
constexpr double kPage2Columns[] = {11, 10, 11, 8, 14, 46};

// x of the left edge of column `index` (index == size: the right edge of the table).
double ColumnX(std::span<const double> columns, std::size_t index) {
  double percent = 0;
  for (std::size_t i = 0; i < index && i < columns.size(); ++i) percent += columns[i];
  return kLeft + kTableWidth * percent / 100;
}

Rect Span(std::span<const double> columns, std::size_t first, std::size_t last, double y,
          double height) {
  const double x = ColumnX(columns, first);
  return {x, y, ColumnX(columns, last + 1) - x, height};
}

Rect Inset(const Rect& r, double by) {
  return {r.x + by, r.y + by, std::max(0.0, r.width - 2 * by), std::max(0.0, r.height - 2 * by)};
}

std::vector<std::string_view> Paragraphs(std::string_view text) {
  std::vector<std::string_view> out;
  if (text.empty()) return out;
  std::size_t start = 0;
  while (true) {
    std::size_t end = text.find('\n', start);
    std::string_view line = text.substr(start, end == std::string_view::npos ? end : end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out.push_back(line);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

std::vector<std::string> WrapText(const TextMetrics& metrics, std::string_view text, Face face,
                                  double size, double width) {
  std::vector<std::string> lines;
  for (std::string_view paragraph : Paragraphs(text)) {
    std::vector<std::string> wrapped = metrics.Wrap(paragraph, face, size, width);
    if (wrapped.empty()) wrapped.emplace_back();
    lines.insert(lines.end(), wrapped.begin(), wrapped.end());
  }
  return lines;
}

// A 简历 line "yyyy.MM--yyyy.MM  text" (or a 其间 line indented by 18 spaces) wraps with its
// continuation lines indented to the text column; other lines wrap plainly.
bool HasResumePrefix(std::string_view paragraph) {
  if (paragraph.size() <= kResumeIndent) return false;
  for (std::size_t i = 0; i < kResumeIndent; ++i)
    if (static_cast<unsigned char>(paragraph[i]) >= 0x80) return false;
  return paragraph[kResumeIndent - 2] == ' ' && paragraph[kResumeIndent - 1] == ' ';
}

std::vector<std::string> WrapResume(const TextMetrics& metrics, std::string_view text, double size,
                                    double width) {
  const std::string indent(kResumeIndent, ' ');
  const double indent_width = metrics.Width(indent, Face::kMono, size);
  std::vector<std::string> lines;
  for (std::string_view paragraph : Paragraphs(text)) {
    if (!HasResumePrefix(paragraph) || indent_width >= width / 2) {
      std::vector<std::string> wrapped = metrics.Wrap(paragraph, Face::kMono, size, width);
      if (wrapped.empty()) wrapped.emplace_back();
      lines.insert(lines.end(), wrapped.begin(), wrapped.end());
      continue;
    }
    std::string_view prefix = paragraph.substr(0, kResumeIndent);
    std::vector<std::string> body =
        metrics.Wrap(paragraph.substr(kResumeIndent), Face::kMono, size, width - indent_width);
    for (std::size_t i = 0; i < body.size(); ++i)
      lines.push_back((i == 0 ? std::string(prefix) : indent) + body[i]);
  }
  return lines;
}

std::size_t LinesThatFit(double height, double line_height) {
  if (line_height <= 0) return 0;
  return static_cast<std::size_t>(std::floor((height + 0.01) / line_height));
}

// Whether a 简历 line continues the entry above it (its wrapped rest, indented to the text
// column), rather than starting an entry or a 其间 line.
bool ContinuesEntry(const std::string& line) {
  const std::string_view during = "（其间";
  return line.size() > kResumeIndent && line.find_first_not_of(' ') == kResumeIndent &&
         line[kResumeIndent] != ' ' && line.compare(kResumeIndent, during.size(), during) != 0;
}

// Where to break `lines` at most `fit` lines from `from`: before the line at `from + fit`, moved
// up so that an entry's wrapped lines stay on one page — unless the entry alone fills the page.
std::size_t BreakAt(const std::vector<std::string>& lines, std::size_t from, std::size_t fit,
                    bool keep_entries) {
  std::size_t end = std::min(lines.size(), from + fit);
  if (!keep_entries || end >= lines.size()) return end;
  std::size_t at = end;
  while (at > from && ContinuesEntry(lines[at])) --at;
  return at > from ? at : end;
}

// Lines of a long text in a box: the largest size from `max_size` down to `min_size` at which
// all of it fits; when none does, `max_size` with the lines that fit and the rest in `rest`.
struct Flow {
  double size = 0;
  std::vector<std::string> lines;
  std::vector<std::string> rest;
};
// `keep_entries`: 简历 lines, broken between entries (BreakAt).
template <typename WrapFn>
Flow FlowText(WrapFn wrap, double max_size, double min_size, double leading, double height,
              bool keep_entries = false) {
  for (double size = max_size; size >= min_size - 1e-9; size -= kStep) {
    std::vector<std::string> lines = wrap(size);
    if (lines.size() <= LinesThatFit(height, size * leading)) return {size, std::move(lines), {}};
  }
  Flow flow{max_size, wrap(max_size), {}};
  const std::size_t fit =
      BreakAt(flow.lines, 0, LinesThatFit(height, max_size * leading), keep_entries);
  flow.rest.assign(flow.lines.begin() + static_cast<std::ptrdiff_t>(fit), flow.lines.end());
  flow.lines.resize(fit);
  return flow;
}

class PageBuilder {
 public:
  PageBuilder(PageKind kind, const TextMetrics& metrics, std::vector<std::string>& clipped)
      : metrics_(metrics), clipped_(clipped) {
    page_.kind = kind;
  }

  // A bordered cell with `text` fitted in it (shrunk, then cut; see the header).
  void Cell(const Rect& rect, std::string name, std::string_view text,
            HAlign halign = HAlign::kCenter, VAlign valign = VAlign::kMiddle,
            double max_size = kCellSize) {
    page_.cells.push_back(rect);
    Text(Inset(rect, kPad), std::move(name), text, halign, valign, max_size);
  }

  // Text fitted in `box` without a border.
  void Text(const Rect& box, std::string name, std::string_view text, HAlign halign, VAlign valign,
            double max_size = kCellSize, double min_size = kCellMinSize) {
    if (text.empty()) return;
    TextBlock block{std::move(name),         box,    {},    Face::kSerif, max_size,
                    max_size * kCellLeading, halign, valign};
    for (double size = max_size; size >= min_size - 1e-9; size -= kStep) {
      block.size = size;
      block.line_height = size * kCellLeading;
      block.lines = WrapText(metrics_, text, Face::kSerif, size, box.width);
      if (block.lines.size() <= LinesThatFit(box.height, block.line_height)) break;
    }
    const std::size_t fit = std::max<std::size_t>(1, LinesThatFit(box.height, block.line_height));
    if (block.lines.size() > fit) {
      block.lines.resize(fit);
      clipped_.push_back(block.cell);
    }
    page_.texts.push_back(std::move(block));
  }

  // Lines already broken, set at `size` from the top left of the box inside `rect`.
  void Lines(const Rect& rect, std::string name, std::vector<std::string> lines, Face face,
             double size, double leading, bool border = true) {
    if (border) page_.cells.push_back(rect);
    if (lines.empty()) return;
    page_.texts.push_back({std::move(name), Inset(rect, kPad), std::move(lines), face, size,
                           size * leading, HAlign::kLeft, VAlign::kTop});
  }

  void Frame(const Rect& rect) { page_.frames.push_back(rect); }
  void Photo(const Rect& rect) { page_.photo = rect; }
  PageLayout Take() { return std::move(page_); }

 private:
  const TextMetrics& metrics_;
  std::vector<std::string>& clipped_;
  PageLayout page_;
};

constexpr std::string_view kSign = "（盖章）\n年　　月　　日";

// The family table's rows (header, members, blanks) from `y`; returns the y below them.
double FamilyRows(PageBuilder& page, std::span<const FamilyLine> rows, std::size_t first_index,
                  std::size_t row_count, double y, double row_height) {
  const std::span<const double> columns(kPage2Columns);
  const char* headers[] = {"称谓", "姓名", "年龄", "政治面貌", "工作单位及职务"};
  for (std::size_t c = 0; c < 5; ++c)
    page.Cell(Span(columns, c + 1, c + 1, y, kFamilyHeader), "family_header", headers[c]);
  y += kFamilyHeader;
  for (std::size_t r = 0; r < row_count; ++r, y += row_height) {
    if (r >= rows.size()) {
      for (std::size_t c = 0; c < 5; ++c)
        page.Cell(Span(columns, c + 1, c + 1, y, row_height), "", "");
      continue;
    }
    const FamilyLine& m = rows[r];
    const std::string prefix = "family[" + std::to_string(first_index + r) + "].";
    page.Cell(Span(columns, 1, 1, y, row_height), prefix + "relation", m.relation);
    page.Cell(Span(columns, 2, 2, y, row_height), prefix + "name", m.name);
    page.Cell(Span(columns, 3, 3, y, row_height), prefix + "age", m.age);
    page.Cell(Span(columns, 4, 4, y, row_height), prefix + "political_status", m.political_status);
    page.Cell(Span(columns, 5, 5, y, row_height), prefix + "employer_and_post", m.employer_and_post,
              HAlign::kLeft);
  }
  return y;
}

// 续页: a title, the name, then blocks (label column + content) stacked down the page, a new
// page whenever the next line does not fit.
class Continuation {
 public:
  Continuation(const RmbContent& content, const TextMetrics& metrics,
               std::vector<std::string>& clipped)
      : content_(content), metrics_(metrics), clipped_(clipped) {}

  void AddText(std::string_view label, const std::string& name, std::vector<std::string> lines,
               Face face, double size, double leading, bool keep_entries = false) {
    const double line_height = size * leading;
    std::size_t next = 0;
    while (next < lines.size()) {
      // A part that left lines over filled its page (or broke before an entry): a new page.
      if (!page_ || kBottom - y_ < line_height + 2 * kPad || next > 0) NewPage();
      const std::size_t take =
          BreakAt(lines, next,
                  std::max<std::size_t>(1, LinesThatFit(kBottom - y_ - 2 * kPad, line_height)),
                  keep_entries) -
          next;
      const double height = take * line_height + 2 * kPad;
      const std::span<const double> columns(kPage2Columns);
      page_->Cell(Span(columns, 0, 0, y_, height), name + "_label", label);
      std::vector<std::string> part(lines.begin() + static_cast<std::ptrdiff_t>(next),
                                    lines.begin() + static_cast<std::ptrdiff_t>(next + take));
      page_->Lines(Span(columns, 1, 5, y_, height), name, std::move(part), face, size, leading);
      next += take;
      y_ += height;
    }
  }

  void Family(std::span<const FamilyLine> rows, std::size_t first_index) {
    std::size_t next = 0;
    while (next < rows.size()) {
      if (!page_ || kBottom - y_ < kFamilyHeader + kFamilyRow) NewPage();
      const std::size_t take = std::min(
          rows.size() - next,
          std::max<std::size_t>(1, LinesThatFit(kBottom - y_ - kFamilyHeader, kFamilyRow)));
      const double height = kFamilyHeader + take * kFamilyRow;
      page_->Cell(Span(std::span<const double>(kPage2Columns), 0, 0, y_, height), "family_label",
                  "家庭主要成员及重要社会关系（续）");
      y_ = FamilyRows(*page_, rows.subspan(next, take), first_index + next, take, y_, kFamilyRow);
      next += take;
    }
  }

  std::vector<PageLayout> Finish() {
    Close();
    return std::move(pages_);
  }

 private:
  void NewPage() {
    Close();
    page_.emplace(PageKind::kContinuation, metrics_, clipped_);
    page_->Text({kLeft, kTop, kTableWidth, 10 * kMm}, "continuation_title",
                "干部任免审批表（续页）", HAlign::kCenter, VAlign::kMiddle, 16, 16);
    page_->Text({kLeft, kTop + 10 * kMm, kTableWidth, 7 * kMm}, "continuation_name",
                "姓名：" + content_.name, HAlign::kLeft, VAlign::kMiddle);
    table_top_ = y_ = kTop + 19 * kMm;
  }
  void Close() {
    if (!page_) return;
    page_->Frame({kLeft, table_top_, kTableWidth, y_ - table_top_});
    pages_.push_back(page_->Take());
    page_.reset();
  }

  const RmbContent& content_;
  const TextMetrics& metrics_;
  std::vector<std::string>& clipped_;
  std::optional<PageBuilder> page_;
  std::vector<PageLayout> pages_;
  double table_top_ = 0;
  double y_ = 0;
};

}  // namespace

const TextBlock* RmbLayout::Find(std::string_view cell) const {
  for (const PageLayout& page : pages)
    for (const TextBlock& block : page.texts)
      if (block.cell == cell) return &block;
  return nullptr;
}

RmbLayout LayoutRmb(const RmbContent& c, const TextMetrics& metrics) {
  RmbLayout layout;
  const std::span<const double> p1(kPage1Columns);
  const std::span<const double> p2(kPage2Columns);

  // Page 1.
  PageBuilder first(PageKind::kFirst, metrics, layout.clipped);
  first.Text({kLeft, kTop, kTableWidth, 12 * kMm}, "title", "干部任免审批表", HAlign::kCenter,
             VAlign::kMiddle, 22, 22);
  const double top = kTop + 14 * kMm;
  double y = top;
  first.Cell(Span(p1, 0, 0, y, kRow), "name_label", "姓　名");
  first.Cell(Span(p1, 1, 1, y, kRow), "name", c.name);
  first.Cell(Span(p1, 2, 2, y, kRow), "gender_label", "性　别");
  first.Cell(Span(p1, 3, 3, y, kRow), "gender", c.gender);
  first.Cell(Span(p1, 4, 4, y, kRow), "birth_label", "出生年月\n（　岁）");
  first.Cell(Span(p1, 5, 5, y, kRow), "birth", c.birth);
  const Rect photo_cell = Span(p1, 6, 6, y, 4 * kRow);
  if (c.has_photo) {
    first.Cell(photo_cell, "photo", "");
    // 376 × 460 (the crop of the dossier page), centred in the cell.
    const Rect inside = Inset(photo_cell, 2 * kMm);
    const double ratio = 376.0 / 460.0;
    double width = inside.width;
    double height = width / ratio;
    if (height > inside.height) {
      height = inside.height;
      width = height * ratio;
    }
    first.Photo({inside.x + (inside.width - width) / 2, inside.y + (inside.height - height) / 2,
                 width, height});
  } else {
    first.Cell(photo_cell, "photo_label", "照　片");
  }
  y += kRow;
  first.Cell(Span(p1, 0, 0, y, kRow), "ethnicity_label", "民　族");
  first.Cell(Span(p1, 1, 1, y, kRow), "ethnicity", c.ethnicity);
  first.Cell(Span(p1, 2, 2, y, kRow), "native_place_label", "籍　贯");
  first.Cell(Span(p1, 3, 3, y, kRow), "native_place", c.native_place);
  first.Cell(Span(p1, 4, 4, y, kRow), "birth_place_label", "出生地");
  first.Cell(Span(p1, 5, 5, y, kRow), "birth_place", c.birth_place);
  y += kRow;
  first.Cell(Span(p1, 0, 0, y, kRow), "party_join_label", "入　党\n时　间");
  first.Cell(Span(p1, 1, 1, y, kRow), "party_join", c.party_join);
  first.Cell(Span(p1, 2, 2, y, kRow), "work_start_label", "参加工\n作时间");
  first.Cell(Span(p1, 3, 3, y, kRow), "work_start", c.work_start);
  first.Cell(Span(p1, 4, 4, y, kRow), "health_label", "健康状况");
  first.Cell(Span(p1, 5, 5, y, kRow), "health", c.health);
  y += kRow;
  first.Cell(Span(p1, 0, 0, y, kRow), "professional_title_label", "专业技\n术职务");
  first.Cell(Span(p1, 1, 2, y, kRow), "professional_title", c.professional_title);
  first.Cell(Span(p1, 3, 3, y, kRow), "expertise_label", "熟悉专业\n有何专长");
  first.Cell(Span(p1, 4, 5, y, kRow), "expertise", c.expertise);
  y += kRow;
  first.Cell(Span(p1, 0, 0, y, 2 * kRow), "education_label", "学　历\n学　位");
  first.Cell(Span(p1, 1, 1, y, kRow), "full_time_label", "全日制\n教　育");
  first.Cell(Span(p1, 2, 3, y, kRow), "full_time", c.full_time_level_degree);
  first.Cell(Span(p1, 4, 4, y, kRow), "full_time_school_label", "毕业院校\n系及专业");
  first.Cell(Span(p1, 5, 6, y, kRow), "full_time_school", c.full_time_school, HAlign::kLeft);
  y += kRow;
  first.Cell(Span(p1, 1, 1, y, kRow), "in_service_label", "在　职\n教　育");
  first.Cell(Span(p1, 2, 3, y, kRow), "in_service", c.in_service_level_degree);
  first.Cell(Span(p1, 4, 4, y, kRow), "in_service_school_label", "毕业院校\n系及专业");
  first.Cell(Span(p1, 5, 6, y, kRow), "in_service_school", c.in_service_school, HAlign::kLeft);
  y += kRow;
  first.Cell(Span(p1, 0, 1, y, kRow), "current_posts_label", "现　任　职　务");
  first.Cell(Span(p1, 2, 6, y, kRow), "current_posts", c.current_posts, HAlign::kLeft);
  y += kRow;
  first.Cell(Span(p1, 0, 1, y, kRow), "proposed_post_label", "拟　任　职　务");
  first.Cell(Span(p1, 2, 6, y, kRow), "proposed_post", c.proposed_post, HAlign::kLeft);
  y += kRow;
  first.Cell(Span(p1, 0, 1, y, kRow), "proposed_removal_label", "拟　免　职　务");
  first.Cell(Span(p1, 2, 6, y, kRow), "proposed_removal", c.proposed_removal, HAlign::kLeft);
  y += kRow;
  first.Cell(Span(p1, 0, 1, y, kRow), "id_number_label", "身份证号");
  first.Cell(Span(p1, 2, 3, y, kRow), "id_number", c.id_number, HAlign::kLeft);
  first.Cell(Span(p1, 4, 4, y, kRow), "retirement_month_label", "到龄年月");
  first.Cell(Span(p1, 5, 6, y, kRow), "retirement_month", c.retirement_month);
  y += kRow;
  first.Cell(Span(p1, 0, 0, y, kBottom - y), "resume_label", "简\n\n历");
  const Rect resume_cell = Span(p1, 1, 6, y, kBottom - y);
  const Rect resume_box = Inset(resume_cell, kPad);
  Flow resume =
      FlowText([&](double size) { return WrapResume(metrics, c.resume, size, resume_box.width); },
               kResumeSize, kResumeMinSize, kResumeLeading, resume_box.height,
               /*keep_entries=*/true);
  layout.resume_size = resume.size;
  first.Lines(resume_cell, "resume", std::move(resume.lines), Face::kMono, resume.size,
              kResumeLeading);
  first.Frame({kLeft, top, kTableWidth, kBottom - top});
  layout.pages.push_back(first.Take());

  // 简历 续页, right after page 1.
  if (!resume.rest.empty()) {
    Continuation more(c, metrics, layout.clipped);
    more.AddText("简历\n（续）", "resume", std::move(resume.rest), Face::kMono, resume.size,
                 kResumeLeading, /*keep_entries=*/true);
    std::vector<PageLayout> pages = more.Finish();
    layout.resume_continuation_pages = static_cast<int>(pages.size());
    for (PageLayout& page : pages) layout.pages.push_back(std::move(page));
  }

  // Page 2.
  PageBuilder second(PageKind::kSecond, metrics, layout.clipped);
  Continuation after(c, metrics, layout.clipped);
  y = kTop;
  struct Long {
    const char* label;
    const char* continued;
    const char* name;
    const std::string* text;
  };
  const Long longs[] = {
      {"奖\n惩\n情\n况", "奖惩情况\n（续）", "rewards", &c.rewards},
      {"年核\n度结\n考果", "年度考核\n结果（续）", "assessments", &c.assessments},
      {"任\n免\n理\n由", "任免理由\n（续）", "reason", &c.reason},
  };
  struct Rest {
    const Long* part;
    Flow flow;
  };
  std::vector<Rest> rests;
  for (const Long& part : longs) {
    second.Cell(Span(p2, 0, 0, y, kTallRow), std::string(part.name) + "_label", part.label);
    const Rect cell = Span(p2, 1, 5, y, kTallRow);
    const Rect box = Inset(cell, kPad);
    Flow flow = FlowText(
        [&](double size) { return WrapText(metrics, *part.text, Face::kSerif, size, box.width); },
        kLongSize, kLongMinSize, kLongLeading, box.height);
    second.Lines(cell, part.name, flow.lines, Face::kSerif, flow.size, kLongLeading);
    if (!flow.rest.empty()) rests.push_back({&part, std::move(flow)});
    y += kTallRow;
  }

  // 家庭主要成员及重要社会关系.
  const double family_space = kBottom - kFillerHeight - 2 * kTallRow - y - kFamilyHeader;
  const std::size_t members = c.family_redacted ? 0 : c.family.size();
  const std::size_t at_full = LinesThatFit(family_space, kFamilyRow);
  const std::size_t at_min = LinesThatFit(family_space, kFamilyRowMin);
  std::size_t rows = std::max<std::size_t>(members, std::max<std::size_t>(kFamilyMinRows, at_full));
  double row_height = kFamilyRow;
  std::size_t on_page = members;
  if (members > at_full) {
    on_page = std::min(members, at_min);
    rows = on_page;
    row_height = family_space / static_cast<double>(rows);
    row_height = std::min(kFamilyRow, row_height);
  }
  const double family_top = y;
  const double family_height = kFamilyHeader + static_cast<double>(rows) * row_height;
  second.Cell(Span(p2, 0, 0, family_top, family_height), "family_label",
              "家庭主要成员及重要社会关系");
  if (c.family_redacted) {
    const char* headers[] = {"称谓", "姓名", "年龄", "政治面貌", "工作单位及职务"};
    for (std::size_t col = 0; col < 5; ++col)
      second.Cell(Span(p2, col + 1, col + 1, y, kFamilyHeader), "family_header", headers[col]);
    second.Cell(Span(p2, 1, 5, y + kFamilyHeader, family_height - kFamilyHeader), "family",
                kRedactedMarker);
    y += family_height;
  } else {
    y = FamilyRows(second, std::span<const FamilyLine>(c.family).first(on_page), 0, rows, y,
                   row_height);
  }

  second.Cell(Span(p2, 0, 0, y, kTallRow), "reporting_unit_label", "呈\n报\n单\n位");
  const Rect unit_cell = Span(p2, 1, 5, y, kTallRow);
  second.Cell(unit_cell, "reporting_unit", c.reporting_unit, HAlign::kLeft, VAlign::kTop);
  {
    const Rect box = Inset(unit_cell, kPad);
    second.Text({box.x, box.bottom() - 12 * kMm, box.width - 10 * kMm, 12 * kMm},
                "reporting_unit_sign", kSign, HAlign::kRight, VAlign::kBottom);
  }
  y += kTallRow;
  second.Cell(Span(p2, 0, 0, y, kTallRow), "approval_label", "审批\n机关\n意见");
  const Rect approval = Span(p2, 1, 2, y, kTallRow);
  second.Cell(approval, "approval_sign", "");
  second.Text({approval.x, approval.bottom() - 13 * kMm, approval.width - 4 * kMm, 12 * kMm},
              "approval_sign", kSign, HAlign::kRight, VAlign::kBottom);
  second.Cell(Span(p2, 3, 3, y, kTallRow), "administrative_label", "行政\n机关\n任免\n意见");
  const Rect administrative = Span(p2, 4, 5, y, kTallRow);
  second.Cell(administrative, "administrative_sign", "");
  second.Text({administrative.x, administrative.bottom() - 13 * kMm,
               administrative.width - 10 * kMm, 12 * kMm},
              "administrative_sign", kSign, HAlign::kRight, VAlign::kBottom);
  y += kTallRow;
  second.Frame({kLeft, kTop, kTableWidth, y - kTop});
  second.Text({kLeft, y + 1 * kMm, kTableWidth / 2, kFillerHeight - 1 * kMm}, "filled_by",
              "填表人：" + c.filled_by, HAlign::kLeft, VAlign::kMiddle);
  if (!c.filled_date.empty()) {
    second.Text({kLeft + kTableWidth / 2, y + 1 * kMm, kTableWidth / 2, kFillerHeight - 1 * kMm},
                "filled_date", "填表时间：" + c.filled_date, HAlign::kRight, VAlign::kMiddle);
  }
  layout.pages.push_back(second.Take());

  // 续页 after page 2: the long texts' rest, then the family members page 2 could not hold.
  for (Rest& rest : rests) {
    after.AddText(rest.part->continued, rest.part->name, std::move(rest.flow.rest), Face::kSerif,
                  rest.flow.size, kLongLeading);
  }
  if (on_page < members) {
    after.Family(std::span<const FamilyLine>(c.family).subspan(on_page), on_page);
  }
  for (PageLayout& page : after.Finish()) layout.pages.push_back(std::move(page));

  layout.continuation_pages = 0;
  for (const PageLayout& page : layout.pages)
    if (page.kind == PageKind::kContinuation) ++layout.continuation_pages;
  return layout;
}

}  // namespace xr::print
