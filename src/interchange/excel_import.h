#pragma once
// Excel import (导入 Excel) of cadre records: a downloadable template, upload, column mapping,
// dry run with per-row errors, and a commit that applies the valid rows one by one.
//
// - The template (BuildTemplate): sheet "干部信息" with the standard columns in Chinese
//   (ImportColumns()), drop-down lists for the coded columns from the dictionaries (and the
//   rank ladder, 人员状态), text-formatted 公民身份号码, and a sheet "填表说明".
// - An upload is kept server-side in `excel_uploads` (owner-only, expires after a day), so the
//   mapping, dry run and commit refer to it by id.
// - Each row becomes a dossier (cadre/dossier.h) and is checked with the API's own rules
//   (DecodeDossier + ValidateDossier). A row whose 公民身份号码 (or, without one, 姓名 + 出生年月)
//   matches a dossier in the actor's scope updates that dossier — only the columns mapped, and
//   only when a value differs — so importing the same file twice changes nothing the second
//   time ("0 新增 0 更新 N 未变").
// - Commit applies each valid row through DossierService::Create / Update (its own transaction,
//   recorded as cadre.create / cadre.update); the rest are reported. Nothing is half-written.
//
// Access: cadre.write (and cadre.read) for everything; the 公民身份号码 column only for an actor
// cleared for it (matching by it would reveal whose number it is). Upload and commit are
// recorded (`cadre.import_upload`, `cadre.import`) with counts, never values.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "access/actor.h"
#include "access/recorder.h"
#include "base/clock.h"
#include "cadre/dossier_service.h"
#include "crypto/keyring.h"
#include "jobs/job_context.h"
#include "store/database.h"
#include "store/migrate.h"

namespace xr::interchange {

// A column the import understands.
struct ImportColumn {
  std::string_view key;  // "name", "id_number", "unit", "post_start_month", …
  std::string_view label;  // the template's header: 姓名, 公民身份号码, 所在单位, 任职时间, …
  std::string_view note;  // for 填表说明
  bool required = false;  // must be mapped (and filled for a new record)
};
const std::vector<ImportColumn>& ImportColumns();

// Pure: the suggested column for a header text ("身份证号" → "id_number"), by the labels and
// common variants; nullopt when none fits.
std::optional<std::string> SuggestColumn(std::string_view header);

struct UploadInfo {
  std::int64_t id = 0;
  std::string file_name;
  std::string sheet;  // the sheet read (the first visible one with data)
  std::int64_t header_row = 1;
  std::vector<std::string> headers;  // by column
  // Suggested mapping: column index → key ("" for unmapped), as long as `headers`.
  std::vector<std::string> mapping;
  std::int64_t rows = 0;                         // data rows (non-empty, below the header)
  std::vector<std::vector<std::string>> sample;  // the first few data rows
};

// One problem of a row: the Excel row number, the column (its letter and header, empty when
// the problem is the whole row) and a Chinese message.
struct RowError {
  std::int64_t row = 0;
  std::string column;  // "C"
  std::string header;  // "出生年月"
  std::string field;   // import key, e.g. "birth_month"
  std::string message;
};

enum class RowAction { kCreate, kUpdate, kUnchanged, kError };
std::string_view RowActionName(RowAction action);  // "create" "update" "unchanged" "error"

struct RowOutcome {
  std::int64_t row = 0;
  RowAction action = RowAction::kError;
  std::string name;
  std::int64_t cadre_id = 0;         // update / unchanged (and create after commit)
  std::vector<std::string> changed;  // update: the import keys whose value differs
  std::vector<RowError> errors;      // error
};

struct ImportReport {
  std::int64_t created = 0;
  std::int64_t updated = 0;
  std::int64_t unchanged = 0;
  std::int64_t failed = 0;
  std::vector<RowOutcome> rows;
};

class ExcelImport {
 public:
  ExcelImport(store::Database& db, const base::Clock& clock, const access::Recorder& recorder,
              const crypto::Keyring& keyring, cadre::DossierService& dossiers)
      : db_(db), clock_(clock), recorder_(recorder), keyring_(keyring), dossiers_(dossiers) {}

  // The template (.xlsx bytes). PermissionDenied without cadre.write.
  base::Result<std::string> BuildTemplate(const access::Actor& actor);

  // Reads and keeps an uploaded file. PermissionDenied without cadre.write; InvalidArgument
  // (field "file") for a file that is not a readable .xlsx (xlsx_reader.h), has no sheet with
  // data, is over 20 MB or has more than 20,000 data rows.
  base::Result<UploadInfo> Upload(const access::Actor& actor, std::string file_name,
                                  std::string bytes);
  // The upload again (NotFound unless it is the actor's own and not expired).
  base::Result<UploadInfo> GetUpload(const access::Actor& actor, std::int64_t upload_id);

  // `mapping`: per column, an import key or "" (as UploadInfo::mapping). InvalidArgument
  // (field "mapping[i]") for an unknown or repeated key, a required column left unmapped, or
  // the 公民身份号码 column for an actor not cleared for it.
  // The mapping checks alone (before a job starts).
  base::Status CheckMappingFor(const access::Actor& actor, const std::vector<std::string>& mapping);
  // Checks every row without writing anything.
  base::Result<ImportReport> DryRun(const access::Actor& actor, std::int64_t upload_id,
                                    const std::vector<std::string>& mapping,
                                    jobs::JobContext& context);
  // Applies the valid rows, each through DossierService (its own transaction); reports every
  // row. Checks `context` between rows: a cancelled commit stops there (rows already applied
  // stay, reported). Recorded as `cadre.import` with the counts.
  base::Result<ImportReport> Commit(const access::Actor& actor, std::int64_t upload_id,
                                    const std::vector<std::string>& mapping,
                                    jobs::JobContext& context);

  // Deletes expired uploads; returns how many.
  base::Result<std::int64_t> DeleteExpired();

 private:
  base::Result<ImportReport> Run(const access::Actor& actor, std::int64_t upload_id,
                                 const std::vector<std::string>& mapping, bool commit,
                                 jobs::JobContext& context);

  store::Database& db_;
  const base::Clock& clock_;
  const access::Recorder& recorder_;
  const crypto::Keyring& keyring_;
  cadre::DossierService& dossiers_;
};

std::vector<store::Migration> ExcelMigrations();

}  // namespace xr::interchange
