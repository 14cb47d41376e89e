// 任免审批表 PDF benchmark (docs/benchmarks.md "任免审批表 PDF (issue 5)"): on a demo database,
//   1. the parts of one form without the database (demo dossiers built in memory): layout alone
//      (pango measuring and fitting) and layout + drawing to PDF bytes, ms per form;
//   2. PrintService::PrintRmb (load in scope + audit entry + layout + PDF) one cadre after another,
//      ms per form and bytes per PDF;
//   3. a batch of N forms (default 1,000) as one PDF, and of at most kMaxZipForms as a zip
//      (PrintRmbBatch, as the print.rmb_batch job runs it): seconds, forms per second, file
//      size, peak RSS.
//   bench_print DB_URL [N]
// Needs XUANREN_MASTER_KEY_FILE / XUANREN_AUDIT_KEY_FILE of the database (bench/print/run.sh).
#include <sys/resource.h>
#include <time.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "app/application.h"
#include "cadre/rmb_text.h"
#include "demo/demo_city.h"
#include "demo/demo_dossier.h"
#include "print/pdf_renderer.h"
#include "print/rmb_content.h"
#include "print/rmb_layout.h"
#include "store/database.h"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

// CPU seconds of this process (user + system): what the work costs, apart from the waits the
// other processes on this shared machine cause.
double CpuSeconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

long PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

int Fail(const xr::base::Status& status) {
  std::fprintf(stderr, "bench_print: %s\n", status.ToString().c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_print DB_URL [N]\n");
    return 2;
  }
  const std::string url = argv[1];
  const int n = argc > 2 ? std::stoi(argv[2]) : 1000;
  const xr::base::Date today = *xr::base::Date::Parse("2026-11-28");

  // 1. Layout and drawing alone, on demo dossiers built in memory.
  auto renderer = xr::print::RmbRenderer::Create();
  if (!renderer.ok()) return Fail(renderer.status());
  const xr::demo::DemoCity city = xr::demo::BuildDemoCity(200, 20261127, today);
  const xr::demo::DemoIds ids{[](int index) { return xr::org::UnitId(index + 1); },
                              [](int) { return std::optional<xr::cadre::CadreId>(); }};
  std::vector<xr::print::RmbContent> contents;
  for (int i = 0; i < 200; ++i) {
    const xr::cadre::Dossier d = xr::demo::BuildDemoDossier(city, i, ids);
    contents.push_back(xr::print::RmbContentFor(d, xr::cadre::GenerateRmbTexts(d), today, false, {}));
  }
  auto start = Clock::now();
  double cpu = CpuSeconds();
  std::size_t pages = 0;
  for (const auto& content : contents)
    pages += xr::print::LayoutRmb(content, (*renderer)->metrics()).pages.size();
  const double layout_ms = Seconds(start) * 1000 / contents.size();
  const double layout_cpu_ms = (CpuSeconds() - cpu) * 1000 / contents.size();
  start = Clock::now();
  cpu = CpuSeconds();
  std::size_t bytes = 0;
  for (const auto& content : contents) {
    auto pdf = (*renderer)->Render(xr::print::LayoutRmb(content, (*renderer)->metrics()), {},
                                   {"bench", xr::base::Timestamp::FromUnixMicros(0)});
    if (!pdf.ok()) return Fail(pdf.status());
    bytes += pdf->size();
  }
  const double render_ms = Seconds(start) * 1000 / contents.size();
  const double render_cpu_ms = (CpuSeconds() - cpu) * 1000 / contents.size();
  std::printf("pure (200 demo dossiers, %zu pages): layout %.2f ms/form (CPU %.2f); layout + PDF "
              "%.2f ms/form (CPU %.2f; drawing and font subsetting %.1fx the layout); %.0f KB per "
              "PDF\n",
              pages, layout_ms, layout_cpu_ms, render_ms, render_cpu_ms,
              render_cpu_ms / layout_cpu_ms, bytes / 1024.0 / contents.size());

  // 2. and 3. Through the service on the database.
  auto db = xr::store::OpenDatabase(url);
  if (!db.ok()) return Fail(db.status());
  xr::base::RealClock clock;
  xr::app::Application app(**db, clock);
  if (auto current = app.CheckSchemaIsCurrent(); !current.ok()) return Fail(current);
  const xr::access::Actor actor = xr::app::CliOperator();
  auto rows = (*db)->TransactValue<xr::store::Rows>(
      xr::store::TxMode::kRead, [&](xr::store::Transaction& tx) {
        return tx.Query("SELECT id FROM cadres ORDER BY id LIMIT ?", {std::int64_t{n}});
      });
  if (!rows.ok()) return Fail(rows.status());
  std::vector<xr::cadre::CadreId> cadres;
  for (const auto& row : *rows) cadres.emplace_back(row.Int(0));
  if (cadres.empty()) return Fail(xr::base::FailedPrecondition("no cadres: run xuanren demo first"));

  const std::size_t singles = std::min<std::size_t>(100, cadres.size());
  start = Clock::now();
  cpu = CpuSeconds();
  bytes = 0;
  for (std::size_t i = 0; i < singles; ++i) {
    auto file = app.print().PrintRmb(actor, cadres[i]);
    if (!file.ok()) return Fail(file.status());
    bytes += file->bytes.size();
  }
  std::printf("PrintRmb (%zu cadres one by one, each loaded in scope and recorded): %.1f ms/form "
              "(CPU %.1f), %.0f KB per PDF\n",
              singles, Seconds(start) * 1000 / singles, (CpuSeconds() - cpu) * 1000 / singles,
              bytes / 1024.0 / singles);

  for (auto format : {xr::print::BatchFormat::kPdf, xr::print::BatchFormat::kZip}) {
    xr::jobs::ImmediateJobContext context;
    std::vector<xr::cadre::CadreId> batch = cadres;
    if (format == xr::print::BatchFormat::kZip && batch.size() > xr::print::kMaxZipForms)
      batch.resize(xr::print::kMaxZipForms);
    start = Clock::now();
    cpu = CpuSeconds();
    auto result = app.print().PrintRmbBatch(actor, batch, format, context);
    if (!result.ok()) return Fail(result.status());
    const double seconds = Seconds(start);
    const double cpu_seconds = CpuSeconds() - cpu;
    std::printf("batch of %lld as %s: %.1f s (CPU %.1f s; %.1f ms/form, CPU %.1f), file %.1f MB, "
                "peak RSS so far %ld MB\n",
                static_cast<long long>(result->printed),
                format == xr::print::BatchFormat::kPdf ? "one PDF" : "a zip", seconds, cpu_seconds,
                seconds * 1000 / result->printed, cpu_seconds * 1000 / result->printed,
                result->file.bytes.size() / 1048576.0, PeakRssMb());
  }
  (*db)->Close();
  return 0;
}
