// The HTTP API end to end over a real server on loopback, on both storage engines: sign-in,
// sessions and CSRF, and one row per endpoint × caller in the access table.

#include <gtest/gtest.h>

#include <future>
#include <nlohmann/json.hpp>
#include <thread>

#include "app/application.h"
#include "demo/demo_city.h"
#include "http/server.h"
#include "testing/http_client.h"
#include "testing/test_database.h"

namespace xr::app {
namespace {

using Json = nlohmann::json;
using xr::testing::HttpClient;
using xr::testing::HttpResponse;

constexpr const char* kPassword = "Ganbu2026!";

class ApiTest : public xr::testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(store::Migrate(db(), AllMigrations(), clock_).ok());
    city_ = demo::BuildDemoCity(60, 1, clock_.Now().ShanghaiDate());
    ASSERT_TRUE(demo::SeedDemoCity(db(), city_).ok());
    application_ = std::make_unique<Application>(db(), clock_);
    for (auto [name, role] : {std::pair{"ganbu", "cadre_officer"}, {"admin", "sysadmin"}}) {
      ASSERT_TRUE(
          application_->users().Add(access::CliOperator(), {name, "", kPassword, {role}, {}}).ok());
    }
    application_->AddRoutes(router_);
    http::ServerOptions options;
    options.port = 0;
    options.handle_signals = false;
    server_ = std::make_unique<http::Server>(options, router_);
    std::promise<std::uint16_t> listening;
    thread_ = std::thread([&] {
      base::Status status = server_->Run([&](std::uint16_t port) { listening.set_value(port); });
      if (!status.ok()) listening.set_value(0);
    });
    port_ = listening.get_future().get();
    ASSERT_NE(port_, 0);
  }

  void TearDown() override {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
    DatabaseTest::TearDown();
  }

  HttpClient Client() { return HttpClient("127.0.0.1", port_); }

  // Signs in and returns the response body.
  Json SignIn(std::string_view username, HttpResponse* raw = nullptr) {
    HttpClient client = Client();
    HttpResponse r =
        client.Post("/api/session", Json{{"username", username}, {"password", kPassword}}.dump());
    EXPECT_EQ(r.status, 200) << r.body;
    if (raw) *raw = r;
    return r.status == 200 ? Json::parse(r.body) : Json::object();
  }

  HttpResponse GetAs(std::string_view username, std::string_view path) {
    HttpClient client = Client();
    if (!username.empty())
      client.SetDefaultHeader("Authorization",
                              "Bearer " + SignIn(username)["token"].get<std::string>());
    return client.Get(path);
  }

  base::FakeClock clock_{*base::Timestamp::Parse("2026-11-27T01:00:00Z")};
  demo::DemoCity city_;
  std::unique_ptr<Application> application_;
  http::Router router_;
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
  std::uint16_t port_ = 0;
};

TEST_P(ApiTest, AccessTable) {
  struct Row {
    std::string_view method, path, caller;
    int status;
  };
  // Every endpoint × caller: anonymous, a system administrator (三员: no dossiers), a cadre
  // officer.
  const Row rows[] = {
      {"GET", "/healthz", "", 200},
      {"GET", "/api/version", "", 200},
      {"GET", "/api/me", "", 401},
      {"GET", "/api/me", "admin", 200},
      {"GET", "/api/me", "ganbu", 200},
      {"GET", "/api/overview", "", 401},
      {"GET", "/api/overview", "admin", 200},
      {"GET", "/api/overview", "ganbu", 200},
      {"GET", "/api/units", "", 401},
      {"GET", "/api/units", "admin", 200},
      {"GET", "/api/units", "ganbu", 200},
      {"GET", "/api/cadres", "", 401},
      {"GET", "/api/cadres", "admin", 403},
      {"GET", "/api/cadres", "ganbu", 200},
      {"GET", "/api/cadres/1", "", 401},
      {"GET", "/api/cadres/1", "admin", 403},
      {"GET", "/api/cadres/1", "ganbu", 200},
      {"DELETE", "/api/session", "", 401},
      {"DELETE", "/api/session", "admin", 204},
      {"DELETE", "/api/session", "ganbu", 204},
  };
  for (const Row& row : rows) {
    HttpClient client = Client();
    if (!row.caller.empty()) {
      client.SetDefaultHeader("Authorization",
                              "Bearer " + SignIn(row.caller)["token"].get<std::string>());
    }
    HttpResponse r = client.Request(row.method, row.path);
    EXPECT_EQ(r.status, row.status)
        << row.method << " " << row.path << " as '" << row.caller << "': " << r.body;
    if (r.status >= 400) {
      Json error = Json::parse(r.body)["error"];
      EXPECT_FALSE(error["message"].get<std::string>().empty());
    }
  }
}

TEST_P(ApiTest, SignInSetsAStrictHttpOnlyCookieAndCsrfGuardsCookieWrites) {
  HttpResponse raw;
  Json session = SignIn("ganbu", &raw);
  EXPECT_EQ(session["user"]["username"], "ganbu");
  EXPECT_EQ(session["user"]["roles"], Json::array({"cadre_officer"}));
  const std::string cookie = *raw.Header("Set-Cookie");
  EXPECT_TRUE(cookie.starts_with("xr_session=" + session["token"].get<std::string>())) << cookie;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);

  HttpClient browser = Client();
  const std::string cookie_header = "xr_session=" + session["token"].get<std::string>();
  HttpResponse me = browser.Get("/api/me", {{"Cookie", cookie_header}});
  EXPECT_EQ(me.status, 200);
  EXPECT_EQ(Json::parse(me.body)["csrf"], session["csrf"]);  // a second tab can recover it
  // A cookie alone cannot sign out (or change anything): the CSRF token must come too.
  HttpResponse forged = browser.Delete("/api/session", {{"Cookie", cookie_header}});
  EXPECT_EQ(forged.status, 403);
  EXPECT_EQ(Json::parse(forged.body)["error"]["code"], "PERMISSION_DENIED");
  EXPECT_EQ(
      browser.Delete("/api/session", {{"Cookie", cookie_header}, {"X-CSRF-Token", "wrong"}}).status,
      403);
  HttpResponse out = browser.Delete("/api/session",
                                    {{"Cookie", cookie_header}, {"X-CSRF-Token", session["csrf"]}});
  EXPECT_EQ(out.status, 204);
  EXPECT_NE(out.Header("Set-Cookie")->find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(browser.Get("/api/me", {{"Cookie", cookie_header}}).status, 401);
}

TEST_P(ApiTest, SignInErrorsAreClearAndNameTheField) {
  HttpClient client = Client();
  struct Case {
    std::string body;
    int status;
    std::string_view code, field;
  };
  const Case cases[] = {
      {R"({"username":"ganbu","password":"wrong"})", 401, "UNAUTHENTICATED", ""},
      {R"({"username":"nobody","password":"wrong"})", 401, "UNAUTHENTICATED", ""},
      {R"({"password":"x"})", 400, "INVALID_ARGUMENT", "username"},
      {R"({"username":"ganbu"})", 400, "INVALID_ARGUMENT", "password"},
      {R"({"username":1,"password":"x"})", 400, "INVALID_ARGUMENT", "username"},
      {"not json", 400, "INVALID_ARGUMENT", "body"},
  };
  for (const Case& c : cases) {
    HttpResponse r = client.Post("/api/session", c.body);
    EXPECT_EQ(r.status, c.status) << c.body;
    Json error = Json::parse(r.body)["error"];
    EXPECT_EQ(error["code"], c.code) << c.body;
    EXPECT_EQ(error.value("field", ""), c.field) << c.body;
  }
  EXPECT_EQ(Json::parse(client.Post("/api/session", cases[0].body).body)["error"]["message"],
            "用户名或密码错误");
}

TEST_P(ApiTest, OverviewUnitsAndCadresAgree) {
  Json overview = Json::parse(GetAs("ganbu", "/api/overview").body);
  EXPECT_EQ(overview["cadres"], 60);
  EXPECT_EQ(overview["units"], city_.units.size());
  EXPECT_EQ(overview["positions"], city_.positions.size());
  EXPECT_EQ(overview["users"], 2);
  std::int64_t by_rank = 0;
  for (const Json& r : overview["cadres_by_rank"]) by_rank += r["count"].get<std::int64_t>();
  EXPECT_EQ(by_rank, 60);

  Json units = Json::parse(GetAs("ganbu", "/api/units").body);
  EXPECT_EQ(units["total"], city_.units.size());
  EXPECT_EQ(units["items"][0]["parent_id"], nullptr);
  EXPECT_EQ(units["items"][0]["type"], "行政区");

  Json all = Json::parse(GetAs("ganbu", "/api/cadres?page_size=100").body);
  EXPECT_EQ(all["total"], 60);
  EXPECT_EQ(all["items"].size(), 60u);
  // The city party committee's subtree holds its leaders and those of its departments.
  const std::int64_t committee = units["items"][1]["id"];
  Json committee_cadres =
      Json::parse(GetAs("ganbu", "/api/cadres?unit_id=" + std::to_string(committee)).body);
  EXPECT_GT(committee_cadres["total"].get<int>(), 0);
  EXPECT_LT(committee_cadres["total"].get<int>(), 60);
  const std::string first_name = all["items"][0]["name"];
  Json one = Json::parse(
      GetAs("ganbu", "/api/cadres/" + std::to_string(all["items"][0]["id"].get<int>())).body);
  EXPECT_EQ(one["name"], first_name);
  EXPECT_EQ(one["unit_name"], all["items"][0]["unit_name"]);

  HttpResponse bad = GetAs("ganbu", "/api/cadres?page=abc");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Json::parse(bad.body)["error"]["field"], "page");
  EXPECT_EQ(GetAs("ganbu", "/api/cadres/999999").status, 404);
  EXPECT_EQ(GetAs("ganbu", "/api/cadres?unit_id=999999").status, 404);
}

INSTANTIATE_TEST_SUITE_P(Engines, ApiTest, ::testing::ValuesIn(xr::testing::AllEngines()),
                         xr::testing::EngineName);

}  // namespace
}  // namespace xr::app
