#include "org/org_service.h"

#include "org/org_permissions.h"
#include "org/org_repository.h"

namespace xr::org {

base::Result<Unit> OrgService::AddUnit(const access::Actor& actor, const NewUnit& unit) {
  RETURN_IF_ERROR(access::Require(actor, kOrgWrite));
  RETURN_IF_ERROR(ValidateNewUnit(unit));
  return db_.TransactValue<Unit>(
      store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Result<Unit> {
        ASSIGN_OR_RETURN(Unit added, OrgRepository(tx).InsertUnit(unit));
        RETURN_IF_ERROR(recorder_.Write(tx, actor, "unit.create", "unit",
                                        std::to_string(added.id.value()),
                                        {{"code", added.code}, {"name", added.name}}));
        return added;
      });
}

base::Result<PositionId> OrgService::AddPosition(const access::Actor& actor,
                                                 const Position& position) {
  RETURN_IF_ERROR(access::Require(actor, kOrgWrite));
  RETURN_IF_ERROR(ValidateNewPosition(position));
  return db_.TransactValue<PositionId>(
      store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Result<PositionId> {
        ASSIGN_OR_RETURN(PositionId id, OrgRepository(tx).InsertPosition(position));
        RETURN_IF_ERROR(recorder_.Write(tx, actor, "position.create", "position",
                                        std::to_string(id.value()),
                                        {{"unit_id", std::to_string(position.unit_id.value())},
                                         {"name", position.name},
                                         {"headcount", std::to_string(position.headcount)}}));
        return id;
      });
}

base::Result<std::vector<Unit>> OrgService::ListUnits(const access::Actor& actor) {
  RETURN_IF_ERROR(access::Require(actor, kOrgRead));
  return db_.TransactValue<std::vector<Unit>>(
      store::TxMode::kRead, [](store::Transaction& tx) { return OrgRepository(tx).ListUnits(); });
}

base::Result<Unit> OrgService::FindUnitByCode(const access::Actor& actor, std::string_view code) {
  RETURN_IF_ERROR(access::Require(actor, kOrgRead));
  auto unit = db_.TransactValue<Unit>(store::TxMode::kRead, [&](store::Transaction& tx) {
    return OrgRepository(tx).FindUnitByCode(code);
  });
  if (!unit.ok() && unit.status().code() == base::StatusCode::kNotFound) {
    return base::NotFound("机构编码不存在：" + std::string(code), "unit");
  }
  return unit;
}

base::Result<OrgService::Counts> OrgService::Count(const access::Actor&) {
  return db_.TransactValue<Counts>(
      store::TxMode::kRead, [](store::Transaction& tx) -> base::Result<Counts> {
        OrgRepository repository(tx);
        Counts counts;
        ASSIGN_OR_RETURN(counts.units, repository.CountUnits());
        ASSIGN_OR_RETURN(counts.positions, repository.CountPositions());
        return counts;
      });
}

}  // namespace xr::org
