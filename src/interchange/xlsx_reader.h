#pragma once
// Reading .xlsx workbooks with libzip and pugixml. Format code only: the bytes of a file in,
// each sheet's rows of text out.
//
// Cells come back as text: shared and inline strings as written (rich text joined, phonetic
// runs dropped, "_xHHHH_" escapes resolved), numbers in their shortest form ("42", "3.5"),
// booleans TRUE/FALSE, formula results as cached, and numbers whose style is a date format as
// dates: "YYYY-MM-DD", or "YYYY-MM" when the format shows no day (yyyy.mm, yyyy"年"m"月"),
// with a time ("YYYY-MM-DD HH:MM:SS") when it shows one. Empty cells keep their place (a row's
// cells are indexed by column; trailing empties are dropped) and rows keep their sheet row
// number, so an error can name the row a person sees in Excel.
//
// Hostile files: the archive's total and per-part uncompressed sizes are capped while reading
// (declared sizes are not trusted), as are the number of parts, rows and columns; XML with a
// DOCTYPE is refused, and pugixml never expands entities other than the five predefined ones
// and character references. Every failure is InvalidArgument (field "file") with a Chinese
// message saying what is wrong.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace xr::interchange {

struct XlsxLimits {
  std::int64_t max_uncompressed_bytes = 256ll << 20;  // all parts together
  std::int64_t max_part_bytes = 128ll << 20;          // one part (a sheet's XML)
  std::int64_t max_parts = 10000;
  std::int64_t max_rows = 200000;  // per sheet
  std::int64_t max_columns = 1000;
  std::int64_t max_sheets = 255;
};

struct XlsxTextRow {
  std::int64_t number = 0;         // 1-based row number as Excel shows it
  std::vector<std::string> cells;  // by column (A = 0); "" for empty
};

struct XlsxTextSheet {
  std::string name;
  bool hidden = false;
  std::vector<XlsxTextRow> rows;  // rows with at least one value, in order
};

// All sheets, in workbook order.
base::Result<std::vector<XlsxTextSheet>> ReadXlsx(std::string_view bytes,
                                                  const XlsxLimits& limits = {});

// "A" → 0, "AB" → 27; -1 unless one to three letters A–Z within XFD.
int ColumnIndex(std::string_view letters);
// 0 → "A".
std::string ColumnName(int index);

}  // namespace xr::interchange
