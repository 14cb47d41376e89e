#pragma once
// Printing the 干部任免审批表 (RULES.md §4.1) as PDF: one form, or a batch as a zip of PDFs or
// one combined PDF.
//
// Access: cadre.read within the actor's data scope; a cadre outside it is NotFound, as a missing
// one. A reader without the clearance for the confidential parts gets the form with them marked
// （无权查看） — 身份证号 when one is stored, the family table always (even its emptiness is
// confidential) — rather than a refusal: the form is what a 组织部 hands round for an
// appointment, and the other parts are not confidential (docs/api.md, "任免审批表 PDF").
// Every printed form is recorded as `cadre.print_rmb` on the cadre, naming the confidential
// parts printed in the clear (details "confidential"), in a write transaction of its own.
//
// Texts are those of LoadRmbTexts (an imported form's texts kept as written while unchanged);
// ages are computed at the form's 计算年龄时间, else the day of printing (the service's clock,
// Asia/Shanghai).

#include <cstdint>
#include <string>
#include <vector>

#include "access/actor.h"
#include "access/recorder.h"
#include "base/clock.h"
#include "base/status.h"
#include "cadre/cadre.h"
#include "crypto/keyring.h"
#include "jobs/job_context.h"
#include "search/cadre_query.h"
#include "store/database.h"

namespace xr::print {

struct PrintedFile {
  std::string file_name;     // "任免审批表-王建国.pdf"
  std::string content_type;  // "application/pdf" | "application/zip"
  std::string bytes;
};

enum class BatchFormat { kZip, kPdf };

// Largest batch: one request prints at most this many forms. A zip holds a PDF per form, each
// with its own font subsets (about 0.3 MB: Noto Serif CJK's subset is most of it), so it is
// limited further, keeping the job's file (held in memory and stored with the job) near 60 MB;
// one combined PDF embeds the fonts once (1,000 forms about 5 MB).
inline constexpr std::size_t kMaxBatchForms = 1000;
inline constexpr std::size_t kMaxZipForms = 200;

struct SkippedCadre {
  cadre::CadreId id;
  std::string message;
};

struct BatchResult {
  PrintedFile file;
  std::int64_t printed = 0;
  std::vector<SkippedCadre> skipped;  // missing or out of scope (not told apart)
};

class PrintService {
 public:
  PrintService(store::Database& db, const base::Clock& clock, const access::Recorder& recorder,
               const crypto::Keyring& keyring)
      : db_(db), clock_(clock), recorder_(recorder), keyring_(keyring) {}

  // The form of one cadre as a PDF. PermissionDenied without cadre.read; NotFound when missing
  // or out of scope; FailedPrecondition when the fonts are missing (pdf_renderer.h).
  base::Result<PrintedFile> PrintRmb(const access::Actor& actor, cadre::CadreId id);

  // Checks a batch before it is queued: PermissionDenied without cadre.read; InvalidArgument
  // (field "cadre_ids") for an empty list or more than kMaxBatchForms, (field "format") for a
  // zip of more than kMaxZipForms.
  base::Status CheckBatch(const access::Actor& actor, std::size_t count, BatchFormat format) const;

  // The cadres matching `condition` (search/cadre_query.h, ages and years at `reference_date`)
  // within the actor's scope, in the 干部名册's order (unit, then 班子排序). PermissionDenied
  // without cadre.read; NotFound (field "unit") for a unit operand that does not exist;
  // InvalidArgument (field "condition") when nobody or more than kMaxBatchForms match.
  base::Result<std::vector<cadre::CadreId>> CadresMatching(const access::Actor& actor,
                                                           const search::Condition& condition,
                                                           base::Date reference_date);

  // The forms of `ids` (duplicates printed once, in the given order) as one zip of PDFs
  // ("任免审批表-<姓名>-<id>.pdf" each) or one PDF of every form. Reports progress per form
  // through `context` and stops at its cancel flag (FailedPrecondition "已取消"). Cadres that
  // are missing or out of scope are skipped and listed; NotFound when none could be printed.
  base::Result<BatchResult> PrintRmbBatch(const access::Actor& actor,
                                          const std::vector<cadre::CadreId>& ids,
                                          BatchFormat format, jobs::JobContext& context);

 private:
  store::Database& db_;
  const base::Clock& clock_;
  const access::Recorder& recorder_;
  const crypto::Keyring& keyring_;
};

}  // namespace xr::print
