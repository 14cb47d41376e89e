#include "org/org_service.h"

#include "org/org_repository.h"

namespace xr::org {
namespace {

base::Status RequireOrgManager(const access::Actor& actor) {
  if (actor.HasRole("cadre_officer") || actor.HasRole("sysadmin")) return base::Status::Ok();
  return base::PermissionDenied("没有维护机构的权限");
}

}  // namespace

base::Result<Unit> OrgService::AddUnit(const access::Actor& actor, const NewUnit& unit) {
  RETURN_IF_ERROR(RequireOrgManager(actor));
  RETURN_IF_ERROR(ValidateNewUnit(unit));
  return db_.TransactValue<Unit>(store::TxMode::kWrite, [&](store::Transaction& tx) {
    return OrgRepository(tx).InsertUnit(unit);
  });
}

base::Result<PositionId> OrgService::AddPosition(const access::Actor& actor,
                                                 const Position& position) {
  RETURN_IF_ERROR(RequireOrgManager(actor));
  RETURN_IF_ERROR(ValidateNewPosition(position));
  return db_.TransactValue<PositionId>(store::TxMode::kWrite, [&](store::Transaction& tx) {
    return OrgRepository(tx).InsertPosition(position);
  });
}

base::Result<std::vector<Unit>> OrgService::ListUnits(const access::Actor&) {
  return db_.TransactValue<std::vector<Unit>>(
      store::TxMode::kRead, [](store::Transaction& tx) { return OrgRepository(tx).ListUnits(); });
}

base::Result<Unit> OrgService::FindUnitByCode(const access::Actor&, std::string_view code) {
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
