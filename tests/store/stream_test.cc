// Transaction::ForEachRow and RowView on both engines: the same values as Query, in place; empty
// results, NULLs, blobs with zero bytes, many rows, an error part-way, stopping early, statements
// issued from inside the callback.

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "store/database.h"
#include "testing/test_database.h"

namespace xr::store {
namespace {

using base::Status;
using base::StatusCode;
using xr::testing::DatabaseTest;

// Rows 1..n in order, without a table: the same SQL on both engines.
std::string Numbers(int n) {
  return "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
         std::to_string(n) + ") SELECT i, 'row ' || CAST(i AS TEXT) FROM n";
}

struct ItemTag {};
using ItemId = base::Id<ItemTag>;

Blob Bytes(std::initializer_list<int> bytes) {
  Blob b;
  for (int x : bytes) b.bytes.push_back(static_cast<std::uint8_t>(x));
  return b;
}

class StreamTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_OK(
        Script("CREATE TABLE v (k BIGINT PRIMARY KEY, i BIGINT, r DOUBLE PRECISION, s TEXT, "
               "b BLOB)",
               "CREATE TABLE v (k BIGINT PRIMARY KEY, i BIGINT, r DOUBLE PRECISION, s TEXT, "
               "b BYTEA)"));
  }

  Status Insert(std::int64_t k, const Value& i, const Value& r, const Value& s, const Value& b) {
    return db().Transact(TxMode::kWrite, [&](Transaction& tx) {
      return tx.Execute("INSERT INTO v (k, i, r, s, b) VALUES (?, ?, ?, ?, ?)", {k, i, r, s, b})
          .status();
    });
  }

  // Every row of `sql` as ForEachRow delivers it (copied with ToRow) and as Query returns it.
  void Both(const std::string& sql, const Params& params, Rows* streamed, Rows* queried) {
    ASSERT_OK(db().Transact(TxMode::kRead, [&](Transaction& tx) -> Status {
      RETURN_IF_ERROR(tx.ForEachRow(sql, params, [&](const RowView& row) {
        streamed->push_back(row.ToRow());
        return Status::Ok();
      }));
      ASSIGN_OR_RETURN(*queried, tx.Query(sql, params));
      return Status::Ok();
    }));
  }
};

TEST_P(StreamTest, EmptyResultCallsNothing) {
  int calls = 0;
  ASSERT_OK(db().Transact(TxMode::kRead, [&](Transaction& tx) {
    return tx.ForEachRow("SELECT k, s FROM v WHERE k > ?", {0}, [&](const RowView&) {
      ++calls;
      return Status::Ok();
    });
  }));
  EXPECT_EQ(calls, 0);
}

TEST_P(StreamTest, ValuesAreThoseOfQuery) {
  Blob all;
  for (int i = 0; i < 256; ++i) all.bytes.push_back(static_cast<std::uint8_t>(i));
  struct Case {
    std::string name;
    Value i, r, s, b;
  };
  const std::vector<Case> cases = {
      {"all null", Value(), Value(), Value(), Value()},
      {"zeros and empties", Value(0), Value(0.0), Value(""), Value(Blob{})},
      {"extremes", Value(std::numeric_limits<std::int64_t>::min()), Value(-1.7976931348623157e308),
       Value("中共某某市委组织部 干部选拔任用 𠮷野家 🙂"),
       Value(Bytes({0, 1, 0, 255, 0}))},
      {"max", Value(std::numeric_limits<std::int64_t>::max()), Value(5e-324),
       Value("it's a \"?\" $1"), Value(all)},
      {"numbers in text", Value(-1), Value(2.5), Value("17"), Value(Bytes({0}))},
  };
  for (size_t k = 0; k < cases.size(); ++k) {
    const Case& c = cases[k];
    SCOPED_TRACE(c.name);
    ASSERT_OK(Insert(std::int64_t(k), c.i, c.r, c.s, c.b));
  }
  Rows streamed, queried;
  Both("SELECT k, i, r, s, b FROM v ORDER BY k", {}, &streamed, &queried);
  ASSERT_EQ(streamed.size(), cases.size());
  for (size_t k = 0; k < cases.size(); ++k) {
    SCOPED_TRACE(cases[k].name);
    for (size_t col = 0; col < 5; ++col) {
      EXPECT_EQ(streamed[k].at(col), queried[k].at(col)) << "column " << col;
    }
    EXPECT_EQ(streamed[k].at(1), cases[k].i);
    EXPECT_EQ(streamed[k].at(2), cases[k].r);
    EXPECT_EQ(streamed[k].at(3), cases[k].s);
    EXPECT_EQ(streamed[k].at(4), cases[k].b);
  }
}

TEST_P(StreamTest, AccessorsReadInPlaceAndConvertLikeRow) {
  ASSERT_OK(Insert(1, Value(42), Value(3.0), Value("17"), Value(Bytes({0, 'A', 0, 0}))));
  ASSERT_OK(Insert(2, Value(), Value(), Value(), Value()));
  ASSERT_OK(Insert(3, Value(7), Value(7.6), Value(""), Value(Blob{})));
  int rows = 0;
  ASSERT_OK(db().Transact(TxMode::kRead, [&](Transaction& tx) {
    return tx.ForEachRow("SELECT k, i, r, s, b FROM v ORDER BY k", {}, [&](const RowView& row) {
      ++rows;
      EXPECT_EQ(row.size(), 5u);
      const std::int64_t k = row.Int(0);
      if (k == 1) {
        EXPECT_EQ(row.kind(1), RowView::Kind::kInt);
        EXPECT_EQ(row.Int(1), 42);
        EXPECT_EQ(row.Text(1), "42");  // a number as text, from the view's own buffer
        EXPECT_DOUBLE_EQ(row.Real(1), 42.0);
        EXPECT_EQ(row.Int(2), 3);
        EXPECT_EQ(row.kind(3), RowView::Kind::kText);
        EXPECT_EQ(row.Int(3), 17);  // integer text
        EXPECT_EQ(row.Text(3), "17");
        EXPECT_EQ(row.kind(4), RowView::Kind::kBlob);
        const std::span<const std::uint8_t> b = row.Bytes(4);
        EXPECT_EQ(std::vector<std::uint8_t>(b.begin(), b.end()),
                  (std::vector<std::uint8_t>{0, 'A', 0, 0}));
        EXPECT_EQ(row.Text(4), std::string_view("\0A\0\0", 4));
        EXPECT_EQ(row.Id<ItemId>(1), ItemId(42));
        EXPECT_TRUE(row.Bool(1));
      } else if (k == 2) {
        for (size_t c = 1; c < 5; ++c) {
          EXPECT_TRUE(row.IsNull(c)) << c;
          EXPECT_EQ(row.kind(c), RowView::Kind::kNull);
        }
        EXPECT_EQ(row.OptionalInt(1), std::nullopt);
        EXPECT_EQ(row.OptionalText(3), std::nullopt);
        EXPECT_EQ(row.Text(3), "");
        EXPECT_TRUE(row.Bytes(4).empty());
        EXPECT_EQ(row.Int(1), 0);
      } else {
        EXPECT_EQ(row.OptionalInt(1), 7);
        EXPECT_EQ(row.Int(2), 8);  // rounded like Row::Int
        EXPECT_FALSE(row.IsNull(3));
        EXPECT_EQ(row.OptionalText(3), std::string_view());
        EXPECT_FALSE(row.IsNull(4));  // an empty blob is not NULL
        EXPECT_EQ(row.kind(4), RowView::Kind::kBlob);
        EXPECT_TRUE(row.Bytes(4).empty());
      }
      return Status::Ok();
    });
  }));
  EXPECT_EQ(rows, 3);
}

TEST_P(StreamTest, ManyRowsInOrder) {
  constexpr int kRows = 100000;
  std::int64_t next = 1, sum = 0;
  std::string expected;
  ASSERT_OK(db().Transact(TxMode::kRead, [&](Transaction& tx) {
    return tx.ForEachRow(Numbers(kRows), {}, [&](const RowView& row) {
      const std::int64_t i = row.Int(0);
      expected = "row " + std::to_string(next);
      if (i != next || row.Text(1) != expected) {
        return base::Internal("row " + std::to_string(next) + " read as " + std::to_string(i) +
                              " / " + std::string(row.Text(1)));
      }
      ++next;
      sum += i;
      return Status::Ok();
    });
  }));
  EXPECT_EQ(next, kRows + 1);
  EXPECT_EQ(sum, std::int64_t{kRows} * (kRows + 1) / 2);
}

TEST_P(StreamTest, ParametersIncludingBlobs) {
  ASSERT_OK(Insert(1, Value(1), Value(), Value("a"), Value(Bytes({0, 0}))));
  ASSERT_OK(Insert(2, Value(2), Value(), Value("b"), Value(Bytes({0, 1}))));
  std::vector<std::int64_t> keys;
  ASSERT_OK(db().Transact(TxMode::kRead, [&](Transaction& tx) {
    return tx.ForEachRow("SELECT k FROM v WHERE b = ? OR s = ? ORDER BY k",
                         {Value(Bytes({0, 1})), Value("zz")}, [&](const RowView& row) {
                           keys.push_back(row.Int(0));
                           return Status::Ok();
                         });
  }));
  EXPECT_EQ(keys, (std::vector<std::int64_t>{2}));
}

TEST_P(StreamTest, StatementErrorsAreThoseOfQuery) {
  struct Case {
    std::string name;
    std::string sql;
    Params params;
    StatusCode code;
  };
  const std::vector<Case> cases = {
      {"syntax", "SELEKT 1", {}, StatusCode::kInvalidArgument},
      {"unknown table", "SELECT x FROM missing", {}, StatusCode::kInvalidArgument},
      {"too few parameters", "SELECT k FROM v WHERE k = ?", {}, StatusCode::kInvalidArgument},
      {"too many parameters", "SELECT k FROM v", {1}, StatusCode::kInvalidArgument},
      {"two statements", "SELECT 1; SELECT 2", {}, StatusCode::kInvalidArgument},
      {"duplicate key", "INSERT INTO v (k) VALUES (1), (1)", {}, StatusCode::kAlreadyExists},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    int calls = 0;
    Status later;
    Status s = db().Transact(TxMode::kWrite, [&](Transaction& tx) -> Status {
      Status got = tx.ForEachRow(c.sql, c.params, [&](const RowView&) {
        ++calls;
        return Status::Ok();
      });
      EXPECT_EQ(got.code(), c.code) << got.ToString();
      // A failed statement ends the transaction, as with Query.
      later = tx.Execute("INSERT INTO v (k) VALUES (99)").status();
      return Status::Ok();
    });
    EXPECT_EQ(s.code(), c.code) << s.ToString();
    EXPECT_EQ(later.code(), StatusCode::kFailedPrecondition) << later.ToString();
    EXPECT_EQ(calls, 0);
  }
  auto n = db().TransactValue<std::int64_t>(
      TxMode::kRead, [](Transaction& tx) { return tx.QueryInt("SELECT COUNT(*) FROM v"); });
  ASSERT_OK(n);
  EXPECT_EQ(*n, 0);
}

TEST_P(StreamTest, ErrorPartWayDeliversTheRowsBeforeIt) {
  // abs() of the smallest BIGINT overflows on both engines, here in the third row.
  const std::string sql =
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5) "
      "SELECT i, abs(CASE WHEN i = 3 THEN -9223372036854775807 - 1 ELSE i END) FROM n";
  std::vector<std::int64_t> seen;
  Status got, later;
  Status s = db().Transact(TxMode::kRead, [&](Transaction& tx) -> Status {
    got = tx.ForEachRow(sql, {}, [&](const RowView& row) {
      seen.push_back(row.Int(1));
      return Status::Ok();
    });
    later = tx.Query("SELECT 1").status();
    return Status::Ok();  // swallowing the error does not make the transaction succeed
  });
  EXPECT_EQ(got.code(), StatusCode::kInvalidArgument) << got.ToString();
  EXPECT_EQ(seen, (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(later.code(), StatusCode::kFailedPrecondition) << later.ToString();
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << s.ToString();
}

TEST_P(StreamTest, StoppingEarlyReturnsTheCallersStatusAndKeepsTheTransaction) {
  const Status stop = base::NotFound("found what I was looking for");
  // Stopping at the first, a middle and the last row; then the same statement again from the
  // start, another statement, and a write that commits.
  for (int stop_at : {1, 500, 1000}) {
    SCOPED_TRACE(stop_at);
    int calls = 0;
    std::int64_t again = 0;
    Status s = db().Transact(TxMode::kWrite, [&](Transaction& tx) -> Status {
      Status got = tx.ForEachRow(Numbers(1000), {}, [&](const RowView& row) {
        ++calls;
        return row.Int(0) == stop_at ? stop : Status::Ok();
      });
      EXPECT_EQ(got, stop);
      RETURN_IF_ERROR(tx.ForEachRow(Numbers(1000), {}, [&](const RowView& row) {
        again += row.Int(0);
        return Status::Ok();
      }));
      ASSIGN_OR_RETURN(std::int64_t one, tx.QueryInt("SELECT 1"));
      EXPECT_EQ(one, 1);
      return tx.Execute("INSERT INTO v (k) VALUES (?)", {stop_at}).status();
    });
    ASSERT_OK(s);
    EXPECT_EQ(calls, stop_at);
    EXPECT_EQ(again, 1000 * 1001 / 2);
  }
  auto n = db().TransactValue<std::int64_t>(
      TxMode::kRead, [](Transaction& tx) { return tx.QueryInt("SELECT COUNT(*) FROM v"); });
  ASSERT_OK(n);
  EXPECT_EQ(*n, 3);
}

TEST_P(StreamTest, StatementsFromInsideTheCallbackAreRefused) {
  ASSERT_OK(Insert(1, Value(1), Value(), Value("a"), Value()));
  ASSERT_OK(Insert(2, Value(2), Value(), Value("b"), Value()));
  std::vector<StatusCode> nested;
  Status s = db().Transact(TxMode::kWrite, [&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(tx.ForEachRow("SELECT k FROM v ORDER BY k", {}, [&](const RowView&) {
      nested.push_back(tx.Query("SELECT 1").status().code());
      nested.push_back(tx.Execute("INSERT INTO v (k) VALUES (3)").status().code());
      nested.push_back(
          tx.ForEachRow("SELECT 1", {}, [](const RowView&) { return Status::Ok(); }).code());
      return Status::Ok();
    }));
    // Refusing them did not end the transaction.
    return tx.Execute("INSERT INTO v (k) VALUES (4)").status();
  });
  ASSERT_OK(s);
  EXPECT_EQ(nested, std::vector<StatusCode>(6, StatusCode::kFailedPrecondition));
  auto keys = db().TransactValue<Rows>(
      TxMode::kRead, [](Transaction& tx) { return tx.Query("SELECT k FROM v ORDER BY k"); });
  ASSERT_OK(keys);
  ASSERT_EQ(keys->size(), 3u);
  EXPECT_EQ((*keys)[2].Int(0), 4);
}

TEST_P(StreamTest, StatementsWithoutRowsAndReturning) {
  std::vector<std::int64_t> returned;
  int plain_calls = 0;
  ASSERT_OK(db().Transact(TxMode::kWrite, [&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(tx.ForEachRow("INSERT INTO v (k, s) VALUES (1, 'x')", {}, [&](const RowView&) {
      ++plain_calls;
      return Status::Ok();
    }));
    return tx.ForEachRow("INSERT INTO v (k, s) VALUES (2, 'y'), (3, 'z') RETURNING k", {},
                         [&](const RowView& row) {
                           returned.push_back(row.Int(0));
                           return Status::Ok();
                         });
  }));
  EXPECT_EQ(plain_calls, 0);
  EXPECT_EQ(returned, (std::vector<std::int64_t>{2, 3}));
}

INSTANTIATE_TEST_SUITE_P(Engines, StreamTest, ::testing::ValuesIn(xr::testing::AllEngines()),
                         xr::testing::EngineName);

}  // namespace
}  // namespace xr::store
