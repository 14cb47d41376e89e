#include "cadre/cadre_service.h"

#include "cadre/cadre_permissions.h"

namespace xr::cadre {

base::Result<CadrePage> CadreService::List(const access::Actor& actor, const CadreQuery& query) {
  RETURN_IF_ERROR(access::Require(actor, kCadreRead));
  RETURN_IF_ERROR(ValidateCadreQuery(query));
  auto page = db_.TransactValue<CadrePage>(
      store::TxMode::kRead, [&](store::Transaction& tx) -> base::Result<CadrePage> {
        ASSIGN_OR_RETURN(ScopePredicate scope, ScopeOf(tx, actor));
        return CadreRepository(tx).List(query, scope);
      });
  if (!page.ok() && page.status().code() == base::StatusCode::kNotFound) {
    return base::NotFound("机构不存在", "unit_id");
  }
  return page;
}

base::Result<Cadre> CadreService::Get(const access::Actor& actor, CadreId id) {
  RETURN_IF_ERROR(access::Require(actor, kCadreRead));
  return db_.TransactValue<Cadre>(store::TxMode::kRead,
                                  [&](store::Transaction& tx) -> base::Result<Cadre> {
                                    ASSIGN_OR_RETURN(ScopePredicate scope, ScopeOf(tx, actor));
                                    return CadreRepository(tx).Find(id, scope);
                                  });
}

base::Result<CadreId> CadreService::Add(const access::Actor& actor, const Cadre& cadre) {
  RETURN_IF_ERROR(access::Require(actor, kCadreWrite));
  RETURN_IF_ERROR(ValidateCadre(cadre, clock_.Now().ShanghaiDate()));
  return db_.TransactValue<CadreId>(
      store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Result<CadreId> {
        CadreRepository repository(tx);
        ASSIGN_OR_RETURN(CadreId id, repository.Insert(cadre));
        // A record the actor could not read afterwards is outside their scope: refuse it as if the
        // unit did not exist (the transaction rolls back).
        ASSIGN_OR_RETURN(ScopePredicate scope, ScopeOf(tx, actor));
        if (!repository.Find(id, scope).ok()) return base::NotFound("所在单位不存在", "unit_id");
        // Field names only: the values may be sensitive.
        RETURN_IF_ERROR(recorder_.Write(tx, actor, "cadre.create", "cadre",
                                        std::to_string(id.value()),
                                        {{"unit_id", std::to_string(cadre.unit_id.value())}}));
        return id;
      });
}

base::Result<CadreCounts> CountVisible(store::Transaction& tx, const access::Actor& actor) {
  if (!actor.HasPermission(kCadreRead.name)) return CadreCounts{};  // sees none
  ASSIGN_OR_RETURN(ScopePredicate scope, ScopeOf(tx, actor));
  CadreRepository repository(tx);
  CadreCounts counts;
  ASSIGN_OR_RETURN(counts.total, repository.Count(scope));
  ASSIGN_OR_RETURN(counts.by_rank, repository.CountByRank(scope));
  return counts;
}

base::Result<CadreCounts> CadreService::Count(const access::Actor& actor) {
  return db_.TransactValue<CadreCounts>(
      store::TxMode::kRead, [&](store::Transaction& tx) { return CountVisible(tx, actor); });
}

}  // namespace xr::cadre
