// 机构管理 over HTTP against a real server with the demo city, on both engines: the officer's
// round trip (create, edit, move, reorder, positions, abolish, history) and each bad input with
// its status, code and field.

#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>

#include "app/server_fixture.h"

namespace xr::org {
namespace {

using Json = nlohmann::json;
using xr::testing::HttpClient;
using xr::testing::HttpResponse;

class OrgRoutesTest : public xr::testing::ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (HasFatalFailure()) return;
    root_ = Json::parse(ClientAs("ganbu").Get("/api/units").body)["items"][0];
  }

  // "status code field" of a response, for compact expectations.
  static std::string Error(const HttpResponse& r) {
    const Json body = Json::parse(r.body, nullptr, false);
    if (body.is_discarded() || !body.contains("error")) return std::to_string(r.status);
    return std::to_string(r.status) + " " + body["error"].value("code", "") + " " +
           body["error"].value("field", "");
  }

  Json Create(const std::string& code, std::int64_t parent) {
    HttpResponse r = ClientAs("ganbu").Post("/api/units", Json{{"parent_id", parent},
                                                               {"code", code},
                                                               {"name", "测试" + code},
                                                               {"type", "事业单位"},
                                                               {"level", "市级"}}
                                                              .dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return Json::parse(r.body, nullptr, false);
  }

  static std::string Unit(const Json& unit) {
    return "/api/units/" + std::to_string(unit["id"].get<std::int64_t>());
  }

  std::vector<std::string> ChildCodes(std::int64_t parent_id) {
    const Json tree = Json::parse(ClientAs("ganbu").Get("/api/units").body)["items"];
    std::vector<std::string> codes;
    std::function<void(const Json&)> walk = [&](const Json& nodes) {
      for (const Json& node : nodes) {
        if (node["id"] == parent_id) {
          for (const Json& child : node["children"]) codes.push_back(child["code"]);
        }
        walk(node["children"]);
      }
    };
    walk(tree);
    return codes;
  }

  Json root_;
};

TEST_P(OrgRoutesTest, AnOfficerEditsTheTreeAndReadsTheHistory) {
  const std::int64_t root_id = root_["id"];
  const Json a = Create("T-A", root_id), b = Create("T-B", root_id);
  const Json child = Create("T-A-1", a["id"]);
  EXPECT_EQ(b["sort_order"].get<std::int64_t>(), a["sort_order"].get<std::int64_t>() + 1);
  HttpClient officer = ClientAs("ganbu");

  HttpResponse r = officer.Patch(Unit(a), Json{{"name", "测试甲"}, {"code", "T-A"}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json::parse(r.body)["name"], "测试甲");

  // B before A, then A (with its child) under B.
  std::vector<std::int64_t> order;
  for (const Json& unit : root_["children"]) order.push_back(unit["id"]);
  order.push_back(b["id"]);
  order.push_back(a["id"]);
  r = officer.Put(Unit(root_) + "/children-order", Json{{"ids", order}}.dump());
  ASSERT_EQ(r.status, 204) << r.body;
  EXPECT_EQ(ChildCodes(root_id).back(), "T-A");
  r = officer.Post(Unit(a) + "/move", Json{{"parent_id", b["id"]}, {"index", 0}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(ChildCodes(b["id"]), std::vector<std::string>{"T-A"});
  EXPECT_EQ(ChildCodes(a["id"]), std::vector<std::string>{"T-A-1"});

  r = officer.Post(Unit(a) + "/positions", Json{{"name", "主任"}, {"headcount", 1}}.dump());
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string position =
      "/api/positions/" + std::to_string(Json::parse(r.body)["id"].get<std::int64_t>());
  r = officer.Patch(position, Json{{"headcount", 2}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  const Json details = Json::parse(officer.Get(Unit(a)).body);
  ASSERT_EQ(details["positions"].size(), 1u);
  EXPECT_EQ(details["positions"][0]["headcount"], 2);
  ASSERT_EQ(officer.Delete(position).status, 204);

  const Json abolish = Json{{"date", "2026-11-27"}, {"reason", "机构改革"}};
  EXPECT_EQ(Error(officer.Post(Unit(a) + "/abolish", abolish.dump())),
            "409 FAILED_PRECONDITION children");
  ASSERT_EQ(officer.Post(Unit(child) + "/abolish", abolish.dump()).status, 200);
  r = officer.Post(Unit(a) + "/abolish", abolish.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json::parse(r.body)["abolished_on"], "2026-11-27");
  // Hidden from the tree unless asked for; still readable by id.
  EXPECT_TRUE(ChildCodes(b["id"]).empty());
  const Json all = Json::parse(officer.Get("/api/units?include_abolished=1").body);
  const Json live = Json::parse(officer.Get("/api/units").body);
  EXPECT_EQ(all["total"].get<int>(), live["total"].get<int>() + 2);
  EXPECT_EQ(Json::parse(officer.Get(Unit(a)).body)["abolished"], true);

  const Json history = Json::parse(officer.Get(Unit(a) + "/history").body);
  std::vector<std::string> actions;
  for (const Json& entry : history["items"]) actions.push_back(entry["action"]);
  EXPECT_EQ(actions, (std::vector<std::string>{"abolish", "position.abolish", "position.update",
                                               "position.create", "move", "update", "create"}));
  const Json rename = history["items"][5];
  EXPECT_EQ(rename["actor"], "ganbu");
  EXPECT_EQ(rename["changes"][0], (Json{{"field", "name"}, {"old", "测试T-A"}, {"new", "测试甲"}}));
  EXPECT_EQ(rename["at"], clock_.Now().ToRfc3339());
  EXPECT_EQ(Json::parse(officer.Get(Unit(root_) + "/history").body)["items"][0]["action"],
            "reorder");
}

TEST_P(OrgRoutesTest, BadInputNamesTheField) {
  const std::int64_t root_id = root_["id"];
  const Json a = Create("T-A", root_id);
  const Json leaf = Create("T-A-1", a["id"]);
  HttpClient officer = ClientAs("ganbu");
  struct Case {
    std::string method, path, body, expected;
  };
  const std::string unit_a = Unit(a);
  const std::vector<Case> cases = {
      {"POST", "/api/units", R"({"code":"T-A","name":"重复","type":"政府","level":"市级"})",
       "409 ALREADY_EXISTS code"},
      {"POST", "/api/units", R"({"code":"坏 编码","name":"x","type":"政府","level":"市级"})",
       "400 INVALID_ARGUMENT code"},
      {"POST", "/api/units", R"({"code":"T-X","name":"x","type":"部委","level":"市级"})",
       "400 INVALID_ARGUMENT type"},
      {"POST", "/api/units", R"({"code":"T-X","name":"x","type":"政府","level":"国家级"})",
       "400 INVALID_ARGUMENT level"},
      {"POST", "/api/units", R"({"code":"T-X","type":"政府","level":"市级"})",
       "400 INVALID_ARGUMENT name"},
      {"POST", "/api/units",
       R"({"parent_id":999999,"code":"T-X","name":"x","type":"政府","level":"市级"})",
       "404 NOT_FOUND parent_id"},
      {"POST", "/api/units", R"([1,2])", "400 INVALID_ARGUMENT body"},
      {"PATCH", unit_a, R"({"code":"T-Z"})", "400 INVALID_ARGUMENT code"},
      {"PATCH", unit_a, R"({"name":""})", "400 INVALID_ARGUMENT name"},
      {"PATCH", unit_a, R"({"level":"部级"})", "400 INVALID_ARGUMENT level"},
      {"PATCH", "/api/units/999999", R"({"name":"x"})", "404 NOT_FOUND id"},
      {"POST", unit_a + "/move", R"({"index":0})", "400 INVALID_ARGUMENT parent_id"},
      {"POST", unit_a + "/move", R"({"parent_id":)" + leaf["id"].dump() + "}",
       "400 INVALID_ARGUMENT parent_id"},
      {"POST", unit_a + "/move", R"({"parent_id":)" + a["id"].dump() + "}",
       "400 INVALID_ARGUMENT parent_id"},
      {"POST", unit_a + "/move", R"({"parent_id":999999})", "404 NOT_FOUND parent_id"},
      {"POST", unit_a + "/move", R"({"parent_id":null,"index":-1})", "400 INVALID_ARGUMENT index"},
      {"PUT", unit_a + "/children-order", R"({"ids":"1,2"})", "400 INVALID_ARGUMENT ids"},
      {"PUT", unit_a + "/children-order", R"({"ids":[]})", "400 INVALID_ARGUMENT ids"},
      {"PUT", unit_a + "/children-order",
       R"({"ids":[)" + leaf["id"].dump() + "," + leaf["id"].dump() + "]}",
       "400 INVALID_ARGUMENT ids"},
      {"POST", unit_a + "/abolish", R"({"date":"2026-02-30","reason":"x"})",
       "400 INVALID_ARGUMENT date"},
      {"POST", unit_a + "/abolish", R"({"date":"2026-11-27","reason":" "})",
       "400 INVALID_ARGUMENT reason"},
      {"POST", unit_a + "/abolish", R"({"date":"2026-11-27"})", "400 INVALID_ARGUMENT reason"},
      {"POST", unit_a + "/positions", R"({"name":"主任","headcount":1000})",
       "400 INVALID_ARGUMENT headcount"},
      {"POST", unit_a + "/positions", R"({"name":"主任","headcount":"2"})",
       "400 INVALID_ARGUMENT headcount"},
      {"POST", "/api/units/999999/positions", R"({"name":"主任","headcount":1})",
       "404 NOT_FOUND id"},
      {"PATCH", "/api/positions/999999", R"({"headcount":1})", "404 NOT_FOUND id"},
      {"DELETE", "/api/positions/999999", "", "404 NOT_FOUND id"},
  };
  for (const Case& c : cases) {
    HttpResponse r = officer.Request(c.method, c.path, c.body);
    EXPECT_EQ(Error(r), c.expected) << c.method << " " << c.path << " " << c.body << ": " << r.body;
    const Json body = Json::parse(r.body, nullptr, false);
    if (!body.is_discarded() && body.contains("error")) {
      EXPECT_FALSE(body["error"]["message"].get<std::string>().empty());
    }
  }
  // Nothing refused reached the history.
  const Json history = Json::parse(officer.Get(unit_a + "/history").body);
  EXPECT_EQ(history["total"], 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, OrgRoutesTest, ::testing::ValuesIn(xr::testing::AllEngines()),
                         xr::testing::EngineName);

}  // namespace
}  // namespace xr::org
