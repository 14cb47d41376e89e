// The cadre dossier over HTTP (docs/api.md, "干部档案"): create → edit → history → as_of as a
// cadre officer uses it, the 409 of a second writer, field errors by JSON path, confidential
// parts for a reader without clearance, and the photo. Runs on both storage engines.

#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <set>

#include "app/server_fixture.h"

namespace xr::app {
namespace {

using Json = nlohmann::json;
using xr::testing::HttpResponse;

class DossierRoutesTest : public xr::testing::ServerTest {
 protected:
  std::int64_t UnitIdOf(const std::string& code) {
    auto id = db().TransactValue<std::int64_t>(store::TxMode::kRead, [&](store::Transaction& tx) {
      return tx.QueryInt("SELECT id FROM units WHERE code = ?", {code});
    });
    EXPECT_TRUE(id.ok()) << code;
    return id.ok() ? *id : 0;
  }

  // A complete dossier in 东城区, managed by 东城区委组织部 (inside the district officer's scope).
  Json NewDossier() {
    const std::int64_t district_org = UnitIdOf(city_.district_organization_code);
    return {
        {"name", "李明华"},
        {"gender", "男"},
        {"birth_month", "1978-05"},
        {"ethnicity", "汉族"},
        {"native_place", "辽宁大连"},
        {"native_place_code", "210200"},
        {"birth_place", "辽宁大连"},
        {"party", "中共党员"},
        {"party_join_month", "2000-06"},
        {"work_start_month", "2001-07"},
        {"health", "健康"},
        {"professional_title", ""},
        {"expertise", "城市规划"},
        {"id_number", "21020219780512003X"},
        {"unit_id", district_org},
        {"managing_body", "东城区委管理"},
        {"managing_unit_id", district_org},
        {"sort_order", 5},
        {"status", "在职"},
        {"education",
         {{{"kind", "全日制"},
           {"level", "大学"},
           {"degree", "工学学士"},
           {"school_and_major", "大连理工大学建筑系城市规划专业"},
           {"start_month", "1997-09"},
           {"end_month", "2001-07"}}}},
        {"resume",
         {{{"start", "1997-09"},
           {"end", "2001-07"},
           {"kind", "study"},
           {"unit", "大连理工大学建筑系"},
           {"post", "城市规划专业"},
           {"note", ""},
           {"during", Json::array()}},
          {{"start", "2001-07"},
           {"end", nullptr},
           {"kind", "work"},
           {"unit", "江华市东城区委组织部"},
           {"post", "科员"},
           {"note", ""},
           {"during", Json::array()}}}},
        {"posts",
         {{{"unit_id", district_org},
           {"title", "科员"},
           {"is_main", true},
           {"start_month", "2001-07"},
           {"end_month", nullptr},
           {"document_number", "东组干〔2001〕12号"},
           {"method", "委任"}}}},
        {"ranks",
         {{{"rank", "一级科员"},
           {"start_month", "2003-07"},
           {"end_month", nullptr},
           {"document_number", ""}}}},
        {"assessments", {{{"year", 2024}, {"grade", "优秀"}, {"note", ""}}}},
        {"rewards", Json::array()},
        {"trainings", Json::array()},
        {"family",
         {{{"relation", "妻子"},
           {"name", "王丽"},
           {"birth_month", "1979-03"},
           {"political_status", "群众"},
           {"employer_and_post", "江华市第一中学教师"}}}},
        {"personal_matters",
         {{"spouse_or_children_emigrated", false}, {"family_in_business", false}, {"note", ""}}},
    };
  }

  std::int64_t Create(const Json& dossier) {
    HttpResponse r = ClientAs("ganbu").Post("/api/cadres", dossier.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? Json::parse(r.body)["id"].get<std::int64_t>() : 0;
  }

  Json Get(const std::string& who, const std::string& path) {
    HttpResponse r = ClientAs(who).Get(path);
    EXPECT_EQ(r.status, 200) << path << ": " << r.body;
    return Json::parse(r.body, nullptr, false);
  }

  static std::string ErrorField(const HttpResponse& r) {
    const Json body = Json::parse(r.body, nullptr, false);
    return body.is_discarded() ? "" : body["error"].value("field", "");
  }
};

TEST_P(DossierRoutesTest, CreateEditHistoryAndAsOf) {
  const std::int64_t id = Create(NewDossier());
  const std::string path = "/api/cadres/" + std::to_string(id);

  Json dossier = Get("ganbu", path);
  EXPECT_EQ(dossier["version"], 1);
  EXPECT_EQ(dossier["name"], "李明华");
  EXPECT_EQ(dossier["gender_code"], "1");
  EXPECT_EQ(dossier["ethnicity_code"], "01");
  EXPECT_EQ(dossier["id_number"], "21020219780512003X");
  EXPECT_EQ(dossier["family"][0]["name"], "王丽");
  EXPECT_EQ(dossier["age"], 48);
  // Born 1978-05, male: 60 → 2038-05, delayed the full 36 months.
  EXPECT_EQ(dossier["retirement_month"], "2041-05");
  const std::string resume = dossier["resume_text"];
  EXPECT_NE(resume.find("1997.09--2001.07  大连理工大学建筑系城市规划专业学习"), std::string::npos)
      << resume;
  EXPECT_NE(resume.find("2001.07--         江华市东城区委组织部科员"), std::string::npos) << resume;
  EXPECT_EQ(dossier["form"]["full_time_education"]["level"], "大学");

  // Two days later the officer records a title and a new assessment.
  clock_.Advance(std::chrono::hours(48));
  tokens_.clear();  // yesterday's sessions have timed out: sign in again
  HttpResponse patched =
      ClientAs("ganbu").Patch(path, Json{{"version", 1},
                                         {"professional_title", "高级工程师"},
                                         {"assessments",
                                          {{{"year", 2024}, {"grade", "优秀"}, {"note", ""}},
                                           {{"year", 2025}, {"grade", "称职"}, {"note", ""}}}}}
                                        .dump());
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(Json::parse(patched.body)["version"], 2);
  EXPECT_EQ(Json::parse(patched.body)["professional_title"], "高级工程师");

  const Json history = Get("ganbu", path + "/history")["items"];
  ASSERT_EQ(history.size(), 2u) << history;
  EXPECT_EQ(history[0]["version"], 2);
  EXPECT_EQ(history[0]["at"], "2026-11-29T01:00:00.000000Z");
  std::set<std::string> fields;
  for (const Json& change : history[0]["changes"]) fields.insert(change["field"]);
  EXPECT_EQ(fields, (std::set<std::string>{"assessments", "professional_title"}));
  for (const Json& change : history[0]["changes"]) {
    if (change["field"] == "professional_title") {
      EXPECT_EQ(change["old"], "");
      EXPECT_EQ(change["new"], "高级工程师");
    }
  }
  EXPECT_EQ(history[1]["version"], 1);
  EXPECT_TRUE(history[1]["changes"].empty());

  // The day of creation shows the first state; the day before, nothing.
  const Json then = Get("ganbu", path + "?as_of=2026-11-27");
  EXPECT_EQ(then["version"], 1);
  EXPECT_EQ(then["professional_title"], "");
  EXPECT_EQ(then["assessments"].size(), 1u);
  EXPECT_EQ(then["as_of"], "2026-11-27");
  EXPECT_EQ(Get("ganbu", path + "?as_of=2026-11-29")["professional_title"], "高级工程师");
  EXPECT_EQ(ClientAs("ganbu").Get(path + "?as_of=2026-11-26").status, 404);
  HttpResponse bad_date = ClientAs("ganbu").Get(path + "?as_of=2026-13-01");
  EXPECT_EQ(bad_date.status, 400);
  EXPECT_EQ(ErrorField(bad_date), "as_of");
}

TEST_P(DossierRoutesTest, SecondWriterGetsTheConflictAndNothingIsWritten) {
  const std::int64_t id = Create(NewDossier());
  const std::string path = "/api/cadres/" + std::to_string(id);
  ASSERT_EQ(
      ClientAs("ganbu").Patch(path, Json{{"version", 1}, {"expertise", "规划管理"}}.dump()).status,
      200);
  HttpResponse late =
      ClientAs("dongcheng").Patch(path, Json{{"version", 1}, {"expertise", "土地管理"}}.dump());
  ASSERT_EQ(late.status, 409) << late.body;
  const Json body = Json::parse(late.body);
  EXPECT_EQ(body["error"]["code"], "VERSION_CONFLICT");
  EXPECT_EQ(body["error"]["field"], "version");
  EXPECT_EQ(body["current"]["version"], 2);
  EXPECT_EQ(body["current"]["expertise"], "规划管理");
  ASSERT_EQ(body["changes"].size(), 1u);
  EXPECT_EQ(body["changes"][0]["changes"][0]["new"], "规划管理");
  EXPECT_EQ(Get("ganbu", path)["expertise"], "规划管理");
}

TEST_P(DossierRoutesTest, RejectedFieldsNameTheirPathAndLeaveTheRecordAlone) {
  Json bad = NewDossier();
  bad["education"][0]["end_month"] = "2001-13";
  HttpResponse r = ClientAs("ganbu").Post("/api/cadres", bad.dump());
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(ErrorField(r), "education[0].end_month");

  const std::int64_t id = Create(NewDossier());
  const std::string path = "/api/cadres/" + std::to_string(id);
  const struct {
    Json patch;
    std::string field;
  } cases[] = {
      {{{"version", 1}, {"birth_month", "2030-01"}}, "birth_month"},
      {{{"version", 1}, {"gender", "未知"}}, "gender"},
      {{{"version", 1}, {"id_number", "210202197805120031"}}, "id_number"},
      {{{"version", 1}, {"status", "免职"}, {"status_reason", ""}}, "status_reason"},
      {{{"version", 1}, {"no_such_field", 1}}, "no_such_field"},
      {{{"expertise", "x"}}, "version"},
  };
  for (const auto& c : cases) {
    HttpResponse rejected = ClientAs("ganbu").Patch(path, c.patch.dump());
    EXPECT_EQ(rejected.status, 400) << c.patch << ": " << rejected.body;
    EXPECT_EQ(ErrorField(rejected), c.field) << c.patch;
  }
  const Json unchanged = Get("ganbu", path);
  EXPECT_EQ(unchanged["version"], 1);
  EXPECT_EQ(unchanged["birth_month"], "1978-05");

  // The same ID number cannot start a second dossier.
  HttpResponse twice = ClientAs("ganbu").Post("/api/cadres", NewDossier().dump());
  EXPECT_EQ(twice.status, 409) << twice.body;
  EXPECT_EQ(ErrorField(twice), "id_number");
}

TEST_P(DossierRoutesTest, ConfidentialPartsStayHiddenAndIntactForAnUnclearedWriter) {
  const std::int64_t id = Create(NewDossier());
  const std::string path = "/api/cadres/" + std::to_string(id);
  // The district officer (clearance 内部) reads the dossier without family or ID number.
  const Json seen = Get("dongcheng", path);
  EXPECT_EQ(seen["family"]["redacted"], true);
  EXPECT_EQ(seen["personal_matters"]["redacted"], true);
  EXPECT_EQ(seen["id_number"]["redacted"], true);
  EXPECT_EQ(seen.dump().find("王丽"), std::string::npos);
  // … cannot change them (403: a matter of clearance, not of the value) …
  HttpResponse refused =
      ClientAs("dongcheng").Patch(path, Json{{"version", 1}, {"family", Json::array()}}.dump());
  EXPECT_EQ(refused.status, 403) << refused.body;
  // … and changing another field keeps them.
  ASSERT_EQ(ClientAs("dongcheng")
                .Patch(path, Json{{"version", 1}, {"expertise", "村镇规划"}}.dump())
                .status,
            200);
  const Json after = Get("ganbu", path);
  EXPECT_EQ(after["family"][0]["name"], "王丽");
  EXPECT_EQ(after["id_number"], "21020219780512003X");
  // The record names fields, never values.
  auto details = db().TransactValue<std::string>(
      store::TxMode::kRead, [&](store::Transaction& tx) -> base::Result<std::string> {
        ASSIGN_OR_RETURN(store::Rows rows,
                         tx.Query("SELECT details FROM audit_entries WHERE object_id = ?",
                                  {std::to_string(id)}));
        std::string all;
        for (const store::Row& row : rows) all += row.Text(0);
        return all;
      });
  ASSERT_TRUE(details.ok());
  EXPECT_NE(details->find("family"), std::string::npos) << *details;
  EXPECT_EQ(details->find("王丽"), std::string::npos);
  EXPECT_EQ(details->find("村镇规划"), std::string::npos);
}

TEST_P(DossierRoutesTest, PhotoIsStoredAsSentAndCheckedByItsBytes) {
  const std::int64_t id = Create(NewDossier());
  const std::string path = "/api/cadres/" + std::to_string(id) + "/photo";
  EXPECT_EQ(ClientAs("ganbu").Get(path).status, 404);
  const std::string jpeg =
      std::string("\xFF\xD8\xFF\xE0", 4) + std::string(200, '\x11') + "\xFF\xD9";
  ASSERT_EQ(ClientAs("ganbu").Put(path, jpeg, {{"Content-Type", "image/jpeg"}}).status, 204);
  HttpResponse photo = ClientAs("lingdao").Get(path);
  EXPECT_EQ(photo.status, 200);
  EXPECT_EQ(photo.body, jpeg);
  EXPECT_EQ(photo.Header("Content-Type").value_or(""), "image/jpeg");
  EXPECT_EQ(Get("ganbu", "/api/cadres/" + std::to_string(id))["has_photo"], true);

  HttpResponse not_an_image =
      ClientAs("ganbu").Put(path, "hello", {{"Content-Type", "image/jpeg"}});
  EXPECT_EQ(not_an_image.status, 400);
  EXPECT_EQ(ErrorField(not_an_image), "photo");
  EXPECT_EQ(ClientAs("ganbu").Put(path, jpeg, {{"Content-Type", "text/plain"}}).status, 400);
  EXPECT_EQ(ClientAs("ganbu").Get(path).body, jpeg);
}

INSTANTIATE_TEST_SUITE_P(Engines, DossierRoutesTest, ::testing::ValuesIn(xr::testing::AllEngines()),
                         xr::testing::EngineName);

}  // namespace
}  // namespace xr::app
