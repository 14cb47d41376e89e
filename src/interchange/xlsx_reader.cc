#include "interchange/xlsx_reader.h"

#include <zip.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <pugixml.hpp>

#include "interchange/xlsx_text.h"

namespace xr::interchange {
namespace {

base::Status Bad(std::string message) { return base::InvalidArgument(std::move(message), "file"); }

std::string Megabytes(std::int64_t bytes) { return std::to_string(bytes >> 20) + " MB"; }

// The archive, read part by part with the limits applied to what is actually inflated.
class Archive {
 public:
  Archive(const Archive&) = delete;
  Archive& operator=(const Archive&) = delete;
  ~Archive() {
    if (zip_) zip_discard(zip_);
  }

  static base::Result<std::unique_ptr<Archive>> Open(std::string_view bytes,
                                                     const XlsxLimits& limits) {
    if (bytes.size() < 4 || bytes.substr(0, 2) != "PK") {
      return Bad("文件不是 Excel 2007 及以后的 .xlsx 格式（.xls 请先在 Excel 中另存为 .xlsx）");
    }
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (!source) {
      zip_error_fini(&error);
      return base::Internal("无法读取上传的文件");
    }
    zip_t* zip = zip_open_from_source(source, ZIP_RDONLY, &error);
    zip_error_fini(&error);
    if (!zip) {
      zip_source_free(source);
      return Bad("文件已损坏或不完整，不是有效的 .xlsx 文件");
    }
    auto archive = std::unique_ptr<Archive>(new Archive(zip, limits));
    if (zip_get_num_entries(zip, 0) > limits.max_parts) {
      return Bad("文件包含的部件过多，不是正常的 .xlsx 文件");
    }
    return archive;
  }

  bool Has(const std::string& name) const { return zip_name_locate(zip_, name.c_str(), 0) >= 0; }

  // The part `name` inflated; NotFound-like InvalidArgument when missing.
  base::Result<std::string> Read(const std::string& name) {
    zip_int64_t index = zip_name_locate(zip_, name.c_str(), 0);
    if (index < 0) return Bad("文件缺少 " + name + "，不是有效的 .xlsx 文件");
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(zip_, zip_uint64_t(index), 0, &stat) == 0 && (stat.valid & ZIP_STAT_SIZE) &&
        stat.size > zip_uint64_t(limits_.max_part_bytes)) {
      return TooLarge(name);
    }
    zip_file_t* file = zip_fopen_index(zip_, zip_uint64_t(index), 0);
    if (!file) return Bad("文件中的 " + name + " 无法解压（文件已损坏或加密）");
    std::string out;
    char buffer[65536];
    while (true) {
      zip_int64_t n = zip_fread(file, buffer, sizeof buffer);
      if (n < 0) {
        zip_fclose(file);
        return Bad("文件中的 " + name + " 无法解压（文件已损坏或不完整）");
      }
      if (n == 0) break;
      out.append(buffer, std::size_t(n));
      total_ += n;
      // The declared size may lie: count what is inflated.
      if (std::int64_t(out.size()) > limits_.max_part_bytes) {
        zip_fclose(file);
        return TooLarge(name);
      }
      if (total_ > limits_.max_uncompressed_bytes) {
        zip_fclose(file);
        return Bad("文件解压后超过 " + Megabytes(limits_.max_uncompressed_bytes) +
                   "，请拆分后再导入");
      }
    }
    zip_fclose(file);
    return out;
  }

 private:
  Archive(zip_t* zip, const XlsxLimits& limits) : zip_(zip), limits_(limits) {}
  base::Status TooLarge(const std::string& name) {
    return Bad("文件中的 " + name + " 解压后超过 " + Megabytes(limits_.max_part_bytes) +
               "，请拆分后再导入");
  }
  zip_t* zip_;
  const XlsxLimits& limits_;
  std::int64_t total_ = 0;
};

// The element name without its namespace prefix ("x:row" → "row").
std::string_view Local(const pugi::xml_node& node) {
  std::string_view name = node.name();
  std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node Child(const pugi::xml_node& node, std::string_view name) {
  for (pugi::xml_node child : node.children()) {
    if (child.type() == pugi::node_element && Local(child) == name) return child;
  }
  return {};
}

// An attribute by local name ("r:id" matches "id" only when asked with the prefix form).
pugi::xml_attribute Attribute(const pugi::xml_node& node, std::string_view name) {
  for (pugi::xml_attribute a : node.attributes()) {
    std::string_view full = a.name();
    if (full == name) return a;
    std::size_t colon = full.find(':');
    if (colon != std::string_view::npos && full.substr(colon + 1) == name &&
        full.substr(0, colon) != "xmlns") {
      return a;
    }
  }
  return {};
}

base::Status ParseXml(pugi::xml_document& document, const std::string& text,
                      const std::string& part) {
  // parse_doctype only so that a DOCTYPE can be seen and refused; pugixml never reads a DTD,
  // never fetches anything, and leaves unknown entity references as they are.
  unsigned flags = pugi::parse_default | pugi::parse_ws_pcdata_single | pugi::parse_doctype;
  pugi::xml_parse_result result =
      document.load_buffer(text.data(), text.size(), flags, pugi::encoding_utf8);
  if (!result) {
    return Bad("文件中的 " + part + " 不是有效的 XML（" + result.description() +
               "），文件可能已损坏");
  }
  for (pugi::xml_node node : document.children()) {
    if (node.type() == pugi::node_doctype) {
      return Bad("文件中的 " + part + " 含有 DTD 声明，出于安全原因拒绝读取");
    }
  }
  return base::Status::Ok();
}

// Text of a string item (<si> or <is>): its <t>, or the <t> of each rich-text run; phonetic
// runs (<rPh>) are not part of the value.
void CollectText(const pugi::xml_node& node, std::string& out) {
  for (pugi::xml_node child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    std::string_view name = Local(child);
    if (name == "t") {
      out += child.text().get();
    } else if (name == "r") {
      CollectText(child, out);
    }
  }
}

std::string StringItem(const pugi::xml_node& node) {
  std::string raw;
  CollectText(node, raw);
  return CleanText(DecodeXstring(raw));
}

// How a number format shows a value.
enum class Shown { kNumber, kDay, kMonth, kDateTime };

// A custom format code: date-like when it shows y or d (or m with them); quoted text,
// [colors/conditions] and backslash-escaped characters do not count.
Shown ClassifyFormat(std::string_view code) {
  bool year = false, day = false, hour = false, month = false;
  bool quoted = false;
  int bracket = 0;
  for (std::size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (quoted) {
      if (c == '"') quoted = false;
      continue;
    }
    if (c == '"') {
      quoted = true;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if (c == '[') {
      ++bracket;
    } else if (c == ']') {
      bracket = std::max(0, bracket - 1);
    } else if (bracket == 0) {
      switch (std::tolower(static_cast<unsigned char>(c))) {
        case 'y':
          year = true;
          break;
        case 'd':
          day = true;
          break;
        case 'h':
          hour = true;
          break;
        case 'm':
          month = true;
          break;
        case 'e':
          year = true;
          break;  // era year (Chinese/Japanese calendars)
        case ';':
          i = code.size();
          break;  // the first section decides
        default:
          break;
      }
    }
  }
  if (day && hour) return Shown::kDateTime;
  if (day) return Shown::kDay;
  if (year && month) return Shown::kMonth;
  if (year) return Shown::kMonth;
  return Shown::kNumber;
}

// The built-in formats (ECMA-376 §18.8.30, with the zh-CN locale's 27–36 and 50–58).
Shown ClassifyBuiltIn(int id) {
  switch (id) {
    case 14:
    case 15:
    case 16:
    case 28:
    case 29:
    case 30:
    case 31:
    case 52:
    case 53:
    case 54:
    case 55:
    case 56:
    case 58:
      return Shown::kDay;
    case 17:
    case 27:
    case 36:
    case 50:
    case 51:
    case 57:
      return Shown::kMonth;
    case 22:
      return Shown::kDateTime;
    default:
      return Shown::kNumber;
  }
}

std::string NumberText(std::string_view value) {
  char* end = nullptr;
  std::string text(value);
  double number = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || !std::isfinite(number)) return CleanText(text);
  if (std::fabs(number) < 1e15 && number == std::floor(number)) {
    return std::to_string(std::int64_t(number));
  }
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.15g", number);
  return buffer;
}

std::string DateText(double serial, Shown shown, bool date1904) {
  using namespace std::chrono;
  double whole = std::floor(serial);
  // 1900 system: day 1 is 1900-01-01 and Excel counts a 1900-02-29 that never was (day 60), so
  // from day 61 on the epoch is 1899-12-30; before it, 1899-12-31.
  sys_days epoch = date1904 ? sys_days(year(1904) / January / day(1))
                            : (whole < 61 ? sys_days(year(1899) / December / day(31))
                                          : sys_days(year(1899) / December / day(30)));
  if (whole < 0 || whole > 2958465) return NumberText(std::to_string(serial));
  year_month_day ymd(epoch + days(std::int64_t(whole)));
  char buffer[40];
  if (shown == Shown::kMonth) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02u", int(ymd.year()), unsigned(ymd.month()));
  } else if (shown == Shown::kDateTime) {
    long seconds = std::lround((serial - whole) * 86400.0);
    if (seconds >= 86400) seconds = 86399;
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u %02ld:%02ld:%02ld", int(ymd.year()),
                  unsigned(ymd.month()), unsigned(ymd.day()), seconds / 3600, seconds / 60 % 60,
                  seconds % 60);
  } else {
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()),
                  unsigned(ymd.day()));
  }
  return buffer;
}

// "xl/workbook.xml" + "worksheets/sheet1.xml" → "xl/worksheets/sheet1.xml"; an absolute target
// ("/xl/…") is from the package root.
std::string ResolvePart(const std::string& from, std::string_view target) {
  std::string path;
  if (!target.empty() && target.front() == '/') {
    path = std::string(target.substr(1));
  } else {
    std::size_t slash = from.rfind('/');
    path = (slash == std::string::npos ? "" : from.substr(0, slash + 1)) + std::string(target);
  }
  // Fold "a/../b" and "./".
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string part = path.substr(start, end - start);
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    start = end + 1;
  }
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : "/") + part;
  return out;
}

// The relationships part of `part` ("xl/workbook.xml" → "xl/_rels/workbook.xml.rels"): id → target.
base::Result<std::map<std::string, std::string>> ReadRelationships(Archive& archive,
                                                                   const std::string& part) {
  std::size_t slash = part.rfind('/');
  std::string rels = (slash == std::string::npos ? "" : part.substr(0, slash + 1)) + "_rels/" +
                     (slash == std::string::npos ? part : part.substr(slash + 1)) + ".rels";
  std::map<std::string, std::string> out;
  if (!archive.Has(rels)) return out;
  ASSIGN_OR_RETURN(std::string text, archive.Read(rels));
  pugi::xml_document document;
  RETURN_IF_ERROR(ParseXml(document, text, rels));
  for (pugi::xml_node r : Child(document, "Relationships").children()) {
    if (Local(r) != "Relationship") continue;
    out[Attribute(r, "Id").value()] = ResolvePart(part, Attribute(r, "Target").value());
  }
  return out;
}

struct Styles {
  std::vector<Shown> by_xf;  // cellXfs index → how the number is shown
  Shown Of(std::int64_t index) const {
    return index >= 0 && std::size_t(index) < by_xf.size() ? by_xf[std::size_t(index)]
                                                           : Shown::kNumber;
  }
};

base::Result<Styles> ReadStyles(Archive& archive, const std::string& part) {
  Styles styles;
  if (part.empty() || !archive.Has(part)) return styles;
  ASSIGN_OR_RETURN(std::string text, archive.Read(part));
  pugi::xml_document document;
  RETURN_IF_ERROR(ParseXml(document, text, part));
  pugi::xml_node root = Child(document, "styleSheet");
  std::map<int, Shown> custom;
  for (pugi::xml_node f : Child(root, "numFmts").children()) {
    if (Local(f) != "numFmt") continue;
    custom[Attribute(f, "numFmtId").as_int()] = ClassifyFormat(Attribute(f, "formatCode").value());
  }
  for (pugi::xml_node xf : Child(root, "cellXfs").children()) {
    if (Local(xf) != "xf") continue;
    int id = Attribute(xf, "numFmtId").as_int();
    auto it = custom.find(id);
    styles.by_xf.push_back(it != custom.end() ? it->second : ClassifyBuiltIn(id));
  }
  return styles;
}

base::Result<std::vector<std::string>> ReadSharedStrings(Archive& archive,
                                                         const std::string& part) {
  std::vector<std::string> strings;
  if (part.empty() || !archive.Has(part)) return strings;
  ASSIGN_OR_RETURN(std::string text, archive.Read(part));
  pugi::xml_document document;
  RETURN_IF_ERROR(ParseXml(document, text, part));
  for (pugi::xml_node si : Child(document, "sst").children()) {
    if (Local(si) == "si") strings.push_back(StringItem(si));
  }
  return strings;
}

// "B12" → column 1 (row ignored); -1 when malformed.
int ColumnOfReference(std::string_view reference) {
  std::size_t letters = 0;
  while (letters < reference.size() && std::isalpha(static_cast<unsigned char>(reference[letters])))
    ++letters;
  return ColumnIndex(reference.substr(0, letters));
}

base::Result<std::vector<XlsxTextRow>> ReadSheetRows(Archive& archive, const std::string& part,
                                                     const std::string& sheet_name,
                                                     const std::vector<std::string>& strings,
                                                     const Styles& styles, bool date1904,
                                                     const XlsxLimits& limits) {
  ASSIGN_OR_RETURN(std::string text, archive.Read(part));
  pugi::xml_document document;
  RETURN_IF_ERROR(ParseXml(document, text, part));
  text.clear();
  text.shrink_to_fit();
  std::vector<XlsxTextRow> rows;
  pugi::xml_node data = Child(Child(document, "worksheet"), "sheetData");
  std::int64_t row_number = 0;
  std::int64_t rows_seen = 0;
  for (pugi::xml_node row : data.children()) {
    if (Local(row) != "row") continue;
    if (++rows_seen > limits.max_rows) {
      return Bad("工作表“" + sheet_name + "”超过 " + std::to_string(limits.max_rows) +
                 " 行，请拆分后再导入");
    }
    std::int64_t number = Attribute(row, "r").as_llong(0);
    row_number = number > row_number ? number : row_number + 1;
    XlsxTextRow out;
    out.number = row_number;
    int column = -1;
    for (pugi::xml_node cell : row.children()) {
      if (Local(cell) != "c") continue;
      pugi::xml_attribute reference = Attribute(cell, "r");
      int at = reference ? ColumnOfReference(reference.value()) : column + 1;
      if (at < 0)
        return Bad("工作表“" + sheet_name + "”第 " + std::to_string(row_number) +
                   " 行有无效的单元格位置“" + reference.value() + "”");
      column = at;
      if (column >= limits.max_columns) {
        return Bad("工作表“" + sheet_name + "”超过 " + std::to_string(limits.max_columns) +
                   " 列，请删除多余的列后再导入");
      }
      std::string_view type = Attribute(cell, "t").value();
      std::string value;
      if (type == "inlineStr") {
        value = StringItem(Child(cell, "is"));
      } else {
        std::string_view v = Child(cell, "v").text().get();
        if (type == "s") {
          char* end = nullptr;
          std::string index_text(v);
          long long index = std::strtoll(index_text.c_str(), &end, 10);
          if (end == index_text.c_str() || index < 0 || std::size_t(index) >= strings.size()) {
            return Bad("工作表“" + sheet_name + "”单元格 " + ColumnName(column) +
                       std::to_string(row_number) + " 引用了不存在的共享字符串，文件可能已损坏");
          }
          value = strings[std::size_t(index)];
        } else if (type == "str" || type == "e") {
          value = CleanText(DecodeXstring(v));
        } else if (type == "b") {
          value = v == "1" ? "TRUE" : "FALSE";
        } else if (!v.empty()) {
          Shown shown = styles.Of(Attribute(cell, "s").as_llong(0));
          char* end = nullptr;
          std::string number_text(v);
          double number = std::strtod(number_text.c_str(), &end);
          if (shown != Shown::kNumber && end != number_text.c_str() && std::isfinite(number)) {
            value = DateText(number, shown, date1904);
          } else {
            value = NumberText(v);
          }
        }
      }
      if (value.empty()) continue;
      if (out.cells.size() <= std::size_t(column)) out.cells.resize(std::size_t(column) + 1);
      out.cells[std::size_t(column)] = std::move(value);
    }
    if (!out.cells.empty()) rows.push_back(std::move(out));
  }
  return rows;
}

}  // namespace

int ColumnIndex(std::string_view letters) {
  if (letters.empty() || letters.size() > 3) return -1;
  int index = 0;
  for (char c : letters) {
    char upper = char(std::toupper(static_cast<unsigned char>(c)));
    if (upper < 'A' || upper > 'Z') return -1;
    index = index * 26 + (upper - 'A' + 1);
  }
  return index <= 16384 ? index - 1 : -1;
}

std::string ColumnName(int index) {
  std::string out;
  for (int n = index + 1; n > 0; n = (n - 1) / 26)
    out.insert(out.begin(), char('A' + (n - 1) % 26));
  return out;
}

base::Result<std::vector<XlsxTextSheet>> ReadXlsx(std::string_view bytes,
                                                  const XlsxLimits& limits) {
  ASSIGN_OR_RETURN(std::unique_ptr<Archive> archive, Archive::Open(bytes, limits));
  // The package's main part: the officeDocument relationship of _rels/.rels.
  std::string workbook_part = "xl/workbook.xml";
  if (archive->Has("_rels/.rels")) {
    ASSIGN_OR_RETURN(std::string text, archive->Read("_rels/.rels"));
    pugi::xml_document document;
    RETURN_IF_ERROR(ParseXml(document, text, "_rels/.rels"));
    for (pugi::xml_node r : Child(document, "Relationships").children()) {
      std::string_view type = Attribute(r, "Type").value();
      if (type.size() >= 15 && type.substr(type.size() - 15) == "/officeDocument") {
        workbook_part = ResolvePart("", Attribute(r, "Target").value());
      }
    }
  }
  ASSIGN_OR_RETURN(std::string workbook_text, archive->Read(workbook_part));
  pugi::xml_document workbook;
  RETURN_IF_ERROR(ParseXml(workbook, workbook_text, workbook_part));
  pugi::xml_node book = Child(workbook, "workbook");
  pugi::xml_attribute date1904_attribute = Attribute(Child(book, "workbookPr"), "date1904");
  std::string_view date1904_text = date1904_attribute.value();
  bool date1904 = date1904_text == "1" || date1904_text == "true";

  ASSIGN_OR_RETURN(auto rels, ReadRelationships(*archive, workbook_part));
  std::string styles_part, strings_part;
  {
    // Types of the workbook's relationships come from the same .rels; read them by type.
    std::size_t slash = workbook_part.rfind('/');
    std::string rels_part =
        workbook_part.substr(0, slash + 1) + "_rels/" + workbook_part.substr(slash + 1) + ".rels";
    if (archive->Has(rels_part)) {
      ASSIGN_OR_RETURN(std::string text, archive->Read(rels_part));
      pugi::xml_document document;
      RETURN_IF_ERROR(ParseXml(document, text, rels_part));
      for (pugi::xml_node r : Child(document, "Relationships").children()) {
        std::string_view type = Attribute(r, "Type").value();
        std::string target = ResolvePart(workbook_part, Attribute(r, "Target").value());
        auto ends_with = [&](std::string_view suffix) {
          return type.size() >= suffix.size() && type.substr(type.size() - suffix.size()) == suffix;
        };
        if (ends_with("/styles")) styles_part = target;
        if (ends_with("/sharedStrings")) strings_part = target;
      }
    }
  }
  ASSIGN_OR_RETURN(Styles styles, ReadStyles(*archive, styles_part));
  ASSIGN_OR_RETURN(std::vector<std::string> strings, ReadSharedStrings(*archive, strings_part));

  std::vector<XlsxTextSheet> sheets;
  for (pugi::xml_node sheet : Child(book, "sheets").children()) {
    if (Local(sheet) != "sheet") continue;
    if (std::int64_t(sheets.size()) >= limits.max_sheets) {
      return Bad("文件的工作表超过 " + std::to_string(limits.max_sheets) + " 个");
    }
    XlsxTextSheet out;
    out.name = CleanText(Attribute(sheet, "name").value());
    std::string_view state = Attribute(sheet, "state").value();
    out.hidden = state == "hidden" || state == "veryHidden";
    auto target = rels.find(Attribute(sheet, "id").value());
    if (target == rels.end()) {
      return Bad("工作表“" + out.name + "”在文件中找不到，文件可能已损坏");
    }
    ASSIGN_OR_RETURN(out.rows, ReadSheetRows(*archive, target->second, out.name, strings, styles,
                                             date1904, limits));
    sheets.push_back(std::move(out));
  }
  if (sheets.empty()) return Bad("文件中没有工作表");
  return sheets;
}

}  // namespace xr::interchange
