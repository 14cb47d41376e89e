#pragma once
// The access log: exactly one JSON line per request on the spdlog logger named "access"
// (stderr by default; tests add a sink to it). Fields, in order:
//   {"t":"2026-11-27T12:00:00.123Z","method":"GET","path":"/api/me","status":200,"ms":0.41,
//    "user":"zhangsan","ip":"127.0.0.1"}
// A sink added later should use set_pattern("%v") to get the bare line. "path" has no query string;
// "user" is null before authentication. Bodies, cookies and Authorization headers are never logged.

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "http/request.h"

namespace spdlog {
class logger;
}

namespace xr::http {

inline constexpr char kAccessLoggerName[] = "access";

struct AccessRecord {
  std::chrono::system_clock::time_point at;
  Method method = Method::kGet;
  std::string_view path;
  int status = 0;
  double ms = 0;
  std::string_view user;
  std::string_view ip;
};

std::string FormatAccessLine(const AccessRecord& record);

// The "access" logger, created on first use (stderr, pattern "%v") unless already registered.
std::shared_ptr<spdlog::logger> AccessLogger();

}  // namespace xr::http
