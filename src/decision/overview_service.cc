#include "decision/overview_service.h"

#include "access/access_repository.h"
#include "cadre/cadre_service.h"
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
        ASSIGN_OR_RETURN(cadre::CadreCounts cadres, cadre::CountVisible(tx, actor));
        overview.cadres = cadres.total;
        overview.cadres_by_rank = std::move(cadres.by_rank);
        return overview;
      });
}

}  // namespace xr::decision
