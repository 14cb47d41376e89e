#pragma once
// SQL for units, positions and the units' change history.

#include <optional>
#include <vector>

#include "base/timestamp.h"
#include "org/tree_rules.h"
#include "org/unit.h"
#include "store/database.h"

namespace xr::org {

// One entry of a unit's change history (机构沿革): who did what, when, and which fields changed
// (`changes` is the JSON array of {"field","old","new"} written by ChangesJson).
struct UnitHistoryEntry {
  std::int64_t id = 0;
  UnitId unit_id;
  base::Timestamp at;
  std::string actor;  // username
  std::string actor_name;
  std::string action;  // create, update, move, reorder, abolish, position.create|update|abolish
  std::string changes;
};

class OrgRepository {
 public:
  explicit OrgRepository(store::Transaction& tx) : tx_(tx) {}

  // AlreadyExists (field "code") for a duplicate code; NotFound (field "parent_id") for a
  // missing parent.
  base::Result<Unit> InsertUnit(const NewUnit& unit);
  base::Result<Unit> FindUnit(UnitId id);                    // NotFound
  base::Result<Unit> FindUnitByCode(std::string_view code);  // NotFound
  // Every unit in tree order (depth first; parents before children, siblings by sort_order);
  // abolished units only when asked.
  base::Result<std::vector<Unit>> ListUnits(bool include_abolished = true);
  // The children of `parent` (nullopt: the roots) that are not abolished, in sibling order.
  base::Result<std::vector<Unit>> ListLiveChildren(std::optional<UnitId> parent);
  base::Result<std::int64_t> CountUnits();  // units not abolished

  // Writes name, short_name, type and level of `unit`.
  base::Status UpdateUnitFields(const Unit& unit);
  // Puts `unit` (as it is stored now) under `new_parent` with `sort_order`, rewriting path and
  // sort_key of its whole subtree in one statement. Returns the unit as moved.
  base::Result<Unit> MoveSubtree(const Unit& unit, const std::optional<Unit>& new_parent,
                                 std::int64_t sort_order);
  // Sets the sort_order of `unit` (as stored now, a child of a parent whose sort key is
  // `parent_sort_key`) and rewrites the sort keys of its subtree.
  base::Status SetSortOrder(const Unit& unit, std::string_view parent_sort_key,
                            std::int64_t sort_order);
  base::Status AbolishUnit(UnitId id, const Abolition& abolition);

  base::Result<PositionId> InsertPosition(const Position& position);
  // NotFound (field "id") for a missing or abolished position.
  base::Result<Position> FindPosition(PositionId id);
  // The unit's positions that are not abolished, by sort_order.
  base::Result<std::vector<Position>> ListPositions(UnitId unit);
  base::Status UpdatePosition(const Position& position);
  // Positions are kept (future appointments refer to them) with the time they were abolished.
  base::Status AbolishPosition(PositionId id, base::Timestamp at);
  // Abolishes every live position of `unit`; returns how many.
  base::Result<std::int64_t> AbolishPositionsOf(UnitId unit, base::Timestamp at);
  base::Result<std::int64_t> CountPositions();  // positions not abolished

  base::Status InsertHistory(const UnitHistoryEntry& entry);
  // Newest first.
  base::Result<std::vector<UnitHistoryEntry>> ListHistory(UnitId unit);

 private:
  store::Transaction& tx_;
};

}  // namespace xr::org
