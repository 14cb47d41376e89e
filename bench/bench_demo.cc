// Where the time of `xuanren demo` goes, part by part, without the database writes
// (docs/benchmarks.md "Demo generation"):
//   bench_demo [N=200000]
// Builds the compact city of N cadres, then over all N: generates each dossier; validates it
// with the seeded code tables (a migrated in-memory SQLite database); encodes the sealed parts
// as JSON; computes its full-text bigrams with DossierBigrams (the rows of cadre_text_bigrams; the
// loader itself tokenizes each distinct text once); computes the name keys of each distinct name
// (ICU). Prints wall and CPU seconds and microseconds per cadre for each. The whole
// command, writes included, is measured with /usr/bin/time -v build/xuanren demo --db … --cadres N.

#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>
#include <unordered_set>

#include "app/application.h"
#include "base/clock.h"
#include "cadre/dictionary_repository.h"
#include "cadre/dossier_json.h"
#include "cadre/dossier_rules.h"
#include "cadre/name_keys.h"
#include "cadre/text_index.h"
#include "demo/demo_dossier.h"
#include "store/migrate.h"

namespace {

using namespace xr;
using Clock = std::chrono::steady_clock;

double CpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

class Stage {
 public:
  explicit Stage(const char* name) : name_(name), wall_(Clock::now()), cpu_(CpuSeconds()) {}
  void Done(std::int64_t items) const {
    const double wall = std::chrono::duration<double>(Clock::now() - wall_).count();
    const double cpu = CpuSeconds() - cpu_;
    std::printf("%-34s %8.2f s wall %8.2f s cpu %8.2f µs/item (%lld items)\n", name_, wall, cpu,
                items ? cpu * 1e6 / double(items) : 0.0, static_cast<long long>(items));
  }

 private:
  const char* name_;
  Clock::time_point wall_;
  double cpu_;
};

int Fail(const base::Status& s) {
  std::fprintf(stderr, "bench_demo: %s\n", s.ToString().c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::stoi(argv[1]) : 200000;
  base::RealClock clock;
  const base::Date today = clock.Now().ShanghaiDate();

  auto db = store::OpenDatabase("sqlite::memory:");
  if (!db.ok()) return Fail(db.status());
  if (auto migrated = store::Migrate(**db, app::AllMigrations(), clock); !migrated.ok()) {
    return Fail(migrated.status());
  }
  auto tables = (*db)->TransactValue<cadre::CodeTables>(
      store::TxMode::kRead, [](store::Transaction& tx) { return cadre::LoadCodeTables(tx); });
  if (!tables.ok()) return Fail(tables.status());

  Stage build("BuildDemoCity");
  const demo::DemoCity city = demo::BuildDemoCity(n, 1, today);
  build.Done(n);

  const demo::DemoIds ids{[](int unit) { return org::UnitId(1 + unit); },
                          [](int cadre) { return cadre::CadreId(1 + cadre); }};
  std::int64_t items = 0;
  Stage generate("BuildDemoDossier");
  for (int i = 0; i < n; ++i) {
    const cadre::Dossier d = demo::BuildDemoDossier(city, i, ids);
    items += std::int64_t(d.assessments.size() + d.resume.size() + d.posts.size() + d.ranks.size() +
                          d.rewards.size() + d.trainings.size() + d.education.size());
  }
  generate.Done(n);
  std::printf("  %.1f item rows per cadre\n", double(items) / n);

  Stage validate("BuildDemoDossier + ValidateDossier");
  std::int64_t warnings = 0;
  for (int i = 0; i < n; ++i) {
    cadre::Dossier d = demo::BuildDemoDossier(city, i, ids);
    auto findings = cadre::ValidateDossier(d, *tables, today);
    if (!findings.ok()) return Fail(findings.status());
    warnings += std::int64_t(findings->size());
  }
  validate.Done(n);
  std::printf("  %lld warnings\n", static_cast<long long>(warnings));

  Stage encode("BuildDemoDossier + family JSON");
  std::size_t bytes = 0;
  for (int i = 0; i < n; ++i) {
    const cadre::Dossier d = demo::BuildDemoDossier(city, i, ids);
    bytes += cadre::DumpJson(cadre::EncodeFamily(d.family)).size() +
             cadre::DumpJson(cadre::EncodePersonalMatters(d.personal_matters)).size();
  }
  encode.Done(n);
  std::printf("  %.0f bytes of confidential JSON per cadre\n", double(bytes) / n);

  Stage bigrams("BuildDemoDossier + DossierBigrams");
  std::int64_t rows = 0;
  for (int i = 0; i < n; ++i) {
    const cadre::Dossier d = demo::BuildDemoDossier(city, i, ids);
    rows += std::int64_t(cadre::DossierBigrams(d).size());
  }
  bigrams.Done(n);
  std::printf("  %.1f full-text bigram rows per cadre\n", double(rows) / n);

  std::unordered_set<std::string> names;
  for (const demo::DemoCadre& c : city.cadres) names.insert(demo::DemoCadreName(c));
  Stage keys("name keys (ICU) per distinct name");
  for (const std::string& name : names) {
    bytes += cadre::StrokeSortKey(name).size() + cadre::PinyinInitials(name).size();
  }
  keys.Done(std::int64_t(names.size()));
  return 0;
}
