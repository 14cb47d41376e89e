// 班子结构分析 over HTTP against a real server with the demo city, on both engines: the report's
// shape, the caller's data scope, the condition form, targets round trip and bad input by field.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "app/server_fixture.h"

namespace xr::app {
namespace {

using Json = nlohmann::json;
using xr::testing::HttpResponse;

class StatisticsRoutesTest : public xr::testing::ServerTest {
 protected:
  static std::string Error(const HttpResponse& r) {
    const Json body = Json::parse(r.body, nullptr, false);
    if (body.is_discarded() || !body.contains("error")) return std::to_string(r.status);
    return std::to_string(r.status) + " " + body["error"].value("code", "") + " " +
           body["error"].value("field", "");
  }
  std::int64_t RootUnit() {
    auto id = db().TransactValue<std::int64_t>(store::TxMode::kRead, [](store::Transaction& tx) {
      return tx.QueryInt("SELECT MIN(id) FROM units WHERE parent_id IS NULL");
    });
    EXPECT_TRUE(id.ok());
    return id.ok() ? *id : 0;
  }
};

TEST_P(StatisticsRoutesTest, ReportsTheCityWithinEachCallersScope) {
  const std::string body =
      Json{{"unit_id", RootUnit()}, {"subtree", true}, {"reference_date", "2026-11-28"}}.dump();
  HttpResponse r = ClientAs("ganbu").Post("/api/cadres/statistics", body);
  ASSERT_EQ(r.status, 200) << r.body;
  const Json all = Json::parse(r.body);
  EXPECT_EQ(all["reference_date"], "2026-11-28");
  const std::int64_t total = all["total"];
  EXPECT_GT(total, 0);
  std::vector<std::string> keys;
  for (const Json& d : all["dimensions"]) {
    keys.push_back(d["key"]);
    std::int64_t sum = 0;
    for (const Json& b : d["buckets"]) sum += b["count"].get<std::int64_t>();
    EXPECT_EQ(sum, total) << d["key"];  // every dimension partitions the cadres
  }
  EXPECT_EQ(keys, (std::vector<std::string>{"age_band", "gender", "ethnicity", "party",
                                            "full_time_education", "highest_education", "rank",
                                            "years_in_post"}));
  EXPECT_EQ(all["age_ladder"]["levels"][0], "厅局级");
  EXPECT_EQ(all["age_ladder"]["bands"].size(), 6u);
  EXPECT_EQ(all["indicators"].size(), 4u);
  EXPECT_EQ(all["indicators"][0]["key"], "female");
  EXPECT_EQ(all["indicators"][0]["target"], (Json{{"min_count", 1}, {"min_share", nullptr}}));
  EXPECT_TRUE(all["indicators"][0]["shortfall"].is_boolean());

  // The district officer sees only the cadres under the district's 管理权限.
  r = ClientAs("dongcheng").Post("/api/cadres/statistics", body);
  ASSERT_EQ(r.status, 200) << r.body;
  const std::int64_t district = Json::parse(r.body)["total"];
  EXPECT_GT(district, 0);
  EXPECT_LT(district, total);

  // The condition form: everyone visible, and only women.
  r = ClientAs("ganbu").Post("/api/cadres/statistics",
                             Json{{"condition", {{"all", Json::array()}}}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json::parse(r.body)["total"], total);
  r = ClientAs("ganbu").Post(
      "/api/cadres/statistics",
      Json{{"condition", {{"field", "gender"}, {"op", "eq"}, {"value", "女"}}}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  const Json women = Json::parse(r.body);
  EXPECT_EQ(women["indicators"][0]["count"], women["total"]);

  EXPECT_EQ(Error(ClientAs("ganbu").Post("/api/cadres/statistics", "{}")),
            "400 INVALID_ARGUMENT unit_id");
  EXPECT_EQ(Error(ClientAs("ganbu").Post(
                "/api/cadres/statistics",
                Json{{"unit_id", 1}, {"condition", {{"all", Json::array()}}}}.dump())),
            "400 INVALID_ARGUMENT unit_id");
  EXPECT_EQ(Error(ClientAs("ganbu").Post("/api/cadres/statistics",
                                         Json{{"unit_id", 999999}}.dump())),
            "404 NOT_FOUND unit_id");
  EXPECT_EQ(Error(ClientAs("ganbu").Post(
                "/api/cadres/statistics",
                Json{{"unit_id", RootUnit()}, {"reference_date", "2026-13-01"}}.dump())),
            "400 INVALID_ARGUMENT reference_date");
  EXPECT_EQ(Error(ClientAs("ganbu").Post(
                "/api/cadres/statistics",
                Json{{"condition", {{"field", "nope"}, {"op", "eq"}, {"value", 1}}}}.dump())),
            "400 INVALID_ARGUMENT condition.field");
  EXPECT_EQ(Error(ClientAs("admin").Post("/api/cadres/statistics", body)),
            "403 PERMISSION_DENIED ");
}

TEST_P(StatisticsRoutesTest, TargetsRoundTrip) {
  HttpResponse r = ClientAs("lingdao").Get("/api/statistics/targets");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json::parse(r.body),
            (Json{{"young_age_limits", {{"乡科级", 35}, {"县处级", 40}, {"厅局级", 45}}},
                  {"indicators",
                   {{"female", {{"min_count", 1}, {"min_share", nullptr}}},
                    {"minority", {{"min_count", nullptr}, {"min_share", nullptr}}},
                    {"non_party", {{"min_count", nullptr}, {"min_share", nullptr}}},
                    {"young", {{"min_count", 1}, {"min_share", nullptr}}}}}}));
  const Json next = {{"young_age_limits", {{"乡科级", 35}, {"县处级", 42}, {"厅局级", 48}}},
                     {"indicators",
                      {{"female", {{"min_count", 1}, {"min_share", 0.15}}},
                       {"minority", {{"min_count", nullptr}, {"min_share", nullptr}}},
                       {"non_party", {{"min_count", 1}, {"min_share", nullptr}}},
                       {"young", {{"min_count", 1}, {"min_share", nullptr}}}}}};
  EXPECT_EQ(Error(ClientAs("lingdao").Put("/api/statistics/targets", next.dump())),
            "403 PERMISSION_DENIED ");
  r = ClientAs("ganbu").Put("/api/statistics/targets", next.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json::parse(r.body), next);
  EXPECT_EQ(Json::parse(ClientAs("lingdao").Get("/api/statistics/targets").body), next);

  Json bad = next;
  bad["young_age_limits"]["县处级"] = 80;
  EXPECT_EQ(Error(ClientAs("ganbu").Put("/api/statistics/targets", bad.dump())),
            "400 INVALID_ARGUMENT young_age_limits.县处级");
  bad = next;
  bad["indicators"]["female"]["min_share"] = 15;
  EXPECT_EQ(Error(ClientAs("ganbu").Put("/api/statistics/targets", bad.dump())),
            "400 INVALID_ARGUMENT indicators.female.min_share");
  bad = next;
  bad["indicators"]["male"] = {{"min_count", 1}};
  EXPECT_EQ(Error(ClientAs("ganbu").Put("/api/statistics/targets", bad.dump())),
            "400 INVALID_ARGUMENT indicators.male");
  bad = next;
  bad["young_age_limits"]["部级"] = 50;
  EXPECT_EQ(Error(ClientAs("ganbu").Put("/api/statistics/targets", bad.dump())),
            "400 INVALID_ARGUMENT young_age_limits.部级");
}

INSTANTIATE_TEST_SUITE_P(Engines, StatisticsRoutesTest,
                         ::testing::ValuesIn(xr::testing::AllEngines()), xr::testing::EngineName);

}  // namespace
}  // namespace xr::app
