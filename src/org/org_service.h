#pragma once
// Use cases on the organization tree (机构管理): reading needs org.read, changing it org.write.
// The counts (home page) are open to every signed-in user.
//
// Every change runs in one write transaction that also appends one entry to the unit's history
// (unit_history) and one to the full-process record (via the Recorder), with the changed fields
// in the details: a refused or failed change leaves neither, a committed one always has both.

#include <optional>
#include <vector>

#include "access/actor.h"
#include "access/recorder.h"
#include "base/clock.h"
#include "org/org_repository.h"
#include "org/tree_rules.h"
#include "org/unit.h"
#include "store/database.h"

namespace xr::org {

// A unit with its live positions (GET /api/units/{id}).
struct UnitDetails {
  Unit unit;
  std::vector<Position> positions;
};

// Where a moved unit goes: under `parent_id` (nullopt: a root), at `index` among the parent's
// live children (0 = first; nullopt or past the end = last).
struct UnitMove {
  std::optional<UnitId> parent_id;
  std::optional<std::int64_t> index;
};

// A partial edit of a position; only the fields present change.
struct PositionUpdate {
  std::optional<std::string> name;
  std::optional<std::int64_t> headcount;
  std::optional<std::int64_t> sort_order;
};

class OrgService {
 public:
  // History entries are stamped with `clock`.
  OrgService(store::Database& db, const base::Clock& clock, const access::Recorder& recorder)
      : db_(db), clock_(clock), recorder_(recorder) {}
  // As above with the system clock (for callers that only add units, e.g. fixtures).
  OrgService(store::Database& db, const access::Recorder& recorder);

  // PermissionDenied without org.write (org.read for the reads). InvalidArgument per
  // ValidateNewUnit; AlreadyExists (field "code") for a duplicate code; NotFound (field
  // "parent_id") for a missing parent, FailedPrecondition (field "parent_id") for an abolished
  // one. With `append_last`, the unit's sort_order is one more than its last live sibling's
  // (the request's sort_order is ignored).
  base::Result<Unit> AddUnit(const access::Actor& actor, const NewUnit& unit,
                             bool append_last = false);
  // NotFound (field "unit_id") for a missing unit, FailedPrecondition for an abolished one.
  base::Result<PositionId> AddPosition(const access::Actor& actor, const Position& position);

  // The tree in tree order; abolished units only with `include_abolished`.
  base::Result<std::vector<Unit>> ListUnits(const access::Actor& actor,
                                            bool include_abolished = false);
  base::Result<Unit> FindUnitByCode(const access::Actor& actor, std::string_view code);
  // NotFound (field "id") for an unknown unit. Abolished units are found (with no positions).
  base::Result<UnitDetails> GetUnit(const access::Actor& actor, UnitId id);
  // NotFound for an unknown unit; newest first.
  base::Result<std::vector<UnitHistoryEntry>> History(const access::Actor& actor, UnitId id);

  // Errors per PlanUnitUpdate, NotFound (field "id"). Returns the unit as it is afterwards; a
  // request that changes nothing writes nothing.
  base::Result<Unit> UpdateUnit(const access::Actor& actor, UnitId id, const UnitUpdate& update);
  // Errors per CheckMove and InsertAt; NotFound (field "id") for the unit, (field "parent_id")
  // for the parent. The moved unit's sort_order places it at `index` (siblings after it are
  // renumbered when needed); path and sort_key of its whole subtree follow.
  base::Result<Unit> MoveUnit(const access::Actor& actor, UnitId id, const UnitMove& move);
  // Sets the order of the live children of `parent`: their sort_order becomes 1, 2, 3, … in the
  // order of `ids` (only the ones that differ are written). Errors per CheckChildrenOrder;
  // NotFound (field "id") for an unknown parent, FailedPrecondition for an abolished one.
  base::Status ReorderChildren(const access::Actor& actor, UnitId parent,
                               const std::vector<UnitId>& ids);
  // Errors per CheckAbolish; NotFound (field "id"). The unit's live positions are abolished too.
  base::Result<Unit> AbolishUnit(const access::Actor& actor, UnitId id, const Abolition& abolition);

  // NotFound (field "id") for a missing or abolished position; InvalidArgument per
  // ValidateNewPosition.
  base::Result<Position> UpdatePosition(const access::Actor& actor, PositionId id,
                                        const PositionUpdate& update);
  base::Status AbolishPosition(const access::Actor& actor, PositionId id);

  struct Counts {
    std::int64_t units = 0;
    std::int64_t positions = 0;
  };
  base::Result<Counts> Count(const access::Actor& actor);

 private:
  // Appends the history entry and the record's entry for one change, inside `tx`.
  base::Status Record(store::Transaction& tx, const access::Actor& actor, UnitId unit,
                      std::string_view history_action, std::string_view audit_action,
                      std::string_view object_type, std::int64_t object_id,
                      const std::vector<FieldChange>& changes);

  store::Database& db_;
  const base::Clock& clock_;
  const access::Recorder& recorder_;
};

}  // namespace xr::org
