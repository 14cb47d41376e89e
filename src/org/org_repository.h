#pragma once
// SQL for units and positions.

#include <vector>

#include "org/unit.h"
#include "store/database.h"

namespace xr::org {

class OrgRepository {
 public:
  explicit OrgRepository(store::Transaction& tx) : tx_(tx) {}

  // AlreadyExists (field "code") for a duplicate code; NotFound (field "parent_id") for a
  // missing parent.
  base::Result<Unit> InsertUnit(const NewUnit& unit);
  base::Result<Unit> FindUnit(UnitId id);                    // NotFound
  base::Result<Unit> FindUnitByCode(std::string_view code);  // NotFound
  // Every unit in tree order (depth first; parents before children, siblings by sort_order).
  base::Result<std::vector<Unit>> ListUnits();
  base::Result<std::int64_t> CountUnits();

  base::Result<PositionId> InsertPosition(const Position& position);
  base::Result<std::int64_t> CountPositions();

 private:
  store::Transaction& tx_;
};

}  // namespace xr::org
