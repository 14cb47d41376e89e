#include "app/application.h"

#include <algorithm>

#include "access/access_permissions.h"
#include "access/access_schema.h"
#include "access/credentials.h"
#include "access/role_schema.h"
#include "audit/audit_permissions.h"
#include "audit/audit_schema.h"
#include "cadre/cadre_permissions.h"
#include "cadre/cadre_schema.h"
#include "cadre/common_bigrams.h"
#include "cadre/dictionary_permissions.h"
#include "cadre/dictionary_schema.h"
#include "cadre/rmb_text.h"
#include "cadre/search_keys.h"
#include "cadre/text_index.h"
#include "crypto/crypto_schema.h"
#include "crypto/master_key.h"
#include "http/routes/audit_routes.h"
#include "http/routes/cadre_routes.h"
#include "http/routes/dictionary_routes.h"
#include "http/routes/dossier_routes.h"
#include "http/routes/excel_routes.h"
#include "http/routes/job_routes.h"
#include "http/routes/lrmx_routes.h"
#include "http/routes/org_routes.h"
#include "http/routes/overview_routes.h"
#include "http/routes/print_routes.h"
#include "http/routes/query_routes.h"
#include "http/routes/session_routes.h"
#include "http/routes/statistics_routes.h"
#include "http/routes/system_routes.h"
#include "http/routes/user_routes.h"
#include "interchange/lrmx_service.h"
#include "jobs/job_schema.h"
#include "org/org_permissions.h"
#include "org/org_repository.h"
#include "org/org_schema.h"
#include "search/search_schema.h"
#include "statistics/statistics_permissions.h"
#include "statistics/structure_schema.h"

namespace xr::app {

std::vector<store::Migration> AllMigrations() {
  return store::InVersionOrder(
      {cadre::TextIndexMigrations(), cadre::CommonBigramMigrations(), search::Migrations(),
       access::Migrations(), access::RoleMigrations(), org::Migrations(), cadre::Migrations(),
       cadre::DictionaryMigrations(), cadre::KeptTextMigrations(), audit::Migrations(),
       crypto::Migrations(), jobs::Migrations(), statistics::Migrations(),
       interchange::ExcelMigrations(), interchange::LrmxMigrations()});
}

std::vector<std::string_view> AllPermissions() {
  std::vector<std::string_view> all;
  auto add = [&](const auto& list) {
    for (const access::Permission& p : list) all.push_back(p.name);
  };
  add(access::kAccessPermissions);
  add(org::kOrgPermissions);
  add(cadre::kCadrePermissions);
  add(cadre::kDictionaryPermissions);
  add(audit::kAuditPermissions);
  add(statistics::kStatisticsPermissions);
  return all;
}

access::Actor CliOperator() {
  const std::vector<std::string_view> permissions = AllPermissions();
  return access::CliOperator(std::vector<std::string>(permissions.begin(), permissions.end()));
}

namespace {

base::Result<bool> UnitExists(store::Transaction& tx, std::string_view code) {
  auto unit = org::OrgRepository(tx).FindUnitByCode(code);
  if (unit.ok()) return true;
  if (unit.status().code() == base::StatusCode::kNotFound) return false;
  return unit.status();
}

}  // namespace

Application::Application(store::Database& db, const base::Clock& clock,
                         access::SessionPolicy session_policy)
    : db_(db),
      clock_(clock),
      audit_log_(audit::KeyFilePath(), clock),
      keyring_(),
      users_(db, clock, keyring_, audit_log_),
      roles_(db, clock, audit_log_, AllPermissions(), UnitExists),
      sessions_(db, clock, keyring_, std::move(session_policy), &audit_log_),
      org_(db, clock, audit_log_),
      cadres_(db, clock, audit_log_, &keyring_),
      dossiers_(db, clock, audit_log_, keyring_),
      dictionaries_(db, audit_log_),
      overview_(db),
      audit_(db, audit_log_),
      excel_export_(db, clock, audit_log_, keyring_),
      excel_import_(db, clock, audit_log_, keyring_, dossiers_),
      print_(db, clock, audit_log_, keyring_),
      queries_(db, clock, audit_log_, &keyring_),
      structure_(db, clock, audit_log_),
      jobs_(db, clock, audit_log_, kJobWorkers) {}

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

base::Result<std::int64_t> Application::CompleteStoredData() {
  ASSIGN_OR_RETURN(std::int64_t sealed,
                   access::SealPlaintextTotpSecrets(
                       db_, keyring_, [&](store::Transaction& tx, std::int64_t count) {
                         return audit_log_.Write(tx, CliOperator(), "keys.seal", "users",
                                                 "totp_secret",
                                                 {{"values", std::to_string(count)}});
                       }));
  // Search keys of cadres stored before they existed (cadre/search_keys.h): derived from the
  // record, so no entry of their own beyond the count.
  RETURN_IF_ERROR(db_.Transact(store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Status {
    ASSIGN_OR_RETURN(std::int64_t filled, cadre::BackfillSearchKeys(tx, keyring_));
    if (filled == 0) return base::Status::Ok();
    return audit_log_.Write(tx, CliOperator(), "cadre.search_keys", "database", "cadres",
                            {{"values", std::to_string(filled)}});
  }));
  // The compound query's full-text index and relative links (cadre/text_index.h) of cadres
  // stored before those tables existed: derived too, so the count is the entry.
  RETURN_IF_ERROR(db_.Transact(store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Status {
    ASSIGN_OR_RETURN(std::int64_t indexed, cadre::BackfillDossierIndex(tx, keyring_));
    if (indexed == 0) return base::Status::Ok();
    return audit_log_.Write(tx, CliOperator(), "cadre.text_index", "database", "cadres",
                            {{"values", std::to_string(indexed)}});
  }));
  // Full text's common bigrams, once, for a database that has grown large without them.
  ASSIGN_OR_RETURN(const bool due,
                   db_.TransactValue<bool>(store::TxMode::kRead, [](store::Transaction& tx) {
                     return cadre::CommonBigramsDue(tx);
                   }));
  if (due) RETURN_IF_ERROR(ChooseCommonBigrams().status());
  return sealed;
}

base::Result<cadre::CommonBigramChoice> Application::ChooseCommonBigrams() {
  return db_.TransactValue<cadre::CommonBigramChoice>(
      store::TxMode::kWrite,
      [&](store::Transaction& tx) -> base::Result<cadre::CommonBigramChoice> {
        ASSIGN_OR_RETURN(cadre::CommonBigramChoice choice, cadre::ChooseCommonBigrams(tx));
        RETURN_IF_ERROR(audit_log_.Write(tx, CliOperator(), "cadre.common_bigrams", "database",
                                         "cadres",
                                         {{"bigrams", std::to_string(choice.chosen.size())},
                                          {"masks", std::to_string(choice.masks_changed)}}));
        return choice;
      });
}

void Application::AddRoutes(http::Router& router) {
  http::AddSystemRoutes(router, http::CompiledVersionInfo());
  http::AddSessionRoutes(router, sessions_);
  http::AddOverviewRoutes(router, sessions_, overview_);
  http::AddOrgRoutes(router, sessions_, org_);
  http::AddCadreRoutes(router, sessions_, cadres_);
  http::AddDossierRoutes(router, sessions_, dossiers_, clock_);
  http::AddPrintRoutes(router, sessions_, print_, jobs_, clock_);
  http::AddDictionaryRoutes(router, sessions_, dictionaries_);
  http::AddAuditRoutes(router, sessions_, audit_);
  http::AddUserRoutes(router, sessions_, users_, roles_);
  http::AddJobRoutes(router, sessions_, jobs_);
  http::AddStatisticsRoutes(router, sessions_, structure_);
  http::AddExcelRoutes(router, sessions_, excel_export_, excel_import_, jobs_);
  http::AddLrmxRoutes(router, sessions_, jobs_, db_, clock_, audit_log_, keyring_);
  http::AddQueryRoutes(router, sessions_, queries_);
}

}  // namespace xr::app
