#pragma once
// The one mapping from Status to HTTP (ARCHITECTURE.md §4):
//   INVALID_ARGUMENT 400, NOT_FOUND 404, ALREADY_EXISTS 409, FAILED_PRECONDITION 409,
//   ABORTED 409, PERMISSION_DENIED 403, UNAUTHENTICATED 401, UNAVAILABLE 503, INTERNAL 500.
// Body: {"error":{"code":"INVALID_ARGUMENT","message":"…","field":"…"}} ("field" omitted when
// empty). INTERNAL never reaches the client in detail: the status is logged and the body says
// "服务器内部错误".

#include <string_view>

#include "base/status.h"
#include "http/response.h"

namespace xr::http {

int HttpStatusFor(base::StatusCode code);

// `status` must not be OK (an OK status maps to a 500, logged as a bug).
Response ErrorResponse(const base::Status& status);

// An error body with an explicit HTTP status and code, for errors that are not a Status
// (405 METHOD_NOT_ALLOWED, 413 from the server).
Response ErrorResponse(int http_status, std::string_view code, std::string_view message,
                       std::string_view field = {});

}  // namespace xr::http
