#include "org/org_repository.h"

namespace xr::org {
namespace {

constexpr std::string_view kUnitColumns =
    "SELECT id, parent_id, code, name, short_name, type, level, sort_order, path, sort_key FROM "
    "units ";

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
  return unit;
}

}  // namespace

base::Result<Unit> OrgRepository::InsertUnit(const NewUnit& request) {
  std::string parent_path = "/", parent_sort_key;
  if (request.parent_id) {
    auto parent = FindUnit(*request.parent_id);
    if (!parent.ok()) return base::NotFound("上级机构不存在", "parent_id");
    parent_path = parent->path;
    parent_sort_key = parent->sort_key;
  }
  const std::string short_name = request.short_name.empty() ? request.name : request.short_name;
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
  const std::string path = parent_path + std::to_string(*id) + "/";
  const std::string sort_key = ChildSortKey(parent_sort_key, request.sort_order, UnitId(*id));
  RETURN_IF_ERROR(
      tx_.Execute("UPDATE units SET path = ?, sort_key = ? WHERE id = ?", {path, sort_key, *id}));
  return Unit{UnitId(*id),  request.parent_id, request.code,       request.name, short_name,
              request.type, request.level,     request.sort_order, path,         sort_key};
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

base::Result<std::vector<Unit>> OrgRepository::ListUnits() {
  ASSIGN_OR_RETURN(store::Rows rows, tx_.Query(std::string(kUnitColumns) + "ORDER BY sort_key"));
  std::vector<Unit> units;
  units.reserve(rows.size());
  for (const store::Row& row : rows) {
    ASSIGN_OR_RETURN(Unit unit, ReadUnit(row));
    units.push_back(std::move(unit));
  }
  return units;
}

base::Result<std::int64_t> OrgRepository::CountUnits() {
  return tx_.QueryInt("SELECT COUNT(*) FROM units");
}

base::Result<PositionId> OrgRepository::InsertPosition(const Position& position) {
  auto id = tx_.QueryInt(
      "INSERT INTO positions (unit_id, name, headcount, sort_order) VALUES (?, ?, ?, ?) RETURNING "
      "id",
      {position.unit_id, position.name, position.headcount, position.sort_order});
  if (!id.ok() && id.status().code() == base::StatusCode::kFailedPrecondition) {
    return base::NotFound("机构不存在", "unit_id");
  }
  if (!id.ok()) return id.status();
  return PositionId(*id);
}

base::Result<std::int64_t> OrgRepository::CountPositions() {
  return tx_.QueryInt("SELECT COUNT(*) FROM positions");
}

}  // namespace xr::org
