#pragma once
// LRMX import and export of dossiers (issue 5, "Interchange"), for the CLI and the browser.
//
// Import: cadre.write, into a unit given by its code within the actor's data scope. Each file
// (a zip is expanded into its members, named "zipname/member") is read (lrmx_document.h; legacy
// .lrm with its .pic, lrm_legacy.h), mapped (lrmx_mapping.h), validated like a dossier typed in
// (ValidateDossier: errors name the field) and written in its own transaction together with its
// kept texts, Version, unknown elements and photo, and one audit entry `cadre.import_lrmx` — one
// bad file never half-imports and never stops the others. A person who already exists (same ID
// number, FindByIdNumber) is not overwritten silently: without a choice the file's result is
// kExists with the field-by-field diff of the form's fields; with kReplace the form's fields
// replace the stored ones, with kMerge only `fields` do, with kKeep nothing is written. A dry run
// reads, maps and validates and reports, writing nothing (no audit entry either).
//
// Export: cadre.export within the data scope; the form carries the ID number and the family, so
// a reader not cleared for them is refused (PermissionDenied) rather than given an invalid form.
// Recorded as `cadre.export_lrmx`.

#include <optional>
#include <string>
#include <vector>

#include "access/actor.h"
#include "access/recorder.h"
#include "base/clock.h"
#include "base/status.h"
#include "cadre/cadre.h"
#include "crypto/keyring.h"
#include "jobs/job_context.h"
#include "store/database.h"
#include "store/migrate.h"

namespace xr::interchange {

struct LrmxFile {
  std::string name;  // as shown in results: "a.lrmx", "batch.zip/b.lrmx"
  std::string bytes;
  std::string photo;  // legacy .lrm only: the sibling .pic ("" = none)
};

// Files as uploaded or named on the command line: zips are expanded (members ending .lrmx or
// .lrm, .pic beside an .lrm; member names in UTF-8 or, without the UTF-8 flag, GBK), other files
// are taken as they are. A zip that cannot be read, or that breaks the limits (20,000 members,
// 20 MB a member, 1 GB in all, a compression ratio over 1000 for members over 1 MB), gives one
// entry with `error` set and no bytes.
struct ExpandedFile {
  LrmxFile file;
  std::string error;
};
std::vector<ExpandedFile> ExpandUploads(std::vector<LrmxFile> uploads);

enum class ExistingChoice { kAsk, kKeep, kReplace, kMerge };
// "ask" "keep" "replace" "merge"
std::optional<ExistingChoice> ExistingChoiceFromName(std::string_view name);

struct LrmxImportOptions {
  std::string unit_code;                 // 所在单位 (机构编码)
  std::string managing_body = "待确认";  // 管理权限 of new records
  bool dry_run = false;
  ExistingChoice existing = ExistingChoice::kAsk;
  std::vector<std::string> merge_fields;  // for kMerge: the dossier fields to take
};

// One field of the form that differs between the stored dossier and the file (JSON names as in
// dossier.h, values as compact JSON; confidential ones only as far as the actor may read them).
struct LrmxFieldDiff {
  std::string field;
  std::string stored_json;
  std::string file_json;
};

enum class LrmxOutcome { kImported, kReplaced, kMerged, kKept, kExists, kChecked, kError };
std::string_view LrmxOutcomeName(LrmxOutcome outcome);  // "imported", …, "checked", "error"

struct LrmxFileResult {
  std::string name;
  LrmxOutcome outcome = LrmxOutcome::kError;
  std::optional<cadre::CadreId> id;  // the record written, or the existing one
  std::string message;               // the error, for kError
  std::string field;                 // the field or element at fault, for kError
  std::vector<LrmxFieldDiff> diff;   // kExists (and a dry run that finds the person)
  std::vector<std::string> warnings;
};

struct LrmxExport {
  std::string file_name;  // "姓名.lrmx"
  std::string bytes;
};

class LrmxService {
 public:
  LrmxService(store::Database& db, const base::Clock& clock, const access::Recorder& recorder,
              const crypto::Keyring& keyring)
      : db_(db), clock_(clock), recorder_(recorder), keyring_(keyring) {}

  // Imports each file (see above), reporting progress per file to `context` and stopping between
  // files once it is cancelled. PermissionDenied without cadre.write; NotFound (field "unit")
  // for a unit code that does not exist or is outside the actor's scope. Per-file problems are in
  // the results, never an error of the call. The unit and the dictionaries (code tables) are read
  // once, at the start of the run: a dictionary edited during a run applies from the next run.
  base::Result<std::vector<LrmxFileResult>> Import(const access::Actor& actor,
                                                   const std::vector<ExpandedFile>& files,
                                                   const LrmxImportOptions& options,
                                                   jobs::JobContext* context = nullptr);

  // One file with its own choice for an existing person (the browser's resolve step).
  base::Result<LrmxFileResult> ImportOne(const access::Actor& actor, const LrmxFile& file,
                                         const LrmxImportOptions& options);

  // Files of an import whose person already exists, kept under `batch` (a random token the
  // caller chose) for the resolve step; they belong to the actor and expire after a day.
  base::Status SavePending(const access::Actor& actor, std::string_view batch,
                           const LrmxFile& file);
  // The kept file `name` of `batch`, removed from the store; NotFound (field "name") when there is
  // none for this actor (already resolved, expired, or someone else's).
  base::Result<LrmxFile> TakePending(const access::Actor& actor, std::string_view batch,
                                     std::string_view name);

  // The .lrmx of a dossier. PermissionDenied without cadre.export or when the actor may not read
  // the ID number and the family; NotFound when missing or out of scope.
  base::Result<LrmxExport> Export(const access::Actor& actor, cadre::CadreId id);

 private:
  // What every file of one Import run shares, read once at its start: the unit's id and the
  // code tables.
  struct RunData;
  base::Result<LrmxFileResult> ImportFile(const access::Actor& actor, const LrmxFile& file,
                                          const LrmxImportOptions& options, const RunData* run);

  store::Database& db_;
  const base::Clock& clock_;
  const access::Recorder& recorder_;
  const crypto::Keyring& keyring_;
};

// The table of files kept for the resolve step (lrmx_pending_files, migration 2026112981).
std::vector<store::Migration> LrmxMigrations();

}  // namespace xr::interchange
