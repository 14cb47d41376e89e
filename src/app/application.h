#pragma once
// The composition root: the one place that knows every capability. It lists the migrations in
// order, builds the services over one database and clock, and registers the HTTP routes.
// Adding a capability = one line in each of AllMigrations() and Application (ARCHITECTURE.md §2).

#include <vector>

#include "access/role_service.h"
#include "access/session_service.h"
#include "access/user_service.h"
#include "audit/audit_log.h"
#include "audit/audit_service.h"
#include "cadre/cadre_service.h"
#include "cadre/common_bigrams.h"
#include "cadre/dictionary_service.h"
#include "cadre/dossier_service.h"
#include "crypto/keyring.h"
#include "decision/overview_service.h"
#include "http/router.h"
#include "interchange/excel_export.h"
#include "interchange/excel_import.h"
#include "jobs/job_service.h"
#include "org/org_service.h"
#include "print/print_service.h"
#include "search/cadre_query_service.h"
#include "statistics/structure_service.h"
#include "store/migrate.h"

namespace xr::app {

// Every capability's schema steps, sorted by version.
std::vector<store::Migration> AllMigrations();

// Every permission any capability defines (what roles may grant).
std::vector<std::string_view> AllPermissions();

// The console operator of `xuanren …` commands, holding every permission.
access::Actor CliOperator();

class Application {
 public:
  // `session_policy`: sign-in and session limits (xuanren serve flags); the defaults otherwise.
  Application(store::Database& db, const base::Clock& clock,
              access::SessionPolicy session_policy = {});

  // FailedPrecondition "数据库结构不是最新…" when migrations are pending or unknown.
  base::Status CheckSchemaIsCurrent();
  // Brings data written by older versions up to what this one keeps, each step recorded when it
  // did anything: seals TOTP secrets stored in plaintext (`keys.seal`; returns how many), fills
  // the search keys and the full-text index of cadres stored before them, and chooses the common
  // bigrams when cadre::CommonBigramsDue. Run by migrate and serve.
  base::Result<std::int64_t> CompleteStoredData();
  // Chooses full text's common bigrams again (cadre::ChooseCommonBigrams), with a
  // `cadre.common_bigrams` entry: `xuanren maintain fulltext`.
  base::Result<cadre::CommonBigramChoice> ChooseCommonBigrams();
  // The cipher of data keys created from now on (`--field-cipher`, XUANREN_FIELD_CIPHER).
  void SetFieldCipher(crypto::Cipher cipher) { keyring_.set_new_key_cipher(cipher); }
  void AddRoutes(http::Router& router);

  store::Database& db() { return db_; }
  const base::Clock& clock() const { return clock_; }
  access::UserService& users() { return users_; }
  access::RoleService& roles() { return roles_; }
  access::SessionService& sessions() { return sessions_; }
  org::OrgService& org() { return org_; }
  cadre::CadreService& cadres() { return cadres_; }
  cadre::DossierService& dossiers() { return dossiers_; }
  cadre::DictionaryService& dictionaries() { return dictionaries_; }
  decision::OverviewService& overview() { return overview_; }
  audit::AuditLog& audit_log() { return audit_log_; }
  const crypto::Keyring& keyring() const { return keyring_; }
  audit::AuditService& audit() { return audit_; }
  // Background jobs: long work started from the browser (jobs/job_service.h).
  jobs::JobService& jobs() { return jobs_; }
  // 班子结构分析 (statistics/structure_service.h).
  statistics::StructureService& statistics() { return structure_; }
  print::PrintService& print() { return print_; }
  interchange::ExcelExport& excel_export() { return excel_export_; }
  interchange::ExcelImport& excel_import() { return excel_import_; }
  search::CadreQueryService& queries() { return queries_; }

 private:
  store::Database& db_;
  const base::Clock& clock_;
  // Built before the services so they can take it; keys come from audit::KeyFilePath()
  // (XUANREN_AUDIT_KEY_FILE or data/audit.key), loaded on first append.
  audit::AuditLog audit_log_;
  // The master key of encryption at rest: XUANREN_MASTER_KEY, else crypto::MasterKeyFilePath()
  // (XUANREN_MASTER_KEY_FILE or data/master.key), read — or created 0600 — on first use.
  crypto::Keyring keyring_;
  access::UserService users_;
  access::RoleService roles_;
  access::SessionService sessions_;
  org::OrgService org_;
  cadre::CadreService cadres_;
  cadre::DossierService dossiers_;
  cadre::DictionaryService dictionaries_;
  decision::OverviewService overview_;
  audit::AuditService audit_;
  interchange::ExcelExport excel_export_;
  interchange::ExcelImport excel_import_;
  print::PrintService print_;
  search::CadreQueryService queries_;
  statistics::StructureService structure_;
  // Jobs run at once; the rest wait queued. Two: the machine has two cores, and a long export
  // should not keep an import waiting.
  static constexpr int kJobWorkers = 2;
  // Declared last, so destroyed first: its destructor stops the jobs, whose bodies use the
  // services above.
  jobs::JobService jobs_;
};

}  // namespace xr::app
