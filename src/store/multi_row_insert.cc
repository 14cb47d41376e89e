#include "store/multi_row_insert.h"

#include <algorithm>
#include <iterator>

namespace xr::store {

MultiRowInsert::MultiRowInsert(std::string_view table, std::string_view columns,
                               std::string_view suffix, std::size_t max_rows)
    : table_(table),
      head_("INSERT INTO " + std::string(table) + " (" + std::string(columns) + ") VALUES "),
      suffix_(suffix.empty() ? std::string() : " " + std::string(suffix)),
      width_(1 + std::size_t(std::count(columns.begin(), columns.end(), ','))),
      // At least one row per statement, so that Write always progresses (a row wider than the
      // limit then fails in the engine, with its message).
      per_statement_(std::max<std::size_t>(1, std::min(max_rows, kMaxParams / width_))) {}

void MultiRowInsert::Add(std::span<const Value> row) {
  if (row.size() != width_) {
    bad_row_ = true;
    return;
  }
  values_.insert(values_.end(), row.begin(), row.end());
}

base::Status MultiRowInsert::Write(Transaction& tx) {
  if (bad_row_) {
    values_.clear();
    bad_row_ = false;
    return base::InvalidArgument("a row to insert into " + table_ + " did not have " +
                                 std::to_string(width_) + " values, one per column");
  }
  const std::size_t total = rows();
  for (std::size_t at = 0; at < total; at += per_statement_) {
    const std::size_t n = std::min(per_statement_, total - at);
    Params params;
    if (n == total) {
      params = std::move(values_);
    } else {
      params.assign(std::make_move_iterator(values_.begin() + std::ptrdiff_t(at * width_)),
                    std::make_move_iterator(values_.begin() + std::ptrdiff_t((at + n) * width_)));
    }
    base::Status status = tx.ExecuteDeferred(Sql(n), params);
    if (!status.ok()) {
      values_.clear();
      return status;
    }
  }
  values_.clear();
  return base::Status::Ok();
}

std::string MultiRowInsert::Sql(std::size_t rows) const {
  std::string row = "(?";
  for (std::size_t c = 1; c < width_; ++c) row += ", ?";
  row += ')';
  std::string sql = head_;
  sql.reserve(head_.size() + rows * (row.size() + 2) + suffix_.size());
  for (std::size_t r = 0; r < rows; ++r) {
    if (r > 0) sql += ", ";
    sql += row;
  }
  return sql + suffix_;
}

}  // namespace xr::store
