// 任免审批表 PDF over HTTP against a real server, on both engines: one form as an attachment (the
// confidential parts marked for a reader not cleared for them), a batch as a job whose file is
// the zip or the combined PDF, from ids or a 组合查询 condition, and the 400s naming the field.

#include "http/routes/print_routes.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "app/server_fixture.h"
#include "print/pdf_tools.h"

namespace xr::app {
namespace {

using Json = nlohmann::json;
using xr::print::testing::PdfPages;
using xr::print::testing::PdfText;
using xr::testing::HttpResponse;

class PrintRoutesTest : public xr::testing::ServerTest {
 protected:
  std::int64_t QueryInt(const std::string& sql, store::Params params = {}) {
    auto n = db().TransactValue<std::int64_t>(
        store::TxMode::kRead, [&](store::Transaction& tx) { return tx.QueryInt(sql, params); });
    EXPECT_TRUE(n.ok()) << n.status().ToString();
    return n.ok() ? *n : -1;
  }
  // A cadre of 东城区 (in the district officer's scope).
  std::int64_t DistrictCadre(int nth = 0) {
    return QueryInt(
        "SELECT c.id FROM cadres c JOIN units u ON u.id = c.managing_unit_id WHERE u.code = ? "
        "ORDER BY c.id LIMIT 1 OFFSET ?",
        {city_.district_organization_code, std::int64_t{nth}});
  }
  // Follows the job of a 202 answer to its end; returns the finished job.
  Json FinishedJob(const std::string& user, const HttpResponse& accepted) {
    EXPECT_EQ(accepted.status, 202) << accepted.body;
    const Json job = Json::parse(accepted.body)["job"];
    EXPECT_EQ(job["kind"], "print.rmb_batch");
    const std::string path = "/api/jobs/" + std::to_string(job["id"].get<std::int64_t>());
    for (int i = 0; i < 600; ++i) {
      const Json now = Json::parse(ClientAs(user).Get(path).body);
      if (now["state"] != "queued" && now["state"] != "running") return now;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "job did not finish";
    return {};
  }
  static std::string Error(const HttpResponse& r) {
    const Json body = Json::parse(r.body, nullptr, false);
    if (body.is_discarded() || !body.contains("error")) return std::to_string(r.status);
    return std::to_string(r.status) + " " + body["error"].value("field", "");
  }
};

TEST_P(PrintRoutesTest, OneFormAsAnAttachment) {
  const std::string path = "/api/cadres/" + std::to_string(DistrictCadre()) + "/rmb.pdf";
  HttpResponse r = ClientAs("ganbu").Get(path);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("Content-Type"), "application/pdf");
  EXPECT_EQ(r.Header("Cache-Control"), "private, no-store");
  ASSERT_TRUE(r.Header("Content-Disposition"));
  EXPECT_NE(r.Header("Content-Disposition")->find("filename*=UTF-8''"), std::string::npos);
  EXPECT_TRUE(r.body.starts_with("%PDF-"));
  EXPECT_GE(PdfPages(r.body), 2);
  EXPECT_EQ(PdfText(r.body).find("（无权查看）"), std::string::npos);

  // The district officer is cleared to 内部 only: the same form with the family marked.
  HttpResponse district = ClientAs("dongcheng").Get(path);
  ASSERT_EQ(district.status, 200);
  EXPECT_NE(PdfText(district.body).find("（无权查看）"), std::string::npos);

  EXPECT_EQ(ClientAs("ganbu").Get("/api/cadres/99999999/rmb.pdf").status, 404);
}

TEST_P(PrintRoutesTest, BatchOfSelectedCadresAsZipAndAsOnePdf) {
  const std::int64_t first = DistrictCadre(0), second = DistrictCadre(1);
  Json job = FinishedJob("dongcheng",
                         ClientAs("dongcheng")
                             .Post("/api/cadres/print/rmb",
                                   Json{{"cadre_ids", {first, second}}, {"format", "zip"}}.dump()));
  ASSERT_EQ(job["state"], "succeeded") << job.dump();
  EXPECT_EQ(job["summary"]["printed"], 2);
  EXPECT_EQ(job["summary"]["skipped"], Json::array());
  EXPECT_EQ(job["has_file"], true);
  HttpResponse file =
      ClientAs("dongcheng")
          .Get("/api/jobs/" + std::to_string(job["id"].get<std::int64_t>()) + "/file");
  ASSERT_EQ(file.status, 200);
  EXPECT_TRUE(file.body.starts_with("PK\x03\x04"));
  EXPECT_EQ(file.Header("Content-Type"), "application/zip");

  // Out of the district's scope: skipped, listed in the summary.
  job = FinishedJob("dongcheng",
                    ClientAs("dongcheng")
                        .Post("/api/cadres/print/rmb",
                              Json{{"cadre_ids", {first, 1}}, {"format", "pdf"}}.dump()));
  ASSERT_EQ(job["state"], "succeeded") << job.dump();
  EXPECT_EQ(job["summary"]["printed"], 1);
  EXPECT_EQ(job["summary"]["skipped"][0]["id"], 1);
  file = ClientAs("dongcheng")
             .Get("/api/jobs/" + std::to_string(job["id"].get<std::int64_t>()) + "/file");
  ASSERT_EQ(file.status, 200);
  EXPECT_TRUE(file.body.starts_with("%PDF-"));
  EXPECT_GE(PdfPages(file.body), 2);
}

TEST_P(PrintRoutesTest, BatchFromACondition) {
  const std::int64_t women = QueryInt(
      "SELECT COUNT(*) FROM cadres c JOIN units u ON u.id = c.managing_unit_id WHERE u.code = ? "
      "AND c.gender = '女'",
      {city_.district_organization_code});
  ASSERT_GT(women, 0);
  const Json body = {{"condition", {{"field", "gender"}, {"op", "eq"}, {"value", "女"}}},
                     {"format", "pdf"}};
  Json job =
      FinishedJob("dongcheng", ClientAs("dongcheng").Post("/api/cadres/print/rmb", body.dump()));
  ASSERT_EQ(job["state"], "succeeded") << job.dump();
  EXPECT_EQ(job["summary"]["printed"], women);
  EXPECT_EQ(job["title"], "打印任免审批表（" + std::to_string(women) + "人）");
}

TEST_P(PrintRoutesTest, BadRequestsNameTheField) {
  auto post = [&](const Json& body) {
    return Error(ClientAs("ganbu").Post("/api/cadres/print/rmb", body.dump()));
  };
  EXPECT_EQ(post(Json::object()), "400 cadre_ids");
  EXPECT_EQ(post({{"cadre_ids", Json::array()}}), "400 cadre_ids");
  EXPECT_EQ(post({{"cadre_ids", {1, 0}}}), "400 cadre_ids[1]");
  EXPECT_EQ(post({{"cadre_ids", {1}}, {"format", "doc"}}), "400 format");
  Json many = Json::array();
  for (int i = 1; i <= 201; ++i) many.push_back(i);
  EXPECT_EQ(post({{"cadre_ids", many}, {"format", "zip"}}), "400 format");
  EXPECT_EQ(post({{"cadre_ids", {1}}, {"condition", {{"all", Json::array()}}}}), "400 cadre_ids");
  EXPECT_EQ(post({{"condition", {{"field", "nope"}, {"op", "eq"}, {"value", 1}}}}),
            "400 condition.field");
  EXPECT_EQ(post({{"condition", {{"field", "gender"}, {"op", "eq"}, {"value", "男"}}},
                  {"reference_date", "2026-13-01"}}),
            "400 reference_date");
}

INSTANTIATE_TEST_SUITE_P(Engines, PrintRoutesTest, ::testing::ValuesIn(xr::testing::AllEngines()),
                         xr::testing::EngineName);

}  // namespace
}  // namespace xr::app
