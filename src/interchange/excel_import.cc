#include "interchange/excel_import.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "cadre/cadre_fields.h"
#include "cadre/cadre_permissions.h"
#include "cadre/cadre_scope.h"
#include "cadre/dictionary_repository.h"
#include "cadre/dossier_json.h"
#include "cadre/dossier_repository.h"
#include "cadre/dossier_rules.h"
#include "cadre/id_number.h"
#include "cadre/search_keys.h"
#include "cadre/vocabulary.h"
#include "interchange/xlsx_reader.h"
#include "interchange/xlsx_text.h"
#include "interchange/xlsx_writer.h"

namespace xr::interchange {
namespace {

using Json = nlohmann::json;

constexpr std::size_t kMaxUploadBytes = 20u << 20;
constexpr std::int64_t kMaxDataRows = 20000;
constexpr auto kUploadLifetime = std::chrono::hours(24);
constexpr const char* kOutsideScope = "所在单位不存在或不在您的管理范围内";
constexpr std::size_t kSampleRows = 5;
constexpr int kReportEvery = 100;

std::string Trim(std::string_view text) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  // A full-width space (U+3000) around a value is as blank as an ASCII one.
  std::string out(text);
  while (out.rfind("\xE3\x80\x80", 0) == 0) out.erase(0, 3);
  while (out.size() >= 3 && out.compare(out.size() - 3, 3, "\xE3\x80\x80") == 0)
    out.resize(out.size() - 3);
  return out;
}

bool IsMonthKey(std::string_view key) {
  return key == "birth_month" || key == "party_join_month" || key == "work_start_month" ||
         key == "post_start_month" || key == "rank_start_month";
}

// "1975.03", "1975-3", "1975/03", "197503", "1975年3月", "1975-03-01" (a date cell) → "1975-03".
std::optional<std::string> ParseMonth(std::string_view text) {
  std::string digits[2];
  int part = 0;
  std::size_t i = 0;
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  std::string s(text);
  if (s.size() == 6 && std::all_of(s.begin(), s.end(), is_digit)) {
    digits[0] = s.substr(0, 4);
    digits[1] = s.substr(4);
  } else {
    while (i < s.size() && part < 2) {
      if (is_digit(s[i])) {
        digits[part] += s[i++];
      } else {
        if (digits[part].empty()) return std::nullopt;
        ++part;
        // separators: . - / 年
        if (s.compare(i, 3, "年") == 0)
          i += 3;
        else if (s[i] == '.' || s[i] == '-' || s[i] == '/')
          ++i;
        else
          return std::nullopt;
      }
    }
    // What may follow the month: 月, a day ("-01", ".01", "日"), nothing else.
    std::string rest = s.substr(std::min(i, s.size()));
    if (part < 1 || digits[1].empty()) return std::nullopt;
    if (!rest.empty() && rest.rfind("月", 0) != 0 && rest[0] != '-' && rest[0] != '.' &&
        rest[0] != '/') {
      return std::nullopt;
    }
  }
  if (digits[0].size() != 4 || digits[1].empty() || digits[1].size() > 2) return std::nullopt;
  int year = std::stoi(digits[0]);
  int month = std::stoi(digits[1]);
  auto parsed = base::YearMonth::FromYm(year, unsigned(month));
  if (!parsed.ok()) return std::nullopt;
  return parsed->ToString();
}

const ImportColumn* FindColumn(std::string_view key) {
  for (const ImportColumn& c : ImportColumns()) {
    if (c.key == key) return &c;
  }
  return nullptr;
}

// The import column a dossier JSON path belongs to ("posts[0].start_month" → post_start_month).
std::string ColumnOfPath(std::string_view path) {
  auto starts = [&](std::string_view prefix) { return path.rfind(prefix, 0) == 0; };
  if (starts("posts"))
    return path.find("start_month") != std::string_view::npos ? "post_start_month" : "post";
  if (starts("ranks"))
    return path.find("start_month") != std::string_view::npos ? "rank_start_month" : "rank";
  if (starts("education")) {
    if (path.find("degree") != std::string_view::npos) return "degree";
    if (path.find("school") != std::string_view::npos) return "school_and_major";
    return "education_level";
  }
  if (starts("unit_id")) return "unit";
  if (starts("native_place")) return "native_place";
  if (starts("birth_place")) return "birth_place";
  std::string key(path.substr(0, path.find_first_of(".[")));
  for (std::string_view suffix : {"_code"}) {
    if (key.size() > suffix.size() &&
        key.compare(key.size() - suffix.size(), suffix.size(), suffix) == 0) {
      key.resize(key.size() - suffix.size());
    }
  }
  return FindColumn(key) ? key : "";
}

// Top-level dossier fields an import column writes, for the change report.
std::string ColumnOfTopLevel(std::string_view key) {
  if (key == "posts") return "post";
  if (key == "ranks") return "rank";
  if (key == "education") return "education_level";
  if (key == "unit_id") return "unit";
  return std::string(key);
}

struct Unit {
  std::int64_t id = 0;
  std::string name;
};

// Units by name, short name and code (a name may belong to several units).
struct UnitIndex {
  std::map<std::string, std::vector<std::int64_t>> by_name;
  std::map<std::string, std::int64_t> by_code;
};

base::Result<UnitIndex> LoadUnits(store::Transaction& tx) {
  UnitIndex index;
  RETURN_IF_ERROR(tx.ForEachRow("SELECT id, code, name, short_name FROM units", {},
                                [&](const store::RowView& row) -> base::Status {
                                  std::int64_t id = row.Int(0);
                                  index.by_code[std::string(row.Text(1))] = id;
                                  auto& named = index.by_name[std::string(row.Text(2))];
                                  named.push_back(id);
                                  std::string short_name(row.Text(3));
                                  if (!short_name.empty() && short_name != row.Text(2)) {
                                    index.by_name[short_name].push_back(id);
                                  }
                                  return base::Status::Ok();
                                }));
  return index;
}

struct Sheet {
  std::string name;
  std::vector<std::string> headers;
  std::vector<XlsxTextRow> rows;  // data rows
  std::int64_t header_row = 1;
};

base::Result<Sheet> PickSheet(std::string_view bytes) {
  XlsxLimits limits;
  limits.max_rows = kMaxDataRows + 1;
  limits.max_columns = 200;
  ASSIGN_OR_RETURN(std::vector<XlsxTextSheet> sheets, ReadXlsx(bytes, limits));
  for (XlsxTextSheet& s : sheets) {
    if (s.hidden || s.rows.empty() || s.name == "填表说明") continue;
    Sheet out;
    out.name = s.name;
    out.header_row = s.rows.front().number;
    for (const std::string& h : s.rows.front().cells) out.headers.push_back(Trim(h));
    out.rows.assign(std::make_move_iterator(s.rows.begin() + 1),
                    std::make_move_iterator(s.rows.end()));
    if (std::int64_t(out.rows.size()) > kMaxDataRows) {
      return base::InvalidArgument("一次最多导入 20000 行，请拆分后再导入", "file");
    }
    return out;
  }
  return base::InvalidArgument(
      "文件中没有数据：请在第一个工作表的第一行填写列名，从第二行起每行一人", "file");
}

base::Status CheckMapping(const access::Actor& actor, const std::vector<std::string>& mapping) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < mapping.size(); ++i) {
    const std::string& key = mapping[i];
    if (key.empty()) continue;
    std::string field = "mapping[" + std::to_string(i) + "]";
    const ImportColumn* column = FindColumn(key);
    if (!column) return base::InvalidArgument("未知的导入项“" + CleanText(key) + "”", field);
    if (!seen.insert(key).second) {
      return base::InvalidArgument("“" + std::string(column->label) + "”对应了多列，只能对应一列",
                                   field);
    }
    if (key == cadre::kIdNumberField && !cadre::MayRead(actor, cadre::kIdNumberField)) {
      return base::InvalidArgument("无权导入公民身份号码，请取消该列的对应", field);
    }
  }
  for (const ImportColumn& c : ImportColumns()) {
    if (c.required && !seen.count(std::string(c.key))) {
      return base::InvalidArgument("请为“" + std::string(c.label) + "”指定对应的列", "mapping");
    }
  }
  return base::Status::Ok();
}

// A row's values by import key (trimmed, empty ones left out), and the column of each key.
struct RowValues {
  std::map<std::string, std::string> values;
  std::map<std::string, std::size_t> columns;
  const std::string* Get(std::string_view key) const {
    auto it = values.find(std::string(key));
    return it == values.end() ? nullptr : &it->second;
  }
};

Json MonthOrNull(const RowValues& v, std::string_view key) {
  const std::string* value = v.Get(key);
  return value ? Json(*value) : Json(nullptr);
}

// Applies a row to a dossier's JSON fields (all of them for an existing record, `{}` for a new
// one): the columns present replace what they stand for; nothing else changes.
void ApplyRow(const RowValues& v, std::int64_t unit_id, Json& json) {
  for (std::string_view key :
       {"name", "managing_body", "professional_title", "expertise", "status_reason"}) {
    if (const std::string* value = v.Get(key)) json[std::string(key)] = *value;
  }
  for (std::string_view key : {"gender", "ethnicity", "party", "health"}) {
    if (const std::string* value = v.Get(key)) {
      if (json.value(std::string(key), std::string()) != *value) {
        json[std::string(key)] = *value;
        json[std::string(key) + "_code"] = "";
      }
    }
  }
  for (std::string_view key : {"native_place", "birth_place"}) {
    if (const std::string* value = v.Get(key)) {
      if (json.value(std::string(key), std::string()) != *value) {
        json[std::string(key)] = *value;
        json[std::string(key) + "_code"] = "";
      }
    }
  }
  for (std::string_view key : {"birth_month", "party_join_month", "work_start_month"}) {
    if (v.Get(key)) json[std::string(key)] = *v.Get(key);
  }
  if (const std::string* value = v.Get("status")) json["status"] = *value;
  if (const std::string* value = v.Get("id_number")) json["id_number"] = *value;
  if (unit_id > 0) json["unit_id"] = unit_id;

  if (const std::string* title = v.Get("post")) {
    if (!json.contains("posts") || !json["posts"].is_array()) json["posts"] = Json::array();
    Json* current = nullptr;
    for (Json& post : json["posts"]) {
      if (post.value("is_main", false) && post.value("end_month", Json(nullptr)).is_null()) {
        current = &post;
      }
    }
    if (current) {
      (*current)["title"] = *title;
      if (v.Get("post_start_month")) (*current)["start_month"] = *v.Get("post_start_month");
    } else {
      Json post = {{"title", *title},
                   {"is_main", true},
                   {"method", "委任"},
                   {"start_month", MonthOrNull(v, "post_start_month")}};
      if (unit_id > 0)
        post["unit_id"] = unit_id;
      else if (json.contains("unit_id"))
        post["unit_id"] = json["unit_id"];
      if (post["start_month"].is_null()) post.erase("start_month");
      json["posts"].push_back(std::move(post));
    }
  }
  if (const std::string* rank = v.Get("rank")) {
    if (!json.contains("ranks") || !json["ranks"].is_array()) json["ranks"] = Json::array();
    Json* current = nullptr;
    for (Json& r : json["ranks"]) {
      if (r.value("end_month", Json(nullptr)).is_null()) current = &r;
    }
    if (current) {
      (*current)["rank"] = *rank;
      if (v.Get("rank_start_month")) (*current)["start_month"] = *v.Get("rank_start_month");
    } else {
      Json r = {{"rank", *rank}};
      if (v.Get("rank_start_month")) r["start_month"] = *v.Get("rank_start_month");
      json["ranks"].push_back(std::move(r));
    }
  }
  if (const std::string* level = v.Get("education_level")) {
    if (!json.contains("education") || !json["education"].is_array()) {
      json["education"] = Json::array();
    }
    Json* same = nullptr;
    for (Json& e : json["education"]) {
      if (e.value("kind", std::string()) == "全日制" && e.value("level", std::string()) == *level) {
        same = &e;
      }
    }
    if (!same) {
      json["education"].push_back({{"kind", "全日制"}, {"level", *level}, {"level_code", ""}});
      same = &json["education"].back();
    }
    if (const std::string* degree = v.Get("degree")) {
      if (same->value("degree", std::string()) != *degree) {
        (*same)["degree"] = *degree;
        (*same)["degree_code"] = "";
      }
    }
    if (const std::string* school = v.Get("school_and_major"))
      (*same)["school_and_major"] = *school;
  }
}

}  // namespace

const std::vector<ImportColumn>& ImportColumns() {
  static const std::vector<ImportColumn> columns{
      {"name", "姓名", "必填，2–20 个字。", true},
      {"gender", "性别", "从下拉列表选择（男、女）。"},
      {"birth_month", "出生年月", "必填，按“1975.03”填写（也可填 1975-03、197503）。", true},
      {"ethnicity", "民族", "从下拉列表选择，如“汉族”。"},
      {"native_place", "籍贯", "如“辽宁大连”。"},
      {"birth_place", "出生地", "如“辽宁大连”。"},
      {"party", "政治面貌", "从下拉列表选择，如“中共党员”。"},
      {"party_join_month", "入党时间", "中共党员等须填写，按“1998.07”填写。"},
      {"work_start_month", "参加工作时间", "按“1997.07”填写。"},
      {"health", "健康状况", "从下拉列表选择，如“健康”。"},
      {"id_number", "公民身份号码", "18 位；按文本填写。已有此号码的干部将被更新，而不是新增。"},
      {"unit", "所在单位", "新增时必填：填写机构名称或机构代码（机构名称重名时须填代码）。"},
      {"managing_body", "管理权限", "新增时必填，如“市委管理”。"},
      {"status", "人员状态", "从下拉列表选择，不填为“在职”。"},
      {"status_reason", "人员状态原因", "人员状态不是“在职”时须填写。"},
      {"post", "现任职务", "主要职务名称，如“办公室主任”。"},
      {"post_start_month", "任职时间", "现任职务的任职时间，按“2020.06”填写。"},
      {"rank", "职级", "从下拉列表选择，如“一级主任科员”。"},
      {"rank_start_month", "任职级时间", "按“2021.12”填写。"},
      {"education_level", "全日制学历", "从下拉列表选择，如“大学”。"},
      {"degree", "全日制学位", "从下拉列表选择，如“法学学士”。"},
      {"school_and_major", "毕业院校系及专业", "如“某某大学法律系法学专业”。"},
      {"professional_title", "专业技术职务", ""},
      {"expertise", "熟悉专业有何专长", ""},
  };
  return columns;
}

std::optional<std::string> SuggestColumn(std::string_view header) {
  std::string h = Trim(header);
  // Drop a trailing "（必填）"/"*" the user may have added.
  for (std::string_view mark : {"（必填）", "(必填)", "*", "＊"}) {
    if (h.size() > mark.size() && h.compare(h.size() - mark.size(), mark.size(), mark) == 0) {
      h.resize(h.size() - mark.size());
    }
  }
  if (h.rfind("*", 0) == 0) h.erase(0, 1);
  for (const ImportColumn& c : ImportColumns()) {
    if (h == c.label || h == c.key) return std::string(c.key);
  }
  static const std::map<std::string, std::string, std::less<>> kAliases{
      {"身份证号", "id_number"},
      {"身份证号码", "id_number"},
      {"身份证", "id_number"},
      {"公民身份证号码", "id_number"},
      {"出生日期", "birth_month"},
      {"出生年月日", "birth_month"},
      {"单位", "unit"},
      {"工作单位", "unit"},
      {"所在单位名称", "unit"},
      {"职务", "post"},
      {"现职务", "post"},
      {"现任职务名称", "post"},
      {"任现职时间", "post_start_month"},
      {"任现职务时间", "post_start_month"},
      {"现职级", "rank"},
      {"任现职级时间", "rank_start_month"},
      {"入党时间", "party_join_month"},
      {"入党（团）时间", "party_join_month"},
      {"工作时间", "work_start_month"},
      {"参加工作日期", "work_start_month"},
      {"学历", "education_level"},
      {"全日制教育学历", "education_level"},
      {"学位", "degree"},
      {"全日制教育学位", "degree"},
      {"毕业院校及专业", "school_and_major"},
      {"毕业院校", "school_and_major"},
      {"状态", "status"},
      {"干部状态", "status"},
      {"专业技术职称", "professional_title"},
      {"职称", "professional_title"},
      {"特长", "expertise"},
      {"专长", "expertise"},
  };
  auto it = kAliases.find(h);
  if (it != kAliases.end()) return it->second;
  return std::nullopt;
}

std::string_view RowActionName(RowAction action) {
  switch (action) {
    case RowAction::kCreate:
      return "create";
    case RowAction::kUpdate:
      return "update";
    case RowAction::kUnchanged:
      return "unchanged";
    case RowAction::kError:
      break;
  }
  return "error";
}

base::Result<std::string> ExcelImport::BuildTemplate(const access::Actor& actor) {
  RETURN_IF_ERROR(access::Require(actor, cadre::kCadreWrite));
  ASSIGN_OR_RETURN(cadre::CodeTables tables, db_.TransactValue<cadre::CodeTables>(
                                                 store::TxMode::kRead, [](store::Transaction& tx) {
                                                   return cadre::LoadCodeTables(tx);
                                                 }));
  auto labels = [&](std::string_view kind) {
    std::vector<std::string> out;
    for (const cadre::DictItem& item : tables.Items(kind)) {
      if (item.enabled) out.push_back(item.label);
    }
    return out;
  };
  std::vector<XlsxColumn> columns;
  for (const ImportColumn& c : ImportColumns()) {
    XlsxColumn column{.header = std::string(c.label)};
    // Text cells keep what is typed: 18-digit numbers and 1975.10 stay as written.
    column.text = c.key == "id_number" || IsMonthKey(c.key);
    if (c.key == "gender") column.options = labels(cadre::kDictGender);
    if (c.key == "ethnicity") column.options = labels(cadre::kDictEthnicity);
    if (c.key == "party") column.options = labels(cadre::kDictParty);
    if (c.key == "health") column.options = labels(cadre::kDictHealth);
    if (c.key == "education_level") column.options = labels(cadre::kDictEducationLevel);
    if (c.key == "degree") column.options = labels(cadre::kDictDegree);
    if (c.key == "rank") {
      for (std::string_view rank : cadre::Ranks()) column.options.emplace_back(rank);
    }
    if (c.key == "status") {
      for (int s = 0; s <= int(cadre::PersonStatus::kDeceased); ++s) {
        column.options.emplace_back(cadre::PersonStatusLabel(cadre::PersonStatus(s)));
      }
    }
    column.validation_rows = 5000;
    columns.push_back(std::move(column));
  }
  XlsxSheet data{.name = "干部信息", .columns = columns};
  XlsxSheet notes{.name = "填表说明",
                  .columns = {{.header = "填表说明"}},
                  .rows = {},
                  .options = {.notes = true}};
  notes.rows.push_back(
      {std::string("1. "
                   "在“干部信息”工作表中从第二行起每行填写一人；第一行列名请勿修改（列的顺序可以调"
                   "整，导入时可重新对应）。")});
  notes.rows.push_back(
      {std::string("2. "
                   "已有相同公民身份号码（未填号码时为相同姓名和出生年月）的干部将按表中填写的列更"
                   "新，不会重复新增；值未变的不做修改。")});
  notes.rows.push_back({std::string(
      "3. 导入前先“预检”：每一行的错误会标明行号和列名，改正后重新上传；预检无误的行才会导入。")});
  notes.rows.push_back(
      {std::string("4. 年月一律按“1975.03”的格式填写；带下拉列表的列请从列表中选择。")});
  for (const ImportColumn& c : ImportColumns()) {
    std::string line = std::string(c.label) + (c.required ? "（必填）" : "") + "：" +
                       std::string(c.note.empty() ? "按干部任免审批表填写。" : c.note);
    notes.rows.push_back({line});
  }
  return WriteXlsx({data, notes});
}

base::Result<UploadInfo> ExcelImport::Upload(const access::Actor& actor, std::string file_name,
                                             std::string bytes) {
  RETURN_IF_ERROR(access::Require(actor, cadre::kCadreWrite));
  if (bytes.size() > kMaxUploadBytes) {
    return base::InvalidArgument("文件超过 20 MB，请拆分后再导入", "file");
  }
  ASSIGN_OR_RETURN(Sheet sheet, PickSheet(bytes));
  file_name = CleanText(file_name);
  if (file_name.empty()) file_name = "导入.xlsx";
  if (Utf8Count(file_name) > 200) file_name = "导入.xlsx";
  const base::Timestamp now = clock_.Now();
  const std::string expires =
      now.Plus(std::chrono::duration_cast<std::chrono::microseconds>(kUploadLifetime)).ToRfc3339();
  ASSIGN_OR_RETURN(
      std::int64_t id,
      db_.TransactValue<std::int64_t>(
          store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Result<std::int64_t> {
            RETURN_IF_ERROR(
                tx.Execute("DELETE FROM excel_uploads WHERE expires_at < ?", {now.ToRfc3339()})
                    .status());
            store::Blob blob{std::vector<std::uint8_t>(bytes.begin(), bytes.end())};
            ASSIGN_OR_RETURN(std::int64_t id,
                             tx.QueryInt("INSERT INTO excel_uploads (owner_user_id, file_name, "
                                         "bytes, created_at, expires_at) VALUES (?, ?, ?, ?, ?) "
                                         "RETURNING id",
                                         {actor.user_id.value(), file_name, std::move(blob),
                                          now.ToRfc3339(), expires}));
            RETURN_IF_ERROR(recorder_.Write(tx, actor, "cadre.import_upload", "excel_upload",
                                            std::to_string(id),
                                            {{"rows", std::to_string(sheet.rows.size())}}));
            return id;
          }));
  return GetUpload(actor, id);
}

base::Result<UploadInfo> ExcelImport::GetUpload(const access::Actor& actor,
                                                std::int64_t upload_id) {
  RETURN_IF_ERROR(access::Require(actor, cadre::kCadreWrite));
  ASSIGN_OR_RETURN(store::Row row,
                   db_.TransactValue<store::Row>(store::TxMode::kRead, [&](store::Transaction& tx) {
                     return tx.QueryOne(
                         "SELECT file_name, bytes FROM excel_uploads WHERE id = ? AND "
                         "owner_user_id = ? AND expires_at >= ?",
                         {upload_id, actor.user_id.value(), clock_.Now().ToRfc3339()},
                         "上传的文件不存在或已过期，请重新上传");
                   }));
  store::Blob blob = row.Bytes(1);
  std::string bytes(blob.bytes.begin(), blob.bytes.end());
  ASSIGN_OR_RETURN(Sheet sheet, PickSheet(bytes));
  UploadInfo info;
  info.id = upload_id;
  info.file_name = row.Text(0);
  info.sheet = sheet.name;
  info.header_row = sheet.header_row;
  info.headers = sheet.headers;
  std::set<std::string> used;
  for (const std::string& header : sheet.headers) {
    std::optional<std::string> key = SuggestColumn(header);
    // A reader not cleared for 公民身份号码 may not import it: not suggested.
    if (key && *key == cadre::kIdNumberField && !cadre::MayRead(actor, cadre::kIdNumberField)) {
      key.reset();
    }
    if (key && used.insert(*key).second) {
      info.mapping.push_back(*key);
    } else {
      info.mapping.emplace_back();
    }
  }
  info.rows = std::int64_t(sheet.rows.size());
  for (std::size_t i = 0; i < sheet.rows.size() && i < kSampleRows; ++i) {
    std::vector<std::string> cells = sheet.rows[i].cells;
    cells.resize(sheet.headers.size());
    info.sample.push_back(std::move(cells));
  }
  return info;
}

base::Status ExcelImport::CheckMappingFor(const access::Actor& actor,
                                          const std::vector<std::string>& mapping) {
  RETURN_IF_ERROR(access::Require(actor, cadre::kCadreWrite));
  return CheckMapping(actor, mapping);
}

base::Result<ImportReport> ExcelImport::DryRun(const access::Actor& actor, std::int64_t upload_id,
                                               const std::vector<std::string>& mapping,
                                               jobs::JobContext& context) {
  return Run(actor, upload_id, mapping, false, context);
}

base::Result<ImportReport> ExcelImport::Commit(const access::Actor& actor, std::int64_t upload_id,
                                               const std::vector<std::string>& mapping,
                                               jobs::JobContext& context) {
  return Run(actor, upload_id, mapping, true, context);
}

base::Result<std::int64_t> ExcelImport::DeleteExpired() {
  return db_.TransactValue<std::int64_t>(store::TxMode::kWrite, [&](store::Transaction& tx) {
    return tx.Execute("DELETE FROM excel_uploads WHERE expires_at < ?", {clock_.Now().ToRfc3339()});
  });
}

base::Result<ImportReport> ExcelImport::Run(const access::Actor& actor, std::int64_t upload_id,
                                            const std::vector<std::string>& mapping, bool commit,
                                            jobs::JobContext& context) {
  RETURN_IF_ERROR(access::Require(actor, cadre::kCadreWrite));
  RETURN_IF_ERROR(access::Require(actor, cadre::kCadreRead));
  RETURN_IF_ERROR(CheckMapping(actor, mapping));
  ASSIGN_OR_RETURN(store::Row upload,
                   db_.TransactValue<store::Row>(store::TxMode::kRead, [&](store::Transaction& tx) {
                     return tx.QueryOne(
                         "SELECT bytes FROM excel_uploads WHERE id = ? AND owner_user_id = ? "
                         "AND expires_at >= ?",
                         {upload_id, actor.user_id.value(), clock_.Now().ToRfc3339()},
                         "上传的文件不存在或已过期，请重新上传");
                   }));
  store::Blob blob = upload.Bytes(0);
  ASSIGN_OR_RETURN(Sheet sheet, PickSheet(std::string(blob.bytes.begin(), blob.bytes.end())));
  if (mapping.size() > sheet.headers.size() + 50) {
    return base::InvalidArgument("列对应多于文件的列", "mapping");
  }
  const base::Date today = clock_.Now().ShanghaiDate();
  const std::int64_t total = std::int64_t(sheet.rows.size());

  // Stage 1, in one read transaction: each row's values, the dossier it matches, and the
  // checks that need no other transaction.
  struct Pending {
    RowOutcome outcome;
    RowValues values;
    std::int64_t unit_id = 0;
    std::int64_t match = 0;  // existing cadre id, 0 for a new record
  };
  std::vector<Pending> pending;
  cadre::CodeTables tables;
  auto error_at = [&](RowOutcome& outcome, RowValues& values, const std::string& key,
                      std::string message) {
    RowError error;
    error.row = outcome.row;
    error.field = key;
    error.message = std::move(message);
    auto it = values.columns.find(key);
    if (it == values.columns.end()) {
      for (std::size_t i = 0; i < mapping.size(); ++i) {
        if (mapping[i] == key) it = values.columns.emplace(key, i).first;
      }
    }
    if (it != values.columns.end()) {
      error.column = ColumnName(int(it->second));
      error.header = it->second < sheet.headers.size() ? sheet.headers[it->second] : "";
    } else if (const ImportColumn* column = FindColumn(key)) {
      error.header = std::string(column->label);
    }
    outcome.errors.push_back(std::move(error));
    outcome.action = RowAction::kError;
  };

  cadre::ScopePredicate scope;  // the writer's, read once for the run
  RETURN_IF_ERROR(db_.Transact(store::TxMode::kRead, [&](store::Transaction& tx) -> base::Status {
    pending.clear();
    ASSIGN_OR_RETURN(tables, cadre::LoadCodeTables(tx));
    ASSIGN_OR_RETURN(UnitIndex units, LoadUnits(tx));
    ASSIGN_OR_RETURN(scope, cadre::ScopeOf(tx, actor));
    std::map<std::string, std::int64_t> seen_id_numbers;
    std::map<std::string, std::int64_t> seen_names;
    for (const XlsxTextRow& row : sheet.rows) {
      Pending p;
      p.outcome.row = row.number;
      for (std::size_t i = 0; i < mapping.size(); ++i) {
        if (mapping[i].empty()) continue;
        p.values.columns[mapping[i]] = i;
        std::string value = i < row.cells.size() ? Trim(row.cells[i]) : "";
        if (!value.empty()) p.values.values[mapping[i]] = std::move(value);
      }
      if (p.values.values.empty()) continue;
      p.outcome.action = RowAction::kCreate;
      if (const std::string* name = p.values.Get("name")) p.outcome.name = *name;
      // Months in any of the usual spellings.
      for (auto& [key, value] : p.values.values) {
        if (!IsMonthKey(key)) continue;
        std::optional<std::string> month = ParseMonth(value);
        if (!month) {
          error_at(p.outcome, p.values, key,
                   std::string(FindColumn(key)->label) + "“" + value +
                       "”不是有效的年月，请按“1975.03”填写");
        } else {
          value = *month;
        }
      }
      if (const std::string* unit = p.values.Get("unit")) {
        auto code = units.by_code.find(*unit);
        auto named = units.by_name.find(*unit);
        if (code != units.by_code.end()) {
          p.unit_id = code->second;
        } else if (named != units.by_name.end() && named->second.size() == 1) {
          p.unit_id = named->second.front();
        } else if (named != units.by_name.end()) {
          error_at(p.outcome, p.values, "unit",
                   "有 " + std::to_string(named->second.size()) + " 个名为“" + *unit +
                       "”的机构，请填写机构代码");
        } else {
          error_at(p.outcome, p.values, "unit",
                   "机构“" + *unit + "”不存在，请填写机构名称或机构代码");
        }
      }
      // Which dossier the row is: by ID number, else by name and birth month.
      std::optional<std::string> id_number;
      if (const std::string* text = p.values.Get("id_number")) {
        auto canonical = cadre::NormalizeIdNumber(*text);
        if (!canonical.ok()) {
          error_at(p.outcome, p.values, "id_number", canonical.status().message());
        } else {
          id_number = *canonical;
          p.values.values["id_number"] = *canonical;
          auto [it, fresh] = seen_id_numbers.emplace(*canonical, row.number);
          if (!fresh) {
            error_at(p.outcome, p.values, "id_number",
                     "与第 " + std::to_string(it->second) + " 行的公民身份号码相同");
          }
        }
      }
      if (p.outcome.action != RowAction::kError) {
        if (id_number) {
          ASSIGN_OR_RETURN(std::optional<std::string> index,
                           cadre::IdNumberIndexOf(tx, keyring_, *id_number));
          if (index) {
            ASSIGN_OR_RETURN(store::Rows found,
                             tx.Query("SELECT id FROM cadres WHERE id_number_index = ?", {*index}));
            if (!found.empty()) p.match = found.front().Int(0);
          }
        } else if (p.values.Get("name") && p.values.Get("birth_month")) {
          std::string key = *p.values.Get("name") + "|" + *p.values.Get("birth_month");
          auto [it, fresh] = seen_names.emplace(key, row.number);
          if (!fresh) {
            error_at(p.outcome, p.values, "name",
                     "与第 " + std::to_string(it->second) +
                         " 行的姓名和出生年月相同：同一人只填一行，不同的人请填写公民身份号码");
          } else {
            store::Params params{*p.values.Get("name"), *p.values.Get("birth_month")};
            std::string sql =
                "SELECT c.id FROM cadres c JOIN units u ON u.id = c.unit_id WHERE c.name = ? AND "
                "c.birth_month = ?";
            if (!scope.sql.empty()) {
              sql += " AND " + scope.sql;
              params.insert(params.end(), scope.params.begin(), scope.params.end());
            }
            ASSIGN_OR_RETURN(store::Rows found, tx.Query(sql + " LIMIT 2", params));
            if (found.size() > 1) {
              error_at(p.outcome, p.values, "name",
                       "有多名同姓名、同出生年月的干部，请填写公民身份号码以区分");
            } else if (found.size() == 1) {
              p.match = found.front().Int(0);
            }
          }
        }
      }
      pending.push_back(std::move(p));
    }
    return base::Status::Ok();
  }));

  // Stage 2: per row, the dossier it makes (or becomes), checked by the API's rules; on commit,
  // written through DossierService.
  ImportReport report;
  std::int64_t done = 0;
  for (Pending& p : pending) {
    if (context.Cancelled()) {
      if (commit) break;
      return base::Aborted("已取消");
    }
    RowOutcome& outcome = p.outcome;
    if (outcome.action != RowAction::kError) {
      Json json = Json::object();
      std::optional<cadre::DossierView> existing;
      if (p.match > 0) {
        auto view = dossiers_.Get(actor, cadre::CadreId(p.match));
        if (!view.ok() && view.status().code() == base::StatusCode::kNotFound) {
          error_at(outcome, p.values, p.values.Get("id_number") ? "id_number" : "name",
                   "该干部已在库中，但不在您的管理范围内，不能修改");
        } else if (!view.ok()) {
          return view.status();
        } else {
          existing = std::move(view).value();
          json = cadre::EncodeDossierFields(existing->dossier);
          // Confidential parts this import does not touch stay out of the comparison.
          for (std::string_view key : cadre::kDossierConfidentialKeys) json.erase(std::string(key));
          outcome.cadre_id = p.match;
        }
      }
      if (outcome.action != RowAction::kError) {
        ApplyRow(p.values, p.unit_id, json);
        auto decoded = cadre::DecodeDossier(json);
        base::Status problem = decoded.status();
        std::optional<cadre::Dossier> dossier;
        if (decoded.ok()) {
          dossier = std::move(decoded).value();
          problem = cadre::ValidateDossier(*dossier, tables, today).status();
        }
        if (!problem.ok()) {
          std::string key = ColumnOfPath(problem.field());
          std::string message = problem.message();
          // The codec names the JSON path of a missing value; the person needs the column.
          if (message.find("必填") != std::string::npos && FindColumn(key)) {
            message = "请填写“" + std::string(FindColumn(key)->label) + "”";
          }
          error_at(outcome, p.values, key, message);
        } else if (existing) {
          Json before = cadre::EncodeDossierFields(existing->dossier);
          Json after = cadre::EncodeDossierFields(*dossier);
          Json patch = Json::object();
          for (auto& [key, value] : after.items()) {
            if (cadre::IsDossierConfidentialKey(key)) continue;
            if (!before.contains(key) || before[key] != value) {
              patch[key] = value;
              std::string column = ColumnOfTopLevel(key);
              if (std::find(outcome.changed.begin(), outcome.changed.end(), column) ==
                  outcome.changed.end()) {
                outcome.changed.push_back(column);
              }
            }
          }
          outcome.action = patch.empty() ? RowAction::kUnchanged : RowAction::kUpdate;
          if (commit && !patch.empty()) {
            auto updated = dossiers_.Update(actor, cadre::CadreId(p.match),
                                            {.expected_version = existing->dossier.version,
                                             .fields_json = cadre::DumpJson(patch)});
            if (!updated.ok()) {
              if (updated.status().code() == base::StatusCode::kInternal) return updated.status();
              error_at(outcome, p.values, ColumnOfPath(updated.status().field()),
                       updated.status().message());
            }
          }
        } else {
          outcome.action = RowAction::kCreate;
          if (commit) {
            auto created = dossiers_.Create(actor, cadre::DumpJson(json));
            if (!created.ok()) {
              if (created.status().code() == base::StatusCode::kInternal) return created.status();
              std::string key = ColumnOfPath(created.status().field());
              std::string message = created.status().message();
              if (key == "unit" && created.status().code() == base::StatusCode::kNotFound) {
                message = kOutsideScope;
              }
              error_at(outcome, p.values, key, message);
            } else {
              outcome.cadre_id = created->value();
            }
          } else {
            // The dry run tells what the commit would: a new row outside the reader's scope.
            ASSIGN_OR_RETURN(
                bool visible,
                db_.TransactValue<bool>(store::TxMode::kRead, [&](store::Transaction& tx) {
                  return cadre::DossierRepository(tx).WouldBeVisible(*dossier, scope);
                }));
            if (!visible) error_at(outcome, p.values, "unit", kOutsideScope);
          }
        }
      }
    }
    switch (outcome.action) {
      case RowAction::kCreate:
        ++report.created;
        break;
      case RowAction::kUpdate:
        ++report.updated;
        break;
      case RowAction::kUnchanged:
        ++report.unchanged;
        break;
      case RowAction::kError:
        ++report.failed;
        break;
    }
    report.rows.push_back(std::move(outcome));
    if (++done % kReportEvery == 0) {
      context.Report(done, total,
                     std::string(commit ? "已导入 " : "已检查 ") + std::to_string(done) + "/" +
                         std::to_string(total) + " 行");
    }
  }
  if (commit) {
    RETURN_IF_ERROR(db_.Transact(store::TxMode::kWrite, [&](store::Transaction& tx) {
      return recorder_.Write(tx, actor, "cadre.import", "excel_upload", std::to_string(upload_id),
                             {{"created", std::to_string(report.created)},
                              {"updated", std::to_string(report.updated)},
                              {"unchanged", std::to_string(report.unchanged)},
                              {"failed", std::to_string(report.failed)}});
    }));
  }
  context.Report(done, total, std::string(commit ? "导入完成" : "预检完成"));
  return report;
}

std::vector<store::Migration> ExcelMigrations() {
  auto table = [](std::string_view bytes_type) {
    std::string sql = R"sql(
CREATE TABLE excel_uploads (
  id {{IDENTITY}},
  owner_user_id BIGINT NOT NULL,
  file_name TEXT NOT NULL,
  bytes @BYTES@ NOT NULL,
  created_at TEXT {{BYTEWISE}} NOT NULL,
  expires_at TEXT {{BYTEWISE}} NOT NULL
);
CREATE INDEX excel_uploads_owner ON excel_uploads(owner_user_id, id);
CREATE INDEX excel_uploads_expires ON excel_uploads(expires_at);
)sql";
    sql.replace(sql.find("@BYTES@"), 7, bytes_type);
    return sql;
  };
  return {
      {2026112970, "interchange: uploaded Excel files kept between mapping, dry run and commit",
       table("BLOB"), store::ExpandDialectWords(table("BYTEA"), store::Dialect::kPostgres)},
  };
}

}  // namespace xr::interchange
