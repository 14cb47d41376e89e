#include "store/database.h"

#include <string>

namespace xr::store {

base::Result<Row> Transaction::QueryOne(std::string_view sql, const Params& params,
                                        std::string_view not_found_message) {
  ASSIGN_OR_RETURN(Rows rows, Query(sql, params));
  if (rows.empty()) return base::NotFound(std::string(not_found_message));
  if (rows.size() > 1) {
    return base::Internal("expected one row but the query returned " + std::to_string(rows.size()) +
                          ": " + std::string(sql));
  }
  return std::move(rows.front());
}

base::Result<std::int64_t> Transaction::QueryInt(std::string_view sql, const Params& params) {
  ASSIGN_OR_RETURN(Rows rows, Query(sql, params));
  if (rows.empty()) return base::NotFound("the query returned no row: " + std::string(sql));
  if (rows.size() != 1 || rows.front().size() == 0) {
    return base::Internal("expected one value but the query returned " +
                          std::to_string(rows.size()) + " rows: " + std::string(sql));
  }
  if (rows.front().IsNull(0)) return base::NotFound("the query returned NULL: " + std::string(sql));
  return rows.front().Int(0);
}

}  // namespace xr::store
