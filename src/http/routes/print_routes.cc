#include "http/routes/print_routes.h"

#include "http/json.h"
#include "http/routes/authenticate.h"
#include "http/routes/job_routes.h"
#include "search/cadre_query.h"

namespace xr::http {
namespace {

base::Result<print::BatchFormat> FormatOf(const Json& body) {
  ASSIGN_OR_RETURN(std::optional<std::string> format, OptionalString(body, "format"));
  if (!format || *format == "pdf") return print::BatchFormat::kPdf;
  if (*format == "zip") return print::BatchFormat::kZip;
  return base::InvalidArgument("格式须为 zip（每人一个 PDF 的压缩包）或 pdf（合并为一个 PDF）",
                               "format");
}

base::Result<std::vector<cadre::CadreId>> IdsOf(const Json& body) {
  const Json& ids = body["cadre_ids"];
  if (!ids.is_array()) return base::InvalidArgument("cadre_ids 应为干部编号数组", "cadre_ids");
  if (ids.size() > print::kMaxBatchForms) {
    return base::InvalidArgument(
        "一次最多打印 " + std::to_string(print::kMaxBatchForms) + " 份任免审批表，请分批打印",
        "cadre_ids");
  }
  std::vector<cadre::CadreId> out;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (!ids[i].is_number_integer() || ids[i].get<std::int64_t>() <= 0) {
      return base::InvalidArgument("干部编号应为正整数", "cadre_ids[" + std::to_string(i) + "]");
    }
    out.emplace_back(ids[i].get<std::int64_t>());
  }
  return out;
}

Json SummaryJson(const print::BatchResult& result, print::BatchFormat format) {
  Json skipped = Json::array();
  for (const print::SkippedCadre& s : result.skipped)
    skipped.push_back({{"id", s.id.value()}, {"message", s.message}});
  return {{"printed", result.printed},
          {"skipped", std::move(skipped)},
          {"format", format == print::BatchFormat::kZip ? "zip" : "pdf"}};
}

}  // namespace

void AddPrintRoutes(Router& router, access::SessionService& sessions, print::PrintService& print,
                    jobs::JobService& jobs, const base::Clock& clock) {
  router.Add(
      Method::kGet, "/api/cadres/{id:int}/rmb.pdf",
      SignedIn(sessions,
               [&print](Request& request, const Caller& caller) -> base::Result<Response> {
                 ASSIGN_OR_RETURN(std::int64_t id, ParseIntParam(*request.PathParam("id"), "id"));
                 ASSIGN_OR_RETURN(print::PrintedFile file,
                                  print.PrintRmb(caller.actor, cadre::CadreId(id)));
                 Response response;
                 response.content_type = file.content_type;
                 response.body = std::move(file.bytes);
                 response.AddHeader("Content-Disposition", AttachmentDisposition(file.file_name));
                 // The form is personal data: never kept by shared caches.
                 response.AddHeader("Cache-Control", "private, no-store");
                 return response;
               }));

  router.Add(
      Method::kPost, "/api/cadres/print/rmb",
      SignedIn(
          sessions,
          [&print, &jobs, &clock](Request& request,
                                  const Caller& caller) -> base::Result<Response> {
            ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
            ASSIGN_OR_RETURN(print::BatchFormat format, FormatOf(body));
            const bool has_ids = body.contains("cadre_ids") && !body["cadre_ids"].is_null();
            const bool has_condition = body.contains("condition") && !body["condition"].is_null();
            if (has_ids == has_condition) {
              return base::InvalidArgument(
                  "请给出 cadre_ids（所选干部）或 condition（查询条件）之一", "cadre_ids");
            }
            std::vector<cadre::CadreId> ids;
            if (has_ids) {
              ASSIGN_OR_RETURN(ids, IdsOf(body));
            } else {
              ASSIGN_OR_RETURN(search::Condition condition,
                               search::DecodeCondition(body["condition"]));
              ASSIGN_OR_RETURN(std::optional<std::string> reference,
                               OptionalString(body, "reference_date"));
              base::Date at = clock.Now().ShanghaiDate();
              if (reference && !reference->empty()) {
                ASSIGN_OR_RETURN(at, base::Date::Parse(*reference, "reference_date"));
              }
              ASSIGN_OR_RETURN(ids, print.CadresMatching(caller.actor, condition, at));
            }
            RETURN_IF_ERROR(print.CheckBatch(caller.actor, ids.size(), format));
            const access::Actor actor = caller.actor;
            ASSIGN_OR_RETURN(
                jobs::JobId id,
                jobs.Start(actor, "print.rmb_batch",
                           "打印任免审批表（" + std::to_string(ids.size()) + "人）",
                           [&print, actor, ids,
                            format](jobs::JobContext& context) -> base::Result<jobs::JobOutcome> {
                             ASSIGN_OR_RETURN(print::BatchResult result,
                                              print.PrintRmbBatch(actor, ids, format, context));
                             jobs::JobOutcome outcome;
                             outcome.summary_json = DumpJson(SummaryJson(result, format));
                             outcome.file_name = result.file.file_name;
                             outcome.content_type = result.file.content_type;
                             outcome.file_bytes = std::move(result.file.bytes);
                             return outcome;
                           }));
            return JobAccepted(jobs, actor, id);
          }));
}

}  // namespace xr::http
