#pragma once
// The storage interface every capability writes against (ARCHITECTURE.md §1, §3).
//
// SQL is written once in the subset that SQLite ≥ 3.40 and PostgreSQL 15 both accept, with `?`
// placeholders (the PostgreSQL driver rewrites them to $1, $2, …). Statements are prepared once
// per connection and cached by their SQL text. All work happens inside a transaction obtained
// from Database::Transact, which retries the whole unit of work when the engine reports a
// transient conflict (SQLite BUSY, PostgreSQL serialization failure / deadlock).
//
// Portability rules the drivers enforce alike:
// - After a statement fails, the transaction is finished (PostgreSQL aborts it): later statements
//   fail with FailedPrecondition and Transact rolls back and returns the first error even if
//   `work` returns OK. Use `INSERT … ON CONFLICT` rather than catching AlreadyExists.
// - PostgreSQL infers each parameter's type from its context (Blob is sent as bytea). Where the
//   context says nothing (`? IS NULL`, a bare `SELECT ?`), write `CAST(? AS BIGINT)` / `CAST(? AS
//   TEXT)`.
// - A kRead transaction cannot write (SQLite: sqlite3_stmt_readonly per statement; PostgreSQL
//   `READ ONLY`); a write there fails InvalidArgument. It reads one consistent snapshot on both
//   engines.
// - Column values come back as int64 (integer types, PostgreSQL bool as 0/1), double (real,
//   float, numeric — so SUM() of integers is a double on PostgreSQL; Row::Int converts), Blob
//   (blob / bytea) or text (everything else, including PostgreSQL date/timestamp columns).

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "store/value.h"

namespace xr::store {

enum class Dialect { kSqlite, kPostgres };

enum class TxMode {
  kRead,   // may only read; SQLite uses a deferred transaction
  kWrite,  // takes the write lock up front (SQLite BEGIN IMMEDIATE) to avoid upgrade deadlocks
};

// Receives one row of Transaction::ForEachRow; a non-OK status stops the scan.
using RowCallback = std::function<base::Status(const RowView&)>;

class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual Dialect dialect() const = 0;

  // Runs one statement and returns its rows (empty for statements without results).
  // Errors: AlreadyExists on unique-constraint violation, FailedPrecondition on foreign-key or
  // check violation, Aborted on a transient conflict (the transaction will be retried),
  // InvalidArgument on SQL errors, Unavailable when the connection is lost.
  virtual base::Result<Rows> Query(std::string_view sql, const Params& params = {}) = 0;
  // The streaming counterpart of Query, for scans of many rows: runs one statement and hands its
  // rows to `on_row` one at a time, in order, as the engine produces them, without materialising
  // them (SQLite: straight from sqlite3_step; PostgreSQL: libpq single-row mode).
  // - LIFETIME: the RowView and every view taken from it are valid only during the call that
  //   receives them (store/value.h); copy what you keep.
  // - `on_row` must not use this transaction: a statement issued from inside it fails with
  //   FailedPrecondition (and does not end the transaction).
  // - STOPPING EARLY: when `on_row` returns a non-OK status, no further row is delivered and
  //   ForEachRow returns that status unchanged. It is the caller's status, not a statement
  //   failure: the transaction stays usable. The rest of the result is discarded (SQLite resets
  //   the statement; PostgreSQL still receives and drops the remaining rows, so bound a query you
  //   expect to stop early with LIMIT).
  // - ERRORS of the statement are those of Query and end the transaction as Query's do. An error
  //   can come part-way through (e.g. an overflow computing the 1000th row): the rows before it
  //   have already been delivered, so treat everything seen as unreliable when this fails.
  virtual base::Status ForEachRow(std::string_view sql, const Params& params,
                                  const RowCallback& on_row) = 0;
  // Runs one statement; returns the number of rows changed.
  virtual base::Result<std::int64_t> Execute(std::string_view sql, const Params& params = {}) = 0;
  // Runs one statement whose result the caller does not need now: no rows, no count, and no
  // error the caller means to handle itself (for that, use Execute). The engine may send it
  // without waiting for it: PostgreSQL queues it (libpq pipeline mode) and sends it with the next
  // statement that returns something — Query, Execute, QueryOne… — or with COMMIT, which saves a
  // round trip per statement; SQLite runs it at once.
  // ERRORS are those of Execute. They are returned here when known at once (always on SQLite);
  // otherwise the next call on this transaction finds them and returns FailedPrecondition naming
  // the failed statement (as after any failed statement), and Transact returns the statement's
  // own error (so Aborted is still retried), whatever `work` returned. Nothing of the
  // transaction is committed then, as after any failure. Statements run in the order issued.
  virtual base::Status ExecuteDeferred(std::string_view sql, const Params& params = {}) = 0;
  // Runs several `;`-separated statements without parameters (migrations).
  virtual base::Status ExecuteScript(std::string_view sql) = 0;

  // Exactly one row, or NotFound with `not_found_message`.
  base::Result<Row> QueryOne(std::string_view sql, const Params& params,
                             std::string_view not_found_message);
  // The first column of the single row (e.g. COUNT(*), INSERT … RETURNING id).
  base::Result<std::int64_t> QueryInt(std::string_view sql, const Params& params = {});
};

using TransactionWork = std::function<base::Status(Transaction&)>;

class Database {
 public:
  virtual ~Database() = default;
  virtual Dialect dialect() const = 0;
  // A printable form of the URL with any password removed.
  virtual std::string description() const = 0;

  // Runs `work` in one transaction: commits when it returns OK, rolls back otherwise. When the
  // engine aborts it with a transient conflict, the transaction is rolled back and `work` runs
  // again (up to a few attempts with back-off), so `work` must not have side effects outside the
  // transaction. Returns the status of the last attempt.
  virtual base::Status Transact(TxMode mode, const TransactionWork& work) = 0;

  // Waits for in-flight transactions and closes every connection; later calls fail Unavailable.
  virtual void Close() = 0;

  // Counters for tests, benchmarks and diagnostics (monotonic since Open).
  struct Stats {
    std::int64_t statements_prepared = 0;   // statement-cache misses
    std::int64_t statement_cache_hits = 0;  // statements served from a connection's cache
    std::int64_t transactions = 0;          // Transact calls
    std::int64_t retries = 0;               // extra attempts after a transient conflict
  };
  virtual Stats stats() const { return {}; }

  // Convenience: a transaction that produces a value.
  template <typename T, typename Work>
  base::Result<T> TransactValue(TxMode mode, Work&& work) {
    std::optional<T> out;
    base::Status status = Transact(mode, [&](Transaction& tx) -> base::Status {
      base::Result<T> r = work(tx);
      if (!r.ok()) return r.status();
      out = std::move(r).value();
      return base::Status::Ok();
    });
    if (!status.ok()) return status;
    return std::move(*out);
  }
};

struct OpenOptions {
  int pool_size = 4;               // connections kept by the PostgreSQL driver / SQLite readers
  int busy_timeout_ms = 5000;      // SQLite busy timeout; PostgreSQL lock_timeout
  int max_attempts = 5;            // Transact attempts on transient conflicts
  int acquire_timeout_ms = 30000;  // waiting for a free pooled connection; then Unavailable
};

// Opens "sqlite:PATH" or "postgresql://user@host:port/db" / "postgres://…".
// SQLite: creates the file and its parent directory when missing; "sqlite::memory:" is a private
// in-memory database that always uses ONE connection (pool_size is ignored), for tests only.
// PostgreSQL: the URL goes to libpq (connect_timeout defaults to 10 s); one connection is opened
// to check it, the rest of the pool on demand.
// InvalidArgument for an unknown scheme or empty path, Unavailable when the database cannot be
// reached or created.
base::Result<std::unique_ptr<Database>> OpenDatabase(std::string_view url,
                                                     const OpenOptions& options = {});

}  // namespace xr::store
