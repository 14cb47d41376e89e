#include "store/sqlite/sqlite_database.h"

#include <sqlite3.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <string>
#include <system_error>
#include <unordered_map>
#include <vector>

#include "store/connection_pool.h"
#include "store/first_failure.h"
#include "store/retry.h"
#include "store/row_view_access.h"

namespace xr::store::sqlite {
namespace {

using base::Result;
using base::Status;

struct Counters {
  std::atomic<std::int64_t> prepared{0};
  std::atomic<std::int64_t> cache_hits{0};
  std::atomic<std::int64_t> transactions{0};
  std::atomic<std::int64_t> retries{0};
};

std::string Abbreviate(std::string_view sql) {
  constexpr size_t kMax = 200;
  std::string out(sql.substr(0, kMax));
  if (sql.size() > kMax) out += "…";
  return out;
}

Status MapError(int code, std::string_view message, std::string_view sql) {
  std::string text = "SQLite: " + std::string(message);
  if (!sql.empty()) text += " [" + Abbreviate(sql) + "]";
  switch (code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return base::AlreadyExists(std::move(text));
    default:
      break;
  }
  switch (code & 0xff) {
    case SQLITE_CONSTRAINT:  // FOREIGNKEY, CHECK, NOTNULL, TRIGGER …
      return base::FailedPrecondition(std::move(text));
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return base::Aborted(std::move(text));
    case SQLITE_ERROR:
    case SQLITE_RANGE:
    case SQLITE_MISMATCH:
    case SQLITE_TOOBIG:
      return base::InvalidArgument(std::move(text));
    case SQLITE_READONLY:
      return base::InvalidArgument(text + " (a write inside a read-only transaction?)");
    case SQLITE_CANTOPEN:
    case SQLITE_NOTADB:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return base::Unavailable(std::move(text));
    default:
      return base::Internal(std::move(text));
  }
}

bool OnlyWhitespaceOrSemicolons(const char* p) {
  for (; p && *p; ++p) {
    if (!std::isspace(static_cast<unsigned char>(*p)) && *p != ';') return false;
  }
  return true;
}

// One SQLite connection with its statement cache; used by one thread at a time.
class Connection {
 public:
  Connection(sqlite3* db, Counters* counters) : db_(db), counters_(counters) {}
  ~Connection() {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  sqlite3* db() const { return db_; }
  bool broken = false;
  // Set for the length of a read transaction: every statement that would change the database is
  // refused before it runs. Checked per statement rather than by toggling PRAGMA query_only,
  // which (like every flag pragma) expires all of the connection's prepared statements — every
  // statement of every request was compiled again (perf: 12% of a compound query's API time).
  bool read_only = false;

  // Runs one statement; appends result rows to `rows` when not null.
  Status Run(std::string_view sql, const Params& params, Rows* rows, std::int64_t* changes) {
    sqlite3_stmt* stmt = nullptr;
    RETURN_IF_ERROR(PrepareAndBind(sql, params, &stmt));
    std::int64_t before = sqlite3_total_changes64(db_);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      if (rows) rows->push_back(ReadRow(stmt));
    }
    Status status;
    if (rc != SQLITE_DONE) {
      // The extended code and message describe the failed step until the next API call.
      status = MapError(sqlite3_extended_errcode(db_), sqlite3_errmsg(db_), sql);
    }
    if (changes) {
      *changes = sqlite3_total_changes64(db_) == before ? 0 : sqlite3_changes64(db_);
    }
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    return status;
  }

  // Runs one statement and hands each row to `on_row` in `view`. Returns the statement's status;
  // a non-OK status from `on_row` stops the scan and goes to `*stopped_by` instead.
  Status Stream(std::string_view sql, const Params& params, RowView& view,
                const RowCallback& on_row, Status* stopped_by) {
    sqlite3_stmt* stmt = nullptr;
    RETURN_IF_ERROR(PrepareAndBind(sql, params, &stmt));
    const int n = sqlite3_column_count(stmt);
    internal::RowViewAccess::Reset(view, static_cast<size_t>(n));
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      FillView(stmt, n, view);
      *stopped_by = on_row(view);
      if (!stopped_by->ok()) break;
    }
    Status status;
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
      status = MapError(sqlite3_extended_errcode(db_), sqlite3_errmsg(db_), sql);
    }
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    return status;
  }

  // Runs each statement of `sql` in turn (not cached), stopping at the first failure.
  Status Script(std::string_view sql) {
    const std::string text(sql);
    const char* next = text.c_str();
    while (!OnlyWhitespaceOrSemicolons(next)) {
      sqlite3_stmt* stmt = nullptr;
      const char* statement = next;
      if (sqlite3_prepare_v2(db_, statement, -1, &stmt, &next) != SQLITE_OK) {
        return MapError(sqlite3_extended_errcode(db_), sqlite3_errmsg(db_), statement);
      }
      if (stmt == nullptr) continue;  // a comment
      Status status = CheckWritable(stmt, statement);
      int rc = SQLITE_DONE;
      if (status.ok()) {
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        }
        if (rc != SQLITE_DONE) {
          status = MapError(sqlite3_extended_errcode(db_), sqlite3_errmsg(db_), statement);
        }
      }
      sqlite3_finalize(stmt);
      RETURN_IF_ERROR(status);
    }
    return Status::Ok();
  }

 private:
  Status CheckWritable(sqlite3_stmt* stmt, std::string_view sql) const {
    if (!read_only || sqlite3_stmt_readonly(stmt)) return Status::Ok();
    return base::InvalidArgument("SQLite: a write inside a read-only transaction [" +
                                 Abbreviate(sql) + "]");
  }

  Status Prepare(std::string_view sql, sqlite3_stmt** out) {
    std::string key(sql);
    if (auto it = cache_.find(key); it != cache_.end()) {
      counters_->cache_hits.fetch_add(1, std::memory_order_relaxed);
      *out = it->second;
      return Status::Ok();
    }
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v3(db_, key.c_str(), static_cast<int>(key.size() + 1),
                                SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
    if (rc != SQLITE_OK) return MapError(sqlite3_extended_errcode(db_), sqlite3_errmsg(db_), sql);
    if (stmt == nullptr) return base::InvalidArgument("empty SQL statement");
    if (!OnlyWhitespaceOrSemicolons(tail)) {
      sqlite3_finalize(stmt);
      return base::InvalidArgument(
          "more than one SQL statement in Query/Execute (use ExecuteScript) [" + Abbreviate(sql) +
          "]");
    }
    counters_->prepared.fetch_add(1, std::memory_order_relaxed);
    cache_.emplace(std::move(key), stmt);
    *out = stmt;
    return Status::Ok();
  }

  // The cached statement for `sql` with `params` bound, ready to step.
  Status PrepareAndBind(std::string_view sql, const Params& params, sqlite3_stmt** out) {
    sqlite3_stmt* stmt = nullptr;
    RETURN_IF_ERROR(Prepare(sql, &stmt));
    RETURN_IF_ERROR(CheckWritable(stmt, sql));
    int expected = sqlite3_bind_parameter_count(stmt);
    if (expected != static_cast<int>(params.size())) {
      sqlite3_clear_bindings(stmt);
      return base::InvalidArgument("the statement has " + std::to_string(expected) +
                                   " placeholders but " + std::to_string(params.size()) +
                                   " parameters were given [" + Abbreviate(sql) + "]");
    }
    for (size_t i = 0; i < params.size(); ++i) {
      int rc = Bind(stmt, static_cast<int>(i + 1), params[i]);
      if (rc != SQLITE_OK) {
        Status s = MapError(sqlite3_extended_errcode(db_), sqlite3_errmsg(db_), sql);
        sqlite3_clear_bindings(stmt);
        return s;
      }
    }
    *out = stmt;
    return Status::Ok();
  }

  // The current row into `view`, in place: text and blob pointers stay valid until the next step.
  // One sqlite3_column_value per column, then the sqlite3_value_* readers: the same calls that
  // sqlite3_column_type/_text/_bytes make, without each taking the connection's mutex and
  // checking for malloc failure again (a third of a scan's cost in the driver otherwise). SQLite
  // calls the returned value "unprotected", which only matters to another thread using the
  // connection; a connection here is used by one thread at a time (SQLITE_OPEN_NOMUTEX).
  static void FillView(sqlite3_stmt* stmt, int n, RowView& view) {
    using internal::RowViewAccess;
    for (int i = 0; i < n; ++i) {
      const auto column = static_cast<size_t>(i);
      sqlite3_value* value = sqlite3_column_value(stmt, i);
      switch (sqlite3_value_type(value)) {
        case SQLITE_INTEGER:
          RowViewAccess::SetInt(view, column, sqlite3_value_int64(value));
          break;
        case SQLITE_FLOAT:
          RowViewAccess::SetReal(view, column, sqlite3_value_double(value));
          break;
        case SQLITE_TEXT: {
          const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(value));
          const int size = sqlite3_value_bytes(value);
          RowViewAccess::SetText(view, column, text ? text : "", static_cast<size_t>(size));
          break;
        }
        case SQLITE_BLOB: {
          const void* data = sqlite3_value_blob(value);
          const int size = sqlite3_value_bytes(value);
          RowViewAccess::SetBlob(view, column, data, data ? static_cast<size_t>(size) : 0);
          break;
        }
        default:
          RowViewAccess::SetNull(view, column);
          break;
      }
    }
  }

  static int Bind(sqlite3_stmt* stmt, int index, const Value& value) {
    struct Binder {
      sqlite3_stmt* stmt;
      int index;
      int operator()(std::monostate) const { return sqlite3_bind_null(stmt, index); }
      int operator()(std::int64_t v) const { return sqlite3_bind_int64(stmt, index, v); }
      int operator()(double v) const { return sqlite3_bind_double(stmt, index, v); }
      int operator()(const std::string& v) const {
        return sqlite3_bind_text64(stmt, index, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
      }
      int operator()(const Blob& v) const {
        // A null pointer would bind NULL: an empty blob must stay an (empty) blob.
        if (v.bytes.empty()) return sqlite3_bind_zeroblob(stmt, index, 0);
        return sqlite3_bind_blob64(stmt, index, v.bytes.data(), v.bytes.size(), SQLITE_TRANSIENT);
      }
    };
    return std::visit(Binder{stmt, index}, value.storage());
  }

  static Row ReadRow(sqlite3_stmt* stmt) {
    int n = sqlite3_column_count(stmt);
    std::vector<Value> values;
    values.reserve(n);
    for (int i = 0; i < n; ++i) {
      switch (sqlite3_column_type(stmt, i)) {
        case SQLITE_INTEGER:
          values.emplace_back(static_cast<long long>(sqlite3_column_int64(stmt, i)));
          break;
        case SQLITE_FLOAT:
          values.emplace_back(sqlite3_column_double(stmt, i));
          break;
        case SQLITE_TEXT: {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
          int size = sqlite3_column_bytes(stmt, i);
          values.emplace_back(std::string(text ? text : "", static_cast<size_t>(size)));
          break;
        }
        case SQLITE_BLOB: {
          const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt, i));
          int size = sqlite3_column_bytes(stmt, i);
          Blob blob;
          if (data) blob.bytes.assign(data, data + size);
          values.emplace_back(std::move(blob));
          break;
        }
        default:
          values.emplace_back();
          break;
      }
    }
    return Row(std::move(values));
  }

  sqlite3* db_;
  Counters* counters_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

class SqliteTransaction final : public Transaction {
 public:
  explicit SqliteTransaction(Connection& connection) : connection_(connection) {}

  Dialect dialect() const override { return Dialect::kSqlite; }

  Result<Rows> Query(std::string_view sql, const Params& params) override {
    RETURN_IF_ERROR(failure_.CheckUsable());
    Rows rows;
    RETURN_IF_ERROR(failure_.Remember(connection_.Run(sql, params, &rows, nullptr)));
    return rows;
  }

  Status ForEachRow(std::string_view sql, const Params& params,
                    const RowCallback& on_row) override {
    RETURN_IF_ERROR(failure_.CheckUsable());
    internal::FirstFailure::Streaming busy(failure_);
    Status stopped_by;
    RETURN_IF_ERROR(failure_.Remember(connection_.Stream(sql, params, view_, on_row, &stopped_by)));
    return stopped_by;
  }

  Result<std::int64_t> Execute(std::string_view sql, const Params& params) override {
    RETURN_IF_ERROR(failure_.CheckUsable());
    std::int64_t changes = 0;
    RETURN_IF_ERROR(failure_.Remember(connection_.Run(sql, params, nullptr, &changes)));
    return changes;
  }

  // Nothing to save by waiting: the engine is in this process.
  Status ExecuteDeferred(std::string_view sql, const Params& params) override {
    return Execute(sql, params).status();
  }

  Status ExecuteScript(std::string_view sql) override {
    RETURN_IF_ERROR(failure_.CheckUsable());
    return failure_.Remember(connection_.Script(sql));
  }

  const Status& first_error() const { return failure_.status(); }

 private:
  Connection& connection_;
  internal::FirstFailure failure_;
  RowView view_;  // reused by every ForEachRow of this transaction
};

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, const OpenOptions& options)
      : path_(std::move(path)),
        options_(options),
        pool_(
            {path_ == ":memory:" ? 1 : options_.pool_size,
             std::chrono::milliseconds(options_.acquire_timeout_ms), "SQLite", description()},
            [this] { return Connect(); }, [](const Connection& c) { return !c.broken; }) {}
  ~SqliteDatabase() override { Close(); }

  Dialect dialect() const override { return Dialect::kSqlite; }
  std::string description() const override { return "sqlite:" + path_; }

  Status Init() { return pool_.Init(); }

  Status Transact(TxMode mode, const TransactionWork& work) override {
    counters_.transactions.fetch_add(1, std::memory_order_relaxed);
    return internal::RunWithRetries(options_.max_attempts, counters_.retries, [&]() -> Status {
      return pool_.With([&](Connection& c) { return Attempt(c, mode, work); });
    });
  }

  void Close() override { pool_.Close(); }

  Stats stats() const override {
    return Stats{counters_.prepared.load(), counters_.cache_hits.load(),
                 counters_.transactions.load(), counters_.retries.load()};
  }

 private:
  static Status Control(Connection& c, std::string_view sql) {
    return c.Run(sql, {}, nullptr, nullptr);
  }

  Status Attempt(Connection& c, TxMode mode, const TransactionWork& work) {
    const bool read = mode == TxMode::kRead;
    c.read_only = read;
    Status status = Control(c, read ? "BEGIN" : "BEGIN IMMEDIATE");
    if (status.ok()) {
      SqliteTransaction tx(c);
      status = work(tx);
      if (status.ok() && !tx.first_error().ok()) status = tx.first_error();
      if (status.ok()) status = Control(c, "COMMIT");
      if (!sqlite3_get_autocommit(c.db())) {
        if (!Control(c, "ROLLBACK").ok()) c.broken = true;
      }
    }
    c.read_only = false;
    return status;
  }

  Result<std::unique_ptr<Connection>> Connect() {
    if (path_ != ":memory:") {
      std::filesystem::path parent = std::filesystem::path(path_).parent_path();
      std::error_code ec;
      if (!parent.empty()) std::filesystem::create_directories(parent, ec);
      if (ec) {
        return base::Unavailable("cannot create the directory " + parent.string() +
                                 " for the SQLite database: " + ec.message());
      }
    }
    sqlite3* db = nullptr;
    int rc = sqlite3_open_v2(
        path_.c_str(), &db,
        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE,
        nullptr);
    if (rc != SQLITE_OK) {
      std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
      sqlite3_close_v2(db);
      return base::Unavailable("cannot open the SQLite database " + path_ + ": " + message);
    }
    auto c = std::make_unique<Connection>(db, &counters_);
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, options_.busy_timeout_ms);
    // A page cache of 16 MB per connection (SQLite's default is 2 MB): a district's compound
    // query reads some 470 pages (1.9 MB), and with the session's and the audit entry's pages
    // besides, every API request evicted its own query's pages and read them again (perf: 431 of
    // 1,622 samples in pread); 8 MB made the query 70% slower. Not more: SQLite's sorter
    // may use as much again per connection, and with 32 MB four concurrent city-wide readers
    // took the server past 380 MB resident (docs/benchmarks.md, "Server memory").
    for (const char* pragma : {"PRAGMA journal_mode = WAL", "PRAGMA foreign_keys = ON",
                               "PRAGMA synchronous = NORMAL", "PRAGMA cache_size = -16384"}) {
      if (Status s = c->Script(pragma); !s.ok()) {
        return base::Unavailable("cannot set up the SQLite database " + path_ + ": " + s.message());
      }
    }
    return c;
  }

  std::string path_;
  OpenOptions options_;
  Counters counters_;
  internal::ConnectionPool<Connection> pool_;
};

}  // namespace

Result<std::unique_ptr<Database>> Open(std::string_view path, const OpenOptions& options) {
  if (path.empty()) return base::InvalidArgument("the SQLite URL has no path (sqlite:PATH)");
  auto db = std::make_unique<SqliteDatabase>(std::string(path), options);
  RETURN_IF_ERROR(db->Init());
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace xr::store::sqlite
