#include "testing/access_fixtures.h"

#include "access/access_schema.h"
#include "access/role_repository.h"
#include "access/role_schema.h"
#include "audit/audit_schema.h"
#include "cadre/cadre_schema.h"
#include "cadre/common_bigrams.h"
#include "cadre/dictionary_schema.h"
#include "cadre/rmb_text.h"
#include "cadre/text_index.h"
#include "crypto/crypto_schema.h"
#include "crypto/keyring.h"
#include "org/org_schema.h"
#include "store/migrate.h"

namespace xr::testing {

const crypto::Keyring& TestKeyring() {
  static const crypto::Keyring keyring(crypto::RandomKey());
  return keyring;
}

base::Status SetUpAccess(store::Database& db, const base::Clock& clock) {
  RETURN_IF_ERROR(store::Migrate(
      db,
      store::InVersionOrder({access::Migrations(), access::RoleMigrations(), org::Migrations(),
                             cadre::Migrations(), cadre::TextIndexMigrations(),
                             cadre::CommonBigramMigrations(), cadre::DictionaryMigrations(),
                             cadre::KeptTextMigrations(), audit::Migrations(),
                             crypto::Migrations()}),
      clock));
  return db.Transact(store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Status {
    access::RoleRepository roles(tx);
    const access::ScopeRule all{access::ScopeRule::Kind::kAll, {}};
    RETURN_IF_ERROR(
        roles.Insert({"cadre_officer",
                      "干部工作人员",
                      {"cadre.read", "cadre.write", "cadre.export", "org.read", "org.write"},
                      all,
                      access::Clearance::kConfidential,
                      false,
                      false},
                     clock.Now()));
    return roles.Insert({"leader",
                         "领导",
                         {"cadre.read", "org.read"},
                         all,
                         access::Clearance::kSecret,
                         false,
                         false},
                        clock.Now());
  });
}

access::Actor MakeActor(std::string username, std::vector<std::string> permissions,
                        std::vector<access::ScopeRule> scopes, access::Clearance clearance) {
  access::Actor actor;
  actor.user_id = access::UserId(1000);
  actor.username = std::move(username);
  actor.display_name = actor.username;
  actor.permissions = std::move(permissions);
  actor.scopes = std::move(scopes);
  actor.clearance = clearance;
  actor.address = "127.0.0.1";
  return actor;
}

std::unique_ptr<audit::AuditLog> MakeAuditLog(const base::Clock& clock) {
  return std::make_unique<audit::AuditLog>(audit::AuditKeys::Generate(), clock);
}

std::vector<std::string> RecordedObjects(store::Database& db, std::string_view action) {
  auto rows = db.TransactValue<store::Rows>(store::TxMode::kRead, [&](store::Transaction& tx) {
    return tx.Query(
        "SELECT object_type, object_id FROM audit_entries WHERE action = ? ORDER BY idx", {action});
  });
  std::vector<std::string> out;
  if (rows.ok()) {
    for (const store::Row& row : *rows) out.push_back(row.Text(0) + ":" + row.Text(1));
  }
  return out;
}

access::Actor Operator() { return access::CliOperator({"user.manage", "role.manage"}); }

}  // namespace xr::testing
