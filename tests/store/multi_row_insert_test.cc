// store::MultiRowInsert on both engines: how rows are split into statements, empty input,
// values as they come back, the suffix, bad rows and failing statements.

#include "store/multi_row_insert.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "testing/test_database.h"

namespace xr::store {
namespace {

using base::Status;
using base::StatusCode;
using xr::testing::DatabaseTest;

class MultiRowInsertTest : public DatabaseTest {
 protected:
  // Statements run so far (each one either prepared or served from a connection's cache).
  std::int64_t Statements() {
    const Database::Stats s = db().stats();
    return s.statements_prepared + s.statement_cache_hits;
  }
};

std::string Columns(std::size_t width) {
  std::string columns;
  for (std::size_t c = 0; c < width; ++c) columns += (c ? ", c" : "c") + std::to_string(c);
  return columns;
}

struct SplitCase {
  std::string name;
  std::size_t width;
  std::size_t rows;
  std::size_t max_rows;
  std::vector<std::size_t> statements;  // the row count of each statement, in order
};

TEST_P(MultiRowInsertTest, SplitsRowsByTheRowAndParameterLimits) {
  const std::vector<SplitCase> cases = {
      {"no rows", 3, 0, 500, {}},
      {"one row", 3, 1, 500, {1}},
      {"exactly the row limit", 3, 500, 500, {500}},
      {"one over the row limit", 3, 501, 500, {500, 1}},
      {"two full statements and the rest", 4, 1200, 500, {500, 500, 200}},
      {"a lower row limit", 2, 450, 200, {200, 200, 50}},
      // 100 columns: 32,766 / 100 = 327 rows reach the parameter limit before the row limit.
      {"exactly the parameter limit", 100, 327, 500, {327}},
      {"over the parameter limit", 100, 700, 500, {327, 327, 46}},
  };
  for (std::size_t k = 0; k < cases.size(); ++k) {
    const SplitCase& c = cases[k];
    SCOPED_TRACE(c.name);
    const std::string table = "split_" + std::to_string(k);
    std::string ddl = "CREATE TABLE " + table + " (";
    for (std::size_t col = 0; col < c.width; ++col)
      ddl += (col ? ", c" : "c") + std::to_string(col) + " BIGINT NOT NULL";
    ddl += ")";
    ASSERT_TRUE(Script(ddl).ok());

    MultiRowInsert insert(table, Columns(c.width), {}, c.max_rows);
    ASSERT_EQ(insert.width(), c.width);
    // Counted inside the transaction: the drivers may count BEGIN and COMMIT as statements too.
    std::int64_t prepared = 0, statements = 0;
    const Status status = db().Transact(TxMode::kWrite, [&](Transaction& tx) {
      for (std::size_t r = 0; r < c.rows; ++r) {
        // Row r holds r in every column: only row r has c0 == r, so counting distinct values
        // checks that no row went missing or in twice.
        const std::vector<Value> row(c.width, Value(std::int64_t(r)));
        insert.Add(row);
      }
      EXPECT_EQ(insert.rows(), c.rows);
      prepared = -db().stats().statements_prepared;
      statements = -Statements();
      const Status written = insert.Write(tx);
      prepared += db().stats().statements_prepared;
      statements += Statements();
      return written;
    });
    ASSERT_TRUE(status.ok()) << status.ToString();
    EXPECT_EQ(insert.rows(), 0u) << "Write leaves the builder empty";
    EXPECT_EQ(statements, std::int64_t(c.statements.size()));
    // One SQL text per row count: a fresh table's statements are prepared once per distinct
    // count.
    const std::set<std::size_t> distinct(c.statements.begin(), c.statements.end());
    EXPECT_EQ(prepared, std::int64_t(distinct.size()));
    if (c.statements.size() > 1) {
      EXPECT_EQ(insert.rows_per_statement(), c.statements.front());
    }
    EXPECT_EQ(Count("SELECT COUNT(DISTINCT c0) FROM " + table), std::int64_t(c.rows));
    EXPECT_EQ(Count("SELECT COUNT(*) FROM " + table), std::int64_t(c.rows));
  }
}

TEST_P(MultiRowInsertTest, ValuesRoundTripAcrossStatements) {
  ASSERT_TRUE(Script("CREATE TABLE r (n INTEGER NOT NULL, t TEXT, x REAL, b BLOB)",
                     "CREATE TABLE r (n BIGINT NOT NULL, t TEXT, x DOUBLE PRECISION, b BYTEA)")
                  .ok());
  struct Expected {
    std::int64_t n;
    std::optional<std::string> t;
    std::optional<double> x;
    std::optional<std::vector<std::uint8_t>> b;
  };
  std::vector<Expected> expected;
  for (int i = 0; i < 1000; ++i) {
    Expected e;
    e.n = i == 0 ? std::numeric_limits<std::int64_t>::min()
                 : (i == 1 ? std::numeric_limits<std::int64_t>::max() : std::int64_t(i) * 7);
    if (i % 5 != 0) e.t = "第" + std::to_string(i) + "行 'quoted' \"and\" \\ ?";
    if (i % 3 != 0) e.x = i / 4.0;
    if (i % 4 != 0) e.b = std::vector<std::uint8_t>{0, std::uint8_t(i), 0xFF, '?'};
    expected.push_back(e);
  }
  MultiRowInsert insert("r", "n, t, x, b", {}, 300);  // 300 + 300 + 300 + 100 rows
  ASSERT_TRUE(db().Transact(TxMode::kWrite,
                            [&](Transaction& tx) {
                              for (const Expected& e : expected) {
                                Value b;
                                if (e.b) b = Blob{*e.b};
                                insert.Add({e.n, e.t, e.x, b});
                              }
                              return insert.Write(tx);
                            })
                  .ok());
  auto rows = db().TransactValue<Rows>(
      TxMode::kRead, [](Transaction& tx) { return tx.Query("SELECT n, t, x, b FROM r"); });
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), expected.size());
  std::map<std::int64_t, const Row*> by_n;
  for (const Row& row : *rows) by_n[row.Int(0)] = &row;
  for (const Expected& e : expected) {
    SCOPED_TRACE(e.n);
    ASSERT_TRUE(by_n.count(e.n));
    const Row& row = *by_n[e.n];
    EXPECT_EQ(row.OptionalText(1), e.t);
    if (e.x) {
      EXPECT_EQ(row.Real(2), *e.x);
    } else {
      EXPECT_TRUE(row.IsNull(2));
    }
    if (e.b) {
      EXPECT_EQ(row.Bytes(3).bytes, *e.b);
    } else {
      EXPECT_TRUE(row.IsNull(3));
    }
  }
}

TEST_P(MultiRowInsertTest, EmptyInputWritesNothing) {
  ASSERT_TRUE(Script("CREATE TABLE e (a BIGINT NOT NULL)").ok());
  MultiRowInsert insert("e", "a");
  std::int64_t statements = 0;
  ASSERT_TRUE(db().Transact(TxMode::kWrite,
                            [&](Transaction& tx) {
                              statements = -Statements();
                              const Status written = insert.Write(tx);
                              statements += Statements();
                              return written;
                            })
                  .ok());
  EXPECT_EQ(statements, 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM e"), 0);
}

TEST_P(MultiRowInsertTest, SuffixGoesOnEveryStatement) {
  ASSERT_TRUE(Script("CREATE TABLE s (a BIGINT PRIMARY KEY)").ok());
  // 30 rows, each value twice, in statements of 7: duplicates within and across statements.
  MultiRowInsert insert("s", "a", "ON CONFLICT DO NOTHING", 7);
  ASSERT_TRUE(db().Transact(TxMode::kWrite,
                            [&](Transaction& tx) {
                              for (int i = 0; i < 30; ++i) insert.Add({i / 2});
                              return insert.Write(tx);
                            })
                  .ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM s"), 15);
}

TEST_P(MultiRowInsertTest, ARowOfTheWrongWidthWritesNothing) {
  ASSERT_TRUE(Script("CREATE TABLE w (a BIGINT, b BIGINT)").ok());
  MultiRowInsert insert("w", "a, b");
  std::int64_t statements = 0;
  const Status status = db().Transact(TxMode::kWrite, [&](Transaction& tx) {
    insert.Add({1, 2});
    insert.Add({3});
    insert.Add({4, 5});
    statements = -Statements();
    const Status written = insert.Write(tx);
    statements += Statements();
    return written;
  });
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << status.ToString();
  EXPECT_EQ(statements, 0);
  EXPECT_EQ(insert.rows(), 0u);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM w"), 0);
}

TEST_P(MultiRowInsertTest, AFailingStatementFailsTheTransaction) {
  ASSERT_TRUE(Script("CREATE TABLE f (a BIGINT NOT NULL)").ok());
  MultiRowInsert insert("f", "a", {}, 10);
  const Status status = db().Transact(TxMode::kWrite, [&](Transaction& tx) {
    for (int i = 0; i < 25; ++i) insert.Add({i == 15 ? Value() : Value(i)});  // NULL in the 2nd
    return insert.Write(tx);
  });
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition) << status.ToString();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM f"), 0) << "the first statement's rows rolled back too";
}

INSTANTIATE_TEST_SUITE_P(Engines, MultiRowInsertTest,
                         ::testing::ValuesIn(xr::testing::AllEngines()), xr::testing::EngineName);

}  // namespace
}  // namespace xr::store
