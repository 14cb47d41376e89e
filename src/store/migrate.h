#pragma once
// Schema migrations. Each capability contributes an append-only list of numbered steps; the
// composition root (app/) concatenates them in a fixed order. Applied versions are recorded in
// `schema_migrations(version, name, applied_at)`.

#include <cstdint>
#include <string>
#include <vector>

#include "base/clock.h"
#include "store/database.h"

namespace xr::store {

struct Migration {
  std::int64_t version;      // unique across the whole program, increasing
  std::string name;          // e.g. "org: units and positions"
  std::string sql;           // SQL accepted by both engines
  std::string postgres_sql;  // used instead of `sql` on PostgreSQL when not empty
};

struct MigrationReport {
  std::vector<std::int64_t> applied;  // versions applied by this run, in order
  std::int64_t current_version = 0;
};

// Applies, in version order, every migration not yet recorded — each in its own transaction
// together with its schema_migrations row. Fails with FailedPrecondition, before changing
// anything, when the database records a version this program does not know (it was migrated by
// a newer binary) or when `migrations` has duplicate or non-increasing versions.
base::Result<MigrationReport> Migrate(Database& db, const std::vector<Migration>& migrations,
                                      const base::Clock& clock);

// Versions recorded in the database (empty for a new database).
base::Result<std::vector<std::int64_t>> AppliedVersions(Database& db);

}  // namespace xr::store
