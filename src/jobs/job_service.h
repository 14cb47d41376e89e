#pragma once
// Background jobs (后台任务): long operations started from the browser — LRMX import of thousands
// of files, batch 任免审批表 printing, big Excel exports — run on a worker thread while the user
// watches progress, reloads the page (the job is found again by id or in "my jobs"), cancels,
// and downloads the result.
//
// State lives in the `jobs` table, so every server thread and a reloaded page see the same
// progress; the result file (if any) is stored with the job and expires with it. A job belongs to
// the account that started it: only that account (and nobody else, not even an administrator)
// reads, cancels or downloads it — the file can hold confidential data already redacted for that
// account. Starting, cancelling and downloading are recorded (`job.start`, `job.cancel`,
// `job.download`) with the job kind and title, never the file.
//
// A job still queued or running when the server stops is marked failed ("服务重启，任务中断") at
// the next start; the user starts it again.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "access/actor.h"
#include "access/recorder.h"
#include "base/clock.h"
#include "base/id.h"
#include "base/status.h"
#include "base/timestamp.h"
#include "jobs/job_context.h"
#include "store/database.h"

namespace xr::jobs {

struct JobTag;
using JobId = base::Id<JobTag>;

enum class JobState { kQueued, kRunning, kSucceeded, kFailed, kCancelled };
// "queued" "running" "succeeded" "failed" "cancelled"
std::string_view JobStateName(JobState state);

// What a finished job leaves: a short JSON summary for the UI (counts, per-file errors — the
// kind decides its shape; "{}" when nothing to say) and optionally one file to download.
struct JobOutcome {
  std::string summary_json = "{}";
  std::string file_name;     // "干部名册.xlsx"; empty when there is no file
  std::string content_type;  // "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
  std::string file_bytes;
};

struct Job {
  JobId id;
  std::string kind;   // "cadre.export_excel", "interchange.import_lrmx", "print.rmb_batch", …
  std::string title;  // shown to the user: "导出干部名册（1,234 人）"
  JobState state = JobState::kQueued;
  std::int64_t done = 0;
  std::int64_t total = 0;
  std::string message;       // the last progress message, or the error when failed
  std::string summary_json;  // JobOutcome::summary_json once finished
  std::string file_name;     // empty when there is no file
  base::Timestamp created_at;
  std::optional<base::Timestamp> finished_at;
};

// The work of one job. Runs on a worker thread with the starting actor, reports through
// `context`, returns the outcome or an error (its message becomes Job::message; an Internal
// error's is replaced by a generic one, as the HTTP layer does). It must not touch the HTTP
// request: copy what it needs into the closure. It runs outside any transaction and opens its
// own (through the services it calls); Report and Cancelled never touch the database, so they
// may be called from inside the body's transactions.
//
// A body that sees Cancelled() stops and returns (an error, or an outcome for what it finished);
// the job then ends `cancelled` with that summary and no file. A body that throws ends `failed`.
using JobBody = std::function<base::Result<JobOutcome>(JobContext& context)>;

class JobService {
 public:
  // `workers`: jobs run at once (the rest wait queued, in order). Finished jobs and their files
  // are deleted `retention` after they finish. No thread starts before the first Start, so
  // building the service (every CLI command does) costs nothing.
  //
  // Progress reaches the table through one flushing thread, at most twice a second per job
  // (the final state always); the same thread reads cancel_requested, so a cancel written by
  // another server process is seen within about half a second.
  JobService(store::Database& db, const base::Clock& clock, const access::Recorder& recorder,
             int workers = 1, std::chrono::seconds retention = std::chrono::hours(24));
  ~JobService();  // cancels running jobs and joins the workers
  JobService(const JobService&) = delete;
  JobService& operator=(const JobService&) = delete;

  // Marks jobs left queued/running by a previous process as failed; deletes expired ones.
  // Called once at server start (with one server process per database: a second process's
  // running jobs would be marked failed too).
  base::Status RecoverAfterRestart();
  // Deletes jobs (and their files) that finished more than `retention` ago; returns how many.
  // Also run by Start, at most every ten minutes.
  base::Result<std::int64_t> DeleteExpired();

  // Queues `body`; returns at once with the job's id. Recorded as `job.start`. The caller has
  // already checked the permission the work needs (the body runs as `actor` and checks again
  // through the services it calls).
  base::Result<JobId> Start(const access::Actor& actor, std::string kind, std::string title,
                            JobBody body);
  // NotFound unless the job exists and belongs to `actor`.
  base::Result<Job> Get(const access::Actor& actor, JobId id);
  // The actor's jobs, newest first (at most `limit`).
  base::Result<std::vector<Job>> ListMine(const access::Actor& actor, int limit = 50);
  // Asks a queued or running job to stop (a queued one is cancelled at once). FailedPrecondition
  // when it already finished. Recorded as `job.cancel`.
  base::Status Cancel(const access::Actor& actor, JobId id);
  // The result file of a succeeded job; NotFound when there is none. Recorded as `job.download`.
  base::Result<JobOutcome> Download(const access::Actor& actor, JobId id);

  // Blocks until the job has finished (tests, the CLI); returns its final state.
  base::Result<Job> WaitForTest(const access::Actor& actor, JobId id);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace xr::jobs
