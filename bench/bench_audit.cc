// The full-process record at scale (docs/benchmarks.md "Full-process record"):
//   bench_audit [N=1000000] [sqlite-path]
// Appends N entries to a fresh SQLite database in transactions of 10,000, appends 20,000 more
// one transaction each, runs the verifier over everything, and — as the ceiling — hashes the same
// entries' canonical bytes with libsodium SHA-256 in this process (one call per entry, as the
// verifier's leaf hashing does). Compare also `openssl speed -evp sha256` on the machine.

#include <sodium.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "audit/audit_log.h"
#include "audit/audit_schema.h"
#include "audit/verify.h"
#include "base/clock.h"
#include "store/database.h"
#include "store/migrate.h"

namespace {

using namespace xr;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

audit::NewAuditEntry Sample(std::int64_t i) {
  return {"ganbu" + std::to_string(i % 50),
          access::UserId(i % 50 + 1),
          "10.0.0." + std::to_string(i % 200),
          i % 3 ? "cadre.update" : "cadre.read_confidential",
          "cadre",
          std::to_string(i % 5000),
          {{"changed", "post"}, {"changed", "rank"}, {"unit", "JH0102"}}};
}

int Fail(const base::Status& s) {
  std::fprintf(stderr, "bench_audit: %s\n", s.ToString().c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  const std::int64_t n = argc > 1 ? std::stoll(argv[1]) : 1000000;
  const std::string path = argc > 2 ? argv[2] : "/tmp/xr-bench-audit.db";
  constexpr std::int64_t kBatch = 10000, kSingles = 20000;
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
  if (sodium_init() < 0) return 1;

  auto db = store::OpenDatabase("sqlite:" + path);
  if (!db.ok()) return Fail(db.status());
  base::RealClock clock;
  if (auto m = store::Migrate(**db, audit::Migrations(), clock); !m.ok()) return Fail(m.status());
  const audit::AuditKeys keys = audit::AuditKeys::Generate();
  audit::AuditLog log(keys, clock);

  auto start = Clock::now();
  for (std::int64_t done = 0; done < n; done += kBatch) {
    base::Status s = (*db)->Transact(store::TxMode::kWrite, [&](store::Transaction& tx) {
      for (std::int64_t i = done; i < std::min(n, done + kBatch); ++i) {
        RETURN_IF_ERROR(log.Append(tx, Sample(i)).status());
      }
      return base::Status::Ok();
    });
    if (!s.ok()) return Fail(s);
  }
  const double batch_s = Seconds(start);
  std::printf("append, %lld per transaction: %lld entries in %.2f s = %.0f entries/s\n",
              (long long)kBatch, (long long)n, batch_s, n / batch_s);

  start = Clock::now();
  for (std::int64_t i = 0; i < kSingles; ++i) {
    base::Status s = (*db)->Transact(store::TxMode::kWrite, [&](store::Transaction& tx) {
      return log.Append(tx, Sample(n + i)).status();
    });
    if (!s.ok()) return Fail(s);
  }
  const double single_s = Seconds(start);
  std::printf("append, 1 per transaction:     %lld entries in %.2f s = %.0f entries/s\n",
              (long long)kSingles, single_s, kSingles / single_s);

  const std::int64_t total = n + kSingles;
  start = Clock::now();
  auto report = audit::Verify(**db, keys);
  const double verify_s = Seconds(start);
  if (!report.ok()) return Fail(report.status());
  if (!report->ok) return Fail(base::Internal(report->reason));
  std::printf("verify: %lld entries, %lld checkpoints in %.2f s = %.0f entries/s\n",
              (long long)report->entries_checked, (long long)report->checkpoints_checked, verify_s,
              report->entries_checked / verify_s);
  (*db)->Close();

  // The ceiling: SHA-256 of the same canonical entry bytes, one call per entry.
  std::vector<std::vector<std::uint8_t>> encoded;
  encoded.reserve(size_t(total));
  std::size_t bytes = 0;
  for (std::int64_t i = 0; i < total; ++i) {
    audit::AuditEntry e;
    audit::NewAuditEntry s = Sample(i);
    e.index = i;
    e.at = clock.Now();
    e.actor = s.actor;
    e.actor_id = s.actor_id;
    e.address = s.address;
    e.action = s.action;
    e.object_type = s.object_type;
    e.object_id = s.object_id;
    e.details = s.details;
    encoded.push_back(audit::EncodeEntry(e));
    bytes += encoded.back().size() + 1;
  }
  start = Clock::now();
  unsigned char digest[32], sink = 0;
  for (const auto& e : encoded) {
    crypto_hash_sha256(digest, e.data(), e.size());
    sink ^= digest[0];
  }
  const double sha_s = Seconds(start);
  std::printf("ceiling: SHA-256 of the same %lld entries (%.1f MB) in %.3f s = %.0f MB/s%s\n",
              (long long)total, bytes / 1e6, sha_s, bytes / 1e6 / sha_s, sink == 255 ? " " : "");
  std::printf("verify / ceiling = %.1f×\n", verify_s / sha_s);
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
  return 0;
}
