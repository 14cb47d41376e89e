// 后台任务 over HTTP against a real server, on both engines: the owner follows a job to its file,
// cancels a running one, and nobody else learns that either exists.

#include "http/routes/job_routes.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "app/server_fixture.h"

namespace xr::app {
namespace {

using namespace std::chrono_literals;
using Json = nlohmann::json;
using xr::testing::HttpResponse;

class JobRoutesTest : public xr::testing::ServerTest {
 protected:
  // The actor of account `username` as a signed-in request has it (enough for jobs).
  access::Actor ActorFor(const std::string& username) {
    auto id = db().TransactValue<std::int64_t>(store::TxMode::kRead, [&](store::Transaction& tx) {
      return tx.QueryInt("SELECT id FROM users WHERE username = ?", {username});
    });
    EXPECT_TRUE(id.ok());
    access::Actor actor;
    actor.user_id = access::UserId(id.ok() ? *id : 0);
    actor.username = username;
    actor.display_name = username;
    actor.address = "127.0.0.1";
    return actor;
  }
  static std::string Error(const HttpResponse& r) {
    const Json body = Json::parse(r.body, nullptr, false);
    if (body.is_discarded() || !body.contains("error")) return std::to_string(r.status);
    return std::to_string(r.status) + " " + body["error"].value("code", "");
  }
};

TEST_P(JobRoutesTest, OwnerFollowsAJobToItsFile) {
  const access::Actor ganbu = ActorFor("ganbu");
  auto id = application_->jobs().Start(
      ganbu, "test.export", "导出干部名册（3 人）",
      [](jobs::JobContext& context) -> base::Result<jobs::JobOutcome> {
        context.Report(3, 3, "已导出 3/3 行");
        return jobs::JobOutcome{R"({"rows":3,"errors":[]})", "干部名册 2026.xlsx",
                                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                "xlsx-bytes"};
      });
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  ASSERT_TRUE(application_->jobs().WaitForTest(ganbu, *id).ok());
  const std::string path = "/api/jobs/" + std::to_string(id->value());

  HttpResponse r = ClientAs("ganbu").Get(path);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("Cache-Control"), "no-store");
  const Json job = Json::parse(r.body);
  EXPECT_EQ(job["id"], id->value());
  EXPECT_EQ(job["kind"], "test.export");
  EXPECT_EQ(job["title"], "导出干部名册（3 人）");
  EXPECT_EQ(job["state"], "succeeded");
  EXPECT_EQ(job["done"], 3);
  EXPECT_EQ(job["total"], 3);
  EXPECT_EQ(job["message"], "已导出 3/3 行");
  EXPECT_EQ(job["summary"], (Json{{"rows", 3}, {"errors", Json::array()}}));
  EXPECT_EQ(job["has_file"], true);
  EXPECT_EQ(job["created_at"], "2026-11-27T01:00:00.000000Z");
  EXPECT_TRUE(job["finished_at"].is_string());

  r = ClientAs("ganbu").Get("/api/jobs");
  ASSERT_EQ(r.status, 200) << r.body;
  const Json items = Json::parse(r.body)["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0], job);

  r = ClientAs("ganbu").Get(path + "/file");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body, "xlsx-bytes");
  EXPECT_EQ(r.Header("Content-Type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(r.Header("Content-Disposition"),
            "attachment; filename=\"download.xlsx\"; "
            "filename*=UTF-8''%E5%B9%B2%E9%83%A8%E5%90%8D%E5%86%8C%202026.xlsx");

  EXPECT_EQ(Error(ClientAs("ganbu").Post(path + "/cancel", "")), "409 JOB_FINISHED");
  // Anybody else: as if it did not exist.
  for (const std::string other : {"lingdao", "admin", "auditor"}) {
    EXPECT_EQ(Error(ClientAs(other).Get(path)), "404 NOT_FOUND") << other;
    EXPECT_EQ(Error(ClientAs(other).Get(path + "/file")), "404 NOT_FOUND") << other;
    EXPECT_EQ(Error(ClientAs(other).Post(path + "/cancel", "")), "404 NOT_FOUND") << other;
    r = ClientAs(other).Get("/api/jobs");
    ASSERT_EQ(r.status, 200);
    EXPECT_TRUE(Json::parse(r.body)["items"].empty()) << other;
  }
  EXPECT_EQ(Error(Client().Get("/api/jobs")), "401 UNAUTHENTICATED");
  EXPECT_EQ(Error(ClientAs("ganbu").Get("/api/jobs/999999")), "404 NOT_FOUND");
}

TEST_P(JobRoutesTest, CancelsARunningJob) {
  const access::Actor ganbu = ActorFor("ganbu");
  std::atomic<bool> entered{false};
  auto id = application_->jobs().Start(
      ganbu, "test.import", "导入 LRMX（1,000 个文件）",
      [&](jobs::JobContext& context) -> base::Result<jobs::JobOutcome> {
        for (std::int64_t i = 0; i < 1000; ++i) {
          if (context.Cancelled()) {
            jobs::JobOutcome partial;
            partial.summary_json = R"({"imported":)" + std::to_string(i) + "}";
            return partial;
          }
          context.Report(i, 1000, "已导入 " + std::to_string(i) + "/1000 个文件");
          entered = true;
          std::this_thread::sleep_for(5ms);
        }
        return jobs::JobOutcome{};
      });
  ASSERT_TRUE(id.ok());
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (!entered && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(5ms);
  const std::string path = "/api/jobs/" + std::to_string(id->value());
  HttpResponse r = ClientAs("ganbu").Post(path + "/cancel", "");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(Json::parse(r.body)["state"] == "running" ||
              Json::parse(r.body)["state"] == "cancelled")
      << r.body;
  auto finished = application_->jobs().WaitForTest(ganbu, *id);
  ASSERT_TRUE(finished.ok());
  r = ClientAs("ganbu").Get(path);
  const Json job = Json::parse(r.body);
  EXPECT_EQ(job["state"], "cancelled");
  EXPECT_EQ(job["message"], "已取消");
  EXPECT_EQ(job["has_file"], false);
  EXPECT_TRUE(job["summary"].contains("imported")) << r.body;
  EXPECT_EQ(Error(ClientAs("ganbu").Get(path + "/file")), "404 NOT_FOUND");
}

TEST(AttachmentDispositionTest, AsciiNamesStandForThemselves) {
  EXPECT_EQ(http::AttachmentDisposition("report.pdf"),
            "attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf");
  EXPECT_EQ(http::AttachmentDisposition("任免审批表.zip"),
            "attachment; filename=\"download.zip\"; "
            "filename*=UTF-8''%E4%BB%BB%E5%85%8D%E5%AE%A1%E6%89%B9%E8%A1%A8.zip");
  EXPECT_EQ(http::AttachmentDisposition("a\"b;c.txt"),
            "attachment; filename=\"download.txt\"; filename*=UTF-8''a%22b%3Bc.txt");
}

INSTANTIATE_TEST_SUITE_P(Engines, JobRoutesTest, ::testing::ValuesIn(xr::testing::AllEngines()),
                         xr::testing::EngineName);

}  // namespace
}  // namespace xr::app
