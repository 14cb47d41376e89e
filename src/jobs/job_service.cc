#include "jobs/job_service.h"

#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <thread>
#include <utility>

namespace xr::jobs {
namespace {

using SteadyClock = std::chrono::steady_clock;

constexpr std::string_view kStateNames[] = {"queued", "running", "succeeded", "failed",
                                            "cancelled"};
// At most two progress writes a second per job.
constexpr auto kProgressInterval = std::chrono::milliseconds(500);
// How often the flushing thread looks at the running jobs.
constexpr auto kFlushTick = std::chrono::milliseconds(100);
// Start deletes expired jobs at most this often.
constexpr auto kCleanupInterval = std::chrono::minutes(10);

constexpr std::string_view kNotFound = "任务不存在";
constexpr std::string_view kInterrupted = "服务重启，任务中断";
constexpr std::string_view kStopped = "服务停止，任务中断";
constexpr std::string_view kCancelledMessage = "已取消";
constexpr std::string_view kInternalMessage = "服务器内部错误，任务未完成";

constexpr std::string_view kSelectJob =
    "SELECT id, kind, title, state, done, total, message, summary_json, file_name, created_at, "
    "finished_at FROM jobs";

base::Result<JobState> ParseState(std::string_view name) {
  for (size_t i = 0; i < std::size(kStateNames); ++i) {
    if (kStateNames[i] == name) return JobState(i);
  }
  return base::Internal("unknown job state in the jobs table: " + std::string(name));
}

bool Finished(JobState state) { return state != JobState::kQueued && state != JobState::kRunning; }

base::Result<Job> JobFromRow(const store::Row& row) {
  Job job;
  job.id = JobId(row.Int(0));
  job.kind = row.Text(1);
  job.title = row.Text(2);
  ASSIGN_OR_RETURN(job.state, ParseState(row.Text(3)));
  job.done = row.Int(4);
  job.total = row.Int(5);
  job.message = row.Text(6);
  job.summary_json = row.Text(7);
  job.file_name = row.Text(8);
  ASSIGN_OR_RETURN(job.created_at, base::Timestamp::Parse(row.Text(9), "created_at"));
  if (std::optional<std::string> finished = row.OptionalText(10)) {
    ASSIGN_OR_RETURN(job.finished_at, base::Timestamp::Parse(*finished, "finished_at"));
  }
  return job;
}

// The owner's job, read in `tx`; NotFound for anybody else's (existence is not revealed).
base::Result<Job> LoadOwned(store::Transaction& tx, const access::Actor& actor, JobId id) {
  ASSIGN_OR_RETURN(store::Row row,
                   tx.QueryOne(std::string(kSelectJob) + " WHERE id = ? AND owner_user_id = ?",
                               {id, actor.user_id.value()}, kNotFound));
  return JobFromRow(row);
}

std::string IdText(JobId id) { return std::to_string(id.value()); }

}  // namespace

std::string_view JobStateName(JobState state) { return kStateNames[size_t(state)]; }

// Progress of one running job, shared by its worker (through RunningContext), Cancel and the
// flushing thread.
struct RunningJob {
  explicit RunningJob(JobId job_id) : id(job_id) {}
  const JobId id;
  std::atomic<bool> cancel{false};
  std::mutex mu;  // guards the fields below
  std::int64_t done = 0;
  std::int64_t total = 0;
  std::string message;
  bool dirty = false;  // progress not yet written
  SteadyClock::time_point last_write = SteadyClock::now();
};

namespace {

class RunningContext final : public JobContext {
 public:
  explicit RunningContext(RunningJob& job) : job_(job) {}
  void Report(std::int64_t done, std::int64_t total, const std::string& message) override {
    std::lock_guard lock(job_.mu);
    job_.done = done;
    job_.total = total;
    job_.message = message;
    job_.dirty = true;
  }
  bool Cancelled() const override { return job_.cancel.load(); }

 private:
  RunningJob& job_;
};

}  // namespace

struct JobService::Impl {
  Impl(store::Database& database, const base::Clock& time, const access::Recorder& record,
       int worker_count, std::chrono::seconds keep)
      : db(database),
        clock(time),
        recorder(record),
        workers(worker_count < 1 ? 1 : worker_count),
        retention(keep) {}

  struct Queued {
    JobId id;
    access::Actor actor;
    JobBody body;
  };

  store::Database& db;
  const base::Clock& clock;
  const access::Recorder& recorder;
  const int workers;
  const std::chrono::seconds retention;

  std::mutex mu;                   // guards everything below
  std::condition_variable wake;    // work queued, or stopping
  std::condition_variable change;  // a job finished (WaitForTest), or stopping (flusher)
  std::deque<Queued> queue;
  std::map<JobId, std::shared_ptr<RunningJob>> running;
  std::vector<std::thread> threads;
  bool started = false;
  bool stopping = false;
  std::optional<SteadyClock::time_point> last_cleanup;

  // Under `mu`.
  void StartThreads() {
    if (started) return;
    started = true;
    for (int i = 0; i < workers; ++i) threads.emplace_back([this] { WorkerLoop(); });
    threads.emplace_back([this] { FlusherLoop(); });
  }

  void WorkerLoop() {
    for (;;) {
      Queued next;
      {
        std::unique_lock lock(mu);
        wake.wait(lock, [&] { return stopping || !queue.empty(); });
        if (stopping) return;
        next = std::move(queue.front());
        queue.pop_front();
      }
      Run(next);
    }
  }

  void Run(Queued& job) {
    auto progress = std::make_shared<RunningJob>(job.id);
    {
      std::lock_guard lock(mu);
      running.emplace(job.id, progress);
    }
    // A job cancelled while queued is no longer `queued` and is skipped.
    auto claimed =
        db.TransactValue<std::int64_t>(store::TxMode::kWrite, [&](store::Transaction& tx) {
          return tx.Execute("UPDATE jobs SET state = 'running' WHERE id = ? AND state = 'queued'",
                            {job.id});
        });
    if (claimed.ok() && *claimed == 1) {
      {
        std::lock_guard lock(progress->mu);
        progress->last_write = SteadyClock::now();
      }
      RunningContext context(*progress);
      base::Result<JobOutcome> outcome = base::Internal("the job did not run");
      try {
        outcome = job.body(context);
      } catch (const std::exception&) {
        outcome = base::Internal("the job threw an exception");
      } catch (...) {
        outcome = base::Internal("the job threw an exception");
      }
      job.body = nullptr;  // what it captured is released before the (possibly slow) final write
      WriteFinal(*progress, std::move(outcome));
    } else if (!claimed.ok()) {
      // Not left `queued` for ever: the user sees why and starts it again.
      const base::Timestamp now = clock.Now();
      (void)db.Transact(store::TxMode::kWrite, [&](store::Transaction& tx) {
        return tx
            .Execute(
                "UPDATE jobs SET state = 'failed', message = ?, finished_at = ? "
                "WHERE id = ? AND state = 'queued'",
                {"任务未能开始：" + claimed.status().message(), now, job.id})
            .status();
      });
    }
    {
      std::lock_guard lock(mu);
      running.erase(job.id);
    }
    change.notify_all();
  }

  // The final state is always written (retried a few times: a lost write would leave the job
  // `running` until the next restart).
  void WriteFinal(RunningJob& progress, base::Result<JobOutcome> outcome) {
    std::int64_t done, total;
    std::string message;
    {
      std::lock_guard lock(progress.mu);
      done = progress.done;
      total = progress.total;
      message = progress.message;
    }
    JobState state;
    JobOutcome result;
    if (progress.cancel.load()) {
      state = JobState::kCancelled;
      if (outcome.ok()) result.summary_json = std::move(outcome->summary_json);
      message = std::string(kCancelledMessage);
    } else if (outcome.ok()) {
      state = JobState::kSucceeded;
      result = std::move(outcome).value();
      if (result.summary_json.empty()) result.summary_json = "{}";
      if (result.file_name.empty()) result.file_bytes.clear();
    } else {
      state = JobState::kFailed;
      message = outcome.status().code() == base::StatusCode::kInternal
                    ? std::string(kInternalMessage)
                    : outcome.status().message();
    }
    const base::Timestamp now = clock.Now();
    std::optional<store::Value> bytes;
    if (!result.file_name.empty()) {
      bytes = store::Blob{
          std::vector<std::uint8_t>(result.file_bytes.begin(), result.file_bytes.end())};
      result.file_bytes.clear();
      result.file_bytes.shrink_to_fit();
    }
    for (int attempt = 0; attempt < 5; ++attempt) {
      base::Status written = db.Transact(store::TxMode::kWrite, [&](store::Transaction& tx) {
        return tx
            .Execute(
                "UPDATE jobs SET state = ?, done = ?, total = ?, message = ?, summary_json = ?, "
                "file_name = ?, content_type = ?, file_bytes = ?, finished_at = ? "
                "WHERE id = ? AND state = 'running'",
                {JobStateName(state), done, total, message, result.summary_json, result.file_name,
                 result.content_type, bytes ? *bytes : store::Value(), now, progress.id})
            .status();
      });
      if (written.ok() || written.code() == base::StatusCode::kUnavailable) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(200 << attempt));
    }
  }

  // Writes the progress of running jobs (each at most every kProgressInterval) and picks up
  // cancel requests written to the table (by another process, or missed in memory).
  void FlusherLoop() {
    SteadyClock::time_point last_cancel_check = SteadyClock::now();
    for (;;) {
      std::vector<std::shared_ptr<RunningJob>> jobs;
      {
        std::unique_lock lock(mu);
        change.wait_for(lock, kFlushTick, [&] { return stopping; });
        if (stopping) return;
        for (const auto& [id, job] : running) jobs.push_back(job);
      }
      if (jobs.empty()) continue;
      const SteadyClock::time_point now = SteadyClock::now();
      struct Write {
        RunningJob* job;
        std::int64_t done, total;
        std::string message;
      };
      std::vector<Write> writes;
      for (const auto& job : jobs) {
        std::lock_guard lock(job->mu);
        if (job->dirty && now - job->last_write >= kProgressInterval) {
          writes.push_back({job.get(), job->done, job->total, job->message});
        }
      }
      const bool check_cancel = now - last_cancel_check >= kProgressInterval;
      if (writes.empty() && !check_cancel) continue;
      std::vector<std::int64_t> cancelled;
      base::Status status = db.Transact(
          writes.empty() ? store::TxMode::kRead : store::TxMode::kWrite,
          [&](store::Transaction& tx) -> base::Status {
            cancelled.clear();
            for (const Write& w : writes) {
              RETURN_IF_ERROR(tx.Execute("UPDATE jobs SET done = ?, total = ?, message = ? "
                                         "WHERE id = ? AND state = 'running'",
                                         {w.done, w.total, w.message, w.job->id})
                                  .status());
            }
            if (!check_cancel) return base::Status::Ok();
            ASSIGN_OR_RETURN(store::Rows rows,
                             tx.Query("SELECT id FROM jobs WHERE state = 'running' AND "
                                      "cancel_requested = 1"));
            for (const store::Row& row : rows) cancelled.push_back(row.Int(0));
            return base::Status::Ok();
          });
      if (!status.ok()) continue;  // tried again at the next tick
      for (const Write& w : writes) {
        std::lock_guard lock(w.job->mu);
        w.job->last_write = now;
        // Reported again meanwhile: stays dirty for the next write.
        w.job->dirty =
            w.job->done != w.done || w.job->total != w.total || w.job->message != w.message;
      }
      if (check_cancel) {
        last_cancel_check = now;
        for (const auto& job : jobs) {
          for (std::int64_t id : cancelled) {
            if (job->id.value() == id) job->cancel.store(true);
          }
        }
      }
    }
  }

  base::Result<std::int64_t> DeleteExpired() {
    const base::Timestamp cutoff =
        clock.Now().Plus(-std::chrono::duration_cast<std::chrono::microseconds>(retention));
    return db.TransactValue<std::int64_t>(store::TxMode::kWrite, [&](store::Transaction& tx) {
      return tx.Execute("DELETE FROM jobs WHERE finished_at IS NOT NULL AND finished_at < ?",
                        {cutoff});
    });
  }

  void Shutdown() {
    std::vector<JobId> abandoned;
    {
      std::lock_guard lock(mu);
      stopping = true;
      for (const auto& [id, job] : running) job->cancel.store(true);
      for (const Queued& q : queue) abandoned.push_back(q.id);
      queue.clear();
    }
    wake.notify_all();
    change.notify_all();
    for (std::thread& t : threads) t.join();
    threads.clear();
    if (abandoned.empty()) return;
    // Best effort: when the database is already closed, the next start marks them failed.
    const base::Timestamp now = clock.Now();
    (void)db.Transact(store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Status {
      for (JobId id : abandoned) {
        RETURN_IF_ERROR(tx.Execute("UPDATE jobs SET state = 'failed', message = ?, finished_at = ? "
                                   "WHERE id = ? AND state = 'queued'",
                                   {kStopped, now, id})
                            .status());
      }
      return base::Status::Ok();
    });
  }
};

JobService::JobService(store::Database& db, const base::Clock& clock,
                       const access::Recorder& recorder, int workers,
                       std::chrono::seconds retention)
    : impl_(std::make_unique<Impl>(db, clock, recorder, workers, retention)) {}

JobService::~JobService() { impl_->Shutdown(); }

base::Status JobService::RecoverAfterRestart() {
  const base::Timestamp now = impl_->clock.Now();
  RETURN_IF_ERROR(impl_->db.Transact(store::TxMode::kWrite, [&](store::Transaction& tx) {
    return tx
        .Execute(
            "UPDATE jobs SET state = 'failed', message = ?, finished_at = ? "
            "WHERE state IN ('queued', 'running')",
            {kInterrupted, now})
        .status();
  }));
  return impl_->DeleteExpired().status();
}

base::Result<std::int64_t> JobService::DeleteExpired() { return impl_->DeleteExpired(); }

base::Result<JobId> JobService::Start(const access::Actor& actor, std::string kind,
                                      std::string title, JobBody body) {
  if (kind.empty()) return base::InvalidArgument("任务类型不能为空", "kind");
  if (title.empty()) return base::InvalidArgument("任务名称不能为空", "title");
  if (!body) return base::InvalidArgument("任务没有可执行的内容", "body");
  bool cleanup = false;
  {
    std::lock_guard lock(impl_->mu);
    if (impl_->stopping) return base::Unavailable("服务正在停止，请稍后再试");
    const SteadyClock::time_point now = SteadyClock::now();
    if (!impl_->last_cleanup || now - *impl_->last_cleanup >= kCleanupInterval) {
      impl_->last_cleanup = now;
      cleanup = true;
    }
  }
  if (cleanup) RETURN_IF_ERROR(impl_->DeleteExpired().status());
  const base::Timestamp now = impl_->clock.Now();
  ASSIGN_OR_RETURN(
      JobId id, impl_->db.TransactValue<JobId>(
                    store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Result<JobId> {
                      ASSIGN_OR_RETURN(std::int64_t new_id,
                                       tx.QueryInt("INSERT INTO jobs (owner_user_id, kind, title, "
                                                   "state, created_at) VALUES (?, ?, ?, "
                                                   "'queued', ?) RETURNING id",
                                                   {actor.user_id.value(), kind, title, now}));
                      RETURN_IF_ERROR(impl_->recorder.Write(tx, actor, "job.start", "job",
                                                            IdText(JobId(new_id)),
                                                            {{"kind", kind}, {"title", title}}));
                      return JobId(new_id);
                    }));
  {
    std::lock_guard lock(impl_->mu);
    if (impl_->stopping) return id;  // stays queued: marked failed at the next start
    impl_->queue.push_back({id, actor, std::move(body)});
    impl_->StartThreads();
  }
  impl_->wake.notify_one();
  return id;
}

base::Result<Job> JobService::Get(const access::Actor& actor, JobId id) {
  return impl_->db.TransactValue<Job>(
      store::TxMode::kRead, [&](store::Transaction& tx) { return LoadOwned(tx, actor, id); });
}

base::Result<std::vector<Job>> JobService::ListMine(const access::Actor& actor, int limit) {
  if (limit < 1) limit = 1;
  return impl_->db.TransactValue<std::vector<Job>>(
      store::TxMode::kRead, [&](store::Transaction& tx) -> base::Result<std::vector<Job>> {
        ASSIGN_OR_RETURN(
            store::Rows rows,
            tx.Query(std::string(kSelectJob) + " WHERE owner_user_id = ? ORDER BY id DESC LIMIT ?",
                     {actor.user_id.value(), limit}));
        std::vector<Job> jobs;
        jobs.reserve(rows.size());
        for (const store::Row& row : rows) {
          ASSIGN_OR_RETURN(Job job, JobFromRow(row));
          jobs.push_back(std::move(job));
        }
        return jobs;
      });
}

base::Status JobService::Cancel(const access::Actor& actor, JobId id) {
  const base::Timestamp now = impl_->clock.Now();
  RETURN_IF_ERROR(impl_->db.Transact(store::TxMode::kWrite, [&](store::Transaction& tx) {
    ASSIGN_OR_RETURN(Job job, LoadOwned(tx, actor, id));
    if (Finished(job.state)) {
      return base::FailedPrecondition("任务已结束，无法取消", "id");
    }
    // A queued job is cancelled at once; a running one is asked to stop (its worker may have
    // claimed it since it was read: then only the request is written).
    ASSIGN_OR_RETURN(
        std::int64_t dequeued,
        tx.Execute("UPDATE jobs SET state = 'cancelled', message = ?, finished_at = ?, "
                   "cancel_requested = 1 WHERE id = ? AND state = 'queued'",
                   {kCancelledMessage, now, id}));
    if (dequeued == 0) {
      ASSIGN_OR_RETURN(std::int64_t asked, tx.Execute("UPDATE jobs SET cancel_requested = 1 "
                                                      "WHERE id = ? AND state = 'running'",
                                                      {id}));
      if (asked == 0) return base::FailedPrecondition("任务已结束，无法取消", "id");
    }
    return impl_->recorder.Write(tx, actor, "job.cancel", "job", IdText(id),
                                 {{"kind", job.kind}, {"title", job.title}});
  }));
  std::lock_guard lock(impl_->mu);
  if (auto it = impl_->running.find(id); it != impl_->running.end()) it->second->cancel.store(true);
  for (auto it = impl_->queue.begin(); it != impl_->queue.end(); ++it) {
    if (it->id == id) {
      impl_->queue.erase(it);
      break;
    }
  }
  return base::Status::Ok();
}

base::Result<JobOutcome> JobService::Download(const access::Actor& actor, JobId id) {
  return impl_->db.TransactValue<JobOutcome>(
      store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Result<JobOutcome> {
        ASSIGN_OR_RETURN(Job job, LoadOwned(tx, actor, id));
        if (job.state != JobState::kSucceeded || job.file_name.empty()) {
          return base::NotFound("该任务没有可下载的结果文件", "id");
        }
        ASSIGN_OR_RETURN(
            store::Row row,
            tx.QueryOne("SELECT content_type, file_bytes FROM jobs WHERE id = ?", {id}, kNotFound));
        JobOutcome outcome;
        outcome.summary_json = job.summary_json;
        outcome.file_name = job.file_name;
        outcome.content_type = row.Text(0);
        if (!row.IsNull(1)) {
          store::Blob bytes = row.Bytes(1);
          outcome.file_bytes.assign(bytes.bytes.begin(), bytes.bytes.end());
        }
        RETURN_IF_ERROR(impl_->recorder.Write(
            tx, actor, "job.download", "job", IdText(id),
            {{"kind", job.kind}, {"title", job.title}, {"file_name", job.file_name}}));
        return outcome;
      });
}

base::Result<Job> JobService::WaitForTest(const access::Actor& actor, JobId id) {
  const SteadyClock::time_point deadline = SteadyClock::now() + std::chrono::seconds(120);
  for (;;) {
    ASSIGN_OR_RETURN(Job job, Get(actor, id));
    if (Finished(job.state)) return job;
    if (SteadyClock::now() > deadline) {
      return base::Unavailable("任务 " + IdText(id) + " 在 120 秒内没有结束");
    }
    std::unique_lock lock(impl_->mu);
    impl_->change.wait_for(lock, std::chrono::milliseconds(20));
  }
}

}  // namespace xr::jobs
