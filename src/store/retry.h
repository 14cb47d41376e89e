#pragma once
// Shared by the drivers: the retry loop of Database::Transact (not part of the public API).

#include <atomic>
#include <cstdint>
#include <functional>

#include "base/status.h"

namespace xr::store::internal {

// Runs `attempt` until it returns something other than Aborted, at most `max_attempts` times,
// sleeping with jittered exponential back-off (5 ms … 200 ms) between attempts. Counts the extra
// attempts in `retries`.
base::Status RunWithRetries(int max_attempts, std::atomic<std::int64_t>& retries,
                            const std::function<base::Status()>& attempt);

}  // namespace xr::store::internal
