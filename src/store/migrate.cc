#include "store/migrate.h"

#include <algorithm>
#include <set>
#include <string>

namespace xr::store {
namespace {

using base::Result;
using base::Status;

// Serialises concurrent runners on PostgreSQL (SQLite's BEGIN IMMEDIATE already does).
constexpr std::int64_t kMigrationLockKey = 0x78726d6967;  // "xrmig"

Status LockForMigration(Transaction& tx) {
  if (tx.dialect() != Dialect::kPostgres) return Status::Ok();
  return tx.Query("SELECT pg_advisory_xact_lock(CAST(? AS BIGINT))", {kMigrationLockKey}).status();
}

Result<bool> TableExists(Transaction& tx) {
  const char* sql =
      tx.dialect() == Dialect::kSqlite
          ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
          : "SELECT COUNT(*) FROM pg_catalog.pg_tables "
            "WHERE schemaname = current_schema() AND tablename = 'schema_migrations'";
  ASSIGN_OR_RETURN(std::int64_t n, tx.QueryInt(sql));
  return n > 0;
}

Result<std::vector<std::int64_t>> ReadVersions(Transaction& tx) {
  std::vector<std::int64_t> versions;
  ASSIGN_OR_RETURN(bool exists, TableExists(tx));
  if (!exists) return versions;
  ASSIGN_OR_RETURN(Rows rows, tx.Query("SELECT version FROM schema_migrations ORDER BY version"));
  for (const Row& row : rows) versions.push_back(row.Int(0));
  return versions;
}

Status CheckList(const std::vector<Migration>& migrations) {
  for (size_t i = 0; i < migrations.size(); ++i) {
    if (migrations[i].version <= 0) {
      return base::FailedPrecondition("migration \"" + migrations[i].name + "\" has version " +
                                      std::to_string(migrations[i].version) +
                                      "; versions must be positive");
    }
    if (i == 0) continue;
    const Migration& prev = migrations[i - 1];
    if (migrations[i].version == prev.version) {
      return base::FailedPrecondition("migration version " + std::to_string(prev.version) +
                                      " is used twice (\"" + prev.name + "\" and \"" +
                                      migrations[i].name + "\"); give each step its own version");
    }
    if (migrations[i].version < prev.version) {
      return base::FailedPrecondition(
          "migration versions must increase: " + std::to_string(migrations[i].version) + " (\"" +
          migrations[i].name + "\") comes after " + std::to_string(prev.version));
    }
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<std::int64_t>> AppliedVersions(Database& db) {
  return db.TransactValue<std::vector<std::int64_t>>(TxMode::kRead, ReadVersions);
}

Result<MigrationReport> Migrate(Database& db, const std::vector<Migration>& migrations,
                                const base::Clock& clock) {
  RETURN_IF_ERROR(CheckList(migrations));
  ASSIGN_OR_RETURN(std::vector<std::int64_t> recorded, AppliedVersions(db));

  std::set<std::int64_t> known;
  for (const Migration& m : migrations) known.insert(m.version);
  std::vector<std::int64_t> unknown;
  for (std::int64_t v : recorded) {
    if (!known.contains(v)) unknown.push_back(v);
  }
  if (!unknown.empty()) {
    std::string list;
    for (std::int64_t v : unknown) list += (list.empty() ? "" : ", ") + std::to_string(v);
    return base::FailedPrecondition(
        "the database records schema version(s) " + list +
        " that this program does not know: it was migrated by a newer version of xuanren; "
        "run that version (or restore a matching backup) instead");
  }

  RETURN_IF_ERROR(db.Transact(TxMode::kWrite, [](Transaction& tx) -> Status {
    RETURN_IF_ERROR(LockForMigration(tx));
    return tx.ExecuteScript(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
  }));

  MigrationReport report;
  std::set<std::int64_t> done(recorded.begin(), recorded.end());
  for (const Migration& m : migrations) {
    if (done.contains(m.version)) continue;
    bool applied_now = false;
    Status status = db.Transact(TxMode::kWrite, [&](Transaction& tx) -> Status {
      applied_now = false;
      RETURN_IF_ERROR(LockForMigration(tx));
      // Another runner may have applied it meanwhile. Claiming the version row before running
      // the script makes a concurrent PostgreSQL runner fail with a serialization error (and
      // retry, then skip) instead of running the DDL twice.
      ASSIGN_OR_RETURN(
          std::int64_t present,
          tx.QueryInt("SELECT COUNT(*) FROM schema_migrations WHERE version = ?", {m.version}));
      if (present > 0) return Status::Ok();
      RETURN_IF_ERROR(
          tx.Execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                     {m.version, m.name, clock.Now()}));
      const std::string& sql =
          tx.dialect() == Dialect::kPostgres && !m.postgres_sql.empty() ? m.postgres_sql : m.sql;
      Status script = tx.ExecuteScript(sql);
      if (!script.ok()) {
        return Status(script.code(), "migration " + std::to_string(m.version) + " (\"" + m.name +
                                         "\") failed: " + script.message());
      }
      applied_now = true;
      return Status::Ok();
    });
    RETURN_IF_ERROR(status);
    if (applied_now) report.applied.push_back(m.version);
  }
  if (!migrations.empty()) {
    report.current_version = migrations.back().version;
  } else if (!recorded.empty()) {
    report.current_version = recorded.back();
  }
  return report;
}

}  // namespace xr::store
