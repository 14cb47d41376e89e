#pragma once
// Dispatcher: what the server does with one parsed request, without the server library, so it
// can be tested directly. Order:
//   1. body larger than max_body_bytes → 413 {"error":{"code":"INVALID_ARGUMENT",…}}
//   2. Router: found → handler (any exception → logged, 500 "服务器内部错误");
//      path exists with other methods → 405 METHOD_NOT_ALLOWED + Allow
//   3. not under /api/ → static files (if a web directory was given)
//   4. otherwise 404 NOT_FOUND JSON
// Every response gets the security headers (X-Content-Type-Options: nosniff,
// X-Frame-Options: DENY, Referrer-Policy: same-origin), and one access-log line is written.
// Thread-safe: Handle() may run on many threads at once.

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>

#include "http/request.h"
#include "http/response.h"
#include "http/router.h"
#include "http/static_files.h"

namespace spdlog {
class logger;
}

namespace xr::http {

inline constexpr std::size_t kDefaultMaxBodyBytes = 1 << 20;
// File uploads (paths under kUploadPathPrefix: LRMX files or zips of thousands of them, Excel
// workbooks) may be this large; every other request keeps the dispatcher's limit.
inline constexpr std::size_t kUploadMaxBodyBytes = 200u << 20;
inline constexpr std::string_view kUploadPathPrefix = "/api/cadres/import/";

class Dispatcher {
 public:
  // `router` must outlive the dispatcher; `web_dir` empty = no static files.
  Dispatcher(const Router& router, std::string web_dir,
             std::size_t max_body_bytes = kDefaultMaxBodyBytes);

  // `received` is when the server got the request (the access log's "ms" counts from it).
  Response Handle(Request& request, std::chrono::steady_clock::time_point received =
                                        std::chrono::steady_clock::now()) const;

  // The 413 answer (also used by the server for bodies it refuses to buffer).
  Response TooLarge(std::size_t limit) const;

 private:
  Response Route(Request& request) const;

  const Router& router_;
  std::shared_ptr<spdlog::logger> access_log_;
  std::optional<StaticFiles> static_files_;
  std::size_t max_body_bytes_;
};

}  // namespace xr::http
