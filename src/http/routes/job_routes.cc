#include "http/routes/job_routes.h"

#include <cctype>

#include "http/error_mapping.h"
#include "http/json.h"
#include "http/routes/authenticate.h"

namespace xr::http {
namespace {

constexpr WireCode kJobFinished{409, "JOB_FINISHED"};

Json JobJson(const jobs::Job& job) {
  Json summary = Json::parse(job.summary_json, nullptr, false);
  if (summary.is_discarded()) summary = Json::object();
  return {{"id", job.id.value()},
          {"kind", job.kind},
          {"title", job.title},
          {"state", jobs::JobStateName(job.state)},
          {"done", job.done},
          {"total", job.total},
          {"message", job.message},
          {"summary", std::move(summary)},
          {"has_file", !job.file_name.empty() && job.state == jobs::JobState::kSucceeded},
          {"file_name", job.file_name.empty() ? Json(nullptr) : Json(job.file_name)},
          {"created_at", job.created_at.ToRfc3339()},
          {"finished_at", job.finished_at ? Json(job.finished_at->ToRfc3339()) : Json(nullptr)}};
}

base::Result<jobs::JobId> IdParam(const Request& request) {
  ASSIGN_OR_RETURN(std::int64_t id, ParseIntParam(*request.PathParam("id"), "id"));
  return jobs::JobId(id);
}

// Job state changes every second: never cached.
Response Uncached(Response response) {
  response.AddHeader("Cache-Control", "no-store");
  return response;
}

}  // namespace

std::string AttachmentDisposition(std::string_view file_name) {
  // The stand-in for old clients: the name when it is plain ASCII, else "download" with the
  // extension.
  bool plain = !file_name.empty();
  for (unsigned char c : file_name) {
    if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == ';' || c == '/') plain = false;
  }
  std::string fallback(file_name);
  if (!plain) {
    fallback = "download";
    const size_t dot = file_name.rfind('.');
    if (dot != std::string_view::npos) {
      std::string_view extension = file_name.substr(dot);
      bool ascii = extension.size() <= 10;
      for (unsigned char c : extension) {
        if (!(std::isalnum(c) || c == '.')) ascii = false;
      }
      if (ascii) fallback += extension;
    }
  }
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  for (unsigned char c : file_name) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      encoded += char(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
}

base::Result<Response> JobAccepted(jobs::JobService& jobs, const access::Actor& actor,
                                   jobs::JobId id) {
  ASSIGN_OR_RETURN(jobs::Job job, jobs.Get(actor, id));
  return Uncached(JsonResponse(202, {{"job", JobJson(job)}}));
}

void AddJobRoutes(Router& router, access::SessionService& sessions, jobs::JobService& jobs) {
  router.Add(Method::kGet, "/api/jobs",
             SignedIn(sessions, [&jobs](Request&, const Caller& caller) -> base::Result<Response> {
               ASSIGN_OR_RETURN(std::vector<jobs::Job> mine, jobs.ListMine(caller.actor));
               Json items = Json::array();
               for (const jobs::Job& job : mine) items.push_back(JobJson(job));
               return Uncached(JsonResponse(200, {{"items", std::move(items)}}));
             }));
  router.Add(
      Method::kGet, "/api/jobs/{id:int}",
      SignedIn(sessions, [&jobs](Request& request, const Caller& caller) -> base::Result<Response> {
        ASSIGN_OR_RETURN(jobs::JobId id, IdParam(request));
        ASSIGN_OR_RETURN(jobs::Job job, jobs.Get(caller.actor, id));
        return Uncached(JsonResponse(200, JobJson(job)));
      }));
  router.Add(
      Method::kPost, "/api/jobs/{id:int}/cancel",
      SignedIn(sessions, [&jobs](Request& request, const Caller& caller) -> base::Result<Response> {
        ASSIGN_OR_RETURN(jobs::JobId id, IdParam(request));
        base::Status cancelled = jobs.Cancel(caller.actor, id);
        if (cancelled.code() == base::StatusCode::kFailedPrecondition) {
          return ErrorResponse(cancelled, kJobFinished);
        }
        RETURN_IF_ERROR(cancelled);
        ASSIGN_OR_RETURN(jobs::Job job, jobs.Get(caller.actor, id));
        return Uncached(JsonResponse(200, JobJson(job)));
      }));
  router.Add(
      Method::kGet, "/api/jobs/{id:int}/file",
      SignedIn(sessions, [&jobs](Request& request, const Caller& caller) -> base::Result<Response> {
        ASSIGN_OR_RETURN(jobs::JobId id, IdParam(request));
        ASSIGN_OR_RETURN(jobs::JobOutcome file, jobs.Download(caller.actor, id));
        Response response;
        response.content_type =
            file.content_type.empty() ? "application/octet-stream" : file.content_type;
        response.body = std::move(file.file_bytes);
        response.AddHeader("Content-Disposition", AttachmentDisposition(file.file_name));
        // The file may hold personal data already redacted for this caller only.
        response.AddHeader("Cache-Control", "private, no-store");
        return response;
      }));
}

}  // namespace xr::http
