#include "store/retry.h"

#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

namespace xr::store::internal {

base::Status RunWithRetries(int max_attempts, std::atomic<std::int64_t>& retries,
                            const std::function<base::Status()>& attempt) {
  thread_local std::minstd_rand rng(std::random_device{}());
  max_attempts = std::max(1, max_attempts);
  for (int n = 1;; ++n) {
    base::Status status = attempt();
    if (status.code() != base::StatusCode::kAborted || n >= max_attempts) return status;
    retries.fetch_add(1, std::memory_order_relaxed);
    // Jitter keeps two conflicting writers from colliding again in lock step.
    int base_ms = std::min(200, 5 << std::min(n - 1, 6));
    std::uniform_int_distribution<int> jitter(base_ms / 2, base_ms + base_ms / 2);
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
  }
}

}  // namespace xr::store::internal
