#include "decision/overview_service.h"

#include "access/access_repository.h"
#include "cadre/cadre_permissions.h"
#include "cadre/cadre_scope.h"
#include "org/org_repository.h"

namespace xr::decision {

base::Result<Overview> OverviewService::Get(const access::Actor& actor) {
  // One read transaction, so the numbers are consistent with each other. Cadres are counted
  // within the actor's data scope (none without cadre.read); the rest are plain counts.
  return db_.TransactValue<Overview>(
      store::TxMode::kRead, [&](store::Transaction& tx) -> base::Result<Overview> {
        Overview overview;
        org::OrgRepository org(tx);
        ASSIGN_OR_RETURN(overview.units, org.CountUnits());
        ASSIGN_OR_RETURN(overview.positions, org.CountPositions());
        ASSIGN_OR_RETURN(overview.users, access::AccessRepository(tx).CountUsers());
        if (actor.HasPermission(cadre::kCadreRead.name)) {
          ASSIGN_OR_RETURN(cadre::ScopePredicate scope, cadre::ScopeOf(tx, actor));
          cadre::CadreRepository cadres(tx);
          ASSIGN_OR_RETURN(overview.cadres, cadres.Count(scope));
          ASSIGN_OR_RETURN(overview.cadres_by_rank, cadres.CountByRank(scope));
        }
        return overview;
      });
}

}  // namespace xr::decision
