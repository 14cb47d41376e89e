#pragma once
// JobContext: what a long operation (import of thousands of files, batch print, a big export)
// sees of the background job running it — a place to report progress and a cancel flag to
// poll. Pure: the operations in the capabilities (cadre/interchange, …) take a JobContext& and
// stay testable without the job runner; ImmediateJobContext runs them inline (CLI, tests).

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

namespace xr::jobs {

class JobContext {
 public:
  virtual ~JobContext() = default;
  // `done` of `total` steps (files, rows, pages) finished; `message` says what in Chinese
  // ("已导入 1200/10000 个文件"). Cheap enough to call per step: implementations throttle.
  virtual void Report(std::int64_t done, std::int64_t total, const std::string& message) = 0;
  // True once the user asked to cancel. Operations check it between steps and stop there,
  // leaving nothing half-written (each step is its own transaction or nothing is written).
  virtual bool Cancelled() const = 0;
};

// Runs inline: forwards progress to an optional callback (the CLI prints it), cancelled when
// `cancel` is set (a signal handler, a test).
class ImmediateJobContext final : public JobContext {
 public:
  using ProgressFn = std::function<void(std::int64_t, std::int64_t, const std::string&)>;
  explicit ImmediateJobContext(ProgressFn progress = {}) : progress_(std::move(progress)) {}
  void Report(std::int64_t done, std::int64_t total, const std::string& message) override {
    if (progress_) progress_(done, total, message);
  }
  bool Cancelled() const override { return cancel.load(); }
  std::atomic<bool> cancel{false};

 private:
  ProgressFn progress_;
};

}  // namespace xr::jobs
