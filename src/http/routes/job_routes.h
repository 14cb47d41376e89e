#pragma once
// HTTP adapter of the background jobs (jobs/job_service.h): the caller's own jobs, their
// progress, cancel and result file (docs/api.md, "后台任务").

#include <string>
#include <string_view>

#include "access/actor.h"
#include "access/session_service.h"
#include "base/status.h"
#include "http/response.h"
#include "http/router.h"
#include "jobs/job_service.h"

namespace xr::http {

// GET /api/jobs, GET /api/jobs/{id}, POST /api/jobs/{id}/cancel, GET /api/jobs/{id}/file.
void AddJobRoutes(Router& router, access::SessionService& sessions, jobs::JobService& jobs);

// What an endpoint that has just started job `id` for `actor` answers: 202 {"job": Job}.
//   ASSIGN_OR_RETURN(jobs::JobId id, jobs.Start(caller.actor, kind, title, body));
//   return JobAccepted(jobs, caller.actor, id);
base::Result<Response> JobAccepted(jobs::JobService& jobs, const access::Actor& actor,
                                   jobs::JobId id);

// The Content-Disposition value that downloads `file_name` (any UTF-8) under that name:
// `attachment; filename="<ASCII stand-in>"; filename*=UTF-8''<percent-encoded>` (RFC 6266).
std::string AttachmentDisposition(std::string_view file_name);

}  // namespace xr::http
