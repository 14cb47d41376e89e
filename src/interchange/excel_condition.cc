#include "interchange/excel_condition.h"

namespace xr::interchange {

CadreSource ConditionRows(search::Condition condition, base::Date reference_date,
                          cadre::CadreSort sort, bool descending) {
  std::vector<std::string> fields = search::FieldNames(condition);
  return PredicateSource(
      [condition = std::move(condition), reference_date](
          store::Transaction& tx, const access::Actor& actor) -> base::Result<WherePredicate> {
        ASSIGN_OR_RETURN(search::SqlPredicate where,
                         search::CompileForActor(tx, actor, condition, reference_date));
        return WherePredicate{std::move(where.sql), std::move(where.params)};
      },
      sort, descending, std::move(fields));
}

}  // namespace xr::interchange
