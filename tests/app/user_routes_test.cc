// Account and role administration over HTTP (GET|POST /api/roles, GET|POST /api/users): the
// happy paths of the security and system administrators, and each error with its field.
// Runs on both storage engines.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "app/server_fixture.h"

namespace xr::app {
namespace {

using Json = nlohmann::json;
using xr::testing::HttpResponse;

class UserRoutesTest : public xr::testing::ServerTest {
 protected:
  // Status, error code and field of a failed call, for compact expectations.
  static std::string Field(const HttpResponse& r) {
    const Json body = Json::parse(r.body, nullptr, false);
    if (body.is_discarded() || !body.contains("error")) return "";
    return body["error"].value("field", "");
  }
  static bool Contains(const Json& list, const std::string& key, const std::string& value) {
    for (const Json& item : list) {
      if (item.value(key, "") == value) return true;
    }
    return false;
  }
};

TEST_P(UserRoutesTest, SecurityAdministratorCreatesARoleThatAppearsInTheList) {
  const std::string district = city_.district_organization_code;
  HttpResponse r = ClientAs("security")
                       .Post("/api/roles", Json{{"name", "district_reader"},
                                                {"label", "区县查阅"},
                                                {"permissions", {"cadre.read", "org.read"}},
                                                {"scope", "unit-below:" + district},
                                                {"clearance", "confidential"}}
                                               .dump());
  ASSERT_EQ(r.status, 201) << r.body;
  const Json role = Json::parse(r.body);
  EXPECT_EQ(role["name"], "district_reader");
  EXPECT_EQ(role["scope"], "unit-below:" + district);
  EXPECT_EQ(role["clearance"], "confidential");
  EXPECT_EQ(role["builtin"], false);
  EXPECT_EQ(role["separated_admin"], false);

  // Both administrators see it (the system administrator to grant it).
  for (const std::string caller : {"security", "admin"}) {
    const Json list = Json::parse(ClientAs(caller).Get("/api/roles").body);
    EXPECT_TRUE(Contains(list["items"], "name", "district_reader")) << caller;
    EXPECT_TRUE(Contains(list["items"], "name", "sysadmin")) << caller;
    for (const Json& item : list["items"]) {
      if (item["name"] == "secadmin") {
        EXPECT_EQ(item["builtin"], true);
        EXPECT_EQ(item["separated_admin"], true);
        EXPECT_TRUE(item["scope"].is_null());
      }
    }
  }
  // No scope → null; clearance defaults to internal.
  r = ClientAs("security")
          .Post("/api/roles",
                Json{{"name", "noscope"}, {"label", "无范围"}, {"permissions", Json::array()}}
                    .dump());
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_TRUE(Json::parse(r.body)["scope"].is_null());
  EXPECT_EQ(Json::parse(r.body)["clearance"], "internal");
}

TEST_P(UserRoutesTest, RoleErrorsNameTheField) {
  xr::testing::HttpClient security = ClientAs("security");
  auto post = [&](const Json& body) { return security.Post("/api/roles", body.dump()); };
  const Json good = {{"name", "r_ok"},
                     {"label", "好"},
                     {"permissions", {"cadre.read"}},
                     {"scope", "all"},
                     {"clearance", "public"}};
  struct Case {
    Json body;
    int status;
    std::string field;
  };
  std::vector<Case> cases;
  auto with = [&](const std::string& key, const Json& value) {
    Json body = good;
    if (value.is_discarded()) {
      body.erase(key);
    } else {
      body[key] = value;
    }
    return body;
  };
  cases.push_back({with("name", Json(Json::value_t::discarded)), 400, "name"});
  cases.push_back({with("name", "Bad Name"), 400, "name"});
  cases.push_back({with("label", ""), 400, "label"});
  cases.push_back({with("permissions", "cadre.read"), 400, "permissions"});
  cases.push_back({with("permissions", {"cadre.fly"}), 400, "permissions"});
  cases.push_back({with("permissions", {"cadre.read", "cadre.read"}), 400, "permissions"});
  cases.push_back({with("scope", "everywhere"), 400, "scope"});
  cases.push_back({with("scope", "unit-below:NOSUCH"), 400, "scope"});
  cases.push_back({with("clearance", "top"), 400, "clearance"});
  cases.push_back({with("name", "sysadmin"), 409, "name"});
  for (const Case& c : cases) {
    HttpResponse r = post(c.body);
    EXPECT_EQ(r.status, c.status) << c.body.dump() << " → " << r.body;
    EXPECT_EQ(Field(r), c.field) << c.body.dump() << " → " << r.body;
  }
  ASSERT_EQ(post(good).status, 201);
  EXPECT_EQ(post(good).status, 409);
  EXPECT_EQ(security.Post("/api/roles", "not json").status, 400);
  // The system administrator may list roles but not make them, whatever the body.
  EXPECT_EQ(ClientAs("admin").Post("/api/roles", "not json").status, 403);
}

TEST_P(UserRoutesTest, SystemAdministratorCreatesAUserWhoMustChangeThePassword) {
  HttpResponse r =
      ClientAs("admin").Post("/api/users", Json{{"username", "wangwu"},
                                                {"display_name", "王五"},
                                                {"password", kPassword},
                                                {"roles", {"leader"}},
                                                {"unit_code", city_.organization_department_code}}
                                               .dump());
  ASSERT_EQ(r.status, 201) << r.body;
  const Json user = Json::parse(r.body);
  EXPECT_EQ(user["username"], "wangwu");
  EXPECT_EQ(user["display_name"], "王五");
  EXPECT_EQ(user["roles"], Json({"leader"}));
  EXPECT_EQ(user["unit_code"], city_.organization_department_code);
  EXPECT_EQ(user["disabled"], false);
  EXPECT_EQ(r.body.find("password"), std::string::npos);

  // Listed (ordered by username, paged) for both administrators.
  for (const std::string caller : {"admin", "security"}) {
    const Json list = Json::parse(ClientAs(caller).Get("/api/users?page_size=200").body);
    EXPECT_EQ(list["total"], list["items"].size()) << caller;
    EXPECT_TRUE(Contains(list["items"], "username", "wangwu")) << caller;
    for (const Json& item : list["items"]) {
      if (item["username"] == "security") {
        EXPECT_EQ(item["roles"], Json({"secadmin"}));
      }
    }
  }
  const Json page = Json::parse(ClientAs("admin").Get("/api/users?page=2&page_size=2").body);
  EXPECT_EQ(page["items"].size(), 2u);
  EXPECT_EQ(page["total"], 7);
  EXPECT_EQ(ClientAs("admin").Get("/api/users?page=0").status, 400);
  EXPECT_EQ(ClientAs("admin").Get("/api/users?page_size=201").status, 400);

  // The initial password must be changed at first sign-in.
  r = Client().Post("/api/session", Json{{"username", "wangwu"}, {"password", kPassword}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json::parse(r.body)["must_change_password"], true);
  EXPECT_EQ(Json::parse(r.body)["password_change_reason"], "initial");
}

TEST_P(UserRoutesTest, UserErrorsNameTheField) {
  xr::testing::HttpClient admin = ClientAs("admin");
  const Json good = {{"username", "u_ok"}, {"password", kPassword}, {"roles", {"leader"}}};
  struct Case {
    Json body;
    int status;
    std::string field;
  };
  auto with = [&](const std::string& key, const Json& value) {
    Json body = good;
    body[key] = value;
    return body;
  };
  const std::vector<Case> cases = {
      {with("username", "X"), 400, "username"},
      {with("password", "short"), 400, "password"},
      {with("roles", Json::array()), 400, "roles"},
      {with("roles", "leader"), 400, "roles"},
      {with("roles", {"nosuchrole"}), 404, "roles"},
      // 三员分立: no account holds two of the separated administrator roles.
      {with("roles", {"sysadmin", "auditadmin"}), 400, "roles"},
      {with("roles", {"secadmin", "sysadmin"}), 400, "roles"},
      {with("unit_code", "NOSUCH"), 400, "unit_code"},
      {with("username", "security"), 409, "username"},
  };
  for (const Case& c : cases) {
    HttpResponse r = admin.Post("/api/users", c.body.dump());
    EXPECT_EQ(r.status, c.status) << c.body.dump() << " → " << r.body;
    EXPECT_EQ(Field(r), c.field) << c.body.dump() << " → " << r.body;
  }
  // One separated role plus a business role is allowed.
  EXPECT_EQ(admin.Post("/api/users", with("roles", {"auditadmin", "leader"}).dump()).status, 201);
  // The security administrator reads accounts but does not create them.
  EXPECT_EQ(ClientAs("security").Post("/api/users", good.dump()).status, 403);
}

// The id of an account in the list (ordered by username).
std::int64_t UserIdIn(const Json& list, const std::string& username) {
  for (const Json& item : list["items"]) {
    if (item["username"] == username) return item["id"].get<std::int64_t>();
  }
  return 0;
}

TEST_P(UserRoutesTest, SystemAdministratorEditsDisablesAndEnablesAnAccount) {
  xr::testing::HttpClient admin = ClientAs("admin");
  const Json list = Json::parse(admin.Get("/api/users?page_size=200").body);
  const std::int64_t id = UserIdIn(list, "ganbu");
  ASSERT_GT(id, 0);
  const std::string path = "/api/users/" + std::to_string(id);
  // The unit by id (the picker), answered with its code and name as well.
  const Json units = Json::parse(admin.Get("/api/units").body);
  ASSERT_FALSE(units["items"].empty());
  const Json& root = units["items"][0];
  HttpResponse r = admin.Patch(
      path,
      Json{{"display_name", "甘部"}, {"unit_id", root["id"]}, {"roles", {"cadre_officer"}}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  Json user = Json::parse(r.body);
  EXPECT_EQ(user["display_name"], "甘部");
  EXPECT_EQ(user["unit_id"], root["id"]);
  EXPECT_EQ(user["unit_code"], root["code"]);
  EXPECT_EQ(user["unit_name"], root["name"]);
  EXPECT_EQ(user["totp_enabled"], false);
  // …or by code; null clears it.
  r = admin.Patch(path, Json{{"unit_code", city_.organization_department_code}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json::parse(r.body)["unit_code"], city_.organization_department_code);
  r = admin.Patch(path, Json{{"unit_id", nullptr}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(Json::parse(r.body)["unit_id"].is_null());

  // Disabled: the account's session ends at once, sign-in is refused with a clear message.
  ASSERT_EQ(ClientAs("ganbu").Get("/api/me").status, 200);
  r = admin.Patch(path, Json{{"disabled", true}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json::parse(r.body)["disabled"], true);
  EXPECT_EQ(ClientAs("ganbu").Get("/api/me").status, 401);
  r = Client().Post("/api/session", Json{{"username", "ganbu"}, {"password", kPassword}}.dump());
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(Json::parse(r.body)["error"]["code"], "ACCOUNT_DISABLED");
  EXPECT_EQ(Json::parse(r.body)["error"]["message"], "账号已停用，请联系系统管理员");
  r = Client().Post("/api/session", Json{{"username", "ganbu"}, {"password", "Wrong2026!"}}.dump());
  EXPECT_EQ(r.status, 401) << r.body;
  ASSERT_EQ(admin.Patch(path, Json{{"disabled", false}}.dump()).status, 200);
  tokens_.erase("ganbu");
  EXPECT_EQ(ClientAs("ganbu").Get("/api/me").status, 200);
}

TEST_P(UserRoutesTest, EditErrorsNameTheField) {
  xr::testing::HttpClient admin = ClientAs("admin");
  const Json list = Json::parse(admin.Get("/api/users?page_size=200").body);
  const std::string lingdao = "/api/users/" + std::to_string(UserIdIn(list, "lingdao"));
  const std::string self = "/api/users/" + std::to_string(UserIdIn(list, "admin"));
  struct Case {
    std::string path;
    Json body;
    int status;
    std::string field;
  };
  const std::vector<Case> cases = {
      {lingdao, Json::object(), 400, "body"},
      {lingdao, {{"display_name", ""}}, 400, "display_name"},
      {lingdao, {{"display_name", 5}}, 400, "display_name"},
      {lingdao, {{"unit_id", 99999999}}, 400, "unit_id"},
      {lingdao, {{"unit_id", "JH"}}, 400, "unit_id"},
      {lingdao, {{"unit_code", "NOSUCH"}}, 400, "unit_code"},
      {lingdao, {{"roles", Json::array()}}, 400, "roles"},
      {lingdao, {{"roles", {"nosuchrole"}}}, 404, "roles"},
      {lingdao, {{"roles", {"sysadmin", "secadmin"}}}, 400, "roles"},
      {lingdao, {{"disabled", "yes"}}, 400, "disabled"},
      {lingdao, {{"password", "Ganbu2026!"}}, 400, "password"},  // not editable here
      {self, {{"roles", {"sysadmin", "leader"}}}, 403, "roles"},
      {self, {{"disabled", true}}, 403, "disabled"},
      {"/api/users/99999999", {{"display_name", "某"}}, 404, ""},
  };
  for (const Case& c : cases) {
    HttpResponse r = admin.Patch(c.path, c.body.dump());
    EXPECT_EQ(r.status, c.status) << c.path << " " << c.body.dump() << " → " << r.body;
    EXPECT_EQ(Field(r), c.field) << c.path << " " << c.body.dump() << " → " << r.body;
  }
  EXPECT_EQ(admin.Patch(lingdao, "not json").status, 400);
  EXPECT_EQ(admin.Post(self + "/password-reset", "").status, 403);
}

TEST_P(UserRoutesTest, PasswordResetShowsANewInitialPasswordOnce) {
  xr::testing::HttpClient admin = ClientAs("admin");
  const Json list = Json::parse(admin.Get("/api/users?page_size=200").body);
  const std::string path = "/api/users/" + std::to_string(UserIdIn(list, "lingdao"));
  ASSERT_EQ(ClientAs("lingdao").Get("/api/me").status, 200);
  HttpResponse r = admin.Post(path + "/password-reset", "");
  ASSERT_EQ(r.status, 200) << r.body;
  const Json reset = Json::parse(r.body);
  const std::string password = reset["password"];
  EXPECT_EQ(password.size(), 12u);
  EXPECT_EQ(reset["sessions_ended"], 1);
  EXPECT_EQ(ClientAs("lingdao").Get("/api/me").status, 401);  // the old session ended
  EXPECT_EQ(Client()
                .Post("/api/session", Json{{"username", "lingdao"}, {"password", kPassword}}.dump())
                .status,
            401);
  r = Client().Post("/api/session", Json{{"username", "lingdao"}, {"password", password}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json::parse(r.body)["must_change_password"], true);
  EXPECT_EQ(Json::parse(r.body)["password_change_reason"], "initial");
  // The second factor reset answers 204 (nothing enrolled is fine too).
  EXPECT_EQ(admin.Post(path + "/totp-reset", "").status, 204);
}

TEST_P(UserRoutesTest, SecurityAdministratorEditsARoleAndHoldersSeeItAtOnce) {
  xr::testing::HttpClient security = ClientAs("security");
  const Json roles = Json::parse(security.Get("/api/roles").body);
  std::int64_t leader = 0, auditadmin = 0;
  for (const Json& role : roles["items"]) {
    if (role["name"] == "leader") leader = role["id"];
    if (role["name"] == "auditadmin") auditadmin = role["id"];
  }
  ASSERT_GT(leader, 0);
  const std::string path = "/api/roles/" + std::to_string(leader);
  // lingdao (领导) can read cadres now…
  ASSERT_EQ(ClientAs("lingdao").Get("/api/cadres?page_size=1").status, 200);
  HttpResponse r = security.Patch(path, Json{{"label", "领导（只看机构）"},
                                             {"permissions", {"org.read"}},
                                             {"scope", nullptr},
                                             {"clearance", "public"}}
                                            .dump());
  ASSERT_EQ(r.status, 200) << r.body;
  const Json role = Json::parse(r.body);
  EXPECT_EQ(role["id"], leader);
  EXPECT_EQ(role["label"], "领导（只看机构）");
  EXPECT_TRUE(role["scope"].is_null());
  EXPECT_EQ(role["clearance"], "public");
  // …and not after it, on the same session.
  EXPECT_EQ(ClientAs("lingdao").Get("/api/cadres?page_size=1").status, 403);
  const Json me = Json::parse(ClientAs("lingdao").Get("/api/me").body)["user"];
  EXPECT_EQ(me["permissions"], Json({"org.read"}));
  EXPECT_EQ(me["clearance"], "public");

  struct Case {
    std::string path;
    Json body;
    int status;
    std::string field;
  };
  const std::vector<Case> cases = {
      {path, Json::object(), 400, "body"},
      {path, {{"label", ""}}, 400, "label"},
      {path, {{"permissions", {"cadre.fly"}}}, 400, "permissions"},
      {path, {{"permissions", {"user.manage", "audit.read"}}}, 400, "permissions"},
      {path, {{"scope", "everywhere"}}, 400, "scope"},
      {path, {{"scope", "unit:NOSUCH"}}, 400, "scope"},
      {path, {{"clearance", "top"}}, 400, "clearance"},
      {path, {{"name", "renamed"}}, 400, "name"},
      {"/api/roles/" + std::to_string(auditadmin), {{"label", "审计"}}, 409, ""},
      {"/api/roles/99999", {{"label", "某"}}, 404, ""},
  };
  for (const Case& c : cases) {
    HttpResponse e = security.Patch(c.path, c.body.dump());
    EXPECT_EQ(e.status, c.status) << c.path << " " << c.body.dump() << " → " << e.body;
    EXPECT_EQ(Field(e), c.field) << c.path << " " << c.body.dump() << " → " << e.body;
  }
}

TEST_P(UserRoutesTest, SecuritySettingsAndSignOutInTheRecord) {
  HttpResponse r = ClientAs("security").Get("/api/settings/security");
  ASSERT_EQ(r.status, 200) << r.body;
  const Json settings = Json::parse(r.body);
  EXPECT_EQ(settings["idle_timeout_minutes"], 30);
  EXPECT_EQ(settings["password_max_age_days"], 90);
  EXPECT_EQ(settings["lockout_failures"], 5);
  EXPECT_EQ(settings["lockout_minutes"], 15);

  ASSERT_EQ(ClientAs("lingdao").Request("DELETE", "/api/session", "").status, 204);
  tokens_.erase("lingdao");
  const Json entries =
      Json::parse(ClientAs("auditor").Get("/api/audit/entries?action=session.sign_out").body);
  ASSERT_FALSE(entries["items"].empty()) << entries.dump();
  EXPECT_EQ(entries["items"][0]["actor"], "lingdao");
}

INSTANTIATE_TEST_SUITE_P(Engines, UserRoutesTest, ::testing::ValuesIn(xr::testing::AllEngines()),
                         xr::testing::EngineName);

}  // namespace
}  // namespace xr::app
