#include "http/access_log.h"

#include <fmt/format.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <ctime>
#include <mutex>

#include "http/json.h"

namespace xr::http {

std::string FormatAccessLine(const AccessRecord& r) {
  using namespace std::chrono;
  auto ms_since_epoch = duration_cast<milliseconds>(r.at.time_since_epoch()).count();
  std::time_t secs = std::time_t(ms_since_epoch / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char t[32];
  std::strftime(t, sizeof t, "%Y-%m-%dT%H:%M:%S", &tm);
  return fmt::format(
      R"({{"t":"{}.{:03d}Z","method":"{}","path":{},"status":{},"ms":{:.2f},"user":{},"ip":{}}})",
      t, int(ms_since_epoch % 1000), MethodName(r.method), JsonQuote(r.path), r.status, r.ms,
      r.user.empty() ? std::string("null") : JsonQuote(r.user), JsonQuote(r.ip));
}

std::shared_ptr<spdlog::logger> AccessLogger() {
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  if (auto existing = spdlog::get(kAccessLoggerName)) return existing;
  auto logger = spdlog::stderr_logger_mt(kAccessLoggerName);
  logger->set_pattern("%v");
  return logger;
}

}  // namespace xr::http
