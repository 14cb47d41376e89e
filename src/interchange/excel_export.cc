#include "interchange/excel_export.h"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "cadre/cadre_fields.h"
#include "cadre/cadre_permissions.h"
#include "cadre/cadre_repository.h"
#include "cadre/cadre_scope.h"
#include "cadre/search_keys.h"
#include "crypto/sealed.h"
#include "interchange/xlsx_text.h"

namespace xr::interchange {
namespace {

// Each page re-runs the list query (its sort over the whole result): few, large pages.
constexpr int kListPage = 25000;
constexpr int kReportEvery = 1000;
constexpr std::int64_t kMaxTableRows = 10000;

// The order of each list sort, as the list orders it (cadre_repository.cc), ending in c.id.
std::string OrderBy(cadre::CadreSort sort, bool descending) {
  const char* direction = descending ? " DESC" : "";
  auto key = [&](std::string_view column) { return std::string(column) + direction; };
  switch (sort) {
    case cadre::CadreSort::kPosition:
      break;
    case cadre::CadreSort::kStroke:
      return key("c.name_sort_key") + ", " + key("c.id");
    case cadre::CadreSort::kAge:
      return key("c.birth_month") + ", u.sort_key, c.sort_order, c.id";
    case cadre::CadreSort::kPostStart:
      return "(c.post_start_month IS NULL), " + key("c.post_start_month") +
             ", u.sort_key, c.sort_order, c.id";
  }
  return key("u.sort_key") + ", " + key("c.sort_order") + ", " + key("c.id");
}

constexpr std::string_view kSelect =
    "SELECT c.id, c.name, c.gender, c.birth_month, c.ethnicity, c.party, c.unit_id, u.name, "
    "c.post, c.rank, c.managing_body, c.managing_unit_id, c.id_number_sealed "
    "FROM cadres c JOIN units u ON u.id = c.unit_id WHERE ";

base::Result<cadre::Cadre> ReadRow(const store::RowView& row) {
  cadre::Cadre c;
  c.id = cadre::CadreId(row.Int(0));
  c.name = std::string(row.Text(1));
  c.gender = std::string(row.Text(2));
  ASSIGN_OR_RETURN(c.birth_month, base::YearMonth::Parse(row.Text(3)));
  c.ethnicity = std::string(row.Text(4));
  c.party = std::string(row.Text(5));
  c.unit_id = org::UnitId(row.Int(6));
  c.unit_name = std::string(row.Text(7));
  c.post = std::string(row.Text(8));
  c.rank = std::string(row.Text(9));
  c.managing_body = std::string(row.Text(10));
  if (!row.IsNull(11)) c.managing_unit_id = org::UnitId(row.Int(11));
  if (!row.IsNull(12)) {
    c.id_number = std::string(row.Text(12));
    c.id_number_stored = true;
  }
  return c;
}

// The list's rows (GET /api/cadres filters), a page of kListPage at a time in one transaction.
CadreSource ListSource(const cadre::CadreQuery& list, const crypto::Keyring& keyring) {
  CadreSource source;
  source.fields.push_back("status");
  if (list.unit_id) source.fields.push_back("unit_id");
  if (!list.q.empty()) source.fields.push_back("q");
  if (!list.name_contains.empty()) source.fields.push_back("name");
  auto index_of = [list, &keyring](
                      store::Transaction& tx,
                      const access::Actor& actor) -> base::Result<std::optional<std::string>> {
    ASSIGN_OR_RETURN(cadre::QuickSearch search, cadre::ParseQuickSearch(list.q));
    if (search.kind != cadre::QuickSearch::Kind::kIdNumber) return std::optional<std::string>();
    if (!cadre::MayRead(actor, cadre::kIdNumberField)) {
      return base::InvalidArgument("无权按身份证号查询", "q");
    }
    return cadre::IdNumberIndexOf(tx, keyring, search.text);
  };
  source.count = [list, index_of](store::Transaction& tx,
                                  const access::Actor& actor) -> base::Result<std::int64_t> {
    ASSIGN_OR_RETURN(cadre::ScopePredicate scope, cadre::ScopeOf(tx, actor));
    ASSIGN_OR_RETURN(std::optional<std::string> index, index_of(tx, actor));
    cadre::CadreQuery query = list;
    query.page = 1;
    query.page_size = 1;
    ASSIGN_OR_RETURN(cadre::CadrePage page, cadre::CadreRepository(tx).List(query, scope, index));
    return page.total;
  };
  source.scan = [list, index_of](
                    store::Transaction& tx, const access::Actor& actor,
                    const std::function<base::Status(cadre::Cadre&)>& on_row) -> base::Status {
    ASSIGN_OR_RETURN(cadre::ScopePredicate scope, cadre::ScopeOf(tx, actor));
    ASSIGN_OR_RETURN(std::optional<std::string> index, index_of(tx, actor));
    cadre::CadreQuery query = list;
    query.page_size = kListPage;
    for (query.page = 1;; ++query.page) {
      ASSIGN_OR_RETURN(cadre::CadrePage page, cadre::CadreRepository(tx).List(query, scope, index));
      for (cadre::Cadre& c : page.items) RETURN_IF_ERROR(on_row(c));
      if (page.items.size() < std::size_t(kListPage)) break;
    }
    return base::Status::Ok();
  };
  return source;
}

std::string CellText(std::string_view value) { return std::string(value); }

}  // namespace

const std::vector<CadreExportColumn>& CadreExportColumns() {
  static const std::vector<CadreExportColumn> columns{
      {"name", "姓名"},
      {"gender", "性别"},
      {"birth_month", "出生年月"},
      {"age", "年龄"},
      {"ethnicity", "民族"},
      {"party", "政治面貌"},
      {"unit_name", "所在单位"},
      {"post", "现任职务"},
      {"rank", "职级"},
      {"managing_body", "管理权限"},
      {"id_number", "公民身份号码"},
  };
  return columns;
}

base::Result<std::vector<CadreExportColumn>> ResolveExportColumns(
    const std::vector<std::string>& keys) {
  std::vector<CadreExportColumn> out{CadreExportColumns().front()};
  std::set<std::string> seen{"name"};
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const std::string& key = keys[i];
    auto it = std::find_if(CadreExportColumns().begin(), CadreExportColumns().end(),
                           [&](const CadreExportColumn& c) { return c.key == key; });
    if (it == CadreExportColumns().end()) {
      return base::InvalidArgument("不能导出的列“" + CleanText(key) + "”",
                                   "columns[" + std::to_string(i) + "]");
    }
    if (key == "name") continue;  // always first
    if (!seen.insert(key).second) {
      return base::InvalidArgument("列“" + std::string(it->label) + "”重复",
                                   "columns[" + std::to_string(i) + "]");
    }
    out.push_back(*it);
  }
  return out;
}

CadreSource PredicateSource(WhereBuilder where, cadre::CadreSort sort, bool descending,
                            std::vector<std::string> fields) {
  CadreSource source;
  source.fields = std::move(fields);
  source.count = [where](store::Transaction& tx,
                         const access::Actor& actor) -> base::Result<std::int64_t> {
    ASSIGN_OR_RETURN(WherePredicate predicate, where(tx, actor));
    return tx.QueryInt(
        "SELECT COUNT(*) FROM cadres c JOIN units u ON u.id = c.unit_id WHERE " + predicate.sql,
        predicate.params);
  };
  source.scan = [where, sort, descending](
                    store::Transaction& tx, const access::Actor& actor,
                    const std::function<base::Status(cadre::Cadre&)>& on_row) -> base::Status {
    ASSIGN_OR_RETURN(WherePredicate predicate, where(tx, actor));
    return tx.ForEachRow(
        std::string(kSelect) + predicate.sql + " ORDER BY " + OrderBy(sort, descending),
        predicate.params, [&](const store::RowView& row) -> base::Status {
          ASSIGN_OR_RETURN(cadre::Cadre c, ReadRow(row));
          return on_row(c);
        });
  };
  return source;
}

std::string XlsxFileName(std::string_view title) {
  std::string name;
  for (char c : CleanText(title)) {
    name += std::string_view("/\\:*?\"<>|\n\r\t").find(c) == std::string_view::npos ? c : '_';
  }
  if (name.empty()) name = "导出";
  return name + ".xlsx";
}

base::Status ValidateTableExport(const TableExportRequest& request) {
  std::size_t title = Utf8Count(request.title);
  if (title == 0 || title > 60) return base::InvalidArgument("标题须为 1–60 个字符", "title");
  if (request.sheets.empty() || request.sheets.size() > 20) {
    return base::InvalidArgument("须有 1–20 个工作表", "sheets");
  }
  std::int64_t rows = 0;
  for (std::size_t i = 0; i < request.sheets.size(); ++i) {
    const TableSheet& sheet = request.sheets[i];
    std::string path = "sheets[" + std::to_string(i) + "]";
    if (sheet.columns.empty() || sheet.columns.size() > 100) {
      return base::InvalidArgument("每个工作表须有 1–100 列", path + ".columns");
    }
    for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
      if (sheet.rows[r].size() > sheet.columns.size()) {
        return base::InvalidArgument("第 " + std::to_string(r + 1) + " 行的值多于列数",
                                     path + ".rows[" + std::to_string(r) + "]");
      }
    }
    rows += std::int64_t(sheet.rows.size());
  }
  if (rows > kMaxTableRows) {
    return base::InvalidArgument("表格合计超过 10000 行，请使用干部名册导出", "sheets");
  }
  return base::Status::Ok();
}

base::Status ExcelExport::CheckCadreExport(const access::Actor& actor,
                                           const CadreExportRequest& request) {
  RETURN_IF_ERROR(access::Require(actor, cadre::kCadreRead));
  RETURN_IF_ERROR(access::Require(actor, cadre::kCadreExport));
  RETURN_IF_ERROR(ResolveExportColumns(request.columns).status());
  if (!request.source) {
    cadre::CadreQuery check = request.list;
    check.page = 1;
    check.page_size = 20;
    RETURN_IF_ERROR(cadre::ValidateCadreQuery(check));
  }
  std::size_t title_length = Utf8Count(request.title);
  if (title_length == 0 || title_length > 60) {
    return base::InvalidArgument("标题须为 1–60 个字符", "title");
  }
  return base::Status::Ok();
}

base::Result<ExportFile> ExcelExport::ExportCadres(const access::Actor& actor,
                                                   const CadreExportRequest& request,
                                                   jobs::JobContext& context) {
  RETURN_IF_ERROR(CheckCadreExport(actor, request));
  ASSIGN_OR_RETURN(std::vector<CadreExportColumn> columns, ResolveExportColumns(request.columns));
  const CadreSource source = request.source ? *request.source : ListSource(request.list, keyring_);
  const bool wants_id_number =
      std::any_of(columns.begin(), columns.end(),
                  [](const CadreExportColumn& c) { return c.key == cadre::kIdNumberField; });
  const bool reveals_id_number = wants_id_number && cadre::MayRead(actor, cadre::kIdNumberField);
  const base::YearMonth today = [&] {
    base::Date day = clock_.Now().ShanghaiDate();
    return base::YearMonth::FromYm(day.year(), day.month()).value();
  }();

  ExportFile file;
  file.file_name = XlsxFileName(request.title);
  auto built = db_.TransactValue<std::string>(
      store::TxMode::kRead, [&](store::Transaction& tx) -> base::Result<std::string> {
        file.rows = 0;
        ASSIGN_OR_RETURN(std::int64_t total, source.count(tx, actor));
        context.Report(0, total, "正在导出 " + std::to_string(total) + " 人");
        ASSIGN_OR_RETURN(std::unique_ptr<XlsxWriter> writer, XlsxWriter::Create());
        std::vector<XlsxColumn> header;
        for (const CadreExportColumn& c : columns)
          header.push_back({.header = std::string(c.label)});
        RETURN_IF_ERROR(writer->StartSheet(request.title, header));
        // The ID numbers are opened before the rows are written: a streamed scan allows no other
        // statement (opening may read a data key) until it ends.
        std::unordered_map<std::int64_t, std::string> id_numbers;
        if (reveals_id_number) {
          std::vector<std::pair<std::int64_t, std::string>> sealed;
          RETURN_IF_ERROR(source.scan(tx, actor, [&](cadre::Cadre& c) -> base::Status {
            if (c.id_number_stored && c.id_number) sealed.emplace_back(c.id.value(), *c.id_number);
            return context.Cancelled() ? base::Aborted("已取消") : base::Status::Ok();
          }));
          crypto::DataKeys keys(tx, keyring_);
          for (auto& [id, text] : sealed) {
            ASSIGN_OR_RETURN(
                std::string plain,
                keys.Open(crypto::FieldContext("cadres", "id_number_sealed", id), text));
            id_numbers.emplace(id, std::move(plain));
          }
        }
        XlsxRow row(columns.size());
        RETURN_IF_ERROR(source.scan(tx, actor, [&](cadre::Cadre& c) -> base::Status {
          for (std::size_t i = 0; i < columns.size(); ++i) {
            std::string_view key = columns[i].key;
            XlsxCell& cell = row[i];
            if (key == "name")
              cell = CellText(c.name);
            else if (key == "gender")
              cell = CellText(c.gender);
            else if (key == "birth_month")
              cell = c.birth_month;
            else if (key == "age")
              cell = std::int64_t(c.birth_month.FullYearsUntil(today));
            else if (key == "ethnicity")
              cell = CellText(c.ethnicity);
            else if (key == "party")
              cell = CellText(c.party);
            else if (key == "unit_name")
              cell = CellText(c.unit_name);
            else if (key == "post")
              cell = CellText(c.post);
            else if (key == "rank")
              cell = CellText(c.rank);
            else if (key == "managing_body")
              cell = CellText(c.managing_body);
            else if (key == cadre::kIdNumberField) {
              if (!reveals_id_number) {
                cell = std::string(kRedactedCell);
              } else if (auto it = id_numbers.find(c.id.value()); it != id_numbers.end()) {
                cell = it->second;
              } else {
                cell = std::monostate{};
              }
            }
          }
          RETURN_IF_ERROR(writer->AddRow(row));
          ++file.rows;
          if (file.rows % kReportEvery == 0) {
            if (context.Cancelled()) return base::Aborted("已取消");
            context.Report(
                file.rows, std::max(total, file.rows),
                "已导出 " + std::to_string(file.rows) + "/" + std::to_string(total) + " 人");
          }
          return base::Status::Ok();
        }));
        return writer->Finish();
      });
  if (!built.ok()) {
    if (built.status().code() == base::StatusCode::kNotFound && !request.source) {
      return base::NotFound("机构不存在", "unit_id");
    }
    return built.status();
  }
  file.bytes = std::move(built).value();

  std::string column_keys, filter_fields;
  for (const CadreExportColumn& c : columns) {
    column_keys += (column_keys.empty() ? "" : ",") + std::string(c.key);
  }
  for (const std::string& f : source.fields)
    filter_fields += (filter_fields.empty() ? "" : ",") + f;
  access::Recorder::Details details{
      {"count", std::to_string(file.rows)},
      {"columns", column_keys},
      {request.source ? "condition_fields" : "filters", filter_fields},
      {"title", CleanText(request.title)}};
  if (reveals_id_number) details.emplace_back("fields", std::string(cadre::kIdNumberField));
  RETURN_IF_ERROR(db_.Transact(store::TxMode::kWrite, [&](store::Transaction& tx) {
    return recorder_.Write(tx, actor, "cadre.export", "cadre", "", std::move(details));
  }));
  context.Report(file.rows, file.rows, "已导出 " + std::to_string(file.rows) + " 人");
  return file;
}

base::Result<ExportFile> ExcelExport::ExportTable(const access::Actor& actor,
                                                  const TableExportRequest& request) {
  RETURN_IF_ERROR(ValidateTableExport(request));
  std::vector<XlsxSheet> sheets;
  std::int64_t rows = 0;
  for (const TableSheet& sheet : request.sheets) {
    XlsxSheet out{.name = sheet.name.empty() ? request.title : sheet.name};
    for (const std::string& column : sheet.columns) out.columns.push_back({.header = column});
    out.rows = sheet.rows;
    rows += std::int64_t(sheet.rows.size());
    sheets.push_back(std::move(out));
  }
  ExportFile file;
  file.file_name = XlsxFileName(request.title);
  file.rows = rows;
  ASSIGN_OR_RETURN(file.bytes, WriteXlsx(sheets));
  RETURN_IF_ERROR(db_.Transact(store::TxMode::kWrite, [&](store::Transaction& tx) {
    return recorder_.Write(tx, actor, "table.export", "table", "",
                           {{"title", CleanText(request.title)}, {"rows", std::to_string(rows)}});
  }));
  return file;
}

}  // namespace xr::interchange
