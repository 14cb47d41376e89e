// store::Migrate on both engines.

#include "store/migrate.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "testing/test_database.h"

namespace xr::store {
namespace {

using base::Status;
using base::StatusCode;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using xr::testing::DatabaseTest;

class MigrateTest : public DatabaseTest {
 protected:
  base::FakeClock clock_{base::Timestamp::FromUnixMicros(1795000000000000)};

  std::vector<Migration> Steps() {
    return {
        {1, "org: units", "CREATE TABLE units (id INTEGER PRIMARY KEY, name TEXT NOT NULL)", ""},
        {2, "org: positions",
         "CREATE TABLE positions (id INTEGER PRIMARY KEY, unit_id INTEGER REFERENCES units(id));"
         "CREATE INDEX positions_unit ON positions (unit_id)",
         ""},
        {5, "cadre: cadres", "CREATE TABLE cadres (id INTEGER PRIMARY KEY, name TEXT)", ""},
    };
  }

  bool TableExists(const std::string& name) {
    auto n = db().TransactValue<std::int64_t>(TxMode::kRead, [&](Transaction& tx) {
      return tx.QueryInt(tx.dialect() == Dialect::kSqlite
                             ? "SELECT COUNT(*) FROM sqlite_master WHERE name = ?"
                             : "SELECT COUNT(*) FROM pg_catalog.pg_tables WHERE tablename = ?",
                         {name});
    });
    EXPECT_TRUE(n.ok()) << n.status().ToString();
    return n.ok() && *n > 0;
  }

  std::vector<std::int64_t> Versions() {
    auto v = AppliedVersions(db());
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return v.ok() ? *v : std::vector<std::int64_t>{-1};
  }
};

TEST_P(MigrateTest, FreshDatabaseGetsEveryStep) {
  EXPECT_THAT(Versions(), IsEmpty());
  auto report = Migrate(db(), Steps(), clock_);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_THAT(report->applied, ElementsAre(1, 2, 5));
  EXPECT_EQ(report->current_version, 5);
  EXPECT_THAT(Versions(), ElementsAre(1, 2, 5));
  EXPECT_TRUE(TableExists("units"));
  EXPECT_TRUE(TableExists("positions"));
  EXPECT_TRUE(TableExists("cadres"));
  auto row = db().TransactValue<Row>(TxMode::kRead, [](Transaction& tx) {
    return tx.QueryOne("SELECT name, applied_at FROM schema_migrations WHERE version = 2", {},
                       "missing");
  });
  ASSERT_TRUE(row.ok());
  EXPECT_EQ(row->Text(0), "org: positions");
  EXPECT_EQ(row->Text(1), clock_.Now().ToRfc3339());
}

TEST_P(MigrateTest, RerunIsANoOpAndNewStepsAreAdded) {
  auto steps = Steps();
  ASSERT_TRUE(Migrate(db(), steps, clock_).ok());
  auto again = Migrate(db(), steps, clock_);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_THAT(again->applied, IsEmpty());
  EXPECT_EQ(again->current_version, 5);

  steps.push_back({7, "cadre: resumes", "CREATE TABLE resumes (id INTEGER PRIMARY KEY)", ""});
  auto more = Migrate(db(), steps, clock_);
  ASSERT_TRUE(more.ok()) << more.status().ToString();
  EXPECT_THAT(more->applied, ElementsAre(7));
  EXPECT_THAT(Versions(), ElementsAre(1, 2, 5, 7));
}

TEST_P(MigrateTest, UnknownRecordedVersionIsRefusedWithoutChange) {
  auto steps = Steps();
  ASSERT_TRUE(Migrate(db(), steps, clock_).ok());
  // An older binary: knows 1 and 2, plus a step the database never saw.
  std::vector<Migration> older = {
      steps[0], steps[1], {3, "new table", "CREATE TABLE newer (x INTEGER)", ""}};
  auto report = Migrate(db(), older, clock_);
  EXPECT_EQ(report.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(report.status().message(), ::testing::HasSubstr("5"));
  EXPECT_THAT(Versions(), ElementsAre(1, 2, 5));
  EXPECT_FALSE(TableExists("newer"));
}

TEST_P(MigrateTest, DuplicateOrDecreasingVersionsAreRefusedBeforeAnyChange) {
  std::vector<Migration> duplicate = {{1, "a", "CREATE TABLE a (x INTEGER)", ""},
                                      {1, "b", "CREATE TABLE b (x INTEGER)", ""}};
  auto report = Migrate(db(), duplicate, clock_);
  EXPECT_EQ(report.status().code(), StatusCode::kFailedPrecondition);
  std::vector<Migration> decreasing = {{2, "a", "CREATE TABLE a (x INTEGER)", ""},
                                       {1, "b", "CREATE TABLE b (x INTEGER)", ""}};
  report = Migrate(db(), decreasing, clock_);
  EXPECT_EQ(report.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_FALSE(TableExists("a"));
  EXPECT_FALSE(TableExists("schema_migrations"));
}

TEST_P(MigrateTest, FailingStepRollsBackOnlyItself) {
  std::vector<Migration> steps = {
      {1, "good", "CREATE TABLE good (x INTEGER)", ""},
      {2, "bad", "CREATE TABLE half (x INTEGER); CREATE TABLE broken (x INTEGER REFERENCES", ""},
      {3, "after", "CREATE TABLE after_bad (x INTEGER)", ""},
  };
  auto report = Migrate(db(), steps, clock_);
  EXPECT_EQ(report.status().code(), StatusCode::kInvalidArgument) << report.status().ToString();
  EXPECT_THAT(report.status().message(), ::testing::HasSubstr("\"bad\""));
  EXPECT_THAT(Versions(), ElementsAre(1));
  EXPECT_TRUE(TableExists("good"));
  EXPECT_FALSE(TableExists("half"));
  EXPECT_FALSE(TableExists("after_bad"));
}

TEST_P(MigrateTest, PostgresVariantIsUsedOnPostgres) {
  std::vector<Migration> steps = {
      {1, "dialect", "CREATE TABLE dialect (name TEXT DEFAULT 'sqlite', x INTEGER)",
       "CREATE TABLE dialect (name TEXT DEFAULT 'postgres', x INTEGER)"},
  };
  ASSERT_TRUE(Migrate(db(), steps, clock_).ok());
  auto name = db().TransactValue<std::string>(
      TxMode::kWrite, [](Transaction& tx) -> base::Result<std::string> {
        RETURN_IF_ERROR(tx.Execute("INSERT INTO dialect (x) VALUES (1)"));
        ASSIGN_OR_RETURN(Row r, tx.QueryOne("SELECT name FROM dialect", {}, "missing"));
        return r.Text(0);
      });
  ASSERT_TRUE(name.ok()) << name.status().ToString();
  EXPECT_EQ(*name, xr::testing::EngineString(engine()));
}

TEST_P(MigrateTest, DialectWordsGiveIdentityKeysAndBytewiseText) {
  std::vector<Migration> steps = {
      {1, "words", "CREATE TABLE words (id {{IDENTITY}}, path TEXT {{BYTEWISE}} NOT NULL)", ""},
  };
  ASSERT_TRUE(Migrate(db(), steps, clock_).ok());
  auto rows = db().TransactValue<Rows>(TxMode::kWrite, [](Transaction& tx) -> base::Result<Rows> {
    for (const char* path : {"/1/2/", "/1/12/", "b", "B", "a"}) {
      RETURN_IF_ERROR(tx.Execute("INSERT INTO words (path) VALUES (?)", {path}));
    }
    return tx.Query("SELECT id, path FROM words ORDER BY path");
  });
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  std::vector<std::string> order;
  for (const Row& row : *rows) order.push_back(row.Text(1));
  // Byte order on both engines, whatever the server's locale: '1' < '2', 'B' < 'a'.
  EXPECT_THAT(order, ElementsAre("/1/12/", "/1/2/", "B", "a", "b"));
  EXPECT_EQ((*rows)[0].Int(0), 2);  // ids were assigned in insertion order
  EXPECT_EQ(ExpandDialectWords("x {{BYTEWISE}} {{BYTEWISE}}", Dialect::kPostgres),
            "x COLLATE \"C\" COLLATE \"C\"");
  EXPECT_EQ(ExpandDialectWords("id {{IDENTITY}}", Dialect::kSqlite), "id INTEGER PRIMARY KEY");
}

TEST_P(MigrateTest, ConcurrentRunnersApplyEachStepOnce) {
  std::vector<Migration> steps;
  for (int v = 1; v <= 8; ++v) {
    steps.push_back({v, "step " + std::to_string(v),
                     "CREATE TABLE t" + std::to_string(v) + " (x INTEGER)", ""});
  }
  OpenOptions options{.max_attempts = 50};
  auto other = xr::testing::OpenAnotherHandle(db(), options);
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  auto third = xr::testing::OpenAnotherHandle(db(), options);
  ASSERT_TRUE(third.ok()) << third.status().ToString();
  base::Result<MigrationReport> r1 = base::Internal("not run"), r2 = r1, r3 = r1;
  std::thread a([&] { r1 = Migrate(db(), steps, clock_); });
  std::thread b([&] { r2 = Migrate(**other, steps, clock_); });
  std::thread c([&] { r3 = Migrate(**third, steps, clock_); });
  a.join();
  b.join();
  c.join();
  ASSERT_TRUE(r1.ok()) << r1.status().ToString();
  ASSERT_TRUE(r2.ok()) << r2.status().ToString();
  ASSERT_TRUE(r3.ok()) << r3.status().ToString();
  std::vector<std::int64_t> all = r1->applied;
  all.insert(all.end(), r2->applied.begin(), r2->applied.end());
  all.insert(all.end(), r3->applied.begin(), r3->applied.end());
  std::sort(all.begin(), all.end());
  EXPECT_THAT(all, ElementsAre(1, 2, 3, 4, 5, 6, 7, 8));
  EXPECT_THAT(Versions(), ElementsAre(1, 2, 3, 4, 5, 6, 7, 8));
  (*other)->Close();
  (*third)->Close();
}

INSTANTIATE_TEST_SUITE_P(Engines, MigrateTest, ::testing::ValuesIn(xr::testing::AllEngines()),
                         xr::testing::EngineName);

}  // namespace
}  // namespace xr::store
