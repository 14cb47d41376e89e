#pragma once
// Status and Result<T>: how every layer reports failure (ARCHITECTURE.md §4).
// Domain code does not throw; messages are for people (Chinese where users see them) and may
// name the offending input field so the UI can point at it.

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace xr::base {

enum class StatusCode {
  kOk,
  kInvalidArgument,
  kNotFound,
  kAlreadyExists,
  kFailedPrecondition,
  kAborted,
  kPermissionDenied,
  kUnauthenticated,
  kUnavailable,
  kInternal,
};

// Stable, upper-case wire name ("INVALID_ARGUMENT"); part of the public API.
std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message, std::string field = {})
      : code_(code), message_(std::move(message)), field_(std::move(field)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // The request field the error is about, or empty.
  const std::string& field() const { return field_; }

  // "INVALID_ARGUMENT: message (field)" — for logs and test failure output.
  std::string ToString() const;

  friend bool operator==(const Status&, const Status&) = default;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string field_;
};

Status InvalidArgument(std::string message, std::string field = {});
Status NotFound(std::string message, std::string field = {});
Status AlreadyExists(std::string message, std::string field = {});
Status FailedPrecondition(std::string message, std::string field = {});
Status Aborted(std::string message);
Status PermissionDenied(std::string message);
Status Unauthenticated(std::string message);
Status Unavailable(std::string message);
Status Internal(std::string message);

// Either a value or a non-OK Status. Accessing value() of an error is a programming error.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : data_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(data_).ok() && "Result constructed from an OK status");
  }

  bool ok() const { return std::holds_alternative<T>(data_); }
  const Status& status() const& {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(data_);
  }
  // By value from a temporary, so `RETURN_IF_ERROR(F().status())` never holds a reference into
  // a Result that is already gone.
  Status status() && { return ok() ? Status() : std::get<Status>(std::move(data_)); }
  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> data_;
};

namespace internal {
inline const Status& AsStatus(const Status& s) { return s; }
template <typename T>
const Status& AsStatus(const Result<T>& r) {
  return r.status();
}
}  // namespace internal

}  // namespace xr::base

#define XR_CONCAT_INNER(a, b) a##b
#define XR_CONCAT(a, b) XR_CONCAT_INNER(a, b)

// Returns the error of a Status or Result expression from the enclosing function.
#define RETURN_IF_ERROR(expr)                                                         \
  do {                                                                                \
    if (auto&& xr_status_ = (expr); !::xr::base::internal::AsStatus(xr_status_).ok()) \
      return ::xr::base::internal::AsStatus(xr_status_);                              \
  } while (false)

// `ASSIGN_OR_RETURN(auto x, MakeX());` — binds the value or returns the error.
#define ASSIGN_OR_RETURN(lhs, expr) \
  XR_ASSIGN_OR_RETURN_IMPL(XR_CONCAT(xr_result_, __LINE__), lhs, expr)
#define XR_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                             \
  if (!tmp.ok()) return tmp.status();            \
  lhs = std::move(tmp).value()
