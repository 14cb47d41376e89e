#pragma once
// Fresh, empty databases on both engines for repository and service tests (ARCHITECTURE.md §8).
//
//   class CadreRepositoryTest : public xr::testing::DatabaseTest {};
//
//   TEST_P(CadreRepositoryTest, Saves) {
//     ASSERT_TRUE(store::Migrate(db(), cadre::Migrations(), clock).ok());
//     …db().Transact(…)…
//   }
//   INSTANTIATE_TEST_SUITE_P(Engines, CadreRepositoryTest,
//                            ::testing::ValuesIn(xr::testing::AllEngines()),
//                            xr::testing::EngineName);
//
// Test names read `Engines/CadreRepositoryTest.Saves/sqlite` and `…/postgres`.
// SQLite: a new file in a new temporary directory. PostgreSQL: a new database (CREATE DATABASE
// with a unique name) on the server whose URL is in the file named by the environment variable
// XUANREN_TEST_PG_URL_FILE — ctest sets it and starts the server (tests/testing/pg_server). Both
// are deleted when the Database is destroyed. Without that variable, or when the server cannot be
// reached, PostgreSQL tests FAIL with an explanation; set XUANREN_TEST_SQLITE_ONLY=1 to run on
// SQLite alone (AllEngines() then returns only kSqlite).

#include <gtest/gtest.h>

#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "store/database.h"

// Fails the test with the status's message unless `expr` (a Status or a Result) is ok.
#define ASSERT_OK(expr)                                                    \
  do {                                                                     \
    auto&& xr_v = (expr);                                                  \
    const ::xr::base::Status& xr_s = ::xr::base::internal::AsStatus(xr_v); \
    ASSERT_TRUE(xr_s.ok()) << xr_s.ToString();                             \
  } while (false)

namespace xr::testing {

enum class Engine { kSqlite, kPostgres };

// kSqlite and kPostgres, or only kSqlite when XUANREN_TEST_SQLITE_ONLY=1.
std::vector<Engine> AllEngines();

// "sqlite" / "postgres": the name printer for INSTANTIATE_TEST_SUITE_P.
std::string EngineName(const ::testing::TestParamInfo<Engine>& info);
std::string EngineString(Engine engine);  // the same name for an Engine value
void PrintTo(Engine engine, std::ostream* os);

// A new empty database; destroying it closes it and deletes its file / PostgreSQL database.
// Unavailable (with how to fix it) when PostgreSQL is not configured or not reachable.
base::Result<std::unique_ptr<store::Database>> CreateTestDatabase(
    Engine engine, const store::OpenOptions& options = {});

// Another independent handle (own connection pool) on the database behind `test_db`, which must
// come from CreateTestDatabase and outlive the new handle. For tests of two processes sharing
// one database (concurrent migration runners, a second server).
base::Result<std::unique_ptr<store::Database>> OpenAnotherHandle(
    const store::Database& test_db, const store::OpenOptions& options = {});

// Parameterised fixture: each test gets a fresh empty database for GetParam() in db().
// A subclass overriding SetUp must call DatabaseTest::SetUp() first and return when
// HasFatalFailure().
class DatabaseTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override;
  void TearDown() override { database_.reset(); }

  store::Database& db() { return *database_; }
  Engine engine() const { return GetParam(); }
  // The single integer `sql` selects (-1, and a test failure, on error).
  std::int64_t Count(const std::string& sql);
  // Runs a script (DDL, set-up rows) in one write transaction: `sqlite` or `postgres` as the
  // engine needs, or the same text for both.
  base::Status Script(std::string_view sqlite, std::string_view postgres);
  base::Status Script(std::string_view both) { return Script(both, both); }
  // The details of the full-process record's entries with `action`, oldest first (audit_entries
  // exists once the audit migrations ran).
  std::vector<std::string> AuditDetails(std::string_view action);
  // Options used to open db(); change them in a subclass constructor.
  store::OpenOptions options_;
  std::unique_ptr<store::Database> database_;
};

}  // namespace xr::testing
