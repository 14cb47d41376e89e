#pragma once
// The rows of a 组合查询 condition (search/cadre_query.h) as an Excel export source: the
// condition compiled in the export's read transaction with the actor's data scope ANDed in.

#include "cadre/cadre.h"
#include "interchange/excel_export.h"
#include "search/cadre_query.h"

namespace xr::interchange {

// Ages and "the last N years" are computed at `reference_date`; rows in `sort` order.
CadreSource ConditionRows(search::Condition condition, base::Date reference_date,
                          cadre::CadreSort sort, bool descending);

}  // namespace xr::interchange
