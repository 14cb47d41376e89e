#include "org/org_repository.h"

namespace xr::org {
namespace {

constexpr std::string_view kUnitColumns =
    "SELECT id, parent_id, code, name, short_name, type, level, sort_order, path, sort_key, "
    "abolished_on, abolish_reason FROM units ";

constexpr std::string_view kPositionColumns =
    "SELECT id, unit_id, name, headcount, sort_order FROM positions ";

base::Result<Unit> ReadUnit(const store::Row& row) {
  Unit unit;
  unit.id = row.Id<UnitId>(0);
  if (!row.IsNull(1)) unit.parent_id = row.Id<UnitId>(1);
  unit.code = row.Text(2);
  unit.name = row.Text(3);
  unit.short_name = row.Text(4);
  ASSIGN_OR_RETURN(unit.type, ParseUnitType(row.Text(5)));
  ASSIGN_OR_RETURN(unit.level, ParseUnitLevel(row.Text(6)));
  unit.sort_order = row.Int(7);
  unit.path = row.Text(8);
  unit.sort_key = row.Text(9);
  if (!row.IsNull(10)) {
    ASSIGN_OR_RETURN(unit.abolished_on, base::Date::Parse(row.Text(10), "abolished_on"));
  }
  unit.abolish_reason = row.Text(11);
  return unit;
}

base::Result<std::vector<Unit>> ReadUnits(const store::Rows& rows) {
  std::vector<Unit> units;
  units.reserve(rows.size());
  for (const store::Row& row : rows) {
    ASSIGN_OR_RETURN(Unit unit, ReadUnit(row));
    units.push_back(std::move(unit));
  }
  return units;
}

Position ReadPosition(const store::Row& row) {
  return Position{row.Id<PositionId>(0), row.Id<UnitId>(1), row.Text(2), row.Int(3), row.Int(4)};
}

}  // namespace

base::Result<Unit> OrgRepository::InsertUnit(const NewUnit& request) {
  std::string parent_path = "/", parent_sort_key;
  if (request.parent_id) {
    auto parent = FindUnit(*request.parent_id);
    if (!parent.ok() && parent.status().code() == base::StatusCode::kNotFound) {
      return base::NotFound("上级机构不存在", "parent_id");
    }
    if (!parent.ok()) return parent.status();
    parent_path = parent->path;
    parent_sort_key = parent->sort_key;
  }
  const std::string short_name = request.short_name.empty() ? request.name : request.short_name;
  // A duplicate code is answered before the INSERT: after a failed statement a PostgreSQL
  // transaction can only roll back.
  ASSIGN_OR_RETURN(std::int64_t taken,
                   tx_.QueryInt("SELECT COUNT(*) FROM units WHERE code = ?", {request.code}));
  if (taken > 0) return base::AlreadyExists("机构编码已存在：" + request.code, "code");
  auto id = tx_.QueryInt(
      "INSERT INTO units (parent_id, code, name, short_name, type, level, sort_order, path, "
      "sort_key) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, '', '') RETURNING id",
      {request.parent_id, request.code, request.name, short_name, Label(request.type),
       Label(request.level), request.sort_order});
  if (!id.ok()) {
    if (id.status().code() == base::StatusCode::kAlreadyExists) {
      return base::AlreadyExists("机构编码已存在：" + request.code, "code");
    }
    return id.status();
  }
  Unit unit;
  unit.id = UnitId(*id);
  unit.parent_id = request.parent_id;
  unit.code = request.code;
  unit.name = request.name;
  unit.short_name = short_name;
  unit.type = request.type;
  unit.level = request.level;
  unit.sort_order = request.sort_order;
  unit.path = parent_path + std::to_string(*id) + "/";
  unit.sort_key = ChildSortKey(parent_sort_key, request.sort_order, unit.id);
  RETURN_IF_ERROR(tx_.Execute("UPDATE units SET path = ?, sort_key = ? WHERE id = ?",
                              {unit.path, unit.sort_key, unit.id}));
  return unit;
}

base::Result<Unit> OrgRepository::FindUnit(UnitId id) {
  ASSIGN_OR_RETURN(store::Row row,
                   tx_.QueryOne(std::string(kUnitColumns) + "WHERE id = ?", {id}, "机构不存在"));
  return ReadUnit(row);
}

base::Result<Unit> OrgRepository::FindUnitByCode(std::string_view code) {
  ASSIGN_OR_RETURN(store::Row row, tx_.QueryOne(std::string(kUnitColumns) + "WHERE code = ?",
                                                {code}, "机构不存在"));
  return ReadUnit(row);
}

base::Result<std::vector<Unit>> OrgRepository::ListUnits(bool include_abolished) {
  ASSIGN_OR_RETURN(
      store::Rows rows,
      tx_.Query(std::string(kUnitColumns) +
                (include_abolished ? "" : "WHERE abolished_on IS NULL ") + "ORDER BY sort_key"));
  return ReadUnits(rows);
}

base::Result<std::vector<Unit>> OrgRepository::ListLiveChildren(std::optional<UnitId> parent) {
  store::Rows rows;
  if (parent) {
    ASSIGN_OR_RETURN(
        rows, tx_.Query(std::string(kUnitColumns) + "WHERE parent_id = ? AND abolished_on IS NULL "
                                                    "ORDER BY sort_key",
                        {*parent}));
  } else {
    ASSIGN_OR_RETURN(rows, tx_.Query(std::string(kUnitColumns) +
                                     "WHERE parent_id IS NULL AND abolished_on IS NULL "
                                     "ORDER BY sort_key"));
  }
  return ReadUnits(rows);
}

base::Result<std::int64_t> OrgRepository::CountUnits() {
  return tx_.QueryInt("SELECT COUNT(*) FROM units WHERE abolished_on IS NULL");
}

base::Status OrgRepository::UpdateUnitFields(const Unit& unit) {
  return tx_
      .Execute("UPDATE units SET name = ?, short_name = ?, type = ?, level = ? WHERE id = ?",
               {unit.name, unit.short_name, Label(unit.type), Label(unit.level), unit.id})
      .status();
}

base::Result<Unit> OrgRepository::MoveSubtree(const Unit& unit,
                                              const std::optional<Unit>& new_parent,
                                              std::int64_t sort_order) {
  Unit moved = unit;
  moved.parent_id = new_parent ? std::optional(new_parent->id) : std::nullopt;
  moved.sort_order = sort_order;
  moved.path = (new_parent ? new_parent->path : "/") + std::to_string(unit.id.value()) + "/";
  moved.sort_key = ChildSortKey(new_parent ? new_parent->sort_key : "", sort_order, unit.id);
  RETURN_IF_ERROR(tx_.Execute("UPDATE units SET parent_id = ?, sort_order = ? WHERE id = ?",
                              {moved.parent_id, sort_order, unit.id}));
  // The whole subtree (the unit included) in one set-based statement: each path and sort key
  // keeps its tail below the unit and gets the unit's new prefix.
  RETURN_IF_ERROR(
      tx_.Execute("UPDATE units SET path = CAST(? AS TEXT) || substr(path, CAST(? AS INTEGER)), "
                  "sort_key = CAST(? AS TEXT) || substr(sort_key, CAST(? AS INTEGER)) "
                  "WHERE path >= ? AND path < ?",
                  {moved.path, std::int64_t(unit.path.size()) + 1, moved.sort_key,
                   std::int64_t(unit.sort_key.size()) + 1, unit.path, SubtreeEnd(unit.path)}));
  return moved;
}

base::Status OrgRepository::SetSortOrder(const Unit& unit, std::string_view parent_sort_key,
                                         std::int64_t sort_order) {
  const std::string sort_key = ChildSortKey(parent_sort_key, sort_order, unit.id);
  RETURN_IF_ERROR(
      tx_.Execute("UPDATE units SET sort_order = ? WHERE id = ?", {sort_order, unit.id}));
  return tx_
      .Execute(
          "UPDATE units SET sort_key = CAST(? AS TEXT) || substr(sort_key, CAST(? AS INTEGER)) "
          "WHERE path >= ? AND path < ?",
          {sort_key, std::int64_t(unit.sort_key.size()) + 1, unit.path, SubtreeEnd(unit.path)})
      .status();
}

base::Status OrgRepository::AbolishUnit(UnitId id, const Abolition& abolition) {
  return tx_
      .Execute("UPDATE units SET abolished_on = ?, abolish_reason = ? WHERE id = ?",
               {abolition.date, abolition.reason, id})
      .status();
}

base::Result<PositionId> OrgRepository::InsertPosition(const Position& position) {
  // A missing unit is answered before the INSERT (a failed statement would end the transaction).
  ASSIGN_OR_RETURN(std::int64_t units,
                   tx_.QueryInt("SELECT COUNT(*) FROM units WHERE id = ?", {position.unit_id}));
  if (units == 0) return base::NotFound("机构不存在", "unit_id");
  ASSIGN_OR_RETURN(
      std::int64_t id,
      tx_.QueryInt("INSERT INTO positions (unit_id, name, headcount, sort_order) VALUES (?, ?, ?, "
                   "?) RETURNING id",
                   {position.unit_id, position.name, position.headcount, position.sort_order}));
  return PositionId(id);
}

base::Result<Position> OrgRepository::FindPosition(PositionId id) {
  auto row = tx_.QueryOne(std::string(kPositionColumns) + "WHERE id = ? AND abolished_at IS NULL",
                          {id}, "职位不存在");
  if (!row.ok() && row.status().code() == base::StatusCode::kNotFound) {
    return base::NotFound("职位不存在", "id");
  }
  if (!row.ok()) return row.status();
  return ReadPosition(*row);
}

base::Result<std::vector<Position>> OrgRepository::ListPositions(UnitId unit) {
  ASSIGN_OR_RETURN(
      store::Rows rows,
      tx_.Query(std::string(kPositionColumns) +
                    "WHERE unit_id = ? AND abolished_at IS NULL ORDER BY sort_order, id",
                {unit}));
  std::vector<Position> positions;
  positions.reserve(rows.size());
  for (const store::Row& row : rows) positions.push_back(ReadPosition(row));
  return positions;
}

base::Status OrgRepository::UpdatePosition(const Position& position) {
  return tx_
      .Execute("UPDATE positions SET name = ?, headcount = ?, sort_order = ? WHERE id = ?",
               {position.name, position.headcount, position.sort_order, position.id})
      .status();
}

base::Status OrgRepository::AbolishPosition(PositionId id, base::Timestamp at) {
  return tx_.Execute("UPDATE positions SET abolished_at = ? WHERE id = ?", {at, id}).status();
}

base::Result<std::int64_t> OrgRepository::AbolishPositionsOf(UnitId unit, base::Timestamp at) {
  return tx_.Execute(
      "UPDATE positions SET abolished_at = ? WHERE unit_id = ? AND abolished_at IS NULL",
      {at, unit});
}

base::Result<std::int64_t> OrgRepository::CountPositions() {
  return tx_.QueryInt("SELECT COUNT(*) FROM positions WHERE abolished_at IS NULL");
}

base::Status OrgRepository::InsertHistory(const UnitHistoryEntry& entry) {
  return tx_
      .Execute(
          "INSERT INTO unit_history (unit_id, at, actor, actor_name, action, changes) VALUES (?, "
          "?, ?, ?, ?, ?)",
          {entry.unit_id, entry.at, entry.actor, entry.actor_name, entry.action, entry.changes})
      .status();
}

base::Result<std::vector<UnitHistoryEntry>> OrgRepository::ListHistory(UnitId unit) {
  ASSIGN_OR_RETURN(store::Rows rows,
                   tx_.Query("SELECT id, unit_id, at, actor, actor_name, action, changes FROM "
                             "unit_history WHERE unit_id = ? ORDER BY id DESC",
                             {unit}));
  std::vector<UnitHistoryEntry> entries;
  entries.reserve(rows.size());
  for (const store::Row& row : rows) {
    UnitHistoryEntry entry;
    entry.id = row.Int(0);
    entry.unit_id = row.Id<UnitId>(1);
    ASSIGN_OR_RETURN(entry.at, base::Timestamp::Parse(row.Text(2), "at"));
    entry.actor = row.Text(3);
    entry.actor_name = row.Text(4);
    entry.action = row.Text(5);
    entry.changes = row.Text(6);
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace xr::org
