// The access matrix: every endpoint × every role (and anonymous) × an object inside and one
// outside the caller's data scope, with the exact status expected. A route registered without a
// row here fails the test. Runs on both storage engines.

#include <gtest/gtest.h>

#include <cctype>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "app/server_fixture.h"
#include "interchange/xlsx_writer.h"

namespace xr::app {
namespace {

using Json = nlohmann::json;
using xr::testing::HttpResponse;

// Callers: anonymous, the three separated administrators, a city cadre officer (scope all), a
// district officer (scope managed-by 东城区委组织部) and a leader (scope all, read only).
const std::vector<std::string> kCallers = {"",      "admin",     "security", "auditor",
                                           "ganbu", "dongcheng", "lingdao"};

struct Expectation {
  std::string method;
  std::string pattern;  // as registered with the router
  std::string path;     // with ids and query filled in; $IN / $OUT = a cadre inside / outside
                        // the district officer's scope
  std::string body;
  std::vector<int> statuses;  // one per kCallers entry
  xr::testing::HttpHeaders headers = {};
};

class AccessMatrixTest : public xr::testing::ServerTest {
 protected:
  // A cadre whose 管理权限 is held by 东城区委组织部 (in the district officer's scope), and the
  // city party secretary (省委管理: outside it).
  std::string InScopeCadre() {
    auto id = db().TransactValue<std::int64_t>(store::TxMode::kRead, [&](store::Transaction& tx) {
      return tx.QueryInt(
          "SELECT MIN(c.id) FROM cadres c JOIN units u ON u.id = c.managing_unit_id WHERE u.code = "
          "?",
          {city_.district_organization_code});
    });
    EXPECT_TRUE(id.ok());
    return std::to_string(*id);
  }
};

TEST_P(AccessMatrixTest, EveryEndpointEveryCallerInAndOutOfScope) {
  const std::string in = InScopeCadre(), out = "1";
  // An account that is nobody's caller, whose sessions the security administrator may end.
  auto target = application_->users().Add(
      app::CliOperator(), {"zhaoliu", "", kPassword, {"leader"}, std::nullopt, false});
  ASSERT_TRUE(target.ok()) << target.status().ToString();
  const std::string target_sessions =
      "/api/users/" + std::to_string(target->id.value()) + "/sessions";
  const std::string sign_in = Json{{"username", "ganbu"}, {"password", kPassword}}.dump();
  const std::string new_role = Json{
      {"name", "matrix_role"},
      {"label", "矩阵角色"},
      {"permissions", {"cadre.read"}},
      {"scope", "unit:" + city_.district_organization_code},
      {"clearance", "internal"}}.dump();
  const std::string new_user =
      Json{{"username", "matrix_user"}, {"password", kPassword}, {"roles", {"leader"}}}.dump();
  // Account and role administration: the target account above, a business role and a built-in
  // one (not editable), and ids that do not exist.
  const std::string target_user = "/api/users/" + std::to_string(target->id.value());
  std::string leader_role, sysadmin_role;
  auto all_roles = application_->roles().List(app::CliOperator());
  ASSERT_TRUE(all_roles.ok());
  for (const access::Role& role : *all_roles) {
    if (role.name == "leader") leader_role = "/api/roles/" + std::to_string(role.id);
    if (role.name == "sysadmin") sysadmin_role = "/api/roles/" + std::to_string(role.id);
  }
  const std::string rename_user = Json{{"display_name", "赵六"}}.dump();
  const std::string relabel_role = Json{{"label", "领导干部"}}.dump();
  // 机构管理: under the city, a parent with two children (B a leaf to abolish) and a position.
  auto city_root =
      db().TransactValue<std::int64_t>(store::TxMode::kRead, [](store::Transaction& tx) {
        return tx.QueryInt("SELECT MIN(id) FROM units WHERE parent_id IS NULL");
      });
  ASSERT_TRUE(city_root.ok());
  auto add_unit = [&](std::optional<org::UnitId> parent, std::string code) {
    auto unit =
        application_->org().AddUnit(app::CliOperator(),
                                    {parent, code, "矩阵" + code, "", org::UnitType::kGovernment,
                                     org::UnitLevel::kMunicipal, 0},
                                    true);
    EXPECT_TRUE(unit.ok()) << unit.status().ToString();
    return unit.ok() ? unit->id : org::UnitId();
  };
  const org::UnitId parent_id = add_unit(org::UnitId(*city_root), "MATRIX-P");
  const org::UnitId a_id = add_unit(parent_id, "MATRIX-A"), b_id = add_unit(parent_id, "MATRIX-B");
  auto position_id =
      application_->org().AddPosition(app::CliOperator(), {org::PositionId(), a_id, "主任", 1, 1});
  ASSERT_TRUE(position_id.ok());
  const std::string unit_parent = "/api/units/" + std::to_string(parent_id.value());
  const std::string unit_a = "/api/units/" + std::to_string(a_id.value());
  const std::string unit_b = "/api/units/" + std::to_string(b_id.value());
  const std::string position = "/api/positions/" + std::to_string(position_id->value());
  const std::string new_unit = Json{
      {"parent_id", *city_root},
      {"code", "MATRIX-N"},
      {"name", "矩阵新机构"},
      {"type", "政府"},
      {"level", "市级"}}.dump();
  const std::string rename_unit = Json{{"name", "矩阵甲（更名）"}}.dump();
  const std::string move_unit = Json{{"parent_id", parent_id.value()}, {"index", 1}}.dump();
  const std::string children_order = Json{{"ids", {b_id.value(), a_id.value()}}}.dump();
  const std::string abolish_unit = Json{{"date", "2026-11-27"}, {"reason", "机构改革"}}.dump();
  const std::string new_position = Json{{"name", "副主任"}, {"headcount", 2}}.dump();
  // 干部档案: a new dossier in the district (no ID number, so both writers may add one), patches
  // of the stored versions, and a photo.
  auto version_of = [&](const std::string& id) {
    auto version =
        db().TransactValue<std::int64_t>(store::TxMode::kRead, [&](store::Transaction& tx) {
          return tx.QueryInt("SELECT version FROM cadres WHERE id = ?", {std::stoll(id)});
        });
    EXPECT_TRUE(version.ok());
    return version.ok() ? *version : 0;
  };
  auto district_org =
      db().TransactValue<std::int64_t>(store::TxMode::kRead, [&](store::Transaction& tx) {
        return tx.QueryInt("SELECT id FROM units WHERE code = ?",
                           {city_.district_organization_code});
      });
  ASSERT_TRUE(district_org.ok());
  const std::string new_dossier = Json{
      {"name", "矩阵干部"},
      {"gender", "女"},
      {"birth_month", "1985-03"},
      {"ethnicity", "汉族"},
      {"party", "群众"},
      {"work_start_month", "2007-07"},
      {"health", "健康"},
      {"unit_id", *district_org},
      {"managing_body", "东城区委管理"},
      {"managing_unit_id", *district_org},
      {"status", "在职"}}.dump();
  const std::string patch_in = Json{{"version", version_of(in)}, {"expertise", "矩阵"}}.dump();
  const std::string patch_out = Json{{"version", version_of(out)}, {"expertise", "矩阵"}}.dump();
  const std::string jpeg =
      std::string("\xFF\xD8\xFF\xE0", 4) + std::string(64, '\x11') + "\xFF\xD9";
  const xr::testing::HttpHeaders jpeg_type = {{"Content-Type", "image/jpeg"}};
  // 后台任务: two jobs of the 干部工作人员, one finished with a file and one running until
  // cancelled. Only the owner sees them; anybody else gets 404.
  access::Actor ganbu;
  ganbu.username = "ganbu";
  ganbu.user_id = access::UserId(*db().TransactValue<std::int64_t>(
      store::TxMode::kRead, [](store::Transaction& tx) {
        return tx.QueryInt("SELECT id FROM users WHERE username = 'ganbu'");
      }));
  auto finished_job = application_->jobs().Start(
      ganbu, "test.matrix", "矩阵任务", [](jobs::JobContext&) -> base::Result<jobs::JobOutcome> {
        return jobs::JobOutcome{"{}", "矩阵.txt", "text/plain", "matrix"};
      });
  ASSERT_TRUE(finished_job.ok());
  ASSERT_TRUE(application_->jobs().WaitForTest(ganbu, *finished_job).ok());
  auto running_job = application_->jobs().Start(
      ganbu, "test.matrix", "矩阵长任务",
      [](jobs::JobContext& context) -> base::Result<jobs::JobOutcome> {
        while (!context.Cancelled()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        return jobs::JobOutcome{};
      });
  ASSERT_TRUE(running_job.ok());
  const std::string finished_path = "/api/jobs/" + std::to_string(finished_job->value());
  const std::string running_path = "/api/jobs/" + std::to_string(running_job->value());
  // 班子结构分析: the city (each caller counts within their scope) and the targets.
  const std::string city_statistics = Json{{"unit_id", *city_root}, {"subtree", true}}.dump();
  const std::string targets = Json{{"young_age_limits", {{"县处级", 40}}}, {"indicators", Json::object()}}.dump();
  // Excel import: an upload of the 干部工作人员 (only its owner may map, check or commit it; the
  // row has no unit, so a commit writes nothing).
  auto import_file = interchange::WriteXlsx(
      {{.name = "干部信息",
        .columns = {{.header = "姓名"}, {.header = "出生年月"}},
        .rows = {{std::string("矩阵导入"), std::string("1985.03")}}}});
  ASSERT_TRUE(import_file.ok());
  HttpResponse uploaded =
      ClientAs("ganbu").Request("POST", "/api/cadres/import/excel?name=m.xlsx", *import_file);
  ASSERT_EQ(uploaded.status, 201) << uploaded.body;
  const std::string upload_path =
      "/api/cadres/import/excel/" + std::to_string(Json::parse(uploaded.body)["id"].get<int>());
  const std::string import_mapping = Json{{"mapping", {"name", "birth_month"}}}.dump();
  // LRMX: a dry run of the 干部工作人员 (finished, so its resolve step can be asked for) and a
  // small file to send.
  const std::string lrmx_file =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?><Person><XingMing>矩阵</XingMing>"
      "<XingBie>男</XingBie><ChuShengNianYue>198503</ChuShengNianYue></Person>";
  const std::string lrmx_import =
      "/api/cadres/import/lrmx?name=m.lrmx&dry_run=1&unit=" + city_.district_organization_code;
  HttpResponse lrmx_started = ClientAs("ganbu").Request("POST", lrmx_import, lrmx_file);
  ASSERT_EQ(lrmx_started.status, 202) << lrmx_started.body;
  const std::int64_t lrmx_job = Json::parse(lrmx_started.body)["job"]["id"].get<std::int64_t>();
  ASSERT_TRUE(application_->jobs().WaitForTest(ganbu, jobs::JobId(lrmx_job)).ok());
  const std::string lrmx_resolve =
      "/api/cadres/import/lrmx/" + std::to_string(lrmx_job) + "/resolve";
  const std::string lrmx_choices =
      Json{{"choices", {{{"name", "m.lrmx"}, {"choice", "keep"}}}}}.dump();
  // 组合查询: a shared saved query of the 干部工作人员 (no one else may change it) and one of the
  // leader, which only the leader (the last caller) may delete.
  const std::string query_body =
      Json{{"condition", {{"field", "age"}, {"op", "ge"}, {"value", 30}}}, {"page_size", 5}}.dump();
  const std::string saved_body = Json{{"name", "矩阵查询"},
                                      {"condition", {{"field", "age"}, {"op", "ge"}, {"value", 40}}},
                                      {"shared", true}}
                                     .dump();
  auto saved_path = [&](const std::string& caller) {
    HttpResponse saved = ClientAs(caller).Request("POST", "/api/saved-queries", saved_body);
    EXPECT_EQ(saved.status, 201) << saved.body;
    return "/api/saved-queries/" + std::to_string(Json::parse(saved.body)["id"].get<int>());
  };
  const std::string ganbu_saved = saved_path("ganbu"), lingdao_saved = saved_path("lingdao");
  const std::string another_saved = Json{{"name", "矩阵查询二"},
                                         {"condition", {{"all", Json::array()}}},
                                         {"shared", false}}
                                        .dump();
  //                                          anon admin security auditor ganbu dongcheng lingdao
  const std::vector<Expectation> rows = {
      {"GET", "/healthz", "/healthz", "", {200, 200, 200, 200, 200, 200, 200}},
      {"GET", "/api/version", "/api/version", "", {200, 200, 200, 200, 200, 200, 200}},
      {"POST", "/api/session", "/api/session", sign_in, {200, 200, 200, 200, 200, 200, 200}},
      {"DELETE", "/api/session", "/api/session", "", {401, 204, 204, 204, 204, 204, 204}},
      {"GET", "/api/me", "/api/me", "", {401, 200, 200, 200, 200, 200, 200}},
      {"GET", "/api/overview", "/api/overview", "", {401, 200, 200, 200, 200, 200, 200}},
      {"GET", "/api/units", "/api/units", "", {401, 200, 403, 403, 200, 200, 200}},
      {"GET", "/api/cadres", "/api/cadres", "", {401, 403, 403, 403, 200, 200, 200}},
      {"GET",
       "/api/cadres/query/fields",
       "/api/cadres/query/fields",
       "",
       {401, 403, 403, 403, 200, 200, 200}},
      {"POST", "/api/cadres/query", "/api/cadres/query", query_body,
       {401, 403, 403, 403, 200, 200, 200}},
      {"GET", "/api/saved-queries", "/api/saved-queries", "", {401, 403, 403, 403, 200, 200, 200}},
      {"POST", "/api/saved-queries", "/api/saved-queries", another_saved,
       {401, 403, 403, 403, 201, 201, 201}},
      {"PUT", "/api/saved-queries/{id:int}", ganbu_saved, saved_body,
       {401, 403, 403, 403, 200, 403, 403}},
      {"DELETE", "/api/saved-queries/{id:int}", lingdao_saved, "",
       {401, 403, 403, 403, 403, 403, 204}},
      {"GET", "/api/cadres/{id:int}", "/api/cadres/" + in, "", {401, 403, 403, 403, 200, 200, 200}},
      {"GET",
       "/api/cadres/{id:int}",
       "/api/cadres/" + out,
       "",
       {401, 403, 403, 403, 200, 404, 200}},
      // 干部档案: reading needs cadre.read, writing cadre.write (干部工作人员 and the district
      // officer), both in scope. The second writer of the same version gets the 409.
      {"POST", "/api/cadres", "/api/cadres", new_dossier, {401, 403, 403, 403, 201, 201, 403}},
      {"PATCH",
       "/api/cadres/{id:int}",
       "/api/cadres/" + in,
       patch_in,
       {401, 403, 403, 403, 200, 409, 403}},
      {"PATCH",
       "/api/cadres/{id:int}",
       "/api/cadres/" + out,
       patch_out,
       {401, 403, 403, 403, 200, 404, 403}},
      {"GET",
       "/api/cadres/{id:int}/history",
       "/api/cadres/" + in + "/history",
       "",
       {401, 403, 403, 403, 200, 200, 200}},
      {"GET",
       "/api/cadres/{id:int}/history",
       "/api/cadres/" + out + "/history",
       "",
       {401, 403, 403, 403, 200, 404, 200}},
      {"PUT",
       "/api/cadres/{id:int}/photo",
       "/api/cadres/" + in + "/photo",
       jpeg,
       {401, 403, 403, 403, 204, 204, 403},
       jpeg_type},
      {"PUT",
       "/api/cadres/{id:int}/photo",
       "/api/cadres/" + out + "/photo",
       jpeg,
       {401, 403, 403, 403, 204, 404, 403},
       jpeg_type},
      {"GET",
       "/api/cadres/{id:int}/photo",
       "/api/cadres/" + in + "/photo",
       "",
       {401, 403, 403, 403, 200, 200, 200}},
      {"GET",
       "/api/cadres/{id:int}/photo",
       "/api/cadres/" + out + "/photo",
       "",
       {401, 403, 403, 403, 200, 404, 200}},
      // 任免审批表 PDF: cadre.read in scope (the district officer, cleared to 内部 only, gets the
      // form with the confidential parts marked); a batch is a job.
      {"GET",
       "/api/cadres/{id:int}/rmb.pdf",
       "/api/cadres/" + in + "/rmb.pdf",
       "",
       {401, 403, 403, 403, 200, 200, 200}},
      {"GET",
       "/api/cadres/{id:int}/rmb.pdf",
       "/api/cadres/" + out + "/rmb.pdf",
       "",
       {401, 403, 403, 403, 200, 404, 200}},
      {"POST",
       "/api/cadres/print/rmb",
       "/api/cadres/print/rmb",
       "{\"cadre_ids\": [" + in + "], \"format\": \"zip\"}",
       {401, 403, 403, 403, 202, 202, 202}},
      {"GET",
       "/api/audit/checkpoint",
       "/api/audit/checkpoint",
       "",
       {401, 200, 200, 200, 200, 200, 200}},
      {"GET", "/api/audit/entries", "/api/audit/entries", "", {401, 403, 403, 200, 403, 403, 403}},
      {"GET",
       "/api/audit/entries/{index:int}/proof",
       "/api/audit/entries/0/proof",
       "",
       {401, 403, 403, 200, 403, 403, 403}},
      {"GET",
       "/api/audit/consistency",
       "/api/audit/consistency?first=1&second=2",
       "",
       {401, 403, 403, 200, 403, 403, 403}},
      {"GET",
       "/api/audit/timeline",
       "/api/audit/timeline?object_type=cadre&object_id=" + in,
       "",
       {401, 403, 403, 200, 403, 403, 403}},
      {"GET", "/api/sessions", "/api/sessions", "", {401, 200, 200, 200, 200, 200, 200}},
      {"DELETE",
       "/api/sessions/{id:int}",
       "/api/sessions/999999",
       "",
       {401, 404, 404, 404, 404, 404, 404}},
      {"GET",
       "/api/users/{id:int}/sessions",
       target_sessions,
       "",
       {401, 403, 200, 403, 403, 403, 403}},
      {"DELETE",
       "/api/users/{id:int}/sessions",
       target_sessions,
       "",
       {401, 403, 200, 403, 403, 403, 403}},
      {"GET", "/api/login-log", "/api/login-log", "", {401, 403, 200, 200, 403, 403, 403}},
      {"POST", "/api/me/password", "/api/me/password", "", {401, 400, 400, 400, 400, 400, 400}},
      {"POST",
       "/api/me/totp/confirm",
       "/api/me/totp/confirm",
       "",
       {401, 400, 400, 400, 400, 400, 400}},
      {"POST", "/api/me/totp", "/api/me/totp", "", {401, 200, 200, 200, 200, 200, 200}},
      {"GET", "/api/roles", "/api/roles", "", {401, 200, 200, 403, 403, 403, 403}},
      {"POST", "/api/roles", "/api/roles", new_role, {401, 403, 201, 403, 403, 403, 403}},
      {"GET", "/api/users", "/api/users", "", {401, 200, 200, 403, 403, 403, 403}},
      {"POST", "/api/users", "/api/users", new_user, {401, 201, 403, 403, 403, 403, 403}},
      {"PATCH",
       "/api/users/{id:int}",
       target_user,
       rename_user,
       {401, 200, 403, 403, 403, 403, 403}},
      {"PATCH",
       "/api/users/{id:int}",
       "/api/users/999999",
       rename_user,
       {401, 404, 403, 403, 403, 403, 403}},
      {"POST",
       "/api/users/{id:int}/password-reset",
       target_user + "/password-reset",
       "",
       {401, 200, 403, 403, 403, 403, 403}},
      {"POST",
       "/api/users/{id:int}/password-reset",
       "/api/users/999999/password-reset",
       "",
       {401, 404, 403, 403, 403, 403, 403}},
      {"POST",
       "/api/users/{id:int}/totp-reset",
       target_user + "/totp-reset",
       "",
       {401, 204, 403, 403, 403, 403, 403}},
      {"POST",
       "/api/users/{id:int}/totp-reset",
       "/api/users/999999/totp-reset",
       "",
       {401, 404, 403, 403, 403, 403, 403}},
      {"PATCH",
       "/api/roles/{id:int}",
       leader_role,
       relabel_role,
       {401, 403, 200, 403, 403, 403, 403}},
      {"PATCH",
       "/api/roles/{id:int}",
       sysadmin_role,
       relabel_role,
       {401, 403, 409, 403, 403, 403, 403}},
      {"PATCH",
       "/api/roles/{id:int}",
       "/api/roles/999999",
       relabel_role,
       {401, 403, 404, 403, 403, 403, 403}},
      {"GET",
       "/api/settings/security",
       "/api/settings/security",
       "",
       {401, 403, 200, 403, 403, 403, 403}},
      // 机构管理: reads need org.read, changes org.write (系统管理员 and 干部工作人员). The second
      // writer finds the first one's change done: a duplicate code, an abolished unit, a gone
      // position.
      {"GET", "/api/units/{id:int}", unit_a, "", {401, 200, 403, 403, 200, 200, 200}},
      {"GET", "/api/units/{id:int}", "/api/units/999999", "", {401, 404, 403, 403, 404, 404, 404}},
      {"GET",
       "/api/units/{id:int}/history",
       unit_a + "/history",
       "",
       {401, 200, 403, 403, 200, 200, 200}},
      {"POST", "/api/units", "/api/units", new_unit, {401, 201, 403, 403, 409, 403, 403}},
      {"PATCH", "/api/units/{id:int}", unit_a, rename_unit, {401, 200, 403, 403, 200, 403, 403}},
      {"PATCH",
       "/api/units/{id:int}",
       "/api/units/999999",
       rename_unit,
       {401, 404, 403, 403, 404, 403, 403}},
      {"POST",
       "/api/units/{id:int}/move",
       unit_a + "/move",
       move_unit,
       {401, 200, 403, 403, 200, 403, 403}},
      {"PUT",
       "/api/units/{id:int}/children-order",
       unit_parent + "/children-order",
       children_order,
       {401, 204, 403, 403, 204, 403, 403}},
      {"POST",
       "/api/units/{id:int}/abolish",
       unit_b + "/abolish",
       abolish_unit,
       {401, 200, 403, 403, 409, 403, 403}},
      {"POST",
       "/api/units/{id:int}/positions",
       unit_a + "/positions",
       new_position,
       {401, 201, 403, 403, 201, 403, 403}},
      {"PATCH",
       "/api/positions/{id:int}",
       position,
       Json{{"headcount", 2}}.dump(),
       {401, 200, 403, 403, 200, 403, 403}},
      {"DELETE", "/api/positions/{id:int}", position, "", {401, 204, 403, 403, 404, 403, 403}},
      // 字典管理: every signed-in caller reads; changes need dict.manage (系统管理员). A built-in
      // item keeps the standard's label (409).
      {"GET", "/api/dictionaries", "/api/dictionaries", "", {401, 200, 200, 200, 200, 200, 200}},
      {"GET",
       "/api/dictionaries/{kind}",
       "/api/dictionaries/relation",
       "",
       {401, 200, 200, 200, 200, 200, 200}},
      {"GET",
       "/api/dictionaries/{kind}",
       "/api/dictionaries/rank",
       "",
       {401, 404, 404, 404, 404, 404, 404}},
      {"POST",
       "/api/dictionaries/{kind}/items",
       "/api/dictionaries/health/items",
       Json{{"code", "7"}, {"label", "体弱"}}.dump(),
       {401, 201, 403, 403, 403, 403, 403}},
      {"PATCH",
       "/api/dictionaries/{kind}/items/{code}",
       "/api/dictionaries/health/items/7",
       Json{{"enabled", false}}.dump(),
       {401, 200, 403, 403, 403, 403, 403}},
      {"PATCH",
       "/api/dictionaries/{kind}/items/{code}",
       "/api/dictionaries/gender/items/1",
       Json{{"label", "男性"}}.dump(),
       {401, 409, 403, 403, 403, 403, 403}},
      {"GET", "/api/divisions", "/api/divisions", "", {401, 200, 200, 200, 200, 200, 200}},
      // 后台任务: every signed-in caller lists their own; a job is its owner's alone.
      {"GET", "/api/jobs", "/api/jobs", "", {401, 200, 200, 200, 200, 200, 200}},
      {"GET", "/api/jobs/{id:int}", finished_path, "", {401, 404, 404, 404, 200, 404, 404}},
      {"GET",
       "/api/jobs/{id:int}/file",
       finished_path + "/file",
       "",
       {401, 404, 404, 404, 200, 404, 404}},
      {"POST",
       "/api/jobs/{id:int}/cancel",
       running_path + "/cancel",
       "",
       {401, 404, 404, 404, 200, 404, 404}},
      {"POST",
       "/api/cadres/statistics",
       "/api/cadres/statistics",
       city_statistics,
       {401, 403, 403, 403, 200, 200, 200}},
      {"GET",
       "/api/statistics/targets",
       "/api/statistics/targets",
       "",
       {401, 403, 403, 403, 200, 200, 200}},
      {"PUT",
       "/api/statistics/targets",
       "/api/statistics/targets",
       targets,
       {401, 403, 403, 403, 200, 200, 403}},
      // Excel: export needs cadre.read and cadre.export; tables any signed-in caller; import
      // cadre.write, and an upload is its owner's alone.
      {"POST",
       "/api/cadres/export",
       "/api/cadres/export",
       Json{{"columns", {"gender", "id_number"}}, {"list", {{"status", "all"}}}}.dump(),
       {401, 403, 403, 403, 202, 403, 403}},
      {"POST",
       "/api/tables/export",
       "/api/tables/export",
       Json{{"title", "矩阵"},
            {"sheets", {{{"name", "甲"}, {"columns", {"项", "数"}}, {"rows", Json::array({Json::array({"a", 1})})}}}}}
           .dump(),
       {401, 200, 200, 200, 200, 200, 200}},
      {"GET",
       "/api/cadres/import/template",
       "/api/cadres/import/template",
       "",
       {401, 403, 403, 403, 200, 200, 403}},
      {"POST",
       "/api/cadres/import/excel",
       "/api/cadres/import/excel?name=m.xlsx",
       *import_file,
       {401, 403, 403, 403, 201, 201, 403}},
      {"GET", "/api/cadres/import/excel/{id:int}", upload_path, "", {401, 403, 403, 403, 200, 404, 403}},
      {"POST",
       "/api/cadres/import/excel/{id:int}/check",
       upload_path + "/check",
       import_mapping,
       {401, 403, 403, 403, 202, 404, 403}},
      {"POST",
       "/api/cadres/import/excel/{id:int}/commit",
       upload_path + "/commit",
       import_mapping,
       {401, 403, 403, 403, 202, 404, 403}},
      // LRMX: import needs cadre.write (a job; its resolve step is its owner's alone); export
      // needs cadre.export and clearance for the ID number and the family (the district officer
      // is cleared to 内部 only: 403).
      {"POST",
       "/api/cadres/import/lrmx",
       lrmx_import,
       lrmx_file,
       {401, 403, 403, 403, 202, 202, 403}},
      {"POST",
       "/api/cadres/import/lrmx/{job:int}/resolve",
       lrmx_resolve,
       lrmx_choices,
       {401, 403, 403, 403, 202, 404, 403}},
      {"GET",
       "/api/cadres/{id:int}/lrmx",
       "/api/cadres/" + in + "/lrmx",
       "",
       {401, 403, 403, 403, 200, 403, 403}},
      {"GET",
       "/api/cadres/{id:int}/lrmx",
       "/api/cadres/" + out + "/lrmx",
       "",
       {401, 403, 403, 403, 200, 403, 403}},
  };
  std::set<std::pair<std::string, std::string>> covered;
  for (const Expectation& row : rows) {
    covered.emplace(row.method, row.pattern);
    ASSERT_EQ(row.statuses.size(), kCallers.size()) << row.method << " " << row.path;
    for (size_t i = 0; i < kCallers.size(); ++i) {
      const std::string& caller = kCallers[i];
      // Signing out ends the session: use a fresh one so that later rows keep theirs.
      if (row.method == "DELETE" && row.pattern == "/api/session") tokens_.erase(caller);
      HttpResponse r = ClientAs(caller).Request(row.method, row.path, row.body, row.headers);
      if (row.method == "DELETE" && row.pattern == "/api/session") tokens_.erase(caller);
      EXPECT_EQ(r.status, row.statuses[i])
          << row.method << " " << row.path << " as '" << caller << "': " << r.body.substr(0, 300);
      if (r.status >= 400) {
        const Json error = Json::parse(r.body, nullptr, false);
        EXPECT_FALSE(error.is_discarded()) << r.body;
        if (!error.is_discarded()) {
          EXPECT_FALSE(error["error"]["message"].get<std::string>().empty());
        }
      }
    }
  }
  // Every registered route has at least one row.
  for (const http::Router::RouteInfo& route : router_.routes()) {
    EXPECT_TRUE(covered.count({std::string(http::MethodName(route.method)), route.pattern}))
        << "no access-matrix row for " << http::MethodName(route.method) << " " << route.pattern;
  }
}

TEST_P(AccessMatrixTest, ScopedCallersSeeOnlyTheirCadresEverywhere) {
  auto expected = db().TransactValue<std::int64_t>(store::TxMode::kRead, [&](store::Transaction&
                                                                                 tx) {
    return tx.QueryInt(
        "SELECT COUNT(*) FROM cadres c JOIN units u ON u.id = c.managing_unit_id WHERE u.code = ?",
        {city_.district_organization_code});
  });
  ASSERT_TRUE(expected.ok());
  ASSERT_GT(*expected, 0);
  const Json list = Json::parse(ClientAs("dongcheng").Get("/api/cadres?page_size=1000").body);
  EXPECT_EQ(list["total"], *expected);
  for (const Json& cadre : list["items"])
    EXPECT_EQ(cadre["managing_body"], "区委管理") << cadre.dump();
  EXPECT_EQ(Json::parse(ClientAs("dongcheng").Get("/api/overview").body)["cadres"], *expected);
  // The compound query, asked for everyone, answers within the scope too.
  const Json queried = Json::parse(
      ClientAs("dongcheng")
          .Request("POST", "/api/cadres/query",
                   Json{{"condition", {{"all", Json::array()}}}, {"page_size", 500}}.dump())
          .body);
  EXPECT_EQ(queried["total"], *expected);
  for (const Json& cadre : queried["items"])
    EXPECT_EQ(cadre["managing_body"], "区委管理") << cadre.dump();
  EXPECT_EQ(Json::parse(ClientAs("ganbu").Get("/api/overview").body)["cadres"], 200);
  // /api/me tells the UI what the roles grant.
  const Json me = Json::parse(ClientAs("dongcheng").Get("/api/me").body)["user"];
  EXPECT_EQ(me["clearance"], "internal");
  EXPECT_NE(std::find(me["permissions"].begin(), me["permissions"].end(), "cadre.read"),
            me["permissions"].end());
  const Json admin = Json::parse(ClientAs("admin").Get("/api/me").body)["user"];
  EXPECT_EQ(std::find(admin["permissions"].begin(), admin["permissions"].end(), "cadre.read"),
            admin["permissions"].end());
  // The three separated administrators see counts of the structure but no cadre.
  EXPECT_EQ(Json::parse(ClientAs("admin").Get("/api/overview").body)["cadres"], 0);
}

// Percent-encodes what may not appear raw in a request line, but keeps '%' and '/' so that
// pre-encoded and traversal values reach the server as written.
std::string UrlEncodeKeepingEscapes(const std::string& value) {
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || std::string_view("-._~%/").find(char(c)) != std::string_view::npos) {
      out += char(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

TEST_P(AccessMatrixTest, HostileFilterValuesNeverLeakOrFail) {
  const std::vector<std::string> hostile = {"' OR '1'='1",
                                            "1; DROP TABLE cadres; --",
                                            "%",
                                            "_",
                                            "\\",
                                            "%27%20OR%201%3D1",
                                            "../../../etc/passwd",
                                            "..%2f..%2f",
                                            "%00",
                                            "王%' --",
                                            "1 UNION SELECT password_hash FROM users",
                                            "-1",
                                            "99999999999999999999"};
  const std::vector<std::string> templates = {"/api/cadres?name=$",
                                              "/api/cadres?unit_id=$",
                                              "/api/cadres?page=$",
                                              "/api/cadres?page_size=$",
                                              "/api/cadres?q=$",
                                              "/api/cadres?sort=$",
                                              "/api/cadres?order=$",
                                              "/api/cadres?status=$",
                                              "/api/cadres/$",
                                              "/api/audit/entries?actor=$",
                                              "/api/audit/entries?action=$",
                                              "/api/audit/entries?object_id=$",
                                              "/api/audit/entries?from=$",
                                              "/api/audit/timeline?object_type=cadre&object_id=$",
                                              "/$",
                                              "/api/$",
                                              "/assets/$"};
  for (const std::string& caller : {std::string("dongcheng"), std::string("auditor")}) {
    for (const std::string& t : templates) {
      for (const std::string& value : hostile) {
        std::string path = t;
        path.replace(path.find('$'), 1, UrlEncodeKeepingEscapes(value));
        HttpResponse r = ClientAs(caller).Get(path);
        EXPECT_TRUE(r.status == 200 || r.status == 400 || r.status == 403 || r.status == 404)
            << caller << " GET " << path << " → " << r.status << " " << r.body.substr(0, 200);
        EXPECT_EQ(r.body.find("root:"), std::string::npos) << path;
        EXPECT_EQ(r.body.find("$argon2id$"), std::string::npos) << path;
        if (caller == "dongcheng" && (t == "/api/cadres?name=$" || t == "/api/cadres?q=$") &&
            r.status == 200) {
          // A literal substring: none of the district's cadres is called any of these.
          EXPECT_EQ(Json::parse(r.body)["total"], 0) << path;
        }
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, AccessMatrixTest, ::testing::ValuesIn(xr::testing::AllEngines()),
                         xr::testing::EngineName);

}  // namespace
}  // namespace xr::app
