#pragma once
// Many rows of one table written with as few INSERT statements as both engines allow.
//
//   store::MultiRowInsert ranks("cadre_ranks", "cadre_id, item_order, rank");
//   for (…) ranks.Add({id, std::int64_t(i), r.rank});
//   RETURN_IF_ERROR(ranks.Write(tx));
//
// Contract:
// - A statement binds at most kMaxParams values (SQLite's limit is 32,766, PostgreSQL's 65,535)
//   and holds at most `max_rows` rows, so the rows go in statements of rows_per_statement() rows
//   and one last statement with the rest: 1,200 rows of 4 columns are 500 + 500 + 200, 700 rows
//   of 100 columns 327 + 327 + 46. Every statement with the same row count has the same SQL text,
//   so a connection prepares and caches few of them.
// - Each statement is `INSERT INTO table (columns) VALUES (?, …), (?, …)…` followed by ` suffix`
//   when one is given (e.g. "ON CONFLICT DO NOTHING").
// - Write with no rows added runs no statement and returns OK.
// - The statements go through Transaction::ExecuteDeferred: nothing is read back from an INSERT
//   of rows, so on PostgreSQL they travel with the transaction's next statement that returns
//   something, or with COMMIT. Their errors (those of Execute) are returned by Write, by that
//   later call (as FailedPrecondition naming the statement) or at the latest by Transact, which
//   rolls back the whole transaction (store/database.h). InvalidArgument, running nothing, when
//   a row given to Add did not have exactly one value per column.
// - Write leaves the builder empty, ready for other rows of the same table.

#include <cstddef>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

#include "base/status.h"
#include "store/database.h"
#include "store/value.h"

namespace xr::store {

class MultiRowInsert {
 public:
  static constexpr std::size_t kMaxParams = 32766;
  static constexpr std::size_t kDefaultMaxRows = 500;

  // `columns` is the table's column list, "a, b, c" (its commas count the columns).
  MultiRowInsert(std::string_view table, std::string_view columns, std::string_view suffix = {},
                 std::size_t max_rows = kDefaultMaxRows);

  // One row: a value for each column, in order.
  void Add(std::initializer_list<Value> row) {
    Add(std::span<const Value>(row.begin(), row.size()));
  }
  void Add(std::span<const Value> row);

  std::size_t rows() const { return values_.size() / width_; }
  std::size_t width() const { return width_; }
  // The row count of every statement but the last: min(max_rows, kMaxParams / width).
  std::size_t rows_per_statement() const { return per_statement_; }

  base::Status Write(Transaction& tx);

 private:
  std::string Sql(std::size_t rows) const;

  std::string table_;
  std::string head_;
  std::string suffix_;
  std::size_t width_;
  std::size_t per_statement_;
  Params values_;
  bool bad_row_ = false;
};

}  // namespace xr::store
