#pragma once
// How the drivers fill a RowView (not part of the public API).

#include <cstddef>
#include <cstdint>
#include <string>

#include "store/value.h"

namespace xr::store::internal {

class RowViewAccess {
 public:
  // Sizes `view` for rows of `columns` columns (once per statement).
  static void Reset(RowView& view, size_t columns) {
    view.cells_.assign(columns, RowView::Cell{});
    view.buffers_.resize(columns);
  }
  static void SetNull(RowView& view, size_t column) { view.cells_[column] = RowView::Cell{}; }
  static void SetInt(RowView& view, size_t column, std::int64_t v) {
    RowView::Cell& c = view.cells_[column];
    c.kind = RowView::Kind::kInt;
    c.i = v;
  }
  static void SetReal(RowView& view, size_t column, double v) {
    RowView::Cell& c = view.cells_[column];
    c.kind = RowView::Kind::kReal;
    c.d = v;
  }
  // `data` must stay valid until the callback for this row returns.
  static void SetText(RowView& view, size_t column, const char* data, size_t size) {
    RowView::Cell& c = view.cells_[column];
    c.kind = RowView::Kind::kText;
    c.data = data;
    c.size = size;
  }
  static void SetBlob(RowView& view, size_t column, const void* data, size_t size) {
    RowView::Cell& c = view.cells_[column];
    c.kind = RowView::Kind::kBlob;
    c.data = static_cast<const char*>(data);
    c.size = size;
  }
  // The column's own buffer, for bytes the driver must decode first; it keeps its capacity from
  // row to row. Point the cell at it with SetBlob/SetText after filling it.
  static std::string& Buffer(RowView& view, size_t column) { return view.buffers_[column]; }
};

}  // namespace xr::store::internal
