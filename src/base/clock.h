#pragma once
// Clock: the only source of "now". Services receive one; tests use FakeClock.

#include <atomic>
#include <chrono>

#include "base/timestamp.h"

namespace xr::base {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() const = 0;
};

class RealClock final : public Clock {
 public:
  Timestamp Now() const override;
};

// A clock that moves only when told to; safe to read from several threads.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(Timestamp start) : now_(start.unix_micros()) {}
  Timestamp Now() const override { return Timestamp::FromUnixMicros(now_.load()); }
  void Set(Timestamp t) { now_.store(t.unix_micros()); }
  void Advance(std::chrono::microseconds d) { now_.fetch_add(d.count()); }

 private:
  std::atomic<std::int64_t> now_;
};

}  // namespace xr::base
