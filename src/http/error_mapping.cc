#include "http/error_mapping.h"

#include <spdlog/spdlog.h>

#include "http/json.h"

namespace xr::http {

int HttpStatusFor(base::StatusCode code) {
  using base::StatusCode;
  switch (code) {
    case StatusCode::kInvalidArgument:
      return 400;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kAlreadyExists:
      return 409;
    case StatusCode::kFailedPrecondition:
      return 409;
    case StatusCode::kAborted:
      return 409;
    case StatusCode::kPermissionDenied:
      return 403;
    case StatusCode::kUnauthenticated:
      return 401;
    case StatusCode::kUnavailable:
      return 503;
    case StatusCode::kInternal:
      return 500;
    case StatusCode::kOk:
      return 500;
  }
  return 500;
}

Response ErrorResponse(int http_status, std::string_view code, std::string_view message,
                       std::string_view field) {
  Json error = {{"code", code}, {"message", message}};
  if (!field.empty()) error["field"] = field;
  return JsonResponse(http_status, Json{{"error", std::move(error)}});
}

Response ErrorResponse(const base::Status& status) {
  if (status.ok() || status.code() == base::StatusCode::kInternal) {
    spdlog::error(
        "internal error returned to HTTP client: {}",
        status.ok() ? std::string("OK status passed to ErrorResponse") : status.ToString());
    return ErrorResponse(500, "INTERNAL", "服务器内部错误");
  }
  return ErrorResponse(HttpStatusFor(status.code()), base::StatusCodeName(status.code()),
                       status.message(), status.field());
}

Response ErrorResponse(const base::Status& status, WireCode refined) {
  if (status.ok() || status.code() == base::StatusCode::kInternal) return ErrorResponse(status);
  return ErrorResponse(refined.http_status, refined.code, status.message(), status.field());
}

}  // namespace xr::http
