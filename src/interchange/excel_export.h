#pragma once
// Excel export (导出 Excel): the 干部名册 list or a 组合查询 result as an .xlsx, with the columns
// the user shows (web/src/views/cadre/cadreColumns.ts), and small client-side tables (the
// statistics pages) as a workbook.
//
// Access: cadre.read AND cadre.export for cadres, within the actor's data scope (the same rows
// the list or the query shows); confidential columns (公民身份号码) are filled only for an actor
// cleared for them and read "（无权查看）" for anyone else. Every export is recorded:
// `cadre.export` with the row count, the columns and the filter or condition's field names (never
// values), and — when confidential values went into the file — the confidential field names;
// `table.export` with the title. The record is written after the rows are read and before the
// file is handed out: no file leaves without its entry.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "access/actor.h"
#include "access/recorder.h"
#include "base/clock.h"
#include "cadre/cadre.h"
#include "crypto/keyring.h"
#include "interchange/xlsx_writer.h"
#include "jobs/job_context.h"
#include "store/database.h"

namespace xr::interchange {

// A column of the 干部名册 export: the key of the column chooser and its Chinese header.
struct CadreExportColumn {
  std::string_view key;
  std::string_view label;
};
// name, gender, birth_month, age, ethnicity, party, unit_name, post, rank, managing_body,
// id_number — the list's order; name is always exported first.
const std::vector<CadreExportColumn>& CadreExportColumns();

inline constexpr std::string_view kRedactedCell = "（无权查看）";
inline constexpr std::string_view kXlsxContentType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// The rows of a query: given an actor and a read transaction, runs `on_row` for each cadre in
// order (a 组合查询 result; see ExcelExport::ExportCadres). Returns the field names the
// condition uses, for the audit entry.
struct CadreSource {
  // Names of filters/fields for the record (values never).
  std::vector<std::string> fields;
  // Streams the matching cadres (as stored: id_number sealed) in export order. `on_row` must not
  // run statements in `tx` (the scan may be a streamed ForEachRow).
  std::function<base::Status(store::Transaction& tx, const access::Actor& actor,
                             const std::function<base::Status(cadre::Cadre&)>& on_row)>
      scan;
  // How many rows the scan will give (for progress), same transaction.
  std::function<base::Result<std::int64_t>(store::Transaction& tx, const access::Actor& actor)>
      count;
};

// A condition's rows: `where` builds the predicate (over `cadres c JOIN units u ON u.id =
// c.unit_id`, the actor's data scope included — search::CompileForActor) in the read
// transaction; rows come in `sort` order. `fields`: the condition's field names.
struct WherePredicate {
  std::string sql;
  store::Params params;
};
using WhereBuilder =
    std::function<base::Result<WherePredicate>(store::Transaction& tx, const access::Actor& actor)>;
CadreSource PredicateSource(WhereBuilder where, cadre::CadreSort sort, bool descending,
                            std::vector<std::string> fields);

struct CadreExportRequest {
  // The rows: the list's filters (GET /api/cadres), unless `source` is given (a query result).
  cadre::CadreQuery list;
  std::optional<CadreSource> source;
  std::vector<std::string> columns;  // keys of CadreExportColumns(); name is added first
  std::string title = "干部名册";    // sheet name and file name
};

struct ExportFile {
  std::string file_name;  // "干部名册.xlsx"
  std::string bytes;
  std::int64_t rows = 0;
};

struct TableSheet {
  std::string name;
  std::vector<std::string> columns;
  std::vector<XlsxRow> rows;
};
struct TableExportRequest {
  std::string title;
  std::vector<TableSheet> sheets;
};

// Pure: InvalidArgument (field "columns") for an unknown or repeated key.
base::Result<std::vector<CadreExportColumn>> ResolveExportColumns(
    const std::vector<std::string>& keys);
// Pure: InvalidArgument for a title of 0 or over 60 characters (field "title"), no sheets or
// over 20 (field "sheets"), a sheet without columns, over 100 columns or a row wider than its
// columns (field "sheets[i]…"), over 10,000 rows in all (field "sheets").
base::Status ValidateTableExport(const TableExportRequest& request);

class ExcelExport {
 public:
  ExcelExport(store::Database& db, const base::Clock& clock, const access::Recorder& recorder,
              const crypto::Keyring& keyring)
      : db_(db), clock_(clock), recorder_(recorder), keyring_(keyring) {}

  // PermissionDenied without cadre.read or cadre.export; InvalidArgument per
  // ResolveExportColumns and ValidateCadreQuery (page and page_size are ignored); NotFound
  // (field "unit_id") for a missing filter unit; Aborted "已取消" when `context` is cancelled.
  // Progress is reported per 1,000 rows.
  // The checks ExportCadres makes before reading anything (permissions, columns, filters,
  // title), for answering at once before a background job starts.
  base::Status CheckCadreExport(const access::Actor& actor, const CadreExportRequest& request);
  base::Result<ExportFile> ExportCadres(const access::Actor& actor,
                                        const CadreExportRequest& request,
                                        jobs::JobContext& context);
  // Any signed-in actor: the tables are what the client already shows. InvalidArgument per
  // ValidateTableExport. Recorded as `table.export` with the title.
  base::Result<ExportFile> ExportTable(const access::Actor& actor,
                                       const TableExportRequest& request);

  const base::Clock& clock() const { return clock_; }

 private:
  store::Database& db_;
  const base::Clock& clock_;
  const access::Recorder& recorder_;
  const crypto::Keyring& keyring_;
};

// "干部名册" → "干部名册.xlsx", with characters a file name cannot hold replaced.
std::string XlsxFileName(std::string_view title);

}  // namespace xr::interchange
