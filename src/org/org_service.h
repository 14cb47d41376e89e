#pragma once
// Use cases on the organization tree. Reading the tree is open to every signed-in user (it is
// the map the rest of the UI navigates by); changing it needs an organization-work role.

#include <vector>

#include "access/actor.h"
#include "org/unit.h"
#include "store/database.h"

namespace xr::org {

class OrgService {
 public:
  explicit OrgService(store::Database& db) : db_(db) {}

  // PermissionDenied unless the actor is a cadre officer or system administrator;
  // InvalidArgument per ValidateNewUnit; AlreadyExists for a duplicate code; NotFound for a
  // missing parent.
  base::Result<Unit> AddUnit(const access::Actor& actor, const NewUnit& unit);
  base::Result<PositionId> AddPosition(const access::Actor& actor, const Position& position);

  base::Result<std::vector<Unit>> ListUnits(const access::Actor& actor);
  base::Result<Unit> FindUnitByCode(const access::Actor& actor, std::string_view code);

  struct Counts {
    std::int64_t units = 0;
    std::int64_t positions = 0;
  };
  base::Result<Counts> Count(const access::Actor& actor);

 private:
  store::Database& db_;
};

}  // namespace xr::org
