#pragma once
// Writing .xlsx workbooks (Office Open XML spreadsheets) over libxlsxwriter. Format code only:
// sheets of typed cells in, the bytes of the file out — no business rules.
//
// Every data sheet has its header row bold and frozen, column widths fitted to the widest text
// (a CJK character counts two, capped), dates written as dates ("yyyy-mm-dd") and months as
// dates shown "yyyy.mm" (the form's 出生年月). Rows are streamed (libxlsxwriter's constant-memory
// mode), so a sheet of 100,000 rows costs little memory: add rows in order.
//
// Strings are written as strings, never formulas (a value starting with "=" stays text); invalid
// UTF-8 is replaced by U+FFFD and text over Excel's 32,767 characters is cut.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/date.h"
#include "base/status.h"

namespace xr::interchange {

// An empty cell, a string, an integer, a decimal, a day or a month.
using XlsxCell =
    std::variant<std::monostate, std::string, std::int64_t, double, base::Date, base::YearMonth>;
using XlsxRow = std::vector<XlsxCell>;

struct XlsxColumn {
  std::string header;
  // The column is formatted as text ("@"), so numbers typed into it later (ID numbers) stay
  // text. For templates.
  bool text = false;
  // A drop-down list on the data rows (rows 2…validation_rows+1): the allowed values. Kept on a
  // hidden sheet "字典" (Excel limits inline lists to 255 characters).
  std::vector<std::string> options = {};
  // Data rows the drop-down covers (templates).
  int validation_rows = 1000;
};

struct XlsxSheetOptions {
  // A sheet of notes (填表说明): no bold frozen header, one wide column.
  bool notes = false;
};

// Streams one workbook. Usage: StartSheet, AddRow…, StartSheet, AddRow…, Finish. Not copyable.
class XlsxWriter {
 public:
  // Internal when the temporary file libxlsxwriter writes into cannot be created.
  static base::Result<std::unique_ptr<XlsxWriter>> Create();
  ~XlsxWriter();
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;

  // Starts a sheet named `name` (cut to 31 characters, []:*?/\ replaced; a repeated name gets
  // " (2)") with `columns` as its header row. InvalidArgument with no columns or over 16,384.
  base::Status StartSheet(std::string_view name, const std::vector<XlsxColumn>& columns,
                          XlsxSheetOptions options = {});
  // Appends a row to the current sheet (cells beyond the columns are dropped). InvalidArgument
  // past Excel's 1,048,576 rows or before any StartSheet.
  base::Status AddRow(const XlsxRow& row);
  // Closes the workbook and returns its bytes. The writer is spent afterwards.
  base::Result<std::string> Finish();

 private:
  struct Impl;
  explicit XlsxWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// A whole sheet in memory, for small tables.
struct XlsxSheet {
  std::string name;
  std::vector<XlsxColumn> columns = {};
  std::vector<XlsxRow> rows = {};
  XlsxSheetOptions options = {};
};
base::Result<std::string> WriteXlsx(const std::vector<XlsxSheet>& sheets);

// Display width of `text` in Excel's character units: CJK and other wide characters count 2.
double DisplayWidth(std::string_view text);

}  // namespace xr::interchange
