#pragma once
// Use cases on the organization tree: reading needs org.read, changing it org.write. The
// counts (home page) are open to every signed-in user.

#include <vector>

#include "access/actor.h"
#include "access/recorder.h"
#include "org/unit.h"
#include "store/database.h"

namespace xr::org {

class OrgService {
 public:
  OrgService(store::Database& db, const access::Recorder& recorder)
      : db_(db), recorder_(recorder) {}

  // PermissionDenied without org.write (org.read for the reads);
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
  const access::Recorder& recorder_;
};

}  // namespace xr::org
