// 字典管理 and the division tree over HTTP against a real server with the demo city, on both
// engines: the system administrator's round trip (add, relabel, disable, enable, in the record)
// and each bad input with its status, code and field.

#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <set>

#include "app/server_fixture.h"
#include "cadre/divisions.h"

namespace xr::cadre {
namespace {

using Json = nlohmann::json;
using xr::testing::HttpResponse;

class DictionaryRoutesTest : public xr::testing::ServerTest {
 protected:
  // "status code field" of a response, for compact expectations.
  static std::string Error(const HttpResponse& r) {
    const Json body = Json::parse(r.body, nullptr, false);
    if (body.is_discarded() || !body.contains("error")) return std::to_string(r.status);
    return std::to_string(r.status) + " " + body["error"].value("code", "") + " " +
           body["error"].value("field", "");
  }

  static const Json* FindItem(const Json& items, const std::string& code) {
    for (const Json& item : items) {
      if (item["code"] == code) return &item;
    }
    return nullptr;
  }
};

TEST_P(DictionaryRoutesTest, EverySignedInUserReadsTheDictionaries) {
  for (const std::string caller : {"admin", "auditor", "ganbu", "lingdao"}) {
    HttpResponse r = ClientAs(caller).Get("/api/dictionaries");
    ASSERT_EQ(r.status, 200) << caller << r.body;
    const Json all = Json::parse(r.body)["items"];
    std::vector<std::string> kinds;
    for (const Json& d : all) kinds.push_back(d["kind"]);
    EXPECT_EQ(kinds, (std::vector<std::string>{"gender", "ethnicity", "party", "education_level",
                                               "degree", "relation", "health"}));
  }
  HttpResponse r = ClientAs("lingdao").Get("/api/dictionaries/gender");
  ASSERT_EQ(r.status, 200) << r.body;
  const Json gender = Json::parse(r.body);
  EXPECT_EQ(gender["kind"], "gender");
  EXPECT_EQ(gender["name"], "性别");
  EXPECT_EQ(gender["standard"], "GB/T 2261.1-2003 人的性别代码");
  EXPECT_EQ(gender["items"][0], (Json{{"code", "1"},
                                      {"label", "男"},
                                      {"sort_order", 1},
                                      {"enabled", true},
                                      {"builtin", true}}));
  EXPECT_EQ(gender["items"].size(), 4u);
  EXPECT_EQ(Error(ClientAs("lingdao").Get("/api/dictionaries/rank")), "404 NOT_FOUND kind");
  EXPECT_EQ(Client().Get("/api/dictionaries/gender").status, 401);
}

TEST_P(DictionaryRoutesTest, TheSystemAdministratorAddsDisablesAndEnablesAnItem) {
  auto admin = ClientAs("admin");
  HttpResponse r =
      admin.Post("/api/dictionaries/health/items", Json{{"code", "7"}, {"label", "体弱"}}.dump());
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Json::parse(r.body), (Json{{"code", "7"},
                                       {"label", "体弱"},
                                       {"sort_order", 7},
                                       {"enabled", true},
                                       {"builtin", false}}));

  r = admin.Patch("/api/dictionaries/health/items/7",
                  Json{{"code", "7"}, {"label", "较弱"}, {"enabled", false}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json::parse(r.body)["label"], "较弱");
  EXPECT_EQ(Json::parse(r.body)["enabled"], false);
  // A built-in item: reordered and disabled, never relabelled.
  r = admin.Patch("/api/dictionaries/gender/items/0", Json{{"sort_order", 9}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json::parse(r.body)["sort_order"], 9);

  const Json health = Json::parse(ClientAs("ganbu").Get("/api/dictionaries/health").body)["items"];
  const Json* weak = FindItem(health, "7");
  ASSERT_NE(weak, nullptr);
  EXPECT_EQ((*weak)["enabled"], false);  // disabled items are still listed
  EXPECT_EQ(health.back()["code"], "7");

  r = admin.Patch("/api/dictionaries/health/items/7", Json{{"enabled", true}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json::parse(r.body)["enabled"], true);

  // The record has each change, for the auditor.
  const Json created =
      Json::parse(ClientAs("auditor").Get("/api/audit/entries?action=dict.create").body);
  ASSERT_EQ(created["items"].size(), 1u) << created.dump();
  EXPECT_EQ(created["items"][0]["object_type"], "dict_item");
  EXPECT_EQ(created["items"][0]["object_id"], "health/7");
  EXPECT_EQ(created["items"][0]["actor"], "admin");
  const Json updated =
      Json::parse(ClientAs("auditor").Get("/api/audit/entries?action=dict.update").body);
  EXPECT_EQ(updated["items"].size(), 3u) << updated.dump();
}

TEST_P(DictionaryRoutesTest, BadChangesAnswerWithTheField) {
  struct Case {
    std::string caller;
    std::string method;
    std::string path;
    std::string body;
    std::string expected;
  };
  const std::string item = Json{{"code", "7"}, {"label", "体弱"}}.dump();
  for (const Case& c : std::vector<Case>{
           {"ganbu", "POST", "/api/dictionaries/health/items", item, "403 PERMISSION_DENIED "},
           {"security", "PATCH", "/api/dictionaries/health/items/1", "{}",
            "403 PERMISSION_DENIED "},
           {"admin", "POST", "/api/dictionaries/rank/items", item, "404 NOT_FOUND kind"},
           {"admin", "POST", "/api/dictionaries/health/items", "[]", "400 INVALID_ARGUMENT body"},
           {"admin", "POST", "/api/dictionaries/health/items", Json{{"label", "体弱"}}.dump(),
            "400 INVALID_ARGUMENT code"},
           {"admin", "POST", "/api/dictionaries/health/items",
            Json{{"code", 7}, {"label", "体弱"}}.dump(), "400 INVALID_ARGUMENT code"},
           {"admin", "POST", "/api/dictionaries/health/items",
            Json{{"code", "七"}, {"label", "体弱"}}.dump(), "400 INVALID_ARGUMENT code"},
           {"admin", "POST", "/api/dictionaries/health/items", Json{{"code", "7"}}.dump(),
            "400 INVALID_ARGUMENT label"},
           {"admin", "POST", "/api/dictionaries/health/items",
            Json{{"code", "7"}, {"label", std::string(31, 'x')}}.dump(),
            "400 INVALID_ARGUMENT label"},
           {"admin", "POST", "/api/dictionaries/health/items",
            Json{{"code", "7"}, {"label", "体弱"}, {"sort_order", "1"}}.dump(),
            "400 INVALID_ARGUMENT sort_order"},
           {"admin", "POST", "/api/dictionaries/health/items",
            Json{{"code", "7"}, {"label", "体弱"}, {"enabled", 1}}.dump(),
            "400 INVALID_ARGUMENT enabled"},
           {"admin", "POST", "/api/dictionaries/health/items",
            Json{{"code", "1"}, {"label", "体弱"}}.dump(), "409 ALREADY_EXISTS code"},
           {"admin", "POST", "/api/dictionaries/health/items",
            Json{{"code", "7"}, {"label", "良好"}}.dump(), "409 ALREADY_EXISTS label"},
           {"admin", "PATCH", "/api/dictionaries/gender/items/1", Json{{"label", "男性"}}.dump(),
            "409 FAILED_PRECONDITION label"},
           {"admin", "PATCH", "/api/dictionaries/gender/items/1", Json{{"code", "M"}}.dump(),
            "400 INVALID_ARGUMENT code"},
           {"admin", "PATCH", "/api/dictionaries/gender/items/1", Json{{"sort_order", -1}}.dump(),
            "400 INVALID_ARGUMENT sort_order"},
           {"admin", "PATCH", "/api/dictionaries/gender/items/5", Json{{"enabled", false}}.dump(),
            "404 NOT_FOUND code"},
           {"admin", "PATCH", "/api/dictionaries/rank/items/1", Json{{"enabled", false}}.dump(),
            "404 NOT_FOUND kind"},
       }) {
    HttpResponse r = ClientAs(c.caller).Request(c.method, c.path, c.body);
    EXPECT_EQ(Error(r), c.expected)
        << c.caller << " " << c.method << " " << c.path << " " << c.body << " → " << r.body;
  }
  const Json gender = Json::parse(ClientAs("admin").Get("/api/dictionaries/gender").body)["items"];
  EXPECT_EQ(gender[0]["label"], "男");
  EXPECT_EQ(
      FindItem(Json::parse(ClientAs("admin").Get("/api/dictionaries/health").body)["items"], "7"),
      nullptr);
}

TEST_P(DictionaryRoutesTest, TheDivisionTreeHasEveryDivisionOnce) {
  HttpResponse r = ClientAs("ganbu").Get("/api/divisions");
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 200);
  EXPECT_EQ(r.Header("Content-Type").value_or(""), "application/json; charset=utf-8");
  const Json tree = Json::parse(r.body);
  ASSERT_TRUE(tree.is_array());
  std::set<std::string> seen;
  size_t nodes = 0;
  int max_depth = 0;
  std::function<void(const Json&, int, const std::string&)> walk = [&](const Json& list, int depth,
                                                                       const std::string& parent) {
    for (const Json& node : list) {
      ++nodes;
      max_depth = std::max(max_depth, depth);
      const std::string code = node["code"];
      seen.insert(code);
      ASSERT_EQ(code.size(), 6u);
      if (depth > 1) {
        EXPECT_EQ(code.substr(0, 2), parent.substr(0, 2)) << code;
      }
      ASSERT_TRUE(node["children"].is_array());
      walk(node["children"], depth + 1, code);
    }
  };
  walk(tree, 1, "");
  EXPECT_EQ(nodes, Divisions().size());
  EXPECT_EQ(seen.size(), nodes);
  EXPECT_EQ(max_depth, 3);
  // 辽宁省 → 大连市 → 中山区 (GB/T 2260 210000 / 210200 / 210202).
  const Json* liaoning = nullptr;
  for (const Json& p : tree) {
    if (p["code"] == "210000") liaoning = &p;
  }
  ASSERT_NE(liaoning, nullptr);
  EXPECT_EQ((*liaoning)["name"], "辽宁省");
  const Json* dalian = FindItem((*liaoning)["children"], "210200");
  ASSERT_NE(dalian, nullptr);
  EXPECT_EQ((*dalian)["name"], "大连市");
  const Json* zhongshan = FindItem((*dalian)["children"], "210202");
  ASSERT_NE(zhongshan, nullptr);
  EXPECT_EQ((*zhongshan)["name"], "中山区");
  EXPECT_EQ(Client().Get("/api/divisions").status, 401);
  // Served from the same cached text every time.
  EXPECT_EQ(ClientAs("lingdao").Get("/api/divisions").body, r.body);
}

INSTANTIATE_TEST_SUITE_P(Engines, DictionaryRoutesTest,
                         ::testing::ValuesIn(xr::testing::AllEngines()), xr::testing::EngineName);

}  // namespace
}  // namespace xr::cadre
