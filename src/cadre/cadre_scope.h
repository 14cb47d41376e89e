#pragma once
// The actor's data scope (ARCHITECTURE.md §5) as a SQL predicate over `cadres c JOIN units u`,
// built from fixed fragments and bound parameters only. Evaluated here, in one place, for every
// cadre-bearing query.

#include <string>

#include "access/actor.h"
#include "store/database.h"

namespace xr::cadre {

struct ScopePredicate {
  std::string sql;  // "" when the actor sees every cadre; otherwise "(… OR …)"
  store::Params params;
};

// The union of the actor's scope rules. Unit codes that do not exist match nothing; an actor
// with no rule (or only `self` without a linked record) gets a predicate that matches nothing.
base::Result<ScopePredicate> ScopeOf(store::Transaction& tx, const access::Actor& actor);

}  // namespace xr::cadre
