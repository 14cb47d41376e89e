// The HTTP API end to end over a real server on loopback, on both storage engines: sign-in,
// sessions and CSRF, lockout, forced password change, TOTP, the record. (Who may call what is
// access_matrix_test.cc.)

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "access/totp.h"
#include "app/server_fixture.h"

namespace xr::app {
namespace {

using Json = nlohmann::json;
using xr::testing::HttpClient;
using xr::testing::HttpResponse;

class ApiTest : public xr::testing::ServerTest {
 protected:
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
};

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
  EXPECT_EQ(overview["cadres"], city_.cadres.size());
  EXPECT_EQ(overview["units"], city_.units.size());
  EXPECT_EQ(overview["positions"], city_.positions.size());
  EXPECT_EQ(overview["users"], Accounts().size());
  std::int64_t by_rank = 0;
  for (const Json& r : overview["cadres_by_rank"]) by_rank += r["count"].get<std::int64_t>();
  EXPECT_EQ(by_rank, std::int64_t(city_.cadres.size()));

  Json units = Json::parse(GetAs("ganbu", "/api/units").body);
  EXPECT_EQ(units["total"], city_.units.size());
  EXPECT_EQ(units["items"][0]["parent_id"], nullptr);
  EXPECT_EQ(units["items"][0]["type"], "行政区");

  Json all = Json::parse(GetAs("ganbu", "/api/cadres?page_size=1000").body);
  EXPECT_EQ(all["total"], city_.cadres.size());
  EXPECT_EQ(all["items"].size(), city_.cadres.size());
  // The city party committee's subtree holds its leaders and those of its departments.
  ASSERT_EQ(units["items"].size(), 1u);  // one root: the city, with the tree nested below it
  EXPECT_EQ(units["items"][0]["children"][0]["name"], "中共江华市委员会");
  EXPECT_EQ(units["items"][0]["children"][0]["parent_id"], units["items"][0]["id"]);
  const std::int64_t committee = units["items"][0]["children"][0]["id"];
  Json committee_cadres =
      Json::parse(GetAs("ganbu", "/api/cadres?unit_id=" + std::to_string(committee)).body);
  EXPECT_GT(committee_cadres["total"].get<int>(), 0);
  EXPECT_LT(committee_cadres["total"].get<std::size_t>(), city_.cadres.size());
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

TEST_P(ApiTest, SixthWrongPasswordAnswers423WithTheUnlockTime) {
  HttpClient client = Client();
  const std::string wrong = R"({"username":"ganbu","password":"Wrong2026!"})";
  for (int i = 0; i < 5; ++i) {
    HttpResponse r = client.Post("/api/session", wrong);
    EXPECT_EQ(r.status, 401) << i << ": " << r.body;
  }
  // 01:00Z is 09:00 in Shanghai; locked for 15 minutes from the fifth failure.
  for (const std::string& body :
       {wrong, Json{{"username", "ganbu"}, {"password", kPassword}}.dump()}) {
    HttpResponse locked = client.Post("/api/session", body);
    EXPECT_EQ(locked.status, 423) << locked.body;
    Json error = Json::parse(locked.body)["error"];
    EXPECT_EQ(error["code"], "LOCKED");
    EXPECT_EQ(error["message"], "连续登录失败次数过多，账号已锁定，请于 09:15 后再试");
  }
  clock_.Advance(std::chrono::minutes(15));
  EXPECT_EQ(client.Post("/api/session", Json{{"username", "ganbu"}, {"password", kPassword}}.dump())
                .status,
            200);
  // Every attempt is in the login log, which the audit administrator can filter.
  Json log = Json::parse(GetAs("auditor", "/api/login-log?username=ganbu&page_size=50").body);
  EXPECT_EQ(log["total"], 8);
  EXPECT_EQ(log["items"][0]["result"], "success");
  EXPECT_EQ(log["items"][1]["result"], "locked");
  EXPECT_EQ(log["items"][7]["result"], "wrong_password");
  EXPECT_EQ(log["items"][7]["remote_address"], "127.0.0.1");
  Json locked = Json::parse(GetAs("auditor", "/api/login-log?result=locked").body);
  EXPECT_EQ(locked["total"], 2);
  // …and in the full-process record, with the result but never the password.
  HttpResponse record = GetAs("auditor", "/api/audit/entries?action=session.sign_in&page_size=100");
  ASSERT_EQ(record.status, 200) << record.body;
  EXPECT_GE(Json::parse(record.body)["total"].get<int>(), 8);
  EXPECT_EQ(record.body.find("Wrong2026!"), std::string::npos);
  EXPECT_EQ(record.body.find(kPassword), std::string::npos);
}

TEST_P(ApiTest, BadInputNamesTheField) {
  struct Case {
    std::string caller, method, path, body, field;
  };
  const Case cases[] = {
      {"auditor", "GET", "/api/login-log?result=bogus", "", "result"},
      {"auditor", "GET", "/api/login-log?page=0", "", "page"},
      {"auditor", "GET", "/api/login-log?page=x", "", "page"},
      {"auditor", "GET", "/api/login-log?page_size=201", "", "page_size"},
      {"auditor", "GET", "/api/login-log?from=yesterday", "", "from"},
      {"auditor", "GET", "/api/login-log?to=2026-13-01", "", "to"},
      {"auditor", "GET", "/api/login-log?from=2026-11-28&to=2026-11-27", "", "to"},
      {"ganbu", "POST", "/api/me/password", R"({"new_password":"Xinmima2027!"})", "old_password"},
      {"ganbu", "POST", "/api/me/password", R"({"old_password":"x"})", "new_password"},
      {"ganbu", "POST", "/api/me/password",
       Json{{"old_password", kPassword}, {"new_password", "weak"}}.dump(), "new_password"},
      {"ganbu", "POST", "/api/me/password",
       Json{{"old_password", kPassword}, {"new_password", kPassword}}.dump(), "new_password"},
      {"ganbu", "POST", "/api/me/password",
       Json{{"old_password", "Wrong2026!"}, {"new_password", "Xinmima2027!"}}.dump(),
       "old_password"},
      {"ganbu", "POST", "/api/me/totp/confirm", R"({"code":""})", "code"},
      {"ganbu", "POST", "/api/me/totp/confirm", R"({"code":123456})", "code"},
      {"", "POST", "/api/session", R"({"username":"ganbu","password":"x","totp_code":1})",
       "totp_code"},
  };
  for (const Case& c : cases) {
    HttpClient client = Client();
    if (!c.caller.empty()) {
      client.SetDefaultHeader("Authorization",
                              "Bearer " + SignIn(c.caller)["token"].get<std::string>());
    }
    HttpResponse r = client.Request(c.method, c.path, c.body);
    EXPECT_EQ(r.status, 400) << c.method << " " << c.path << " " << c.body << ": " << r.body;
    EXPECT_EQ(Json::parse(r.body)["error"].value("field", ""), c.field) << c.path << " " << c.body;
  }
}

TEST_P(ApiTest, ForcedPasswordChangeBlocksEverythingElseUntilDone) {
  ASSERT_TRUE(application_->users()
                  .Add(CliOperator(), {"xinren", "", kPassword, {"cadre_officer"}, {}})
                  .ok());
  HttpResponse raw;
  Json session = SignIn("xinren", &raw);
  EXPECT_EQ(session["must_change_password"], true);
  EXPECT_EQ(session["password_change_reason"], "initial");
  const std::string cookie = "xr_session=" + session["token"].get<std::string>();
  const std::string csrf = session["csrf"];
  HttpClient browser = Client();
  HttpResponse blocked = browser.Get("/api/cadres", {{"Cookie", cookie}});
  EXPECT_EQ(blocked.status, 403);
  EXPECT_EQ(Json::parse(blocked.body)["error"]["code"], "PASSWORD_CHANGE_REQUIRED");
  EXPECT_EQ(browser.Get("/api/sessions", {{"Cookie", cookie}}).status, 403);
  Json me = Json::parse(browser.Get("/api/me", {{"Cookie", cookie}}).body);
  EXPECT_EQ(me["must_change_password"], true);
  const std::string change =
      Json{{"old_password", kPassword}, {"new_password", "Xinmima2027!"}}.dump();
  // Like every state-changing cookie request, it needs the CSRF token.
  EXPECT_EQ(browser.Post("/api/me/password", change, {{"Cookie", cookie}}).status, 403);
  EXPECT_EQ(
      browser.Post("/api/me/password", change, {{"Cookie", cookie}, {"X-CSRF-Token", csrf}}).status,
      204);
  EXPECT_EQ(browser.Get("/api/cadres", {{"Cookie", cookie}}).status, 200);
  EXPECT_EQ(Json::parse(browser.Get("/api/me", {{"Cookie", cookie}}).body)["must_change_password"],
            false);

  // Ninety days later the password has expired: the same gate, reason "expired".
  clock_.Advance(std::chrono::days(90));
  HttpResponse again = Client().Post(
      "/api/session", Json{{"username", "xinren"}, {"password", "Xinmima2027!"}}.dump());
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(Json::parse(again.body)["password_change_reason"], "expired");
}

TEST_P(ApiTest, SessionsListAndForcedLogout) {
  Json first = SignIn("ganbu");
  Json second = SignIn("ganbu");
  HttpClient client = Client();
  client.SetDefaultHeader("Authorization", "Bearer " + first["token"].get<std::string>());
  Json list = Json::parse(client.Get("/api/sessions").body);
  ASSERT_EQ(list["total"], 2);
  EXPECT_EQ(list["items"][0]["current"], false);
  EXPECT_EQ(list["items"][1]["current"], true);
  EXPECT_EQ(list["items"][0]["remote_address"], "127.0.0.1");
  const std::int64_t other = list["items"][0]["id"];
  EXPECT_EQ(client.Delete("/api/sessions/" + std::to_string(other)).status, 204);
  HttpClient second_client = Client();
  second_client.SetDefaultHeader("Authorization", "Bearer " + second["token"].get<std::string>());
  EXPECT_EQ(second_client.Get("/api/me").status, 401);

  const std::int64_t ganbu = first["user"]["id"];
  HttpClient security = Client();
  security.SetDefaultHeader("Authorization",
                            "Bearer " + SignIn("security")["token"].get<std::string>());
  Json theirs = Json::parse(security.Get("/api/users/" + std::to_string(ganbu) + "/sessions").body);
  EXPECT_EQ(theirs["total"], 1);
  HttpResponse ended = security.Delete("/api/users/" + std::to_string(ganbu) + "/sessions");
  EXPECT_EQ(ended.status, 200);
  EXPECT_EQ(Json::parse(ended.body)["ended"], 1);
  EXPECT_EQ(client.Get("/api/me").status, 401);
}

TEST_P(ApiTest, TotpEnrolmentThenSignInNeedsTheCode) {
  HttpClient client = Client();
  client.SetDefaultHeader("Authorization", "Bearer " + SignIn("ganbu")["token"].get<std::string>());
  HttpResponse enrol = client.Post("/api/me/totp", "");
  ASSERT_EQ(enrol.status, 200) << enrol.body;
  Json enrolment = Json::parse(enrol.body);
  const std::string secret = enrolment["secret"];
  EXPECT_TRUE(enrolment["uri"].get<std::string>().starts_with("otpauth://totp/"));
  const std::string key = *access::Base32Decode(secret);
  const auto bytes = std::span(reinterpret_cast<const unsigned char*>(key.data()), key.size());
  EXPECT_EQ(client
                .Post("/api/me/totp/confirm",
                      Json{{"code", access::TotpCode(bytes, clock_.Now())}}.dump())
                .status,
            204);
  clock_.Advance(std::chrono::seconds(30));
  HttpResponse missing =
      Client().Post("/api/session", Json{{"username", "ganbu"}, {"password", kPassword}}.dump());
  EXPECT_EQ(missing.status, 401);
  Json error = Json::parse(missing.body)["error"];
  EXPECT_EQ(error["code"], "TOTP_REQUIRED");
  EXPECT_EQ(error["field"], "totp_code");
  HttpResponse ok =
      Client().Post("/api/session", Json{{"username", "ganbu"},
                                         {"password", kPassword},
                                         {"totp_code", access::TotpCode(bytes, clock_.Now())}}
                                        .dump());
  EXPECT_EQ(ok.status, 200) << ok.body;
}

TEST_P(ApiTest, AuditEntriesProofsAndTimelineForTheAuditor) {
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(db().Transact(store::TxMode::kWrite,
                              [&](store::Transaction& tx) {
                                return application_->audit_log()
                                    .Record(tx, CliOperator(), "cadre.update", "cadre",
                                            std::to_string(i % 2), {{"changed", "post"}})
                                    .status();
                              })
                    .ok());
  }
  Json head = Json::parse(GetAs("ganbu", "/api/audit/checkpoint").body);
  EXPECT_GE(head["size"].get<std::int64_t>(), 5);
  EXPECT_EQ(head["root"].get<std::string>().size(), 64u);
  EXPECT_NE(head["text"].get<std::string>().find("signature: "), std::string::npos);

  Json page = Json::parse(
      GetAs("auditor", "/api/audit/entries?action=cadre.update&object_type=cadre&page_size=2")
          .body);
  EXPECT_EQ(page["total"], 5);
  ASSERT_EQ(page["items"].size(), 2u);
  EXPECT_EQ(page["items"][0]["details"][0]["key"], "changed");
  Json timeline =
      Json::parse(GetAs("auditor", "/api/audit/timeline?object_type=cadre&object_id=0").body);
  EXPECT_EQ(timeline["total"], 3);

  const std::int64_t index = page["items"][0]["index"];
  Json proof = Json::parse(GetAs("auditor", "/api/audit/entries/" + std::to_string(index) +
                                                "/proof?tree_size=" + std::to_string(index + 1))
                               .body);
  EXPECT_EQ(proof["tree_size"], index + 1);
  EXPECT_EQ(proof["entry"]["index"], index);
  Json consistency = Json::parse(
      GetAs("auditor", "/api/audit/consistency?first=1&second=" + std::to_string(index + 1)).body);
  EXPECT_EQ(consistency["second_root"], proof["root"]);

  struct Bad {
    std::string path, field;
  };
  for (const Bad& bad :
       {Bad{"/api/audit/entries?page_size=201", "page_size"},
        Bad{"/api/audit/entries?page=0", "page"}, Bad{"/api/audit/entries?from=yesterday", "from"},
        Bad{"/api/audit/entries/0/proof?tree_size=x", "tree_size"},
        Bad{"/api/audit/entries/0/proof?tree_size=999999", "tree_size"},
        Bad{"/api/audit/consistency?first=9&second=2", "first"},
        Bad{"/api/audit/timeline?object_id=1", "object_type"}}) {
    HttpResponse r = GetAs("auditor", bad.path);
    EXPECT_EQ(r.status, 400) << bad.path << ": " << r.body;
    EXPECT_EQ(Json::parse(r.body)["error"].value("field", ""), bad.field) << bad.path;
  }
  // Filters are bound parameters: injection strings find nothing and break nothing.
  HttpResponse injected =
      GetAs("auditor", "/api/audit/entries?actor=%27%20OR%201%3D1%20--&object_id=..%2F..%2Fetc");
  EXPECT_EQ(injected.status, 200);
  EXPECT_EQ(Json::parse(injected.body)["total"], 0);
}

INSTANTIATE_TEST_SUITE_P(Engines, ApiTest, ::testing::ValuesIn(xr::testing::AllEngines()),
                         xr::testing::EngineName);

}  // namespace
}  // namespace xr::app
