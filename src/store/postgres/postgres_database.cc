#include "store/postgres/postgres_database.h"

#include <libpq-fe.h>

#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/connection_pool.h"
#include "store/first_failure.h"
#include "store/postgres/placeholders.h"
#include "store/retry.h"
#include "store/row_view_access.h"

namespace xr::store::postgres {
namespace {

using base::Result;
using base::Status;

// Type OIDs from pg_type.h (stable across releases).
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kOidOid = 26;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

// How a column's text form is read, by its type OID (one place for Query and ForEachRow).
enum class CellKind { kInt, kReal, kBool, kBytea, kText };

CellKind KindOf(Oid type) {
  switch (type) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
    case kOidOid:
      return CellKind::kInt;
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid:
      return CellKind::kReal;
    case kBoolOid:
      return CellKind::kBool;
    case kByteaOid:
      return CellKind::kBytea;
    default:
      return CellKind::kText;
  }
}

std::vector<CellKind> ColumnKinds(const PGresult* res) {
  std::vector<CellKind> kinds(static_cast<size_t>(PQnfields(res)));
  for (size_t c = 0; c < kinds.size(); ++c) kinds[c] = KindOf(PQftype(res, int(c)));
  return kinds;
}

template <typename Number>
Number ParseNumber(const char* data, int len) {
  Number x{};
  std::from_chars(data, data + len, x);
  return x;
}

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

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

void IgnoreNotice(void*, const char*) {}

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// One libpq connection with its prepared statements; used by one thread at a time.
class Connection {
 public:
  explicit Connection(PGconn* conn) : conn_(conn) {}
  ~Connection() { PQfinish(conn_); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  PGconn* conn() const { return conn_; }
  bool bad() const { return PQstatus(conn_) != CONNECTION_OK; }
  // Whether the pool may hand it out again: connected, outside any transaction, and with no
  // pipeline left half read.
  bool reusable() const {
    return !bad() && !out_of_step_ && PQpipelineStatus(conn_) == PQ_PIPELINE_OFF &&
           PQtransactionStatus(conn_) == PQTRANS_IDLE;
  }

  // Set when the server dropped or invalidated our prepared statements.
  bool forget_statements = false;

  Status MapError(const PGresult* res, std::string_view sql) {
    if (bad() || res == nullptr) {
      return base::Unavailable("lost the connection to PostgreSQL: " + Trim(PQerrorMessage(conn_)));
    }
    const char* state_c = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    std::string state = state_c ? state_c : "";
    const char* primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
    const char* detail = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL);
    std::string text = "PostgreSQL: " + Trim(primary ? primary : PQresultErrorMessage(res));
    if (detail) text += " (" + Trim(detail) + ")";
    text += " [SQLSTATE " + state + "]";
    if (!sql.empty()) text += " [" + Abbreviate(sql) + "]";
    if (state == "23505") return base::AlreadyExists(std::move(text));
    if (state.starts_with("23")) return base::FailedPrecondition(std::move(text));
    if (state == "40001" || state == "40P01" || state == "55P03") {
      return base::Aborted(std::move(text));
    }
    // "cached plan must not change result type" after DDL, or a statement we thought prepared
    // is gone: forget the cache and let Transact retry.
    if (state == "0A000" || state == "26000") {
      forget_statements = true;
      return base::Aborted(std::move(text));
    }
    if (state.starts_with("42") || state.starts_with("22") || state == "25006" ||
        state == "2BP01") {
      return base::InvalidArgument(std::move(text));
    }
    if (state.starts_with("08") || state.starts_with("57") || state.starts_with("53")) {
      return base::Unavailable(std::move(text));
    }
    return base::Internal(std::move(text));
  }

  // A statement without parameters through the simple protocol (BEGIN, COMMIT, scripts). Statements
  // still queued are synced first and their errors dropped: call Flush before to see them.
  Status Simple(std::string_view sql) {
    if (PQpipelineStatus(conn_) != PQ_PIPELINE_OFF) (void)Flush();
    ResultPtr res(PQexec(conn_, std::string(sql).c_str()));
    ExecStatusType st = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY) {
      return Status::Ok();
    }
    return MapError(res.get(), sql);
  }

  // Runs one statement and waits for it. With statements queued, it goes after them in the same
  // round trip: `*queued_error` then gets the first error among them (and this one did not run).
  Status Run(std::string_view sql, const Params& params, Rows* rows, std::int64_t* changes,
             Counters& counters, Status* queued_error) {
    if (!queued_.empty()) {
      const Status sent = Send(sql, params, counters, /*wanted=*/true);
      Status own;
      *queued_error = Sync(rows, changes, &own);
      return sent.ok() ? own : sent;
    }
    ASSIGN_OR_RETURN(const std::string* name, PrepareCached(sql, params, counters, false));
    BoundParams bound(params);
    ResultPtr res(PQexecPrepared(conn_, name->c_str(), bound.size(), bound.values.data(),
                                 bound.lengths.data(), bound.formats.data(), 0));
    ExecStatusType st = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return MapError(res.get(), sql);
    if (changes) {
      const char* count = PQcmdTuples(res.get());
      *changes = (count && *count) ? std::strtoll(count, nullptr, 10) : 0;
    }
    if (rows && st == PGRES_TUPLES_OK) ReadRows(res.get(), rows);
    return Status::Ok();
  }

  // Runs one statement in libpq's single-row mode and hands each row to `on_row` in `view`.
  // Returns the statement's status; a non-OK status from `on_row` stops the delivery and goes to
  // `*stopped_by` (the remaining rows are still received, and dropped, so that the connection is
  // ready for the next statement and the transaction stays usable).
  Status Stream(std::string_view sql, const Params& params, RowView& view,
                const RowCallback& on_row, Counters& counters, Status* stopped_by) {
    ASSIGN_OR_RETURN(const std::string* name, PrepareCached(sql, params, counters, false));
    BoundParams bound(params);
    if (PQsendQueryPrepared(conn_, name->c_str(), bound.size(), bound.values.data(),
                            bound.lengths.data(), bound.formats.data(), 0) == 0) {
      return MapError(nullptr, sql);
    }
    Status status;
    if (PQsetSingleRowMode(conn_) == 0) {
      status = base::Internal("libpq refused single-row mode [" + Abbreviate(sql) + "]");
    }
    bool deliver = status.ok();
    std::vector<CellKind> kinds;
    bool typed = false;
    for (;;) {
      ResultPtr res(PQgetResult(conn_));
      if (!res) break;
      switch (PQresultStatus(res.get())) {
        case PGRES_SINGLE_TUPLE:
          if (!deliver) break;
          if (!typed) {
            typed = true;
            kinds = ColumnKinds(res.get());
            internal::RowViewAccess::Reset(view, kinds.size());
          }
          FillView(res.get(), kinds, view);
          *stopped_by = on_row(view);
          deliver = stopped_by->ok();
          break;
        case PGRES_TUPLES_OK:  // the end of the rows (or an empty result)
        case PGRES_COMMAND_OK:
          break;
        default:
          if (status.ok()) status = MapError(res.get(), sql);
          deliver = false;
      }
    }
    if (status.ok() && bad()) return MapError(nullptr, sql);
    return status;
  }

  void ForgetStatements() {
    names_.clear();
    ResultPtr res(PQexec(conn_, "DEALLOCATE ALL"));
    forget_statements = false;
  }

  // Queues BEGIN in pipeline mode: it reaches the server with the transaction's first statement
  // (or its COMMIT), one round trip fewer per transaction. `began()` says whether the server
  // has since confirmed it.
  Status Begin(const char* sql) {
    began_ = false;
    commit_sent_ = false;
    if (PQenterPipelineMode(conn_) != 1) {
      return base::Internal("libpq could not enter pipeline mode: " + Trim(PQerrorMessage(conn_)));
    }
    if (PQsendQueryParams(conn_, sql, 0, nullptr, nullptr, nullptr, nullptr, 0) == 0) {
      Status status = MapError(nullptr, sql);
      PQexitPipelineMode(conn_);
      return status;
    }
    queued_.push_back({Queued::Kind::kBegin, sql, {}, false});
    return Status::Ok();
  }
  bool began() const { return began_; }
  // Whether this transaction's COMMIT went out: after that a lost connection leaves its outcome
  // unknown; before it, the server rolls the transaction back.
  bool commit_sent() const { return commit_sent_; }

  // A new session in place of a lost one (server restart, terminated backend): nothing of the
  // old one's is kept — prepared statements, pipeline, settings. Returns whether it connected.
  bool Reset(int lock_timeout_ms) {
    PQreset(conn_);
    names_.clear();
    queued_.clear();
    out_of_step_ = false;
    forget_statements = false;
    if (bad()) return false;
    if (lock_timeout_ms >= 0) (void)Simple("SET lock_timeout = " + std::to_string(lock_timeout_ms));
    return true;
  }

  // Queues one statement in libpq's pipeline mode without waiting for it (ExecuteDeferred).
  // Errors known before sending (wrong parameter count, a lost connection) are returned now;
  // the statement's own outcome comes from the next Run, Flush or Commit.
  Status Queue(std::string_view sql, const Params& params, Counters& counters) {
    return Send(sql, params, counters, /*wanted=*/false);
  }
  size_t queued() const { return queued_.size(); }

  // Sends the queued statements' sync and reads their outcomes: the first error among them.
  // Leaves pipeline mode.
  Status Flush() {
    if (PQpipelineStatus(conn_) == PQ_PIPELINE_OFF) return Status::Ok();
    return Sync(nullptr, nullptr, nullptr);
  }

  // COMMIT, after the queued statements in the same round trip when there are any:
  // `*queued_error` gets the first error among them (COMMIT then did not run).
  Status Commit(Status* queued_error) {
    commit_sent_ = true;
    if (queued_.empty()) return Simple("COMMIT");
    if (PQsendQueryParams(conn_, "COMMIT", 0, nullptr, nullptr, nullptr, nullptr, 0) == 0) {
      *queued_error = Flush();
      return MapError(nullptr, "COMMIT");
    }
    queued_.push_back({Queued::Kind::kCommit, "COMMIT", {}, true});
    Status own;
    *queued_error = Sync(nullptr, nullptr, &own);
    return own;
  }

 private:
  struct Prepared {
    std::string name;
    int placeholders;
  };

  // A statement sent in pipeline mode whose result has not been read yet.
  struct Queued {
    enum class Kind { kBegin, kPrepare, kStatement, kCommit };
    Kind kind;
    std::string sql;        // for error messages
    std::string cache_key;  // kPrepare: the cache entry to drop when the preparation fails
    bool wanted;            // the statement the caller waits for (Run, Commit), not a queued one
  };

  // Sends one statement (preparing it first when needed) in pipeline mode, entering it.
  Status Send(std::string_view sql, const Params& params, Counters& counters, bool wanted) {
    if (PQpipelineStatus(conn_) == PQ_PIPELINE_OFF && PQenterPipelineMode(conn_) != 1) {
      return base::Internal("libpq could not enter pipeline mode: " + Trim(PQerrorMessage(conn_)));
    }
    Status status = [&]() -> Status {
      ASSIGN_OR_RETURN(const std::string* name,
                       PrepareCached(sql, params, counters, /*queue=*/true, wanted));
      BoundParams bound(params);
      if (PQsendQueryPrepared(conn_, name->c_str(), bound.size(), bound.values.data(),
                              bound.lengths.data(), bound.formats.data(), 0) == 0) {
        return MapError(nullptr, sql);
      }
      queued_.push_back({Queued::Kind::kStatement, std::string(sql), {}, wanted});
      return Status::Ok();
    }();
    // Nothing sent at all: leave pipeline mode, so the connection is as it was.
    if (!status.ok() && queued_.empty()) PQexitPipelineMode(conn_);
    return status;
  }

  // Ends the pipeline with a sync and reads every queued result in order. Returns the first
  // error of a statement not `wanted`; the wanted one's (Run's statement, COMMIT) goes to `*own`
  // and its rows or count to `rows` / `changes`. After the first error the server skips the
  // rest up to the sync (PGRES_PIPELINE_ABORTED), so nothing after a failed statement ran.
  Status Sync(Rows* rows, std::int64_t* changes, Status* own) {
    Status queued_error;
    auto fail = [&](const Queued& q, Status status) {
      Status& slot = q.wanted && own != nullptr ? *own : queued_error;
      if (slot.ok() && queued_error.ok()) slot = std::move(status);
    };
    if (PQpipelineSync(conn_) != 1) {
      queued_error = MapError(nullptr, "");
    } else {
      for (const Queued& q : queued_) {
        if (bad()) break;
        for (ResultPtr res(PQgetResult(conn_)); res; res.reset(PQgetResult(conn_))) {
          const ExecStatusType st = PQresultStatus(res.get());
          if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
            if (q.kind == Queued::Kind::kBegin) began_ = true;
            if (q.wanted && q.kind != Queued::Kind::kPrepare) {
              if (changes) {
                const char* count = PQcmdTuples(res.get());
                *changes = (count && *count) ? std::strtoll(count, nullptr, 10) : 0;
              }
              if (rows && st == PGRES_TUPLES_OK) ReadRows(res.get(), rows);
            }
            continue;
          }
          // Not prepared after all: prepare it again next time.
          if (q.kind == Queued::Kind::kPrepare) names_.erase(q.cache_key);
          if (st == PGRES_PIPELINE_ABORTED) {
            if (q.wanted && own != nullptr && own->ok()) {
              *own = base::FailedPrecondition("not run: an earlier statement failed [" +
                                              Abbreviate(q.sql) + "]");
            }
            continue;
          }
          if (st == PGRES_PIPELINE_SYNC) {
            // More results expected than the server sent: the bookkeeping is wrong, so this
            // connection must not be used again.
            out_of_step_ = true;
            fail(q, base::Internal("PostgreSQL pipeline out of step [" + Abbreviate(q.sql) + "]"));
            break;
          }
          fail(q, MapError(res.get(), q.sql));
          if (bad()) break;
        }
        if (out_of_step_) break;
      }
      if (!bad() && !out_of_step_) {
        ResultPtr sync(PQgetResult(conn_));
        if (!sync || PQresultStatus(sync.get()) != PGRES_PIPELINE_SYNC) {
          out_of_step_ = true;
          if (queued_error.ok()) queued_error = MapError(sync.get(), "");
        }
      } else if (bad() && queued_error.ok() && (own == nullptr || own->ok())) {
        queued_error = MapError(nullptr, "");
      }
    }
    queued_.clear();
    if (PQexitPipelineMode(conn_) != 1) out_of_step_ = true;
    return queued_error;
  }

  // The name of the statement prepared on this connection for `sql` (and which parameters are
  // bytea), preparing it on first use — at once, or with `queue` in the pipeline (recorded as
  // prepared now; Sync forgets it again if the server refused it).
  Result<const std::string*> PrepareCached(std::string_view sql, const Params& params,
                                           Counters& counters, bool queue, bool wanted = false) {
    const int n = static_cast<int>(params.size());
    std::string key(sql);
    std::vector<Oid> types(params.size(), 0);
    for (size_t i = 0; i < params.size(); ++i) {
      if (std::holds_alternative<Blob>(params[i].storage())) {
        types[i] = kByteaOid;
        key += '\x01' + std::to_string(i);  // prepared with a bytea parameter: its own entry
      }
    }
    if (auto it = names_.find(key); it != names_.end()) {
      if (it->second.placeholders != n) return PlaceholderMismatch(sql, it->second.placeholders, n);
      counters.cache_hits.fetch_add(1, std::memory_order_relaxed);
      return &it->second.name;
    }
    RewrittenSql rewritten = RewritePlaceholders(sql);
    if (rewritten.placeholders != n) return PlaceholderMismatch(sql, rewritten.placeholders, n);
    std::string new_name = "xr" + std::to_string(++next_id_);
    if (queue) {
      if (PQsendPrepare(conn_, new_name.c_str(), rewritten.sql.c_str(), n, types.data()) == 0) {
        return MapError(nullptr, sql);
      }
      queued_.push_back({Queued::Kind::kPrepare, std::string(sql), key, wanted});
    } else {
      ResultPtr res(PQprepare(conn_, new_name.c_str(), rewritten.sql.c_str(), n, types.data()));
      if (!res || PQresultStatus(res.get()) != PGRES_COMMAND_OK) return MapError(res.get(), sql);
    }
    counters.prepared.fetch_add(1, std::memory_order_relaxed);
    return &names_.emplace(std::move(key), Prepared{std::move(new_name), n}).first->second.name;
  }

  // Parameters in libpq's form: numbers as text, strings in place, Blob as binary bytea.
  struct BoundParams {
    explicit BoundParams(const Params& params)
        : text(params.size()),
          values(params.size(), nullptr),
          lengths(params.size(), 0),
          formats(params.size(), 0) {
      static const char kEmpty[] = "";
      for (size_t i = 0; i < params.size(); ++i) {
        const Value::Storage& v = params[i].storage();
        if (const auto* x = std::get_if<std::int64_t>(&v)) {
          text[i] = std::to_string(*x);
        } else if (const auto* d = std::get_if<double>(&v)) {
          if (std::isnan(*d)) {
            text[i] = "NaN";
          } else if (std::isinf(*d)) {
            text[i] = *d > 0 ? "Infinity" : "-Infinity";
          } else {
            char buf[64];
            auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *d);
            text[i].assign(buf, end);
          }
        } else if (const auto* s = std::get_if<std::string>(&v)) {
          values[i] = s->c_str();
          continue;
        } else if (const auto* b = std::get_if<Blob>(&v)) {
          values[i] = b->bytes.empty() ? kEmpty : reinterpret_cast<const char*>(b->bytes.data());
          lengths[i] = static_cast<int>(b->bytes.size());
          formats[i] = 1;
          continue;
        } else {
          continue;  // NULL
        }
        values[i] = text[i].c_str();
      }
    }
    int size() const { return static_cast<int>(values.size()); }
    std::vector<std::string> text;
    std::vector<const char*> values;
    std::vector<int> lengths;
    std::vector<int> formats;
  };

  static int HexDigit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  // bytea in text form (hex "\\x0a1b…" or the old escape form) decoded into `out`.
  static void DecodeBytea(const char* data, int len, std::string& out) {
    out.clear();
    if (len >= 2 && data[0] == '\\' && data[1] == 'x' && len % 2 == 0) {
      out.resize(static_cast<size_t>(len - 2) / 2);
      bool ok = true;
      for (size_t i = 0; i < out.size(); ++i) {
        const int hi = HexDigit(data[2 + 2 * i]), lo = HexDigit(data[3 + 2 * i]);
        ok = ok && hi >= 0 && lo >= 0;
        out[i] = static_cast<char>((hi << 4) | (lo & 0xf));
      }
      if (ok) return;
    }
    size_t size = 0;
    unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(data), &size);
    if (bytes) out.assign(reinterpret_cast<const char*>(bytes), size);
    PQfreemem(bytes);
  }

  // Row 0 of `res` into `view`, read by its column kinds as ReadRows does, text in place.
  static void FillView(const PGresult* res, const std::vector<CellKind>& kinds, RowView& view) {
    using internal::RowViewAccess;
    for (size_t c = 0; c < kinds.size(); ++c) {
      const int col = static_cast<int>(c);
      if (PQgetisnull(res, 0, col)) {
        RowViewAccess::SetNull(view, c);
        continue;
      }
      const char* data = PQgetvalue(res, 0, col);
      const int len = PQgetlength(res, 0, col);
      switch (kinds[c]) {
        case CellKind::kInt:
          RowViewAccess::SetInt(view, c, ParseNumber<long long>(data, len));
          break;
        case CellKind::kReal:
          RowViewAccess::SetReal(view, c, ParseNumber<double>(data, len));
          break;
        case CellKind::kBool:
          RowViewAccess::SetInt(view, c, data[0] == 't' ? 1 : 0);
          break;
        case CellKind::kBytea: {
          std::string& buffer = RowViewAccess::Buffer(view, c);
          DecodeBytea(data, len, buffer);
          RowViewAccess::SetBlob(view, c, buffer.data(), buffer.size());
          break;
        }
        case CellKind::kText:
          RowViewAccess::SetText(view, c, data, static_cast<size_t>(len));
      }
    }
  }

  static Status PlaceholderMismatch(std::string_view sql, int expected, int given) {
    return base::InvalidArgument("the statement has " + std::to_string(expected) +
                                 " placeholders but " + std::to_string(given) +
                                 " parameters were given [" + Abbreviate(sql) + "]");
  }

  static void ReadRows(const PGresult* res, Rows* rows) {
    const int nrows = PQntuples(res);
    const int ncols = PQnfields(res);
    const std::vector<CellKind> kinds = ColumnKinds(res);
    rows->reserve(rows->size() + nrows);
    for (int r = 0; r < nrows; ++r) {
      std::vector<Value> values;
      values.reserve(ncols);
      for (int c = 0; c < ncols; ++c) {
        if (PQgetisnull(res, r, c)) {
          values.emplace_back();
          continue;
        }
        const char* data = PQgetvalue(res, r, c);
        const int len = PQgetlength(res, r, c);
        switch (kinds[c]) {
          case CellKind::kInt:
            values.emplace_back(ParseNumber<long long>(data, len));
            break;
          case CellKind::kReal:
            values.emplace_back(ParseNumber<double>(data, len));
            break;
          case CellKind::kBool:
            values.emplace_back(static_cast<long long>(data[0] == 't' ? 1 : 0));
            break;
          case CellKind::kBytea: {
            size_t size = 0;
            unsigned char* bytes =
                PQunescapeBytea(reinterpret_cast<const unsigned char*>(data), &size);
            Blob blob;
            if (bytes) blob.bytes.assign(bytes, bytes + size);
            PQfreemem(bytes);
            values.emplace_back(std::move(blob));
            break;
          }
          case CellKind::kText:
            values.emplace_back(std::string(data, static_cast<size_t>(len)));
        }
      }
      rows->emplace_back(std::move(values));
    }
  }

  PGconn* conn_;
  std::unordered_map<std::string, Prepared> names_;
  std::int64_t next_id_ = 0;
  std::vector<Queued> queued_;  // in the order sent; empty outside pipeline mode
  bool out_of_step_ = false;    // a pipeline's results did not match what was sent
  bool began_ = false;          // the server confirmed the queued BEGIN
  bool commit_sent_ = false;
};

Result<std::unique_ptr<Connection>> Connect(const std::string& url, int lock_timeout_ms) {
  // Later entries win, so a connect_timeout in the URL overrides the default.
  const char* keywords[] = {"connect_timeout", "fallback_application_name", "dbname", nullptr};
  const char* values[] = {"10", "xuanren", url.c_str(), nullptr};
  PGconn* raw = PQconnectdbParams(keywords, values, 1);
  if (raw == nullptr) return base::Unavailable("libpq could not allocate a connection");
  auto c = std::make_unique<Connection>(raw);
  if (PQstatus(raw) != CONNECTION_OK) {
    return base::Unavailable("cannot connect to PostgreSQL at " + RedactUrl(url) + ": " +
                             Trim(PQerrorMessage(raw)));
  }
  PQsetNoticeProcessor(raw, IgnoreNotice, nullptr);
  if (PQsetClientEncoding(raw, "UTF8") != 0) {
    return base::Unavailable("PostgreSQL refused client_encoding UTF8");
  }
  if (lock_timeout_ms >= 0) {
    RETURN_IF_ERROR(c->Simple("SET lock_timeout = " + std::to_string(lock_timeout_ms)));
  }
  return c;
}

class PostgresTransaction final : public Transaction {
 public:
  PostgresTransaction(Connection& connection, Counters& counters)
      : connection_(connection), counters_(counters) {}

  Dialect dialect() const override { return Dialect::kPostgres; }

  Result<Rows> Query(std::string_view sql, const Params& params) override {
    RETURN_IF_ERROR(failure_.CheckUsable());
    Rows rows;
    Status queued;
    const Status own = connection_.Run(sql, params, &rows, nullptr, counters_, &queued);
    RETURN_IF_ERROR(Deferred(std::move(queued)));
    RETURN_IF_ERROR(failure_.Remember(own));
    return rows;
  }

  Status ForEachRow(std::string_view sql, const Params& params,
                    const RowCallback& on_row) override {
    RETURN_IF_ERROR(failure_.CheckUsable());
    // Single-row mode reads one statement's results alone: send the queued ones first.
    RETURN_IF_ERROR(Deferred(connection_.Flush()));
    internal::FirstFailure::Streaming busy(failure_);
    Status stopped_by;
    RETURN_IF_ERROR(
        failure_.Remember(connection_.Stream(sql, params, view_, on_row, counters_, &stopped_by)));
    return stopped_by;
  }

  Result<std::int64_t> Execute(std::string_view sql, const Params& params) override {
    RETURN_IF_ERROR(failure_.CheckUsable());
    std::int64_t changes = 0;
    Status queued;
    const Status own = connection_.Run(sql, params, nullptr, &changes, counters_, &queued);
    RETURN_IF_ERROR(Deferred(std::move(queued)));
    RETURN_IF_ERROR(failure_.Remember(own));
    return changes;
  }

  Status ExecuteDeferred(std::string_view sql, const Params& params) override {
    RETURN_IF_ERROR(failure_.CheckUsable());
    RETURN_IF_ERROR(failure_.Remember(connection_.Queue(sql, params, counters_)));
    // A bound on what waits unread, so the server's replies never fill the socket while this
    // side is still sending (both would block).
    if (connection_.queued() >= kMaxQueued) return Deferred(connection_.Flush());
    return Status::Ok();
  }

  Status ExecuteScript(std::string_view sql) override {
    RETURN_IF_ERROR(failure_.CheckUsable());
    RETURN_IF_ERROR(Deferred(connection_.Flush()));
    return failure_.Remember(connection_.Simple(sql));
  }

  const Status& first_error() const { return failure_.status(); }
  // Whether the first failure was a deferred statement's, found by a later call: Transact then
  // returns it whatever `work` made of the FailedPrecondition that call returned.
  bool deferred_failed() const { return deferred_failed_; }

 private:
  static constexpr size_t kMaxQueued = 64;

  // A deferred statement's failure, found by a later call: remembered as the transaction's
  // first failure; the call itself returns FailedPrecondition naming it (it is not that call's
  // own error, which callers may map to messages of their own).
  Status Deferred(Status queued) {
    if (queued.ok()) return Status::Ok();
    deferred_failed_ = true;
    (void)failure_.Remember(std::move(queued));
    return failure_.CheckUsable();
  }

  Connection& connection_;
  Counters& counters_;
  internal::FirstFailure failure_;
  bool deferred_failed_ = false;
  RowView view_;  // reused by every ForEachRow of this transaction
};

class PostgresDatabase final : public Database {
 public:
  PostgresDatabase(std::string url, const OpenOptions& options)
      : url_(std::move(url)),
        options_(options),
        pool_(
            {options_.pool_size, std::chrono::milliseconds(options_.acquire_timeout_ms),
             "PostgreSQL", description()},
            [this] { return Connect(url_, options_.busy_timeout_ms); },
            // Broken, or left inside a transaction: close it rather than hand it out again.
            [](const Connection& c) { return c.reusable(); }) {}
  ~PostgresDatabase() override { Close(); }

  Dialect dialect() const override { return Dialect::kPostgres; }
  std::string description() const override { return RedactUrl(url_); }

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
  Status Attempt(Connection& c, TxMode mode, const TransactionWork& work) {
    Status status = AttemptOn(c, mode, work);
    if (!status.ok() && c.bad() && !c.began() && !c.commit_sent() &&
        c.Reset(options_.busy_timeout_ms)) {
      // The connection was lost before the transaction began — an idle pooled connection whose
      // server restarted or ended it — and no COMMIT went out: nothing can have been committed,
      // so run it once more on a new connection.
      status = AttemptOn(c, mode, work);
    }
    return status;
  }

  Status AttemptOn(Connection& c, TxMode mode, const TransactionWork& work) {
    // Why not READ COMMITTED for writes: code is also tested on SQLite, whose BEGIN IMMEDIATE makes
    // read-then-write transactions serializable; SERIALIZABLE keeps that true here, and the
    // retry loop absorbs the resulting 40001 failures.
    const char* begin = mode == TxMode::kWrite ? "BEGIN ISOLATION LEVEL SERIALIZABLE"
                                               : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
    RETURN_IF_ERROR(c.Begin(begin));
    PostgresTransaction tx(c, counters_);
    Status status = work(tx);
    if (tx.deferred_failed() || (status.ok() && !tx.first_error().ok())) {
      status = tx.first_error();
    }
    if (status.ok()) {
      // With deferred statements still queued, COMMIT goes with them; the first of their errors
      // (the transaction then rolls back) comes before COMMIT's own.
      Status queued;
      status = c.Commit(&queued);
      if (!queued.ok()) status = queued;
      if (!status.ok() && status.code() == base::StatusCode::kUnavailable) {
        return base::Unavailable(
            "lost the connection to PostgreSQL during COMMIT; the transaction may or may not "
            "have been committed: " +
            status.message());
      }
    }
    // Statements queued when `work` failed — BEGIN itself when it ran none: their results are
    // not wanted (Simple syncs them first).
    if (!c.bad() && (c.queued() > 0 || PQtransactionStatus(c.conn()) != PQTRANS_IDLE)) {
      (void)c.Simple("ROLLBACK");
    }
    if (c.forget_statements && !c.bad()) c.ForgetStatements();
    return status;
  }

  std::string url_;
  OpenOptions options_;
  Counters counters_;
  internal::ConnectionPool<Connection> pool_;
};

}  // namespace

Result<std::unique_ptr<Database>> Open(std::string_view url, const OpenOptions& options) {
  auto db = std::make_unique<PostgresDatabase>(std::string(url), options);
  RETURN_IF_ERROR(db->Init());
  return std::unique_ptr<Database>(std::move(db));
}

Status ExecuteAdmin(std::string_view url, std::string_view sql) {
  ASSIGN_OR_RETURN(std::unique_ptr<Connection> c, Connect(std::string(url), -1));
  return c->Simple(sql);
}

}  // namespace xr::store::postgres
