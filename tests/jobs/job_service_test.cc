#include "jobs/job_service.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "audit/audit_schema.h"
#include "jobs/job_schema.h"
#include "store/migrate.h"
#include "testing/access_fixtures.h"
#include "testing/test_database.h"

namespace xr::jobs {
namespace {

using namespace std::chrono_literals;

// Waits (up to 10 s) until `done` holds.
template <typename Predicate>
bool Eventually(Predicate done) {
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return done();
}

// A body that reports and then waits until cancelled or released.
struct Gate {
  std::atomic<bool> entered{false};
  std::atomic<bool> release{false};
  JobBody Body(std::int64_t done = 0, std::int64_t total = 0, std::string message = "") {
    return [this, done, total, message](JobContext& context) -> base::Result<JobOutcome> {
      context.Report(done, total, message);
      entered = true;
      while (!release && !context.Cancelled()) std::this_thread::sleep_for(5ms);
      if (context.Cancelled()) return base::Aborted("stopped");
      return JobOutcome{};
    };
  }
};

class JobServiceTest : public xr::testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(
        store::Migrate(db(), store::InVersionOrder({audit::Migrations(), Migrations()}), clock_)
            .ok());
    audit_ = xr::testing::MakeAuditLog(clock_);
    owner_ = xr::testing::MakeActor("zhangsan", {});
    other_ = xr::testing::MakeActor("lisi", {"cadre.read", "cadre.write"});
    other_.user_id = access::UserId(2000);
  }
  std::unique_ptr<JobService> Make(int workers = 1, std::chrono::seconds retention = 24h) {
    return std::make_unique<JobService>(db(), clock_, *audit_, workers, retention);
  }
  base::FakeClock clock_{*base::Timestamp::Parse("2026-11-28T02:00:00Z")};
  std::unique_ptr<audit::AuditLog> audit_;
  access::Actor owner_, other_;
};

TEST_P(JobServiceTest, RunsToSuccessWithSummaryAndFile) {
  auto jobs = Make();
  auto id = jobs->Start(
      owner_, "test.export", "导出测试", [](JobContext& context) -> base::Result<JobOutcome> {
        for (int i = 1; i <= 3; ++i) context.Report(i, 3, "已处理 " + std::to_string(i) + "/3");
        return JobOutcome{R"({"rows":3})", "名册.xlsx", "application/octet-stream",
                          std::string("PK\0\x01\xff", 5)};
      });
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  auto job = jobs->WaitForTest(owner_, *id);
  ASSERT_TRUE(job.ok()) << job.status().ToString();
  EXPECT_EQ(job->state, JobState::kSucceeded);
  EXPECT_EQ(job->kind, "test.export");
  EXPECT_EQ(job->title, "导出测试");
  EXPECT_EQ(job->done, 3);
  EXPECT_EQ(job->total, 3);
  EXPECT_EQ(job->message, "已处理 3/3");
  EXPECT_EQ(job->summary_json, R"({"rows":3})");
  EXPECT_EQ(job->file_name, "名册.xlsx");
  EXPECT_EQ(job->created_at, clock_.Now());
  ASSERT_TRUE(job->finished_at.has_value());

  auto file = jobs->Download(owner_, *id);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->file_bytes, std::string("PK\0\x01\xff", 5));
  EXPECT_EQ(file->content_type, "application/octet-stream");
  EXPECT_EQ(file->file_name, "名册.xlsx");
  EXPECT_EQ(xr::testing::RecordedObjects(db(), "job.start"),
            std::vector<std::string>{"job:" + std::to_string(id->value())});
  EXPECT_EQ(xr::testing::RecordedObjects(db(), "job.download"),
            std::vector<std::string>{"job:" + std::to_string(id->value())});
}

TEST_P(JobServiceTest, ProgressIsVisibleWhileRunningAndWritesAreThrottled) {
  auto jobs = Make();
  std::atomic<bool> release{false};
  std::atomic<int> reports{0};
  auto id = jobs->Start(owner_, "test.loop", "循环",
                        [&](JobContext& context) -> base::Result<JobOutcome> {
                          // Reports as fast as it can for a while: the table sees at most two
                          // writes a second.
                          for (std::int64_t i = 1; !release; ++i) {
                            context.Report(i, 1000000, "第 " + std::to_string(i) + " 步");
                            ++reports;
                          }
                          return JobOutcome{};
                        });
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(Eventually([&] {
    auto job = jobs->Get(owner_, *id);
    return job.ok() && job->state == JobState::kRunning && job->done > 0;
  }));
  const std::int64_t before = db().stats().transactions;
  std::this_thread::sleep_for(1500ms);
  const std::int64_t during = db().stats().transactions - before;
  release = true;
  auto job = jobs->WaitForTest(owner_, *id);
  ASSERT_TRUE(job.ok());
  EXPECT_EQ(job->state, JobState::kSucceeded);
  EXPECT_GT(reports.load(), 1000);
  // 1.5 s: three or four progress writes, and the flusher's cancel checks (reads), also ≤ 2/s.
  EXPECT_LE(during, 10) << "transactions during 1.5 s of constant reporting";
  // The final write carries the last report, not a throttled one.
  EXPECT_EQ(job->done, reports.load());
  EXPECT_EQ(job->message, "第 " + std::to_string(reports.load()) + " 步");
}

TEST_P(JobServiceTest, FailureKeepsTheMessageAndInternalErrorsAreGeneric) {
  auto jobs = Make();
  auto failed =
      jobs->Start(owner_, "test.fail", "失败", [](JobContext&) -> base::Result<JobOutcome> {
        return base::InvalidArgument("第 3 行：出生年月格式错误", "file");
      });
  auto internal =
      jobs->Start(owner_, "test.fail", "内部", [](JobContext&) -> base::Result<JobOutcome> {
        return base::Internal("sqlite said something secret");
      });
  auto threw = jobs->Start(
      owner_, "test.fail", "异常",
      [](JobContext&) -> base::Result<JobOutcome> { throw std::runtime_error("boom"); });
  ASSERT_TRUE(failed.ok() && internal.ok() && threw.ok());
  auto job = jobs->WaitForTest(owner_, *failed);
  ASSERT_TRUE(job.ok());
  EXPECT_EQ(job->state, JobState::kFailed);
  EXPECT_EQ(job->message, "第 3 行：出生年月格式错误");
  for (JobId id : {*internal, *threw}) {
    job = jobs->WaitForTest(owner_, id);
    ASSERT_TRUE(job.ok());
    EXPECT_EQ(job->state, JobState::kFailed);
    EXPECT_EQ(job->message, "服务器内部错误，任务未完成");
  }
  EXPECT_EQ(jobs->Download(owner_, *failed).status().code(), base::StatusCode::kNotFound);
}

TEST_P(JobServiceTest, CancelsQueuedAndRunningJobs) {
  auto jobs = Make(1);
  Gate first;
  std::atomic<bool> second_ran{false};
  auto running = jobs->Start(owner_, "test.gate", "运行中", first.Body(2, 10, "已处理 2/10"));
  ASSERT_TRUE(running.ok());
  ASSERT_TRUE(Eventually([&] { return first.entered.load(); }));
  // One worker: the second waits queued behind the first.
  auto queued =
      jobs->Start(owner_, "test.queued", "排队", [&](JobContext&) -> base::Result<JobOutcome> {
        second_ran = true;
        return JobOutcome{};
      });
  ASSERT_TRUE(queued.ok());
  auto job = jobs->Get(owner_, *queued);
  ASSERT_TRUE(job.ok());
  EXPECT_EQ(job->state, JobState::kQueued);

  ASSERT_TRUE(jobs->Cancel(owner_, *queued).ok());
  job = jobs->Get(owner_, *queued);
  ASSERT_TRUE(job.ok());
  EXPECT_EQ(job->state, JobState::kCancelled);  // at once
  EXPECT_TRUE(job->finished_at.has_value());

  ASSERT_TRUE(jobs->Cancel(owner_, *running).ok());
  job = jobs->WaitForTest(owner_, *running);
  ASSERT_TRUE(job.ok());
  EXPECT_EQ(job->state, JobState::kCancelled);
  EXPECT_EQ(job->message, "已取消");
  EXPECT_EQ(job->done, 2);
  EXPECT_EQ(job->total, 10);

  // Finished: cancelling again is refused.
  base::Status again = jobs->Cancel(owner_, *running);
  EXPECT_EQ(again.code(), base::StatusCode::kFailedPrecondition);
  EXPECT_EQ(jobs->Cancel(owner_, *queued).code(), base::StatusCode::kFailedPrecondition);
  // The worker moves on; the cancelled queued job never runs.
  auto after = jobs->Start(owner_, "test.after", "之后",
                           [](JobContext&) -> base::Result<JobOutcome> { return JobOutcome{}; });
  ASSERT_TRUE(after.ok());
  ASSERT_TRUE(jobs->WaitForTest(owner_, *after).ok());
  EXPECT_FALSE(second_ran.load());
  EXPECT_EQ(xr::testing::RecordedObjects(db(), "job.cancel").size(), 2u);
}

TEST_P(JobServiceTest, CancelRequestedInTheTableReachesTheWorker) {
  // Another server process (or anything that writes the row) asks to cancel.
  auto jobs = Make();
  Gate gate;
  auto id = jobs->Start(owner_, "test.gate", "跨进程取消", gate.Body());
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(Eventually([&] { return gate.entered.load(); }));
  ASSERT_TRUE(
      db().Transact(store::TxMode::kWrite,
                    [&](store::Transaction& tx) {
                      return tx.Execute("UPDATE jobs SET cancel_requested = 1 WHERE id = ?", {*id})
                          .status();
                    })
          .ok());
  auto job = jobs->WaitForTest(owner_, *id);
  ASSERT_TRUE(job.ok());
  EXPECT_EQ(job->state, JobState::kCancelled);
}

TEST_P(JobServiceTest, OnlyTheOwnerSeesCancelsAndDownloads) {
  auto jobs = Make();
  auto id =
      jobs->Start(owner_, "test.file", "私有文件", [](JobContext&) -> base::Result<JobOutcome> {
        return JobOutcome{"{}", "a.txt", "text/plain", "secret"};
      });
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(jobs->WaitForTest(owner_, *id).ok());
  EXPECT_EQ(jobs->Get(other_, *id).status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(jobs->Download(other_, *id).status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(jobs->Cancel(other_, *id).code(), base::StatusCode::kNotFound);
  EXPECT_EQ(jobs->Get(owner_, JobId(999999)).status().code(), base::StatusCode::kNotFound);
  auto mine = jobs->ListMine(owner_);
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->size(), 1u);
  auto theirs = jobs->ListMine(other_);
  ASSERT_TRUE(theirs.ok());
  EXPECT_TRUE(theirs->empty());
  EXPECT_TRUE(xr::testing::RecordedObjects(db(), "job.download").empty());
}

TEST_P(JobServiceTest, ListsNewestFirst) {
  auto jobs = Make();
  std::vector<JobId> ids;
  for (int i = 0; i < 3; ++i) {
    auto id = jobs->Start(owner_, "test.n", "任务" + std::to_string(i),
                          [](JobContext&) -> base::Result<JobOutcome> { return JobOutcome{}; });
    ASSERT_TRUE(id.ok());
    ids.push_back(*id);
  }
  for (JobId id : ids) ASSERT_TRUE(jobs->WaitForTest(owner_, id).ok());
  auto mine = jobs->ListMine(owner_, 2);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 2u);
  EXPECT_EQ((*mine)[0].id, ids[2]);
  EXPECT_EQ((*mine)[1].id, ids[1]);
}

TEST_P(JobServiceTest, RefusesIncompleteStarts) {
  auto jobs = Make();
  EXPECT_EQ(jobs->Start(owner_, "", "标题",
                        [](JobContext&) -> base::Result<JobOutcome> { return JobOutcome{}; })
                .status()
                .field(),
            "kind");
  EXPECT_EQ(jobs->Start(owner_, "k", "",
                        [](JobContext&) -> base::Result<JobOutcome> { return JobOutcome{}; })
                .status()
                .field(),
            "title");
  EXPECT_EQ(jobs->Start(owner_, "k", "标题", nullptr).status().field(), "body");
}

TEST_P(JobServiceTest, RestartMarksUnfinishedJobsFailed) {
  JobId running, queued;
  Gate gate;
  {
    auto jobs = Make(1);
    auto a = jobs->Start(owner_, "test.gate", "重启前运行", gate.Body());
    ASSERT_TRUE(a.ok());
    ASSERT_TRUE(Eventually([&] { return gate.entered.load(); }));
    running = *a;
    // Simulates a crash: the rows are as a killed process leaves them.
    ASSERT_TRUE(
        db().Transact(store::TxMode::kWrite,
                      [&](store::Transaction& tx) -> base::Status {
                        ASSIGN_OR_RETURN(
                            std::int64_t id,
                            tx.QueryInt(
                                "INSERT INTO jobs (owner_user_id, kind, title, state, "
                                "created_at) VALUES (?, 'test.q', '重启前排队', 'queued', ?) "
                                "RETURNING id",
                                {owner_.user_id.value(), clock_.Now()}));
                        queued = JobId(id);
                        return base::Status::Ok();
                      })
            .ok());
    // Destroying the service cancels the running job (its final state is written).
  }
  auto after_stop = Make();
  auto job = after_stop->Get(owner_, running);
  ASSERT_TRUE(job.ok());
  EXPECT_EQ(job->state, JobState::kCancelled);
  // A row still `running` (the process died before writing) and one `queued` become failed.
  ASSERT_TRUE(db().Transact(store::TxMode::kWrite,
                            [&](store::Transaction& tx) {
                              return tx
                                  .Execute(
                                      "UPDATE jobs SET state = 'running', finished_at = NULL "
                                      "WHERE id = ?",
                                      {running})
                                  .status();
                            })
                  .ok());
  ASSERT_TRUE(after_stop->RecoverAfterRestart().ok());
  for (JobId id : {running, queued}) {
    job = after_stop->Get(owner_, id);
    ASSERT_TRUE(job.ok());
    EXPECT_EQ(job->state, JobState::kFailed);
    EXPECT_EQ(job->message, "服务重启，任务中断");
    EXPECT_TRUE(job->finished_at.has_value());
  }
}

TEST_P(JobServiceTest, FinishedJobsExpireAfterTheRetention) {
  auto jobs = Make(1, std::chrono::hours(24));
  auto id = jobs->Start(owner_, "test.file", "过期", [](JobContext&) -> base::Result<JobOutcome> {
    return JobOutcome{"{}", "a.txt", "text/plain", "x"};
  });
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(jobs->WaitForTest(owner_, *id).ok());
  clock_.Advance(23h);
  auto deleted = jobs->DeleteExpired();
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(*deleted, 0);
  clock_.Advance(2h);
  ASSERT_TRUE(jobs->RecoverAfterRestart().ok());
  EXPECT_EQ(jobs->Get(owner_, *id).status().code(), base::StatusCode::kNotFound);
}

TEST_P(JobServiceTest, WorkersRunJobsSideBySide) {
  auto jobs = Make(2);
  Gate a, b;
  auto first = jobs->Start(owner_, "test.gate", "甲", a.Body());
  auto second = jobs->Start(owner_, "test.gate", "乙", b.Body());
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_TRUE(Eventually([&] { return a.entered.load() && b.entered.load(); }));
  a.release = true;
  b.release = true;
  EXPECT_EQ(jobs->WaitForTest(owner_, *first)->state, JobState::kSucceeded);
  EXPECT_EQ(jobs->WaitForTest(owner_, *second)->state, JobState::kSucceeded);
}

TEST(JobStateTest, Names) {
  EXPECT_EQ(JobStateName(JobState::kQueued), "queued");
  EXPECT_EQ(JobStateName(JobState::kRunning), "running");
  EXPECT_EQ(JobStateName(JobState::kSucceeded), "succeeded");
  EXPECT_EQ(JobStateName(JobState::kFailed), "failed");
  EXPECT_EQ(JobStateName(JobState::kCancelled), "cancelled");
}

INSTANTIATE_TEST_SUITE_P(Engines, JobServiceTest, ::testing::ValuesIn(xr::testing::AllEngines()),
                         xr::testing::EngineName);

}  // namespace
}  // namespace xr::jobs
