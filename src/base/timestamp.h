#pragma once
// Timestamp: an instant in UTC with microsecond precision, stored as RFC 3339
// ("2026-11-27T12:34:56.123456Z"). Shown to users in Asia/Shanghai (UTC+8, no DST).

#include <chrono>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/date.h"
#include "base/status.h"

namespace xr::base {

class Timestamp {
 public:
  using Micros = std::chrono::sys_time<std::chrono::microseconds>;
  constexpr Timestamp() = default;
  constexpr explicit Timestamp(Micros at) : at_(at) {}
  static Timestamp FromUnixMicros(std::int64_t micros) {
    return Timestamp(Micros(std::chrono::microseconds(micros)));
  }
  // Accepts "YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)".
  static Result<Timestamp> Parse(std::string_view text, std::string_view field = "time");

  std::int64_t unix_micros() const { return at_.time_since_epoch().count(); }
  Micros time_point() const { return at_; }
  Timestamp Plus(std::chrono::microseconds d) const { return Timestamp(at_ + d); }

  std::string ToRfc3339() const;  // always UTC with six fraction digits and "Z"
  Date ShanghaiDate() const;      // the civil day in Asia/Shanghai
  friend constexpr auto operator<=>(const Timestamp&, const Timestamp&) = default;

 private:
  Micros at_{};
};

}  // namespace xr::base
