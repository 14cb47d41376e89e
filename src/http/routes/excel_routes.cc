#include "http/routes/excel_routes.h"

#include "http/json.h"
#include "http/routes/authenticate.h"
#include "http/routes/job_routes.h"
#include "interchange/excel_condition.h"

namespace xr::http {
namespace {

base::Result<cadre::CadreSort> SortOf(const Json& body, std::string_view name) {
  ASSIGN_OR_RETURN(std::optional<std::string> sort, OptionalString(body, name));
  if (!sort || sort->empty()) return cadre::CadreSort::kPosition;
  if (*sort == "name") return cadre::CadreSort::kStroke;
  auto parsed = cadre::CadreSortFromName(*sort);
  if (!parsed) {
    return base::InvalidArgument("排序方式须为 position、stroke、age、post_start 或 name",
                                 std::string(name));
  }
  return *parsed;
}

base::Result<bool> DescendingOf(const Json& body, std::string_view name) {
  ASSIGN_OR_RETURN(std::optional<std::string> order, OptionalString(body, name));
  if (!order || order->empty()) return false;
  if (*order != "asc" && *order != "desc") {
    return base::InvalidArgument("排序方向须为 asc 或 desc", std::string(name));
  }
  return *order == "desc";
}

// The list filters of GET /api/cadres, as a JSON object (unit_id as integer or digits).
base::Result<cadre::CadreQuery> ListOf(const Json& list) {
  cadre::CadreQuery query;
  if (list.is_null()) return query;
  if (!list.is_object()) return base::InvalidArgument("list 应为对象", "list");
  if (list.contains("unit_id") && !list["unit_id"].is_null()) {
    const Json& unit = list["unit_id"];
    if (unit.is_number_integer()) {
      query.unit_id = org::UnitId(unit.get<std::int64_t>());
    } else if (unit.is_string() && !unit.get<std::string>().empty()) {
      ASSIGN_OR_RETURN(std::int64_t id, ParseIntParam(unit.get<std::string>(), "list.unit_id"));
      query.unit_id = org::UnitId(id);
    } else if (!(unit.is_string())) {
      return base::InvalidArgument("单位应为整数", "list.unit_id");
    }
  }
  auto text = [&](std::string_view name, std::string& out) -> base::Status {
    auto value = OptionalString(list, name);
    if (!value.ok())
      return base::InvalidArgument(value.status().message(), "list." + std::string(name));
    if (*value) out = **value;
    return base::Status::Ok();
  };
  RETURN_IF_ERROR(text("q", query.q));
  RETURN_IF_ERROR(text("name", query.name_contains));
  std::string status;
  RETURN_IF_ERROR(text("status", status));
  if (!status.empty()) query.status = status;
  ASSIGN_OR_RETURN(query.sort, SortOf(list, "sort"));
  ASSIGN_OR_RETURN(query.descending, DescendingOf(list, "order"));
  return query;
}

base::Result<std::vector<std::string>> StringArray(const Json& body, std::string_view name) {
  if (!body.contains(name) || !body[std::string(name)].is_array()) {
    return base::InvalidArgument("缺少必填字段 " + std::string(name) + "（字符串数组）",
                                 std::string(name));
  }
  std::vector<std::string> out;
  const Json& array = body[std::string(name)];
  if (array.size() > 500) return base::InvalidArgument("项目过多", std::string(name));
  for (std::size_t i = 0; i < array.size(); ++i) {
    if (array[i].is_null()) {
      out.emplace_back();
    } else if (!array[i].is_string()) {
      return base::InvalidArgument("应为字符串", std::string(name) + "[" + std::to_string(i) + "]");
    } else {
      out.push_back(array[i].get<std::string>());
    }
  }
  return out;
}

// A 组合查询 condition's rows (search/cadre_query.h), the actor's scope included.
base::Result<interchange::CadreSource> ConditionSource(const Json& body, base::Date today) {
  ASSIGN_OR_RETURN(search::Condition condition, search::DecodeCondition(body["condition"]));
  ASSIGN_OR_RETURN(std::optional<std::string> reference, OptionalString(body, "reference_date"));
  base::Date at = today;
  if (reference && !reference->empty()) {
    ASSIGN_OR_RETURN(at, base::Date::Parse(*reference, "reference_date"));
  }
  ASSIGN_OR_RETURN(cadre::CadreSort sort, SortOf(body, "sort"));
  ASSIGN_OR_RETURN(bool descending, DescendingOf(body, "order"));
  return interchange::ConditionRows(std::move(condition), at, sort, descending);
}

Json UploadJson(const interchange::UploadInfo& info) {
  Json fields = Json::array();
  for (const interchange::ImportColumn& c : interchange::ImportColumns()) {
    fields.push_back({{"key", c.key}, {"label", c.label}, {"required", c.required}});
  }
  return {{"id", info.id},
          {"file_name", info.file_name},
          {"sheet", info.sheet},
          {"header_row", info.header_row},
          {"headers", info.headers},
          {"mapping", info.mapping},
          {"rows", info.rows},
          {"sample", info.sample},
          {"fields", std::move(fields)}};
}

// Error rows in full; of the others, the first `others` (the counts say the rest).
Json ReportJson(const interchange::ImportReport& report, std::size_t others = 200) {
  Json rows = Json::array();
  std::size_t shown = 0;
  for (const interchange::RowOutcome& row : report.rows) {
    if (row.action != interchange::RowAction::kError && shown++ >= others) continue;
    Json errors = Json::array();
    for (const interchange::RowError& e : row.errors) {
      errors.push_back({{"row", e.row},
                        {"column", e.column},
                        {"header", e.header},
                        {"field", e.field},
                        {"message", e.message}});
    }
    rows.push_back({{"row", row.row},
                    {"action", interchange::RowActionName(row.action)},
                    {"name", row.name},
                    {"cadre_id", row.cadre_id == 0 ? Json(nullptr) : Json(row.cadre_id)},
                    {"changed", row.changed},
                    {"errors", std::move(errors)}});
  }
  return {{"created", report.created},
          {"updated", report.updated},
          {"unchanged", report.unchanged},
          {"failed", report.failed},
          {"rows", std::move(rows)}};
}

Response XlsxResponse(interchange::ExportFile file) {
  Response response;
  response.content_type = std::string(interchange::kXlsxContentType);
  response.body = std::move(file.bytes);
  response.AddHeader("Content-Disposition", AttachmentDisposition(file.file_name));
  response.AddHeader("Cache-Control", "private, no-store");
  return response;
}

base::Result<std::int64_t> UploadId(const Request& request) {
  return ParseIntParam(*request.PathParam("id"), "id");
}

using ImportStep = base::Result<interchange::ImportReport> (interchange::ExcelImport::*)(
    const access::Actor&, std::int64_t, const std::vector<std::string>&, jobs::JobContext&);

// POST {"mapping": [...]} on an upload: checks that the upload exists and is the caller's and
// that the mapping is sound, then runs `step` as a job whose summary is the report (error rows
// in full, the first `shown_unchanged_rows` of the others).
Handler ImportJob(access::SessionService& sessions, interchange::ExcelImport& imports,
                  jobs::JobService& jobs, ImportStep step, std::string kind, std::string verb,
                  std::size_t shown_unchanged_rows) {
  return SignedIn(
      sessions,
      [&imports, &jobs, step, kind, verb, shown_unchanged_rows](
          Request& request, const Caller& caller) -> base::Result<Response> {
        ASSIGN_OR_RETURN(std::int64_t id, UploadId(request));
        ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
        ASSIGN_OR_RETURN(std::vector<std::string> mapping, StringArray(body, "mapping"));
        ASSIGN_OR_RETURN(interchange::UploadInfo info, imports.GetUpload(caller.actor, id));
        RETURN_IF_ERROR(imports.CheckMappingFor(caller.actor, mapping));
        const access::Actor actor = caller.actor;
        ASSIGN_OR_RETURN(
            jobs::JobId job,
            jobs.Start(actor, kind, verb + " Excel（" + info.file_name + "）",
                       [&imports, step, actor, id, mapping, shown_unchanged_rows](
                           jobs::JobContext& context) -> base::Result<jobs::JobOutcome> {
                         ASSIGN_OR_RETURN(interchange::ImportReport report,
                                          (imports.*step)(actor, id, mapping, context));
                         jobs::JobOutcome outcome;
                         outcome.summary_json = DumpJson(ReportJson(report, shown_unchanged_rows));
                         return outcome;
                       }));
        return JobAccepted(jobs, actor, job);
      });
}

}  // namespace

void AddExcelRoutes(Router& router, access::SessionService& sessions,
                    interchange::ExcelExport& exports, interchange::ExcelImport& imports,
                    jobs::JobService& jobs) {
  router.Add(
      Method::kPost, "/api/cadres/export",
      SignedIn(
          sessions,
          [&exports, &jobs](Request& request, const Caller& caller) -> base::Result<Response> {
            ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
            interchange::CadreExportRequest export_request;
            ASSIGN_OR_RETURN(export_request.columns, StringArray(body, "columns"));
            ASSIGN_OR_RETURN(std::optional<std::string> title, OptionalString(body, "title"));
            if (title) export_request.title = *title;
            const bool has_condition = body.contains("condition") && !body["condition"].is_null();
            if (has_condition) {
              ASSIGN_OR_RETURN(export_request.source,
                               ConditionSource(body, exports.clock().Now().ShanghaiDate()));
            } else {
              ASSIGN_OR_RETURN(export_request.list, ListOf(body.value("list", Json(nullptr))));
              if (body.contains("sort") && !body["sort"].is_null()) {
                ASSIGN_OR_RETURN(export_request.list.sort, SortOf(body, "sort"));
              }
              if (body.contains("order") && !body["order"].is_null()) {
                ASSIGN_OR_RETURN(export_request.list.descending, DescendingOf(body, "order"));
              }
            }
            RETURN_IF_ERROR(exports.CheckCadreExport(caller.actor, export_request));
            const access::Actor actor = caller.actor;
            ASSIGN_OR_RETURN(
                jobs::JobId id,
                jobs.Start(actor, "cadre.export_excel", "导出" + export_request.title,
                           [&exports, actor, export_request](
                               jobs::JobContext& context) -> base::Result<jobs::JobOutcome> {
                             ASSIGN_OR_RETURN(interchange::ExportFile file,
                                              exports.ExportCadres(actor, export_request, context));
                             jobs::JobOutcome outcome;
                             outcome.summary_json = DumpJson(Json{{"rows", file.rows}});
                             outcome.file_name = file.file_name;
                             outcome.content_type = std::string(interchange::kXlsxContentType);
                             outcome.file_bytes = std::move(file.bytes);
                             return outcome;
                           }));
            return JobAccepted(jobs, actor, id);
          }));

  router.Add(
      Method::kPost, "/api/tables/export",
      SignedIn(
          sessions, [&exports](Request& request, const Caller& caller) -> base::Result<Response> {
            ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
            interchange::TableExportRequest table;
            ASSIGN_OR_RETURN(table.title, RequiredString(body, "title"));
            if (!body.contains("sheets") || !body["sheets"].is_array()) {
              return base::InvalidArgument("缺少必填字段 sheets（数组）", "sheets");
            }
            const Json& sheets = body["sheets"];
            if (sheets.size() > 20) return base::InvalidArgument("须有 1–20 个工作表", "sheets");
            std::size_t total_rows = 0;
            for (std::size_t i = 0; i < sheets.size(); ++i) {
              const Json& sheet = sheets[i];
              std::string path = "sheets[" + std::to_string(i) + "]";
              if (!sheet.is_object()) return base::InvalidArgument("应为对象", path);
              interchange::TableSheet out;
              auto name = OptionalString(sheet, "name");
              if (!name.ok()) return base::InvalidArgument("工作表名应为字符串", path + ".name");
              if (*name) out.name = **name;
              auto columns = StringArray(sheet, "columns");
              if (!columns.ok()) {
                return base::InvalidArgument(columns.status().message(), path + ".columns");
              }
              out.columns = std::move(columns).value();
              if (!sheet.contains("rows") || !sheet["rows"].is_array()) {
                return base::InvalidArgument("缺少 rows（数组）", path + ".rows");
              }
              total_rows += sheet["rows"].size();
              if (total_rows > 10000) {
                return base::InvalidArgument("表格合计超过 10000 行，请使用干部名册导出", "sheets");
              }
              for (std::size_t r = 0; r < sheet["rows"].size(); ++r) {
                const Json& row = sheet["rows"][r];
                std::string row_path = path + ".rows[" + std::to_string(r) + "]";
                if (!row.is_array()) return base::InvalidArgument("每行应为数组", row_path);
                interchange::XlsxRow cells;
                for (const Json& value : row) {
                  if (value.is_null())
                    cells.emplace_back(std::monostate{});
                  else if (value.is_string())
                    cells.emplace_back(value.get<std::string>());
                  else if (value.is_number_integer())
                    cells.emplace_back(value.get<std::int64_t>());
                  else if (value.is_number())
                    cells.emplace_back(value.get<double>());
                  else if (value.is_boolean())
                    cells.emplace_back(std::string(value.get<bool>() ? "是" : "否"));
                  else
                    return base::InvalidArgument("单元格只能是文字、数字或空", row_path);
                }
                out.rows.push_back(std::move(cells));
              }
              table.sheets.push_back(std::move(out));
            }
            ASSIGN_OR_RETURN(interchange::ExportFile file,
                             exports.ExportTable(caller.actor, table));
            return XlsxResponse(std::move(file));
          }));

  router.Add(
      Method::kGet, "/api/cadres/import/template",
      SignedIn(sessions, [&imports](Request&, const Caller& caller) -> base::Result<Response> {
        ASSIGN_OR_RETURN(std::string bytes, imports.BuildTemplate(caller.actor));
        return XlsxResponse({.file_name = "干部信息导入模板.xlsx", .bytes = std::move(bytes)});
      }));

  router.Add(Method::kPost, "/api/cadres/import/excel",
             SignedIn(sessions,
                      [&imports](Request& request, const Caller& caller) -> base::Result<Response> {
                        std::string name(request.QueryParam("name").value_or("导入.xlsx"));
                        ASSIGN_OR_RETURN(
                            interchange::UploadInfo info,
                            imports.Upload(caller.actor, name, std::move(request.body)));
                        return JsonResponse(201, UploadJson(info));
                      }));

  router.Add(Method::kGet, "/api/cadres/import/excel/{id:int}",
             SignedIn(sessions,
                      [&imports](Request& request, const Caller& caller) -> base::Result<Response> {
                        ASSIGN_OR_RETURN(std::int64_t id, UploadId(request));
                        ASSIGN_OR_RETURN(interchange::UploadInfo info,
                                         imports.GetUpload(caller.actor, id));
                        return JsonResponse(200, UploadJson(info));
                      }));

  // The dry run and the commit read every row (and, for rows on record, their dossiers): jobs,
  // so a file of thousands of rows never runs into the handler's time limit.
  router.Add(Method::kPost, "/api/cadres/import/excel/{id:int}/check",
             ImportJob(sessions, imports, jobs, &interchange::ExcelImport::DryRun,
                       "cadre.import_excel_check", "预检", /*shown_unchanged_rows=*/200));
  router.Add(Method::kPost, "/api/cadres/import/excel/{id:int}/commit",
             ImportJob(sessions, imports, jobs, &interchange::ExcelImport::Commit,
                       "cadre.import_excel", "导入", /*shown_unchanged_rows=*/0));
}

}  // namespace xr::http
