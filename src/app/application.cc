#include "app/application.h"

#include <algorithm>

#include "access/access_schema.h"
#include "cadre/cadre_schema.h"
#include "http/routes/cadre_routes.h"
#include "http/routes/org_routes.h"
#include "http/routes/overview_routes.h"
#include "http/routes/session_routes.h"
#include "http/routes/system_routes.h"
#include "org/org_schema.h"

namespace xr::app {

std::vector<store::Migration> AllMigrations() {
  std::vector<store::Migration> all;
  for (auto&& list : {access::Migrations(), org::Migrations(), cadre::Migrations()}) {
    all.insert(all.end(), list.begin(), list.end());
  }
  std::stable_sort(all.begin(), all.end(),
                   [](const auto& a, const auto& b) { return a.version < b.version; });
  return all;
}

Application::Application(store::Database& db, const base::Clock& clock)
    : db_(db),
      clock_(clock),
      users_(db, clock),
      sessions_(db, clock),
      org_(db),
      cadres_(db, clock),
      overview_(db) {}

base::Status Application::CheckSchemaIsCurrent() {
  ASSIGN_OR_RETURN(std::vector<std::int64_t> applied, store::AppliedVersions(db_));
  std::vector<std::int64_t> known;
  for (const store::Migration& m : AllMigrations()) known.push_back(m.version);
  std::sort(applied.begin(), applied.end());
  if (applied != known) {
    return base::FailedPrecondition("数据库结构不是最新（已应用 " + std::to_string(applied.size()) +
                                    " 步，程序需要 " + std::to_string(known.size()) +
                                    " 步），请先运行 xuanren migrate");
  }
  return base::Status::Ok();
}

void Application::AddRoutes(http::Router& router) {
  http::AddSystemRoutes(router, http::CompiledVersionInfo());
  http::AddSessionRoutes(router, sessions_);
  http::AddOverviewRoutes(router, sessions_, overview_);
  http::AddOrgRoutes(router, sessions_, org_);
  http::AddCadreRoutes(router, sessions_, cadres_);
}

}  // namespace xr::app
