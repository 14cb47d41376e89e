// 组合查询 at scale (docs/benchmarks.md "Compound query (issue 5)"), one command per database:
//
//   bench_query --db URL [--reps 11] [--roles district_officer,cadre_officer] [--cold] [--explain]
//               [--only Q2]   (one compound query and nothing else: for profiling)
//
// against a database filled by `xuanren demo --cadres 1000000` (the 江华市 demo city: 东城区 is
// unit code JH15, the district officer's scope is managed-by JH150101). For each caller role and
// each of five compound queries it times (a) the compiled SQL run directly — the same page-of-20
// statement (with the total) the service runs, with the same data-scope predicate — and (b) the
// same query through the HTTP API (an in-process server on loopback, a real bearer token, keep-
// alive), the two alternated run by run, and prints the medians and their ratio. Then pages of 20
// and the full-text terms (their counts against the LIKE-only predicate, which must be equal).
// With --cold the OS page cache is dropped first (root only: sync; echo 3 >
// /proc/sys/vm/drop_caches) and each query's first run is reported separately. The master and
// audit keys come from the usual environment variables (XUANREN_MASTER_KEY_FILE,
// XUANREN_AUDIT_KEY_FILE) — use the ones the demo was written with.
// A bench account `bench_<role>` is added on first use (it writes to the database).

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <future>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "access/role_repository.h"
#include "app/application.h"
#include "base/clock.h"
#include "cadre/cadre_repository.h"
#include "cadre/text_index.h"
#include "http/server.h"
#include "org/org_repository.h"
#include "search/cadre_query.h"
#include "search/cadre_query_service.h"
#include "store/database.h"
#include "testing/http_client.h"

namespace {

using namespace xr;
using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr const char* kPassword = "BenchQuery2026!";

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

template <typename T>
T Must(base::Result<T> r, const std::string& what) {
  if (!r.ok()) {
    std::cerr << what << ": " << r.status().ToString() << "\n";
    std::exit(1);
  }
  return std::move(r).value();
}
void Must(const base::Status& s, const std::string& what) {
  if (!s.ok()) {
    std::cerr << what << ": " << s.ToString() << "\n";
    std::exit(1);
  }
}

struct NamedQuery {
  std::string name;
  Json condition;
  std::string sort = "position";
};

std::vector<NamedQuery> CompoundQueries(std::int64_t district, std::int64_t city) {
  const Json in_district = {{"field", "unit"}, {"op", "subtree"}, {"value", district}};
  return {
      {"Q1 女, 35–45岁, 四级主任科员–一级调研员, 东城区, 近3年优秀≥1, 中共党员",
       {{"all",
         {{{"field", "gender"}, {"op", "eq"}, {"value", "女"}},
          {{"field", "age"}, {"op", "between"}, {"value", {35, 45}}},
          {{"field", "rank"}, {"op", "between"}, {"value", {"四级主任科员", "一级调研员"}}},
          in_district,
          {{"field", "assessment_excellent_count"},
           {"op", "at_least"},
           {"value", 1},
           {"params", {{"years", 3}}}},
          {{"field", "party"}, {"op", "eq"}, {"value", "中共党员"}}}}}},
      {"Q2 女, 40岁以下, 三级调研员及以上, 全日制大学及以上, 近3年优秀≥1, 全市",
       {{"all",
         {{{"field", "gender"}, {"op", "eq"}, {"value", "女"}},
          {{"field", "age"}, {"op", "lt"}, {"value", 40}},
          {{"field", "rank"}, {"op", "ge"}, {"value", "三级调研员"}},
          {{"field", "full_time_education"}, {"op", "ge"}, {"value", "大学"}},
          {{"field", "assessment_excellent_count"}, {"op", "at_least"}, {"value", 1}},
          {{"field", "unit"}, {"op", "subtree"}, {"value", city}}}}}},
      {"Q3 (党外 或 少数民族), 县处级, 任现职≥5年",
       {{"all",
         {{{"any",
            {{{"field", "party"}, {"op", "not_in"}, {"value", {"中共党员", "中共预备党员"}}},
             {{"field", "ethnicity"}, {"op", "ne"}, {"value", "汉族"}}}}},
          {{"field", "rank_level"}, {"op", "eq"}, {"value", "县处级"}},
          {{"field", "years_in_post"}, {"op", "ge"}, {"value", 5}}}}}},
      {"Q4 乡科级, 45岁以下, 近5年无基本称职及以下, 不在处分影响期, 今年培训≥16学时",
       {{"all",
         {{{"field", "rank_level"}, {"op", "eq"}, {"value", "乡科级"}},
          {{"field", "age"}, {"op", "le"}, {"value", 45}},
          {{"field", "assessment_below_competent_count"},
           {"op", "eq"},
           {"value", 0},
           {"params", {{"years", 5}}}},
          {{"field", "sanction_in_effect"}, {"op", "eq"}, {"value", false}},
          {{"field", "training_hours"}, {"op", "ge"}, {"value", 16}}}}}},
      {"Q5 全文“组织部” 且 最高学历研究生, 非(亲属中有干部)",
       {{"all",
         {{{"field", "fulltext"}, {"op", "contains"}, {"value", "组织部"}},
          {{"field", "highest_education"}, {"op", "eq"}, {"value", "研究生"}},
          {{"not", {{"field", "has_cadre_relative"}, {"op", "eq"}, {"value", true}}}}}}}},
  };
}

struct Env {
  store::Database& db;
  app::Application& app;
  std::uint16_t port = 0;
  base::Date reference;
};

// The bench account of `role` (added on first use) as an Actor, and its bearer token.
std::pair<access::Actor, std::string> SignIn(Env& env, const std::string& role) {
  const std::string username = "bench_" + role;
  auto added = env.app.users().Add(app::CliOperator(),
                                   {username, "", kPassword, {role}, std::nullopt, false});
  if (!added.ok() && added.status().code() != base::StatusCode::kAlreadyExists) {
    Must(added.status(), "adding " + username);
  }
  testing::HttpClient client("127.0.0.1", env.port);
  auto r =
      client.Post("/api/session", Json{{"username", username}, {"password", kPassword}}.dump());
  if (r.status != 200) {
    std::cerr << "sign-in of " << username << ": " << r.status << " " << r.body << "\n";
    std::exit(1);
  }
  const std::string token = Json::parse(r.body)["token"].get<std::string>();
  auto roles = Must(
      env.db.TransactValue<std::vector<access::Role>>(
          store::TxMode::kRead,
          [&](store::Transaction& tx) { return access::RoleRepository(tx).FindByNames({role}); }),
      "role " + role);
  access::Actor actor;
  actor.username = username;
  access::Grant(actor, roles);
  return {actor, token};
}

struct Timed {
  double first = 0;  // the first run (cold with --cold)
  double median = 0;
  std::int64_t total = 0;
};

// Times of repeated runs; the median leaves out the first (warm-up) run.
struct Runs {
  std::vector<double> ms;
  std::int64_t total = 0;

  void Add(double run_ms, std::int64_t run_total) {
    ms.push_back(run_ms);
    total = run_total;
  }
  Timed Summary() const {
    Timed out;
    out.total = total;
    if (ms.empty()) return out;
    out.first = ms.front();
    out.median = Median(ms.size() > 1 ? std::vector<double>(ms.begin() + 1, ms.end()) : ms);
    return out;
  }
};

// One run of the service's statements, directly: the page with its total (CadreRepository::
// ListWhere), in one read transaction — exactly what the service compiles (only cadres 在职
// unless the condition tests status).
void DirectOnce(Env& env, const access::Actor& actor, const NamedQuery& q, int page, bool explain,
                Runs& runs) {
  const search::Condition condition =
      search::InServiceUnlessStatusTested(Must(search::DecodeCondition(q.condition), q.name));
  const cadre::CadreSort sort = *cadre::CadreSortFromName(q.sort);
  const auto start = Clock::now();
  auto total = env.db.TransactValue<std::int64_t>(
      store::TxMode::kRead, [&](store::Transaction& tx) -> base::Result<std::int64_t> {
        ASSIGN_OR_RETURN(search::SqlPredicate where,
                         search::CompileForActor(tx, actor, condition, env.reference));
        if (explain) {
          const auto statements = cadre::CadreRepository(tx).ListWhereSql(
              where.sql, where.params, sort, false, page, 20, search::PageTotal(where));
          const bool sqlite = tx.dialect() == store::Dialect::kSqlite;
          for (const auto& [sql, params] :
               {std::pair(statements.count_sql, statements.count_params),
                std::pair(statements.page_sql, statements.page_params)}) {
            ASSIGN_OR_RETURN(store::Rows plan,
                             tx.Query((sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + sql, params));
            std::cout << "    plan: " << sql.substr(0, 60) << "…\n";
            for (const store::Row& row : plan) {
              std::cout << "      " << row.Text(sqlite ? row.size() - 1 : 0) << "\n";
            }
          }
        }
        ASSIGN_OR_RETURN(cadre::CadrePage result,
                         cadre::CadreRepository(tx).ListWhere(where.sql, where.params, sort, false,
                                                              page, 20, search::PageTotal(where)));
        return result.total;
      });
  const double ms = Ms(Clock::now() - start);
  runs.Add(ms, Must(std::move(total), q.name));
}

// The same query through the HTTP API, on one kept-alive connection.
class ApiCaller {
 public:
  ApiCaller(Env& env, const std::string& token) : client_("127.0.0.1", env.port), env_(env) {
    client_.SetKeepAlive(true);
    client_.SetTimeout(std::chrono::milliseconds(120000));
    client_.SetDefaultHeader("Authorization", "Bearer " + token);
  }

  void Once(const NamedQuery& q, int page, Runs& runs) {
    const std::string body = Json{
        {"condition", q.condition},
        {"reference_date", env_.reference.ToString()},
        {"page", page},
        {"page_size", 20},
        {"sort", q.sort}}.dump();
    const auto start = Clock::now();
    auto r = client_.Post("/api/cadres/query", body);
    const double ms = Ms(Clock::now() - start);
    if (r.status != 200) {
      std::cerr << q.name << ": HTTP " << r.status << " " << r.body << r.error << "\n";
      std::exit(1);
    }
    runs.Add(ms, Json::parse(r.body)["total"].get<std::int64_t>());
  }

 private:
  testing::HttpClient client_;
  Env& env_;
};

// Direct and API runs alternated, so that both meet the same machine: a slower minute (another
// process, the host) then weighs on both medians alike rather than on whichever ran in it.
std::pair<Timed, Timed> DirectAndApi(Env& env, const access::Actor& actor, ApiCaller& api,
                                     const NamedQuery& q, int reps, int page, bool explain) {
  Runs direct, through_api;
  for (int i = 0; i < reps; ++i) {
    DirectOnce(env, actor, q, page, explain && i == 0, direct);
    api.Once(q, page, through_api);
  }
  return {direct.Summary(), through_api.Summary()};
}

// The full-text terms: the index path (what the query runs) against the substring match alone.
void FullText(Env& env, const access::Actor& actor, ApiCaller& api, int reps) {
  std::cout << "\n  full text (" << actor.username << "): term | chars | index count | LIKE count"
            << " | direct median ms | API median ms | LIKE-only ms\n";
  // The terms and a few of the demo's: 办公室 is in 38% of the demo's dossiers (its
  // vocabulary is small), the others in 0–8%.
  for (const char* term :
       {"党建", "外事", "审计", "统战部", "宣传部", "办公室", "组织部门", "应急管理"}) {
    NamedQuery q{term, {{"field", "fulltext"}, {"op", "contains"}, {"value", term}}};
    const auto [direct, through_api] = DirectAndApi(env, actor, api, q, reps, 1, false);
    // The LIKE-only predicate over the same texts, with the same scope.
    const auto start = Clock::now();
    auto like = env.db.TransactValue<std::int64_t>(
        store::TxMode::kRead, [&](store::Transaction& tx) -> base::Result<std::int64_t> {
          ASSIGN_OR_RETURN(search::SqlPredicate scope,
                           search::CompileForActor(
                               tx, actor, *search::DecodeCondition(Json{{"all", Json::array()}}),
                               env.reference));
          int placeholders = 0;
          const std::string match = cadre::TextMatchSql(tx.dialect(), placeholders);
          store::Params params;
          for (int i = 0; i < placeholders; ++i) params.emplace_back("%" + std::string(term) + "%");
          params.insert(params.end(), scope.params.begin(), scope.params.end());
          return tx.QueryInt(
              "SELECT COUNT(*) FROM cadres c JOIN units u ON u.id = c.unit_id WHERE " + match +
                  " AND " + scope.sql,
              params);
        });
    const double like_ms = Ms(Clock::now() - start);
    const std::int64_t like_count = Must(std::move(like), term);
    std::printf("    %s | %zu | %lld | %lld%s | %.2f | %.2f | %.0f\n", term,
                std::string(term).size() / 3, (long long)direct.total, (long long)like_count,
                direct.total == like_count && through_api.total == like_count ? "" : " MISMATCH",
                direct.median, through_api.median, like_ms);
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string url;
  int reps = 11;
  bool cold = false, explain = false;
  std::string only;
  std::vector<std::string> roles = {"district_officer", "cadre_officer"};
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (arg == "--db")
      url = next();
    else if (arg == "--reps")
      reps = std::max(2, std::atoi(next().c_str()));
    else if (arg == "--cold")
      cold = true;
    else if (arg == "--explain")
      explain = true;
    else if (arg == "--only")
      only = next() + " ";
    else if (arg == "--roles") {
      roles.clear();
      std::stringstream list(next());
      for (std::string role; std::getline(list, role, ',');) roles.push_back(role);
    } else {
      std::cerr << "usage: bench_query --db URL [--reps N] [--roles r1,r2] [--cold] [--explain] "
                   "[--only Q2]\n";
      return 2;
    }
  }
  std::cout << std::unitbuf;
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  if (url.empty()) {
    std::cerr << "--db URL is required\n";
    return 2;
  }
  if (cold) {
    ::sync();
    std::ofstream drop("/proc/sys/vm/drop_caches");
    drop << "3\n";
    drop.close();
    std::cout << (drop ? "OS page cache dropped\n" : "could not drop the page cache (not root?)\n");
  }
  const auto opened = Clock::now();
  auto db = Must(store::OpenDatabase(url), "open " + url);
  base::RealClock clock;
  app::Application application(*db, clock);
  Must(application.CheckSchemaIsCurrent(), "schema");
  http::Router router;
  application.AddRoutes(router);
  http::ServerOptions options;
  options.port = 0;
  options.handle_signals = false;
  http::Server server(options, router);
  std::promise<std::uint16_t> listening;
  std::thread thread([&] {
    base::Status status = server.Run([&](std::uint16_t port) { listening.set_value(port); });
    if (!status.ok()) listening.set_value(0);
  });
  Env env{*db, application, listening.get_future().get(), clock.Now().ShanghaiDate()};
  if (env.port == 0) return 1;
  auto unit = [&](const char* code) {
    return Must(db->TransactValue<org::Unit>(store::TxMode::kRead,
                                             [&](store::Transaction& tx) {
                                               return org::OrgRepository(tx).FindUnitByCode(code);
                                             }),
                std::string("unit ") + code)
        .id.value();
  };
  const std::int64_t district = unit("JH15"), city = unit("JH");
  std::cout << "database " << db->description() << " (opened in " << Ms(Clock::now() - opened)
            << " ms), reference date " << env.reference.ToString() << ", " << reps
            << " runs each (median of all but the first)\n";

  for (const std::string& role : roles) {
    auto [actor, token] = SignIn(env, role);
    ApiCaller api(env, token);
    std::cout << "\n== caller role " << role << "\n";
    std::cout
        << "  query | total | first run ms (direct) | direct median ms | API first timed ms | "
           "API median ms | API/direct\n";
    for (const NamedQuery& q : CompoundQueries(district, city)) {
      if (!only.empty() && !q.name.starts_with(only)) continue;
      // The first direct run meets whatever the cache holds (cold with --cold), then the first
      // through the API; neither counts in the medians.
      const auto [direct, through_api] = DirectAndApi(env, actor, api, q, reps, 1, explain);
      std::printf("  %s | %lld%s | %.1f | %.2f | %.1f | %.2f | %.2f\n", q.name.c_str(),
                  (long long)direct.total,
                  direct.total == through_api.total ? "" : " (API differs!)", direct.first,
                  direct.median, through_api.first, through_api.median,
                  direct.median > 0 ? through_api.median / direct.median : 0);
    }
    if (!only.empty()) continue;
    std::cout << "\n  pages of 20 (API median ms / direct median ms):\n";
    const Json in_district = {{"field", "unit"}, {"op", "subtree"}, {"value", district}};
    for (const auto& [label, q, page] :
         {std::tuple("东城区 by 出生年月, page 1", NamedQuery{"", in_district, "age"}, 1),
          std::tuple("东城区 by 出生年月, page 100", NamedQuery{"", in_district, "age"}, 100),
          std::tuple("全市 in position order, page 1",
                     NamedQuery{"", {{"field", "unit"}, {"op", "subtree"}, {"value", city}}}, 1),
          std::tuple("全市 by 姓氏笔画, page 1", NamedQuery{"", {{"all", Json::array()}}, "stroke"},
                     1)}) {
      const auto [direct, through_api] = DirectAndApi(env, actor, api, q, reps, page, explain);
      std::printf("    %s: total %lld, API %.2f ms, direct %.2f ms\n", label,
                  (long long)through_api.total, through_api.median, direct.median);
    }
    FullText(env, actor, api, reps);
  }
  server.Stop();
  thread.join();
  return 0;
}
