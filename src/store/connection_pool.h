#pragma once
// Shared by the drivers (not part of the public API): a fixed-size pool of connections, each
// used by one transaction at a time.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/status.h"

namespace xr::store::internal {

template <typename Connection>
class ConnectionPool {
 public:
  struct Options {
    int size = 4;
    std::chrono::milliseconds acquire_timeout{30000};
    std::string engine;       // "SQLite", "PostgreSQL": for messages
    std::string description;  // the database, for messages
  };
  using Connect = std::function<base::Result<std::unique_ptr<Connection>>()>;
  // False for a connection that must not be handed out again (broken, or left inside a
  // transaction); such connections are closed and replaced.
  using Reusable = std::function<bool(const Connection&)>;

  ConnectionPool(Options options, Connect connect, Reusable reusable)
      : options_(std::move(options)), connect_(std::move(connect)), reusable_(std::move(reusable)) {
    if (options_.size < 1) options_.size = 1;
  }
  ~ConnectionPool() { Close(); }

  // Opens the first connection, so that opening a database fails early when it is unreachable.
  base::Status Init() {
    ASSIGN_OR_RETURN(std::unique_ptr<Connection> c, connect_());
    std::lock_guard lock(mu_);
    idle_.push_back(std::move(c));
    ++total_;
    return base::Status::Ok();
  }

  // Runs `use` on a connection of its own. Unavailable when the pool is closed or no connection
  // frees up within the acquire timeout.
  base::Status With(const std::function<base::Status(Connection&)>& use) {
    ASSIGN_OR_RETURN(std::unique_ptr<Connection> c, Acquire());
    base::Status status = use(*c);
    Release(std::move(c));
    return status;
  }

  // Waits for connections in use to come back, then closes all; later With() calls fail.
  void Close() {
    std::unique_lock lock(mu_);
    closed_ = true;
    cv_.wait(lock, [&] { return in_use_ == 0; });
    idle_.clear();
    total_ = 0;
  }

 private:
  base::Result<std::unique_ptr<Connection>> Acquire() {
    std::unique_lock lock(mu_);
    const bool ready = cv_.wait_for(lock, options_.acquire_timeout, [&] {
      return closed_ || !idle_.empty() || total_ < options_.size;
    });
    if (closed_) return base::Unavailable("the database " + options_.description + " is closed");
    if (!ready) {
      return base::Unavailable("no free " + options_.engine + " connection within " +
                               std::to_string(options_.acquire_timeout.count()) + " ms (pool of " +
                               std::to_string(options_.size) + ")");
    }
    ++in_use_;
    while (!idle_.empty()) {
      std::unique_ptr<Connection> c = std::move(idle_.back());
      idle_.pop_back();
      if (reusable_(*c)) return c;
      --total_;  // went bad while idle: replace it
    }
    ++total_;
    lock.unlock();
    base::Result<std::unique_ptr<Connection>> c = connect_();
    if (!c.ok()) {
      lock.lock();
      --total_;
      --in_use_;
      cv_.notify_all();
    }
    return c;
  }

  void Release(std::unique_ptr<Connection> c) {
    std::lock_guard lock(mu_);
    --in_use_;
    if (closed_ || !reusable_(*c)) {
      --total_;
      c.reset();
    } else {
      idle_.push_back(std::move(c));
    }
    cv_.notify_all();
  }

  Options options_;
  Connect connect_;
  Reusable reusable_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int total_ = 0;
  int in_use_ = 0;
  bool closed_ = false;
};

}  // namespace xr::store::internal
