#include "http/dispatcher.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>

#include "http/access_log.h"
#include "http/error_mapping.h"

namespace xr::http {

Dispatcher::Dispatcher(const Router& router, std::string web_dir, std::size_t max_body_bytes)
    : router_(router), access_log_(AccessLogger()), max_body_bytes_(max_body_bytes) {
  if (!web_dir.empty()) static_files_.emplace(std::move(web_dir));
}

Response Dispatcher::TooLarge(std::size_t limit_bytes) const {
  std::string limit = limit_bytes % (1 << 20) == 0 ? std::to_string(limit_bytes >> 20) + " MiB"
                                                   : std::to_string(limit_bytes) + " 字节";
  return ErrorResponse(413, "INVALID_ARGUMENT", "请求体过大（上限 " + limit + "）", "body");
}

Response Dispatcher::Route(Request& request) const {
  const std::size_t limit = request.path.starts_with(kUploadPathPrefix)
                                ? std::max(kUploadMaxBodyBytes, max_body_bytes_)
                                : max_body_bytes_;
  if (request.body.size() > limit) return TooLarge(limit);
  RouteMatch match = router_.Match(request.method, request.path);
  switch (match.kind) {
    case RouteMatch::Kind::kFound:
      request.path_params = std::move(match.params);
      try {
        return (*match.handler)(request);
      } catch (const std::exception& e) {
        spdlog::error("handler {} {} threw: {}", MethodName(request.method), match.pattern,
                      e.what());
      } catch (...) {
        spdlog::error("handler {} {} threw a non-standard exception", MethodName(request.method),
                      match.pattern);
      }
      return ErrorResponse(500, "INTERNAL", "服务器内部错误");
    case RouteMatch::Kind::kMethodNotAllowed: {
      Response r = ErrorResponse(405, "METHOD_NOT_ALLOWED", "不支持该请求方法");
      r.headers.emplace_back("Allow", match.allow);
      return r;
    }
    case RouteMatch::Kind::kNotFound:
      break;
  }
  if (static_files_) {
    try {
      if (auto r = static_files_->Serve(request)) return std::move(*r);
    } catch (const std::exception& e) {
      spdlog::error("static file {} failed: {}", request.path, e.what());
      return ErrorResponse(500, "INTERNAL", "服务器内部错误");
    }
  }
  return ErrorResponse(404, "NOT_FOUND", "请求的资源不存在");
}

Response Dispatcher::Handle(Request& request,
                            std::chrono::steady_clock::time_point received) const {
  Response response = Route(request);
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("X-Frame-Options", "DENY");
  response.headers.emplace_back("Referrer-Policy", "same-origin");
  try {
    auto elapsed = std::chrono::steady_clock::now() - received;
    AccessRecord record{std::chrono::system_clock::now(),
                        request.method,
                        request.path,
                        response.status,
                        std::chrono::duration<double, std::milli>(elapsed).count(),
                        request.user,
                        request.remote_address};
    access_log_->info(FormatAccessLine(record));
  } catch (const std::exception& e) {
    spdlog::error("access log failed: {}", e.what());
  }
  return response;
}

}  // namespace xr::http
