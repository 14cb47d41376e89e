#include "base/status.h"

namespace xr::base {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "OK";
    case StatusCode::kInvalidArgument:
      return "INVALID_ARGUMENT";
    case StatusCode::kNotFound:
      return "NOT_FOUND";
    case StatusCode::kAlreadyExists:
      return "ALREADY_EXISTS";
    case StatusCode::kFailedPrecondition:
      return "FAILED_PRECONDITION";
    case StatusCode::kAborted:
      return "ABORTED";
    case StatusCode::kPermissionDenied:
      return "PERMISSION_DENIED";
    case StatusCode::kUnauthenticated:
      return "UNAUTHENTICATED";
    case StatusCode::kUnavailable:
      return "UNAVAILABLE";
    case StatusCode::kInternal:
      return "INTERNAL";
  }
  return "INTERNAL";
}

std::string Status::ToString() const {
  std::string out(StatusCodeName(code_));
  if (!message_.empty()) out += ": " + message_;
  if (!field_.empty()) out += " (" + field_ + ")";
  return out;
}

Status InvalidArgument(std::string m, std::string f) {
  return {StatusCode::kInvalidArgument, std::move(m), std::move(f)};
}
Status NotFound(std::string m, std::string f) {
  return {StatusCode::kNotFound, std::move(m), std::move(f)};
}
Status AlreadyExists(std::string m, std::string f) {
  return {StatusCode::kAlreadyExists, std::move(m), std::move(f)};
}
Status FailedPrecondition(std::string m, std::string f) {
  return {StatusCode::kFailedPrecondition, std::move(m), std::move(f)};
}
Status Aborted(std::string m) { return {StatusCode::kAborted, std::move(m)}; }
Status PermissionDenied(std::string m) { return {StatusCode::kPermissionDenied, std::move(m)}; }
Status Unauthenticated(std::string m) { return {StatusCode::kUnauthenticated, std::move(m)}; }
Status Unavailable(std::string m) { return {StatusCode::kUnavailable, std::move(m)}; }
Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

}  // namespace xr::base
