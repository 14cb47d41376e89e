#pragma once
// The composition root: the one place that knows every capability. It lists the migrations in
// order, builds the services over one database and clock, and registers the HTTP routes.
// Adding a capability = one line in each of AllMigrations() and Application (ARCHITECTURE.md §2).

#include <vector>

#include "access/session_service.h"
#include "access/user_service.h"
#include "cadre/cadre_service.h"
#include "decision/overview_service.h"
#include "http/router.h"
#include "org/org_service.h"
#include "store/migrate.h"

namespace xr::app {

// Every capability's schema steps, sorted by version.
std::vector<store::Migration> AllMigrations();

class Application {
 public:
  Application(store::Database& db, const base::Clock& clock);

  // FailedPrecondition "数据库结构不是最新…" when migrations are pending or unknown.
  base::Status CheckSchemaIsCurrent();
  void AddRoutes(http::Router& router);

  store::Database& db() { return db_; }
  const base::Clock& clock() const { return clock_; }
  access::UserService& users() { return users_; }
  access::SessionService& sessions() { return sessions_; }
  org::OrgService& org() { return org_; }
  cadre::CadreService& cadres() { return cadres_; }
  decision::OverviewService& overview() { return overview_; }

 private:
  store::Database& db_;
  const base::Clock& clock_;
  access::UserService users_;
  access::SessionService sessions_;
  org::OrgService org_;
  cadre::CadreService cadres_;
  decision::OverviewService overview_;
};

}  // namespace xr::app
