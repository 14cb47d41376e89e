#pragma once
// Use cases on cadre records. Reading needs cadre.read and shows only the cadres inside the
// actor's data scope (by unit, unit subtree, 管理权限 or self — cadre_scope.h); a record outside
// it is answered exactly like a missing one. The three separated administrators hold no scope, so
// they see no dossier unless granted another role (ARCHITECTURE.md §5).

#include "access/actor.h"
#include "access/recorder.h"
#include "base/clock.h"
#include "cadre/cadre_repository.h"
#include "store/database.h"

namespace xr::cadre {

struct CadreCounts {
  std::int64_t total = 0;
  std::vector<RankCount> by_rank;
};

// How many cadres `actor` can see, by rank, within `tx`; zero without cadre.read. (For views
// that combine these counts with others in one transaction, like the home-page overview.)
base::Result<CadreCounts> CountVisible(store::Transaction& tx, const access::Actor& actor);

class CadreService {
 public:
  CadreService(store::Database& db, const base::Clock& clock, const access::Recorder& recorder)
      : db_(db), clock_(clock), recorder_(recorder) {}

  // PermissionDenied without cadre.read; InvalidArgument per ValidateCadreQuery; NotFound (field
  // "unit_id") when the filter unit does not exist.
  base::Result<CadrePage> List(const access::Actor& actor, const CadreQuery& query);
  // NotFound when there is no such cadre or it is outside the actor's scope.
  base::Result<Cadre> Get(const access::Actor& actor, CadreId id);
  // PermissionDenied without cadre.write; InvalidArgument per ValidateCadre; NotFound (field
  // "unit_id") for a missing unit or a record that would fall outside the actor's scope.
  base::Result<CadreId> Add(const access::Actor& actor, const Cadre& cadre);
  // How many cadres the actor can see, by rank; zero without cadre.read.
  base::Result<CadreCounts> Count(const access::Actor& actor);

 private:
  store::Database& db_;
  const base::Clock& clock_;
  const access::Recorder& recorder_;
};

}  // namespace xr::cadre
