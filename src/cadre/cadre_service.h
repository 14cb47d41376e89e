#pragma once
// Use cases on cadre records. Reading needs a cadre-work role (干部工作人员 or 领导); the three
// separated administrators do not see dossiers (ARCHITECTURE.md §5). Data-scope checks by unit
// and 管理权限 arrive with the access-control issue.

#include "access/actor.h"
#include "base/clock.h"
#include "cadre/cadre_repository.h"
#include "store/database.h"

namespace xr::cadre {

class CadreService {
 public:
  CadreService(store::Database& db, const base::Clock& clock) : db_(db), clock_(clock) {}

  // PermissionDenied for actors without a cadre-work role; InvalidArgument per ValidateCadreQuery;
  // NotFound (field "unit_id") when the filter unit does not exist.
  base::Result<CadrePage> List(const access::Actor& actor, const CadreQuery& query);
  // NotFound when there is no such cadre.
  base::Result<Cadre> Get(const access::Actor& actor, CadreId id);
  // Only 干部工作人员 may add; InvalidArgument per ValidateCadre; NotFound for a missing unit.
  base::Result<CadreId> Add(const access::Actor& actor, const Cadre& cadre);

 private:
  store::Database& db_;
  const base::Clock& clock_;
};

}  // namespace xr::cadre
