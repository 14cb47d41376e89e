#include "base/clock.h"

namespace xr::base {

Timestamp RealClock::Now() const {
  return Timestamp(
      std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now()));
}

}  // namespace xr::base
