#include "cadre/cadre_service.h"

namespace xr::cadre {
namespace {

base::Status RequireCadreReader(const access::Actor& actor) {
  if (actor.HasRole("cadre_officer") || actor.HasRole("leader")) return base::Status::Ok();
  return base::PermissionDenied("没有查阅干部信息的权限");
}

}  // namespace

base::Result<CadrePage> CadreService::List(const access::Actor& actor, const CadreQuery& query) {
  RETURN_IF_ERROR(RequireCadreReader(actor));
  RETURN_IF_ERROR(ValidateCadreQuery(query));
  auto page = db_.TransactValue<CadrePage>(store::TxMode::kRead, [&](store::Transaction& tx) {
    return CadreRepository(tx).List(query);
  });
  if (!page.ok() && page.status().code() == base::StatusCode::kNotFound) {
    return base::NotFound("机构不存在", "unit_id");
  }
  return page;
}

base::Result<Cadre> CadreService::Get(const access::Actor& actor, CadreId id) {
  RETURN_IF_ERROR(RequireCadreReader(actor));
  return db_.TransactValue<Cadre>(
      store::TxMode::kRead, [&](store::Transaction& tx) { return CadreRepository(tx).Find(id); });
}

base::Result<CadreId> CadreService::Add(const access::Actor& actor, const Cadre& cadre) {
  if (!actor.HasRole("cadre_officer")) return base::PermissionDenied("没有录入干部信息的权限");
  RETURN_IF_ERROR(ValidateCadre(cadre, clock_.Now().ShanghaiDate()));
  return db_.TransactValue<CadreId>(store::TxMode::kWrite, [&](store::Transaction& tx) {
    return CadreRepository(tx).Insert(cadre);
  });
}

}  // namespace xr::cadre
