// Reading many rows through the store, materialised (Transaction::Query) against streamed
// (Transaction::ForEachRow), on either engine (docs/benchmarks.md "Full-process record"):
//   bench_store_scan URL [N=300000] [rounds=2]
// URL is "sqlite:PATH" or a PostgreSQL URL (a throwaway server: tests/testing/pg_server start
// DIR prints one). Creates (replaces) the table `bench_scan` with N rows shaped like audit
// entries (a BIGINT key and six text columns, ~430 bytes), then reads them back in pages of
// 10,000 by key, both ways, `rounds` times, touching every text column. Drops the table at the end.

#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>

#include "store/database.h"

namespace {

using namespace xr;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

double CpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

int Fail(const base::Status& s) {
  std::fprintf(stderr, "bench_store_scan: %s\n", s.ToString().c_str());
  return 1;
}

constexpr std::int64_t kPage = 10000;
constexpr const char* kSelect =
    "SELECT idx, at, actor, action, details, leaf_hash, mac FROM bench_scan WHERE idx >= ? "
    "ORDER BY idx LIMIT ?";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_store_scan URL [N=300000] [rounds=2]\n");
    return 2;
  }
  const std::string url = argv[1];
  const std::int64_t n = argc > 2 ? std::stoll(argv[2]) : 300000;
  const int rounds = argc > 3 ? std::stoi(argv[3]) : 2;
  auto db = store::OpenDatabase(url);
  if (!db.ok()) return Fail(db.status());
  base::Status s = (*db)->Transact(store::TxMode::kWrite, [&](store::Transaction& tx) {
    RETURN_IF_ERROR(tx.ExecuteScript(
        "DROP TABLE IF EXISTS bench_scan; CREATE TABLE bench_scan (idx BIGINT PRIMARY KEY, "
        "at TEXT, actor TEXT, action TEXT, details TEXT, leaf_hash TEXT, mac TEXT)"));
    return tx
        .Execute(
            "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
            "INSERT INTO bench_scan SELECT i, '2026-11-27T23:59:59.123456Z', "
            "'ganbu' || CAST(i % 50 AS TEXT), 'cadre.update', "
            "'7:changed4:post7:changed4:rank4:unit6:JH0102', "
            "'0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', "
            "'fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210' FROM n",
            {n - 1})
        .status();
  });
  if (!s.ok()) return Fail(s);

  for (int round = 1; round <= rounds; ++round) {
    std::size_t bytes = 0;
    std::int64_t rows = 0;
    auto start = Clock::now();
    double cpu = CpuSeconds();
    s = (*db)->Transact(store::TxMode::kRead, [&](store::Transaction& tx) -> base::Status {
      for (std::int64_t from = 0;; from += kPage) {
        ASSIGN_OR_RETURN(store::Rows page, tx.Query(kSelect, {from, kPage}));
        for (const store::Row& row : page) {
          ++rows;
          for (size_t c = 1; c < 7; ++c) {
            bytes += std::get<std::string>(row.at(c).storage()).size();
          }
        }
        if (std::int64_t(page.size()) < kPage) return base::Status::Ok();
      }
    });
    if (!s.ok()) return Fail(s);
    const double query_s = Seconds(start), query_cpu = CpuSeconds() - cpu;

    start = Clock::now();
    cpu = CpuSeconds();
    s = (*db)->Transact(store::TxMode::kRead, [&](store::Transaction& tx) -> base::Status {
      for (std::int64_t from = 0;; from += kPage) {
        std::int64_t page = 0;
        RETURN_IF_ERROR(tx.ForEachRow(kSelect, {from, kPage}, [&](const store::RowView& row) {
          ++page;
          ++rows;
          for (size_t c = 1; c < 7; ++c) bytes += row.Text(c).size();
          return base::Status::Ok();
        }));
        if (page < kPage) return base::Status::Ok();
      }
    });
    if (!s.ok()) return Fail(s);
    const double stream_s = Seconds(start), stream_cpu = CpuSeconds() - cpu;
    if (rows != 2 * n) return Fail(base::Internal("read " + std::to_string(rows) + " rows"));
    std::printf(
        "round %d, %s, %lld rows (%.1f MB of text): Query %.3f s (CPU %.3f s), ForEachRow %.3f s "
        "(CPU %.3f s)\n",
        round, (*db)->dialect() == store::Dialect::kSqlite ? "SQLite" : "PostgreSQL", (long long)n,
        bytes / 2 / 1e6, query_s, query_cpu, stream_s, stream_cpu);
  }
  s = (*db)->Transact(store::TxMode::kWrite, [](store::Transaction& tx) {
    return tx.ExecuteScript("DROP TABLE bench_scan");
  });
  if (!s.ok()) return Fail(s);
  return 0;
}
