// LRMX over HTTP on both engines: a multipart upload of two files as a job, the summary with an
// existing person's diff, the resolve step, the download, and the upload size limit.

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "server_fixture.h"

namespace xr {
namespace {

using Json = nlohmann::json;
using xr::testing::HttpResponse;

std::string ReadData(const std::string& name) {
  std::ifstream in(std::string(XR_LRMX_DATA) + "/" + name, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string Multipart(const std::string& boundary,
                      const std::vector<std::pair<std::string, std::string>>& files) {
  std::string body;
  for (const auto& [name, bytes] : files) {
    body += "--" + boundary + "\r\n";
    body += "Content-Disposition: form-data; name=\"files\"; filename=\"" + name + "\"\r\n";
    body += "Content-Type: application/octet-stream\r\n\r\n";
    body += bytes + "\r\n";
  }
  body += "--" + boundary + "--\r\n";
  return body;
}

class LrmxRoutesTest : public xr::testing::ServerTest {
 protected:
  // Starts an import and waits for its job; returns the finished job.
  Json ImportAndWait(const std::string& path, const std::string& body,
                     const xr::testing::HttpHeaders& headers) {
    HttpResponse started = ClientAs("ganbu").Post(path, body, headers);
    EXPECT_EQ(started.status, 202) << started.body;
    if (started.status != 202) return Json();
    return Wait(Json::parse(started.body)["job"]["id"].get<std::int64_t>());
  }
  Json Wait(std::int64_t id) {
    for (int i = 0; i < 600; ++i) {
      Json job = Json::parse(ClientAs("ganbu").Get("/api/jobs/" + std::to_string(id)).body);
      const std::string state = job.value("state", "");
      if (state != "queued" && state != "running") return job;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "job " << id << " did not finish";
    return Json();
  }
};

TEST_P(LrmxRoutesTest, ImportsMultipartResolvesAnExistingPersonAndDownloads) {
  const std::string unit = city_.district_organization_code;
  const std::string boundary = "----xr-boundary-7d1";
  const xr::testing::HttpHeaders multipart = {
      {"Content-Type", "multipart/form-data; boundary=" + boundary}};
  Json job = ImportAndWait("/api/cadres/import/lrmx?unit=" + unit,
                           Multipart(boundary, {{"zhang.lrmx", ReadData("zhang_jianhua.lrmx")},
                                                {"赵敏.lrmx", ReadData("zhao_min_utf16.lrmx")}}),
                           multipart);
  ASSERT_EQ(job["state"], "succeeded") << job.dump();
  EXPECT_EQ(job["kind"], "cadre.import_lrmx");
  const Json& files = job["summary"]["files"];
  ASSERT_EQ(files.size(), 2u) << job.dump();
  EXPECT_EQ(files[0]["name"], "zhang.lrmx");
  EXPECT_EQ(files[0]["outcome"], "imported");
  EXPECT_EQ(files[1]["name"], "赵敏.lrmx");
  EXPECT_EQ(files[1]["outcome"], "imported") << files[1].dump();
  const std::int64_t id = files[0]["id"].get<std::int64_t>();

  // The same person with another 拟任职务, as a raw body: reported with the diff, not written.
  std::string changed = ReadData("zhang_jianhua.lrmx");
  const std::string from = "<NiRenZhiWu>江华市财政局副局长", to = "<NiRenZhiWu>江华市审计局副局长";
  changed.replace(changed.find(from), from.size(), to);
  job = ImportAndWait("/api/cadres/import/lrmx?name=zhang-2.lrmx&unit=" + unit, changed, {});
  ASSERT_EQ(job["state"], "succeeded") << job.dump();
  const Json& existing = job["summary"]["files"][0];
  EXPECT_EQ(existing["outcome"], "exists");
  EXPECT_EQ(existing["id"], id);
  ASSERT_EQ(existing["diff"].size(), 1u) << existing.dump();
  EXPECT_EQ(existing["diff"][0]["field"], "appointment");
  EXPECT_EQ(existing["diff"][0]["file"]["proposed_post"], "江华市审计局副局长");

  // Resolve: a bad choice names its path; replace applies.
  const std::string resolve =
      "/api/cadres/import/lrmx/" + std::to_string(job["id"].get<std::int64_t>()) + "/resolve";
  HttpResponse bad = ClientAs("ganbu").Post(
      resolve, Json{{"choices", {{{"name", "zhang-2.lrmx"}, {"choice", "overwrite"}}}}}.dump());
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Json::parse(bad.body)["error"]["field"], "choices[0].choice");
  HttpResponse resolved = ClientAs("ganbu").Post(
      resolve, Json{{"choices", {{{"name", "zhang-2.lrmx"}, {"choice", "replace"}}}}}.dump());
  ASSERT_EQ(resolved.status, 202) << resolved.body;
  Json done = Wait(Json::parse(resolved.body)["job"]["id"].get<std::int64_t>());
  ASSERT_EQ(done["state"], "succeeded") << done.dump();
  EXPECT_EQ(done["summary"]["files"][0]["outcome"], "replaced") << done.dump();

  HttpResponse file = ClientAs("ganbu").Get("/api/cadres/" + std::to_string(id) + "/lrmx");
  ASSERT_EQ(file.status, 200) << file.body;
  EXPECT_NE(file.Header("Content-Disposition").value_or("").find("attachment"), std::string::npos);
  EXPECT_NE(file.body.find("<NiRenZhiWu>江华市审计局副局长</NiRenZhiWu>"), std::string::npos);
  EXPECT_NE(file.body.find("<GanBuLeiBie>公务员</GanBuLeiBie>"), std::string::npos);
  // The district officer (cleared to 内部) may not export a form with the confidential parts.
  HttpResponse refused = ClientAs("dongcheng").Get("/api/cadres/" + std::to_string(id) + "/lrmx");
  EXPECT_TRUE(refused.status == 403 || refused.status == 404) << refused.status;

  // Uploads may exceed the general 1 MiB limit; other endpoints keep it.
  const std::string big(2u << 20, 'x');
  HttpResponse big_upload =
      ClientAs("ganbu").Post("/api/cadres/import/lrmx?name=big.lrmx&dry_run=1&unit=" + unit, big);
  EXPECT_EQ(big_upload.status, 202) << big_upload.body.substr(0, 200);
  HttpResponse big_other = ClientAs("ganbu").Post("/api/tables/export", big);
  EXPECT_EQ(big_other.status, 413);
  // A missing unit names the field.
  HttpResponse no_unit = ClientAs("ganbu").Post("/api/cadres/import/lrmx?name=a.lrmx", "x");
  EXPECT_EQ(no_unit.status, 400);
  EXPECT_EQ(Json::parse(no_unit.body)["error"]["field"], "unit");
}

INSTANTIATE_TEST_SUITE_P(Engines, LrmxRoutesTest, ::testing::ValuesIn(xr::testing::AllEngines()),
                         xr::testing::EngineName);

}  // namespace
}  // namespace xr
