#include "decision/overview_service.h"

#include "access/access_repository.h"
#include "org/org_repository.h"

namespace xr::decision {

base::Result<Overview> OverviewService::Get(const access::Actor&) {
  // One read transaction, so the numbers are consistent with each other.
  return db_.TransactValue<Overview>(
      store::TxMode::kRead, [](store::Transaction& tx) -> base::Result<Overview> {
        Overview overview;
        org::OrgRepository org(tx);
        cadre::CadreRepository cadres(tx);
        ASSIGN_OR_RETURN(overview.units, org.CountUnits());
        ASSIGN_OR_RETURN(overview.positions, org.CountPositions());
        ASSIGN_OR_RETURN(overview.cadres, cadres.Count());
        ASSIGN_OR_RETURN(overview.users, access::AccessRepository(tx).CountUsers());
        ASSIGN_OR_RETURN(overview.cadres_by_rank, cadres.CountByRank());
        return overview;
      });
}

}  // namespace xr::decision
