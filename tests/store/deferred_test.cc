// Transaction::ExecuteDeferred on both engines: order, errors found later (and by Transact at the
// latest), rollback of everything, retries of conflicts, and connections fit for reuse after.
// On PostgreSQL deferred statements travel in libpq's pipeline mode; on SQLite they run at once.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "store/database.h"
#include "testing/test_database.h"

namespace xr::store {
namespace {

using base::Status;
using base::StatusCode;
using ::testing::HasSubstr;
using xr::testing::DatabaseTest;
using xr::testing::Engine;

class DeferredTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_OK(
        Script("CREATE TABLE parents (id BIGINT PRIMARY KEY);"
               "CREATE TABLE rows_ (id BIGINT PRIMARY KEY, parent BIGINT REFERENCES parents(id),"
               " note TEXT);"
               "INSERT INTO parents (id) VALUES (1)"));
  }
  std::int64_t RowCount() { return Count("SELECT COUNT(*) FROM rows_"); }
  static constexpr const char* kInsert = "INSERT INTO rows_ (id, parent, note) VALUES (?, ?, ?)";
};

TEST_P(DeferredTest, StatementsRunInOrderAndLaterStatementsSeeThem) {
  std::int64_t seen = -1, changed = -1;
  ASSERT_OK(db().Transact(TxMode::kWrite, [&](Transaction& tx) -> Status {
    for (int i = 1; i <= 5; ++i) RETURN_IF_ERROR(tx.ExecuteDeferred(kInsert, {i, 1, "a"}));
    // In order: the UPDATE finds the rows inserted before it.
    RETURN_IF_ERROR(tx.ExecuteDeferred("UPDATE rows_ SET note = 'b' WHERE id <= 3"));
    ASSIGN_OR_RETURN(seen, tx.QueryInt("SELECT COUNT(*) FROM rows_ WHERE note = ?", {"b"}));
    RETURN_IF_ERROR(tx.ExecuteDeferred("DELETE FROM rows_ WHERE id = 5"));
    ASSIGN_OR_RETURN(changed, tx.Execute("UPDATE rows_ SET note = 'c' WHERE note = 'a'"));
    return tx.ExecuteDeferred(kInsert, {6, 1, "d"});  // goes with COMMIT
  }));
  EXPECT_EQ(seen, 3);
  EXPECT_EQ(changed, 1);  // row 4: row 5 was deleted before
  EXPECT_EQ(RowCount(), 5);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM rows_ WHERE note = 'c'"), 1);
}

TEST_P(DeferredTest, AnErrorIsFoundByTheNextStatementAndNothingIsCommitted) {
  Status next;
  const Status status = db().Transact(TxMode::kWrite, [&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(tx.ExecuteDeferred(kInsert, {1, 1, "before"}));
    RETURN_IF_ERROR(tx.ExecuteDeferred(kInsert, {1, 1, "duplicate"}));  // SQLite: fails here
    RETURN_IF_ERROR(tx.ExecuteDeferred(kInsert, {2, 1, "after"}));
    next = tx.Query("SELECT COUNT(*) FROM rows_").status();
    // A caller that maps errors of its own statement must not mistake the deferred one for it.
    if (!next.ok()) return base::NotFound("mapped by the caller");
    return Status::Ok();
  });
  EXPECT_EQ(status.code(), StatusCode::kAlreadyExists) << status.ToString();
  EXPECT_THAT(status.message(), HasSubstr("rows_"));
  if (engine() == Engine::kPostgres) {
    EXPECT_EQ(next.code(), StatusCode::kFailedPrecondition) << next.ToString();
    EXPECT_THAT(next.message(), HasSubstr("INSERT INTO rows_"));
  }
  EXPECT_EQ(RowCount(), 0);
}

TEST_P(DeferredTest, AnErrorFoundAtCommitRollsBackTheWholeTransaction) {
  const Status status = db().Transact(TxMode::kWrite, [&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(tx.Execute(kInsert, {1, 1, "synchronous"}));
    RETURN_IF_ERROR(tx.ExecuteDeferred(kInsert, {2, 1, "deferred"}));
    (void)tx.ExecuteDeferred(kInsert, {3, 99, "no such parent"});  // SQLite: fails here
    return Status::Ok();
  });
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition) << status.ToString();
  EXPECT_THAT(status.message(), HasSubstr("INSERT INTO rows_"));
  EXPECT_EQ(RowCount(), 0);
}

TEST_P(DeferredTest, TheWorksOwnErrorRollsBackQueuedStatements) {
  auto handle = xr::testing::OpenAnotherHandle(db(), OpenOptions{.pool_size = 1});
  ASSERT_OK(handle);
  Database& one = **handle;
  const Status status = one.Transact(TxMode::kWrite, [&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(tx.ExecuteDeferred(kInsert, {1, 1, "queued"}));
    return base::InvalidArgument("changed my mind");
  });
  EXPECT_EQ(status, base::InvalidArgument("changed my mind"));
  // The same (only) connection serves the next transaction, and nothing was left of the first.
  ASSERT_OK(one.Transact(TxMode::kWrite, [&](Transaction& tx) {
    return tx.ExecuteDeferred(kInsert, {2, 1, "next"});
  }));
  EXPECT_EQ(RowCount(), 1);
}

TEST_P(DeferredTest, ManyStatementsInOneTransaction) {
  // More than the PostgreSQL driver keeps queued at once.
  ASSERT_OK(db().Transact(TxMode::kWrite, [&](Transaction& tx) -> Status {
    for (int i = 1; i <= 300; ++i) RETURN_IF_ERROR(tx.ExecuteDeferred(kInsert, {i, 1, "x"}));
    return Status::Ok();
  }));
  EXPECT_EQ(RowCount(), 300);
  // An error among many is still found, and nothing is committed.
  const Status status = db().Transact(TxMode::kWrite, [&](Transaction& tx) -> Status {
    for (int i = 301; i <= 600; ++i) {
      RETURN_IF_ERROR(tx.ExecuteDeferred(kInsert, {i == 450 ? 1 : i, 1, "y"}));
    }
    return Status::Ok();
  });
  EXPECT_EQ(status.code(), StatusCode::kAlreadyExists) << status.ToString();
  EXPECT_EQ(RowCount(), 300);
}

TEST_P(DeferredTest, ForEachRowAndScriptsSeeQueuedStatements) {
  std::int64_t streamed = 0;
  ASSERT_OK(db().Transact(TxMode::kWrite, [&](Transaction& tx) -> Status {
    for (int i = 1; i <= 3; ++i) RETURN_IF_ERROR(tx.ExecuteDeferred(kInsert, {i, 1, "s"}));
    RETURN_IF_ERROR(tx.ForEachRow("SELECT id FROM rows_", {}, [&](const RowView&) {
      ++streamed;
      return Status::Ok();
    }));
    RETURN_IF_ERROR(tx.ExecuteDeferred(kInsert, {4, 1, "s"}));
    return tx.ExecuteScript("UPDATE rows_ SET note = 't'; DELETE FROM rows_ WHERE id = 1");
  }));
  EXPECT_EQ(streamed, 3);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM rows_ WHERE note = 't'"), 3);
}

TEST_P(DeferredTest, AFailedPreparationIsNotRememberedAsPrepared) {
  auto handle = xr::testing::OpenAnotherHandle(db(), OpenOptions{.pool_size = 1});
  ASSERT_OK(handle);
  Database& one = **handle;
  const char* kLater = "INSERT INTO later (id) VALUES (?)";
  Status status = one.Transact(TxMode::kWrite, [&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(tx.ExecuteDeferred(kLater, {1}));  // no such table yet
    return tx.QueryInt("SELECT 1").status();
  });
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << status.ToString();
  ASSERT_OK(one.Transact(TxMode::kWrite, [](Transaction& tx) {
    return tx.ExecuteScript("CREATE TABLE later (id BIGINT)");
  }));
  const std::int64_t retries = one.stats().retries;
  ASSERT_OK(one.Transact(TxMode::kWrite, [&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(tx.ExecuteDeferred(kLater, {1}));
    return tx.QueryInt("SELECT COUNT(*) FROM later").status();
  }));
  EXPECT_EQ(one.stats().retries, retries) << "prepared afresh, not retried after a stale name";
}

TEST_P(DeferredTest, ReadTransactionsCannotWriteDeferredEither) {
  const Status status = db().Transact(TxMode::kRead, [&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(tx.ExecuteDeferred(kInsert, {1, 1, "x"}));
    return Status::Ok();
  });
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << status.ToString();
  ASSERT_OK(db().Transact(TxMode::kWrite, [&](Transaction& tx) {
    return tx.ExecuteDeferred(kInsert, {1, 1, "x"});
  }));
  EXPECT_EQ(RowCount(), 1);
}

// A serialization failure in a deferred statement is retried like any other, whether a later
// statement or COMMIT finds it.
TEST_P(DeferredTest, ADeferredConflictIsRetried) {
  if (engine() != Engine::kPostgres) GTEST_SKIP() << "PostgreSQL only (PL/pgSQL raises it)";
  // nextval is not rolled back, so only the first call of each sequence fails.
  ASSERT_OK(db().Transact(TxMode::kWrite, [](Transaction& tx) {
    return tx.ExecuteScript(R"sql(
CREATE SEQUENCE calls_a; CREATE SEQUENCE calls_b;
CREATE FUNCTION conflict_once(name TEXT) RETURNS BIGINT AS $$
BEGIN
  IF nextval(name::regclass) = 1 THEN
    RAISE EXCEPTION 'simulated conflict' USING ERRCODE = '40001';
  END IF;
  RETURN 1;
END $$ LANGUAGE plpgsql;
)sql");
  }));
  for (const char* sequence : {"calls_a", "calls_b"}) {
    SCOPED_TRACE(sequence);
    const bool found_by_commit = std::string(sequence) == "calls_b";
    const std::int64_t id = found_by_commit ? 2 : 1;
    int attempts = 0;
    ASSERT_OK(db().Transact(TxMode::kWrite, [&](Transaction& tx) -> Status {
      ++attempts;
      RETURN_IF_ERROR(tx.ExecuteDeferred(kInsert, {id, 1, "x"}));
      RETURN_IF_ERROR(tx.ExecuteDeferred("SELECT conflict_once(?)", {sequence}));
      if (found_by_commit) return Status::Ok();
      return tx.QueryInt("SELECT COUNT(*) FROM rows_").status();
    }));
    EXPECT_EQ(attempts, 2);
  }
  EXPECT_EQ(RowCount(), 2);
}

TEST_P(DeferredTest, ALostConnectionIsUnavailableAndReplaced) {
  if (engine() != Engine::kPostgres) GTEST_SKIP() << "PostgreSQL only";
  auto handle = xr::testing::OpenAnotherHandle(db(), OpenOptions{.pool_size = 1});
  ASSERT_OK(handle);
  Database& one = **handle;
  const Status status = one.Transact(TxMode::kWrite, [&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(const std::int64_t pid, tx.QueryInt("SELECT pg_backend_pid()"));
    RETURN_IF_ERROR(tx.ExecuteDeferred(kInsert, {1, 1, "lost"}));
    // Another connection ends this one's server process while the INSERT is still queued.
    RETURN_IF_ERROR(db().Transact(TxMode::kWrite, [&](Transaction& other) {
      return other.Query("SELECT pg_terminate_backend(CAST(? AS INTEGER))", {pid}).status();
    }));
    return tx.QueryInt("SELECT COUNT(*) FROM rows_").status();
  });
  EXPECT_EQ(status.code(), StatusCode::kUnavailable) << status.ToString();
  ASSERT_OK(one.Transact(TxMode::kWrite, [&](Transaction& tx) {
    return tx.ExecuteDeferred(kInsert, {2, 1, "after"});
  }));
  EXPECT_EQ(RowCount(), 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, DeferredTest, ::testing::ValuesIn(xr::testing::AllEngines()),
                         xr::testing::EngineName);

}  // namespace
}  // namespace xr::store
