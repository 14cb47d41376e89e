#pragma once
// The one mapping from Status to HTTP (ARCHITECTURE.md §4):
//   INVALID_ARGUMENT 400, NOT_FOUND 404, ALREADY_EXISTS 409, FAILED_PRECONDITION 409,
//   ABORTED 409, PERMISSION_DENIED 403, UNAUTHENTICATED 401, UNAVAILABLE 503, INTERNAL 500;
//   plus the refined codes below (LOCKED 423, TOTP_REQUIRED 401, PASSWORD_CHANGE_REQUIRED 403).
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

// Refined wire codes. A few refusals must be told apart by clients beyond their Status code, and
// one needs its own HTTP status. The service returns an ordinary Status (so every other adapter
// still understands it) and says which refusal it was; the route then answers with the same
// message and field under the refined code (docs/decisions.md, "HTTP 423 and refined codes"):
//   LOCKED                   423  base PERMISSION_DENIED: too many failed sign-ins; retry later
//   TOTP_REQUIRED            401  base UNAUTHENTICATED: the password was right, a TOTP code is due
//   PASSWORD_CHANGE_REQUIRED 403  base PERMISSION_DENIED: change the password first
struct WireCode {
  int http_status;
  std::string_view code;
};
inline constexpr WireCode kLocked{423, "LOCKED"};
inline constexpr WireCode kTotpRequired{401, "TOTP_REQUIRED"};
inline constexpr WireCode kPasswordChangeRequired{403, "PASSWORD_CHANGE_REQUIRED"};

// `status` (not OK, not INTERNAL) answered under `refined`'s HTTP status and code.
Response ErrorResponse(const base::Status& status, WireCode refined);

// An error body with an explicit HTTP status and code, for errors that are not a Status
// (405 METHOD_NOT_ALLOWED, 413 from the server).
Response ErrorResponse(int http_status, std::string_view code, std::string_view message,
                       std::string_view field = {});

}  // namespace xr::http
