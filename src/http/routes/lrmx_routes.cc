#include "http/routes/lrmx_routes.h"

#include <memory>

#include "access/password.h"
#include "cadre/cadre_permissions.h"
#include "http/json.h"
#include "http/routes/authenticate.h"
#include "http/routes/job_routes.h"
#include "interchange/lrmx_service.h"

namespace xr::http {
namespace {

using interchange::ExistingChoice;
using interchange::LrmxFile;
using interchange::LrmxFileResult;
using interchange::LrmxImportOptions;
using interchange::LrmxService;

constexpr std::string_view kImportKind = "cadre.import_lrmx";
constexpr size_t kMaxUploadFiles = 20000;

std::string LowerAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return out;
}

// The value of `key` in a header such as `form-data; name="files"; filename="a.lrmx"`.
std::optional<std::string> HeaderParam(std::string_view header, std::string_view key) {
  const std::string lower = LowerAscii(header);
  size_t at = 0;
  while ((at = lower.find(std::string(key) + "=", at)) != std::string::npos) {
    if (at == 0 || lower[at - 1] == ' ' || lower[at - 1] == ';') break;
    at += key.size();
  }
  if (at == std::string::npos) return std::nullopt;
  size_t start = at + key.size() + 1;
  if (start < header.size() && header[start] == '"') {
    const size_t end = header.find('"', start + 1);
    if (end == std::string_view::npos) return std::nullopt;
    return std::string(header.substr(start + 1, end - start - 1));
  }
  const size_t end = header.find(';', start);
  return std::string(header.substr(start, end == std::string_view::npos ? end : end - start));
}

// The files of a multipart/form-data body (parts with a filename), or the raw body as one file.
base::Result<std::vector<LrmxFile>> UploadedFiles(const Request& request) {
  std::vector<LrmxFile> files;
  const std::string content_type(request.Header("Content-Type").value_or(""));
  if (LowerAscii(content_type).starts_with("multipart/form-data")) {
    auto boundary = HeaderParam(content_type, "boundary");
    if (!boundary || boundary->empty())
      return base::InvalidArgument("multipart 请求缺少 boundary", "body");
    const std::string delimiter = "--" + *boundary;
    std::string_view body = request.body;
    size_t at = body.find(delimiter);
    while (at != std::string_view::npos) {
      size_t part = at + delimiter.size();
      if (body.substr(part, 2) == "--") break;
      if (body.substr(part, 2) == "\r\n") part += 2;
      const size_t headers_end = body.find("\r\n\r\n", part);
      if (headers_end == std::string_view::npos)
        return base::InvalidArgument("multipart 请求不完整", "body");
      const std::string_view headers = body.substr(part, headers_end - part);
      const size_t next = body.find("\r\n" + delimiter, headers_end + 4);
      if (next == std::string_view::npos)
        return base::InvalidArgument("multipart 请求不完整", "body");
      std::optional<std::string> filename;
      for (size_t line = 0; line < headers.size();) {
        size_t end = headers.find("\r\n", line);
        if (end == std::string_view::npos) end = headers.size();
        const std::string_view header = headers.substr(line, end - line);
        if (LowerAscii(header.substr(0, 20)).starts_with("content-disposition:"))
          filename = HeaderParam(header, "filename");
        line = end + 2;
      }
      if (filename && !filename->empty()) {
        // Browsers may send a path; keep the last component.
        const size_t slash = filename->find_last_of("/\\");
        if (slash != std::string::npos) filename->erase(0, slash + 1);
        files.push_back(
            {*filename, std::string(body.substr(headers_end + 4, next - headers_end - 4)), {}});
        if (files.size() > kMaxUploadFiles)
          return base::InvalidArgument("一次最多导入 20000 个文件", "files");
      }
      at = next + 2;
    }
    if (files.empty()) return base::InvalidArgument("请选择要导入的文件", "files");
  } else {
    if (request.body.empty()) return base::InvalidArgument("请选择要导入的文件", "files");
    files.push_back(
        {std::string(request.QueryParam("name").value_or("upload.lrmx")), request.body, {}});
  }
  // A .pic uploaded beside an .lrm is its photo.
  std::vector<LrmxFile> out;
  for (LrmxFile& file : files) {
    const std::string lower = LowerAscii(file.name);
    if (lower.ends_with(".pic")) continue;
    if (lower.ends_with(".lrm")) {
      const std::string stem = lower.substr(0, lower.size() - 4);
      for (const LrmxFile& other : files)
        if (LowerAscii(other.name) == stem + ".pic") file.photo = other.bytes;
    }
    out.push_back(std::move(file));
  }
  return out;
}

Json ResultJson(const LrmxFileResult& r) {
  Json diff = Json::array();
  for (const interchange::LrmxFieldDiff& d : r.diff) {
    diff.push_back({{"field", d.field},
                    {"stored", Json::parse(d.stored_json, nullptr, false)},
                    {"file", Json::parse(d.file_json, nullptr, false)}});
  }
  return {{"name", r.name},
          {"outcome", std::string(interchange::LrmxOutcomeName(r.outcome))},
          {"id", r.id ? Json(r.id->value()) : Json(nullptr)},
          {"message", r.message},
          {"field", r.field},
          {"warnings", r.warnings},
          {"diff", std::move(diff)}};
}

Json SummaryJson(const std::vector<LrmxFileResult>& results, const LrmxImportOptions& options,
                 const std::string& batch) {
  Json counts = Json::object();
  Json files = Json::array();
  for (const LrmxFileResult& r : results) {
    const std::string outcome(interchange::LrmxOutcomeName(r.outcome));
    counts[outcome] = counts.value(outcome, 0) + 1;
    files.push_back(ResultJson(r));
  }
  return {{"dry_run", options.dry_run},
          {"unit", options.unit_code},
          {"managing_body", options.managing_body},
          {"batch", batch},
          {"counts", std::move(counts)},
          {"files", std::move(files)}};
}

bool Truthy(std::optional<std::string_view> value) {
  return value && (*value == "1" || *value == "true" || *value == "yes");
}

}  // namespace

void AddLrmxRoutes(Router& router, access::SessionService& sessions, jobs::JobService& jobs,
                   store::Database& db, const base::Clock& clock, const access::Recorder& recorder,
                   const crypto::Keyring& keyring) {
  auto service = std::make_shared<LrmxService>(db, clock, recorder, keyring);

  router.Add(
      Method::kPost, "/api/cadres/import/lrmx",
      SignedIn(
          sessions,
          [service, &jobs](Request& request, const Caller& caller) -> base::Result<Response> {
            RETURN_IF_ERROR(access::Require(caller.actor, cadre::kCadreWrite));
            LrmxImportOptions options;
            options.unit_code = std::string(request.QueryParam("unit").value_or(""));
            if (options.unit_code.empty())
              return base::InvalidArgument("请选择导入到的单位", "unit");
            options.dry_run = Truthy(request.QueryParam("dry_run"));
            if (auto body = request.QueryParam("managing_body"); body && !body->empty())
              options.managing_body = std::string(*body);
            ASSIGN_OR_RETURN(std::vector<LrmxFile> uploads, UploadedFiles(request));
            auto shared = std::make_shared<std::vector<LrmxFile>>(std::move(uploads));
            const std::string batch = access::RandomToken(12);
            const access::Actor actor = caller.actor;
            const std::string title = std::string(options.dry_run ? "预检" : "导入") +
                                      "任免审批表（" + std::to_string(shared->size()) + " 个文件）";
            ASSIGN_OR_RETURN(
                jobs::JobId id,
                jobs.Start(actor, std::string(kImportKind), title,
                           [service, shared, options, batch,
                            actor](jobs::JobContext& context) -> base::Result<jobs::JobOutcome> {
                             std::vector<interchange::ExpandedFile> files =
                                 interchange::ExpandUploads(std::move(*shared));
                             ASSIGN_OR_RETURN(std::vector<LrmxFileResult> results,
                                              service->Import(actor, files, options, &context));
                             if (!options.dry_run) {
                               for (const LrmxFileResult& r : results) {
                                 if (r.outcome != interchange::LrmxOutcome::kExists) continue;
                                 for (const interchange::ExpandedFile& f : files)
                                   if (f.file.name == r.name)
                                     RETURN_IF_ERROR(service->SavePending(actor, batch, f.file));
                               }
                             }
                             jobs::JobOutcome outcome;
                             outcome.summary_json = DumpJson(SummaryJson(results, options, batch));
                             return outcome;
                           }));
            return JobAccepted(jobs, actor, id);
          }));

  router.Add(
      Method::kPost, "/api/cadres/import/lrmx/{job:int}/resolve",
      SignedIn(
          sessions,
          [service, &jobs](Request& request, const Caller& caller) -> base::Result<Response> {
            RETURN_IF_ERROR(access::Require(caller.actor, cadre::kCadreWrite));
            ASSIGN_OR_RETURN(std::int64_t job_id, ParseIntParam(*request.PathParam("job"), "job"));
            ASSIGN_OR_RETURN(jobs::Job job, jobs.Get(caller.actor, jobs::JobId(job_id)));
            if (job.kind != kImportKind) return base::NotFound("没有这个任免审批表导入任务", "job");
            const Json summary = Json::parse(job.summary_json, nullptr, false);
            if (!summary.is_object() || !summary.contains("batch"))
              return base::FailedPrecondition("导入任务尚未完成", "job");
            LrmxImportOptions options;
            options.unit_code = summary.value("unit", "");
            options.managing_body = summary.value("managing_body", options.managing_body);
            const std::string batch = summary.value("batch", "");

            ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
            if (!body.contains("choices") || !body["choices"].is_array() || body["choices"].empty())
              return base::InvalidArgument("请为每个已在库中的人员选择处理方式", "choices");
            struct Choice {
              std::string name;
              ExistingChoice choice;
              std::vector<std::string> fields;
            };
            std::vector<Choice> choices;
            const Json& list = body["choices"];
            for (size_t i = 0; i < list.size(); ++i) {
              const std::string path = "choices[" + std::to_string(i) + "]";
              if (!list[i].is_object()) return base::InvalidArgument("应为对象", path);
              Choice c;
              auto name = RequiredString(list[i], "name");
              if (!name.ok()) return base::InvalidArgument(name.status().message(), path + ".name");
              c.name = *name;
              auto choice_name = RequiredString(list[i], "choice");
              auto choice = choice_name.ok() ? interchange::ExistingChoiceFromName(*choice_name)
                                             : std::nullopt;
              if (!choice || *choice == ExistingChoice::kAsk)
                return base::InvalidArgument("处理方式须为 keep、replace 或 merge",
                                             path + ".choice");
              c.choice = *choice;
              if (list[i].contains("fields") && list[i]["fields"].is_array()) {
                for (const Json& f : list[i]["fields"])
                  if (f.is_string()) c.fields.push_back(f.get<std::string>());
              }
              if (c.choice == ExistingChoice::kMerge && c.fields.empty())
                return base::InvalidArgument("合并时请至少选择一项", path + ".fields");
              choices.push_back(std::move(c));
            }
            const access::Actor actor = caller.actor;
            ASSIGN_OR_RETURN(
                jobs::JobId id,
                jobs.Start(actor, "cadre.import_lrmx_resolve",
                           "处理已在库人员（" + std::to_string(choices.size()) + " 人）",
                           [service, options, batch, actor,
                            choices](jobs::JobContext& context) -> base::Result<jobs::JobOutcome> {
                             std::vector<LrmxFileResult> results;
                             for (size_t i = 0; i < choices.size(); ++i) {
                               const Choice& c = choices[i];
                               LrmxImportOptions one = options;
                               one.existing = c.choice;
                               one.merge_fields = c.fields;
                               auto file = service->TakePending(actor, batch, c.name);
                               if (!file.ok()) {
                                 LrmxFileResult r;
                                 r.name = c.name;
                                 r.message = file.status().message();
                                 r.field = "name";
                                 results.push_back(std::move(r));
                               } else {
                                 auto r = service->ImportOne(actor, *file, one);
                                 if (!r.ok()) return r.status();
                                 results.push_back(std::move(*r));
                               }
                               context.Report(std::int64_t(i + 1), std::int64_t(choices.size()),
                                              "已处理 " + std::to_string(i + 1) + " 人");
                             }
                             jobs::JobOutcome outcome;
                             outcome.summary_json = DumpJson(SummaryJson(results, options, batch));
                             return outcome;
                           }));
            return JobAccepted(jobs, actor, id);
          }));

  router.Add(Method::kGet, "/api/cadres/{id:int}/lrmx",
             SignedIn(sessions,
                      [service](Request& request, const Caller& caller) -> base::Result<Response> {
                        ASSIGN_OR_RETURN(std::int64_t id,
                                         ParseIntParam(*request.PathParam("id"), "id"));
                        ASSIGN_OR_RETURN(interchange::LrmxExport file,
                                         service->Export(caller.actor, cadre::CadreId(id)));
                        Response response;
                        response.status = 200;
                        response.content_type = "application/xml; charset=utf-8";
                        response.headers.emplace_back("Content-Disposition",
                                                      AttachmentDisposition(file.file_name));
                        response.body = std::move(file.bytes);
                        return response;
                      }));
}

}  // namespace xr::http
