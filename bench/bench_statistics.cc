// 班子结构分析 at scale (docs/benchmarks.md "Structure statistics (issue 5)"):
//   bench_statistics URL [runs=21] [subtree_size=10000]
// URL is "sqlite:PATH" or a PostgreSQL URL of a database filled by `xuanren demo --cadres N`;
// the database is only read. Picks the unit whose subtree holds the number of 在职 cadres closest
// to `subtree_size` (found once, untimed, from one GROUP BY), then times `runs` structure-
// statistics requests for it through statistics::StructureService::Analyse (as the HTTP route
// calls it, for an actor who sees every cadre) and prints min / median / p90 / max, the first
// (coldest) run separately. As a baseline in the same run it times the bare SQL count of the
// same subtree (the least any statistics request must read). A database migrated before the
// statistics targets existed is read with statistics::DefaultTargets() through CountStructure
// (the same statement) and says so.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>
#include <string>
#include <vector>

#include "access/actor.h"
#include "access/recorder.h"
#include "base/clock.h"
#include "statistics/structure_service.h"
#include "store/database.h"

namespace {

using namespace xr;
using Clock = std::chrono::steady_clock;

double Millis(Clock::time_point since) {
  return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
}

// This process's CPU time: on a loaded machine the wall clock also counts other processes.
double CpuMillis() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

int Fail(const base::Status& s) {
  std::fprintf(stderr, "bench_statistics: %s\n", s.ToString().c_str());
  return 1;
}

// Analyse never writes; a recorder that would fail loudly if it did.
class NoRecorder final : public access::Recorder {
 public:
  base::Status Write(store::Transaction&, const access::Actor&, std::string_view, std::string_view,
                     std::string_view, Details) const override {
    return base::Internal("bench_statistics does not write");
  }
};

struct Stats {
  double min, median, p90, max;
};

Stats Summarise(std::vector<double> times) {
  std::sort(times.begin(), times.end());
  const auto at = [&](double q) { return times[std::size_t(q * double(times.size() - 1) + 0.5)]; };
  return {times.front(), at(0.5), at(0.9), times.back()};
}

void Print(const char* what, const std::vector<double>& times) {
  const Stats s = Summarise(times);
  std::printf("%-34s runs %zu  min %7.1f  median %7.1f  p90 %7.1f  max %7.1f ms\n", what,
              times.size(), s.min, s.median, s.p90, s.max);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_statistics URL [runs=21] [subtree_size=10000]\n");
    return 2;
  }
  const std::string url = argv[1];
  const int runs = argc > 2 ? std::stoi(argv[2]) : 21;
  const std::int64_t wanted = argc > 3 ? std::stoll(argv[3]) : 10000;
  auto db = store::OpenDatabase(url);
  if (!db.ok()) return Fail(db.status());

  // The unit whose subtree is closest to `wanted` cadres: per-unit counts, summed up the paths.
  struct Unit {
    std::int64_t id;
    std::string path, name;
    std::int64_t own = 0, subtree = 0;
  };
  std::vector<Unit> units;
  std::int64_t cadres = 0;
  const Clock::time_point scan = Clock::now();
  base::Status s = (*db)->Transact(store::TxMode::kRead, [&](store::Transaction& tx) {
    ASSIGN_OR_RETURN(store::Rows rows, tx.Query("SELECT id, path, name FROM units"));
    std::map<std::int64_t, std::size_t> index;
    for (const store::Row& row : rows) {
      index[row.Int(0)] = units.size();
      units.push_back({row.Int(0), row.Text(1), row.Text(2)});
    }
    ASSIGN_OR_RETURN(store::Rows counts,
                     tx.Query("SELECT unit_id, COUNT(*) FROM cadres WHERE status = '在职' "
                              "GROUP BY unit_id"));
    for (const store::Row& row : counts) {
      units[index.at(row.Int(0))].own = row.Int(1);
      cadres += row.Int(1);
    }
    return base::Status::Ok();
  });
  if (!s.ok()) return Fail(s);
  std::sort(units.begin(), units.end(),
            [](const Unit& a, const Unit& b) { return a.path < b.path; });
  // Sorted by path, a unit's subtree is the run of paths it prefixes.
  for (std::size_t i = 0; i < units.size(); ++i) {
    for (std::size_t j = i; j < units.size() && units[j].path.starts_with(units[i].path); ++j) {
      units[i].subtree += units[j].own;
    }
  }
  const Unit* chosen = &units.front();
  for (const Unit& u : units) {
    if (std::llabs(u.subtree - wanted) < std::llabs(chosen->subtree - wanted)) chosen = &u;
  }
  std::printf(
      "%s: %lld 在职 cadres in %zu units (found in %.0f ms); subtree of %s (id %lld, %s): "
      "%lld cadres\n",
      (*db)->description().c_str(), (long long)cadres, units.size(), Millis(scan),
      chosen->name.c_str(), (long long)chosen->id, chosen->path.c_str(),
      (long long)chosen->subtree);

  base::RealClock clock;
  NoRecorder recorder;
  statistics::StructureService service(**db, clock, recorder);
  access::Actor actor = access::CliOperator({"cadre.read"});
  statistics::StructureRequest request;
  request.unit_id = chosen->id;
  request.subtree = true;
  request.reference_date = *base::Date::Parse("2026-11-28");

  bool full_service = true;
  auto analyse = [&]() -> base::Result<statistics::StructureReport> {
    if (full_service) {
      auto report = service.Analyse(actor, request);
      if (report.ok() || report.status().code() != base::StatusCode::kInvalidArgument) {
        return report;
      }
      std::printf("(no statistics targets table: CountStructure with DefaultTargets())\n");
      full_service = false;
    }
    return (*db)->TransactValue<statistics::StructureReport>(
        store::TxMode::kRead,
        [&](store::Transaction& tx) -> base::Result<statistics::StructureReport> {
          ASSIGN_OR_RETURN(search::SqlPredicate where,
                           statistics::UnitPredicate(tx, actor, chosen->id, true));
          return statistics::CountStructure(tx, where, *request.reference_date,
                                            statistics::DefaultTargets());
        });
  };

  std::vector<double> times, cpu, baseline;
  double first = 0;
  std::int64_t total = 0;
  for (int i = 0; i < runs + 1; ++i) {
    const Clock::time_point start = Clock::now();
    const double cpu_start = CpuMillis();
    auto report = analyse();
    const double ms = Millis(start);
    const double cpu_ms = CpuMillis() - cpu_start;
    if (!report.ok()) return Fail(report.status());
    total = report->total;
    if (i == 0) {
      first = ms;
    } else {
      times.push_back(ms);
      cpu.push_back(cpu_ms);
    }
    // The baseline: the bare count of the same cadres, alternating with the requests.
    const Clock::time_point bare = Clock::now();
    base::Status counted = (*db)->Transact(store::TxMode::kRead, [&](store::Transaction& tx) {
      ASSIGN_OR_RETURN(search::SqlPredicate where,
                       statistics::UnitPredicate(tx, actor, chosen->id, true));
      return tx
          .QueryInt(
              "SELECT COUNT(*) FROM cadres c JOIN units u ON u.id = c.unit_id WHERE " + where.sql,
              where.params)
          .status();
    });
    if (!counted.ok()) return Fail(counted);
    if (i > 0) baseline.push_back(Millis(bare));
  }
  std::printf("report total %lld; first (coldest) request %.1f ms\n", (long long)total, first);
  Print("structure statistics request", times);
  Print("  its CPU time (this process)", cpu);
  Print("baseline: COUNT(*) of the subtree", baseline);
  return 0;
}
