// The sealed-column registry (crypto/sealed_columns.h) against the whole schema: what rotation
// walks must exist, and a new "*_sealed" column cannot be forgotten.
#include "crypto/sealed_columns.h"

#include <gtest/gtest.h>

#include <set>

#include "app/application.h"
#include "base/clock.h"
#include "store/migrate.h"
#include "testing/test_database.h"

namespace xr::crypto {
namespace {

class SealedColumnsTest : public xr::testing::DatabaseTest {};

TEST_P(SealedColumnsTest, EveryListedColumnExistsAndEverySealedColumnIsListed) {
  base::FakeClock clock(*base::Timestamp::Parse("2026-11-27T09:00:00Z"));
  ASSERT_TRUE(store::Migrate(db(), app::AllMigrations(), clock).ok());
  const std::string sql =
      db().dialect() == store::Dialect::kSqlite
          ? "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p "
            "WHERE m.type = 'table'"
          : "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema()";
  auto rows = db().TransactValue<store::Rows>(
      store::TxMode::kRead, [&](store::Transaction& tx) { return tx.Query(sql); });
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  std::set<std::string> columns;
  for (const store::Row& row : *rows) columns.insert(row.Text(0) + "." + row.Text(1));
  ASSERT_TRUE(columns.contains("users.id"));

  std::set<std::string> listed;
  for (const SealedColumn& c : kSealedColumns) {
    const std::string name = std::string(c.table) + "." + std::string(c.column);
    EXPECT_TRUE(listed.insert(name).second) << name << " is listed twice";
    EXPECT_TRUE(columns.contains(name)) << name << " is listed but not in the schema";
    EXPECT_TRUE(columns.contains(std::string(c.table) + ".id")) << c.table << " has no id";
  }
  for (const std::string& name : columns) {
    if (name.ends_with("_sealed")) {
      EXPECT_TRUE(listed.contains(name))
          << name << " holds sealed text but is not in crypto/sealed_columns.h: data-key "
          << "rotation would leave its values under the old key";
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, SealedColumnsTest, ::testing::ValuesIn(xr::testing::AllEngines()),
                         xr::testing::EngineName);

}  // namespace
}  // namespace xr::crypto
