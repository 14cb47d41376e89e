#include "interchange/xlsx_writer.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "interchange/xlsx_text.h"

namespace xr::interchange {
namespace {

constexpr int kMaxColumns = 16384;
constexpr std::int64_t kMaxRows = 1048576;
constexpr double kMinWidth = 6;
constexpr double kMaxWidth = 60;
constexpr std::string_view kListSheet = "字典";

// Excel's serial day number (1900 date system) of `date`: days since 1899-12-30.
double SerialOf(const base::Date& date) {
  using namespace std::chrono;
  constexpr sys_days kEpoch = sys_days(year(1899) / December / day(30));
  return double((date.days() - kEpoch).count());
}

// A sheet name Excel accepts: 1–31 characters, none of []:*?/\ and not starting or ending
// with an apostrophe.
std::string SheetName(std::string_view wanted, std::set<std::string>& taken) {
  std::string base;
  int characters = 0;
  std::string text = CleanText(wanted);
  for (std::size_t i = 0; i < text.size() && characters < 31;) {
    std::size_t length = Utf8Length(static_cast<unsigned char>(text[i]));
    std::string_view one(text.data() + i, std::min(length, text.size() - i));
    if (one.size() == 1 && std::string_view("[]:*?/\\").find(one[0]) != std::string_view::npos) {
      base += '_';
    } else if (one.size() == 1 && (one[0] == '\n' || one[0] == '\r' || one[0] == '\t')) {
      base += ' ';
    } else {
      base.append(one);
    }
    i += one.size();
    ++characters;
  }
  while (!base.empty() && base.front() == '\'') base.erase(base.begin());
  while (!base.empty() && base.back() == '\'') base.pop_back();
  if (base.empty()) base = "Sheet";
  auto lower = [](std::string s) {
    for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  std::string name = base;
  for (int n = 2; taken.count(lower(name)); ++n) {
    std::string suffix = " (" + std::to_string(n) + ")";
    // Keep within 31 characters by cutting the base (by bytes is enough for ASCII suffixes).
    std::string cut = base;
    while (DisplayWidth(cut) > 0 && Utf8Count(cut) + Utf8Count(suffix) > 31) {
      cut = DropLastCharacter(cut);
    }
    name = cut + suffix;
  }
  taken.insert(lower(name));
  return name;
}

std::string NumberText(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.15g", value);
  return buffer;
}

}  // namespace

double DisplayWidth(std::string_view text) {
  double width = 0;
  double line = 0;
  for (std::size_t i = 0; i < text.size();) {
    unsigned char lead = static_cast<unsigned char>(text[i]);
    std::size_t length = std::min(Utf8Length(lead), text.size() - i);
    if (lead == '\n') {
      width = std::max(width, line);
      line = 0;
    } else if (length >= 3) {
      // CJK ideographs, kana, hangul, full-width forms (all 3- or 4-byte UTF-8) fill two cells.
      line += 2;
    } else {
      line += 1;
    }
    i += length;
  }
  return std::max(width, line);
}

struct XlsxWriter::Impl {
  std::filesystem::path dir;
  std::filesystem::path file;
  lxw_workbook* workbook = nullptr;
  lxw_format* bold = nullptr;
  lxw_format* date = nullptr;
  lxw_format* month = nullptr;
  lxw_format* text = nullptr;
  lxw_format* wrap = nullptr;

  lxw_worksheet* sheet = nullptr;
  std::vector<XlsxColumn> columns;
  std::vector<double> widths;
  bool notes = false;
  std::int64_t next_row = 0;
  std::set<std::string> names;

  // Drop-down lists, written to the hidden sheet at Finish: each list once.
  std::vector<std::vector<std::string>> lists;
  std::map<std::vector<std::string>, int> list_index;

  ~Impl() {
    if (workbook) {
      // Never closed (an error on the way): close to free it, into the temporary file.
      workbook_close(workbook);
    }
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }

  void FitColumns() {
    if (!sheet) return;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      double width = notes ? 100 : std::clamp(widths[c] + 2, kMinWidth, kMaxWidth);
      lxw_format* format = columns[c].text ? text : (notes ? wrap : nullptr);
      worksheet_set_column(sheet, lxw_col_t(c), lxw_col_t(c), width, format);
    }
  }
};

XlsxWriter::XlsxWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
XlsxWriter::~XlsxWriter() = default;

base::Result<std::unique_ptr<XlsxWriter>> XlsxWriter::Create() {
  auto impl = std::make_unique<Impl>();
  std::string pattern = (std::filesystem::temp_directory_path() / "xr-xlsx-XXXXXX").string();
  if (!mkdtemp(pattern.data())) return base::Internal("无法创建临时目录，不能生成 Excel 文件");
  impl->dir = pattern;
  impl->file = impl->dir / "book.xlsx";
  std::string tmpdir = impl->dir.string();
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.tmpdir = tmpdir.data();
  options.use_zip64 = LXW_FALSE;
  impl->workbook = workbook_new_opt(impl->file.c_str(), &options);
  if (!impl->workbook) return base::Internal("无法创建 Excel 文件");
  impl->bold = workbook_add_format(impl->workbook);
  format_set_bold(impl->bold);
  format_set_bg_color(impl->bold, 0xDDEBF7);
  format_set_border(impl->bold, LXW_BORDER_THIN);
  impl->date = workbook_add_format(impl->workbook);
  format_set_num_format(impl->date, "yyyy-mm-dd");
  impl->month = workbook_add_format(impl->workbook);
  format_set_num_format(impl->month, "yyyy.mm");
  impl->text = workbook_add_format(impl->workbook);
  format_set_num_format(impl->text, "@");
  impl->wrap = workbook_add_format(impl->workbook);
  format_set_text_wrap(impl->wrap);
  return std::unique_ptr<XlsxWriter>(new XlsxWriter(std::move(impl)));
}

base::Status XlsxWriter::StartSheet(std::string_view name, const std::vector<XlsxColumn>& columns,
                                    XlsxSheetOptions options) {
  Impl& w = *impl_;
  if (!w.workbook) return base::FailedPrecondition("Excel 文件已经生成");
  if (columns.empty()) return base::InvalidArgument("工作表至少要有一列", "columns");
  if (columns.size() > std::size_t(kMaxColumns)) {
    return base::InvalidArgument("工作表最多 16384 列", "columns");
  }
  w.FitColumns();
  std::string sheet_name = SheetName(name, w.names);
  w.sheet = workbook_add_worksheet(w.workbook, sheet_name.c_str());
  if (!w.sheet) return base::Internal("无法添加工作表“" + sheet_name + "”");
  w.columns = columns;
  w.notes = options.notes;
  w.widths.assign(columns.size(), 0);
  w.next_row = 1;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    std::string header = CleanText(columns[c].header);
    w.widths[c] = DisplayWidth(header) + (options.notes ? 0 : 2);  // room for the filter arrow
    worksheet_write_string(w.sheet, 0, lxw_col_t(c), header.c_str(), w.bold);
    if (columns[c].options.empty()) continue;
    auto [it, added] = w.list_index.emplace(columns[c].options, int(w.lists.size()));
    if (added) w.lists.push_back(columns[c].options);
    // The list sheet's column of this list, its values in rows 1…n.
    std::string column_name;
    for (int n = it->second + 1; n > 0; n = (n - 1) / 26) {
      column_name.insert(column_name.begin(), char('A' + (n - 1) % 26));
    }
    std::string formula = "='" + std::string(kListSheet) + "'!$" + column_name + "$1:$" +
                          column_name + "$" + std::to_string(columns[c].options.size());
    lxw_data_validation validation{};
    validation.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
    validation.value_formula = formula.data();
    validation.ignore_blank = LXW_VALIDATION_ON;
    validation.show_error = LXW_VALIDATION_ON;
    validation.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;
    std::string error_title = "不在列表中";
    std::string error_message = "请从下拉列表中选择“" + header + "”。";
    validation.error_title = error_title.data();
    validation.error_message = error_message.data();
    int last = std::max(1, columns[c].validation_rows);
    if (worksheet_data_validation_range(w.sheet, 1, lxw_col_t(c), lxw_row_t(last), lxw_col_t(c),
                                        &validation) != LXW_NO_ERROR) {
      return base::Internal("无法为“" + header + "”列设置下拉列表");
    }
  }
  if (!options.notes) worksheet_freeze_panes(w.sheet, 1, 0);
  return base::Status::Ok();
}

base::Status XlsxWriter::AddRow(const XlsxRow& row) {
  Impl& w = *impl_;
  if (!w.workbook || !w.sheet) return base::FailedPrecondition("尚未开始工作表");
  if (w.next_row >= kMaxRows) {
    return base::InvalidArgument("一个工作表最多 1048576 行，请缩小导出范围", "rows");
  }
  lxw_row_t r = lxw_row_t(w.next_row++);
  std::size_t count = std::min(row.size(), w.columns.size());
  for (std::size_t c = 0; c < count; ++c) {
    lxw_col_t col = lxw_col_t(c);
    const XlsxCell& cell = row[c];
    double width = 0;
    if (const auto* s = std::get_if<std::string>(&cell)) {
      if (s->empty()) continue;
      std::string text = EscapeXstring(CleanText(*s));
      worksheet_write_string(w.sheet, r, col, text.c_str(), w.notes ? w.wrap : nullptr);
      width = DisplayWidth(*s);
    } else if (const auto* i = std::get_if<std::int64_t>(&cell)) {
      worksheet_write_number(w.sheet, r, col, double(*i), nullptr);
      width = double(std::to_string(*i).size());
    } else if (const auto* d = std::get_if<double>(&cell)) {
      if (!std::isfinite(*d)) continue;
      worksheet_write_number(w.sheet, r, col, *d, nullptr);
      width = double(NumberText(*d).size());
    } else if (const auto* day = std::get_if<base::Date>(&cell)) {
      worksheet_write_number(w.sheet, r, col, SerialOf(*day), w.date);
      width = 10;
    } else if (const auto* month = std::get_if<base::YearMonth>(&cell)) {
      auto first = base::Date::FromYmd(month->year(), month->month(), 1);
      if (!first.ok()) continue;
      worksheet_write_number(w.sheet, r, col, SerialOf(*first), w.month);
      width = 7;
    }
    w.widths[c] = std::max(w.widths[c], width);
  }
  return base::Status::Ok();
}

base::Result<std::string> XlsxWriter::Finish() {
  Impl& w = *impl_;
  if (!w.workbook) return base::FailedPrecondition("Excel 文件已经生成");
  w.FitColumns();
  if (!w.lists.empty()) {
    std::string list_name = SheetName(kListSheet, w.names);
    lxw_worksheet* lists = workbook_add_worksheet(w.workbook, list_name.c_str());
    if (!lists) return base::Internal("无法添加字典工作表");
    std::size_t longest = 0;
    for (const auto& list : w.lists) longest = std::max(longest, list.size());
    for (std::size_t r = 0; r < longest; ++r) {
      for (std::size_t c = 0; c < w.lists.size(); ++c) {
        if (r >= w.lists[c].size()) continue;
        std::string text = EscapeXstring(CleanText(w.lists[c][r]));
        worksheet_write_string(lists, lxw_row_t(r), lxw_col_t(c), text.c_str(), nullptr);
      }
    }
    worksheet_hide(lists);
  }
  lxw_error error = workbook_close(w.workbook);
  w.workbook = nullptr;
  w.sheet = nullptr;
  if (error != LXW_NO_ERROR) {
    return base::Internal(std::string("生成 Excel 文件失败：") + lxw_strerror(error));
  }
  std::ifstream in(w.file, std::ios::binary);
  if (!in) return base::Internal("生成的 Excel 文件无法读取");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

base::Result<std::string> WriteXlsx(const std::vector<XlsxSheet>& sheets) {
  ASSIGN_OR_RETURN(std::unique_ptr<XlsxWriter> writer, XlsxWriter::Create());
  for (const XlsxSheet& sheet : sheets) {
    RETURN_IF_ERROR(writer->StartSheet(sheet.name, sheet.columns, sheet.options));
    for (const XlsxRow& row : sheet.rows) RETURN_IF_ERROR(writer->AddRow(row));
  }
  return writer->Finish();
}

}  // namespace xr::interchange
