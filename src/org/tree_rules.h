#pragma once
// Pure rules for changing the organization tree (机构管理): what may be edited, where a unit may
// move, what a sibling order must contain, when a unit may be abolished, and how the
// materialised path and sort key of a moved subtree are rewritten. No I/O: the repository runs
// what these rules allow.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "org/unit.h"

namespace xr::org {

// One changed field of a unit or position, for the unit's history and the record's details.
struct FieldChange {
  std::string field;
  std::string old_value;
  std::string new_value;
  friend bool operator==(const FieldChange&, const FieldChange&) = default;
};

// A partial edit of a unit: only the fields present change. `code` may be sent (a form sends
// the whole unit back) but must equal the current code: the 机构编码 is the stable identifier
// that accounts (users.unit_code), data scopes and imports refer to.
struct UnitUpdate {
  std::optional<std::string> code;
  std::optional<std::string> name;
  std::optional<std::string> short_name;
  std::optional<UnitType> type;
  std::optional<UnitLevel> level;
};

// The fields `update` changes on `current`, in a fixed order (name, short_name, type, level);
// empty when nothing changes. An empty short_name means "the same as the name". FailedPrecondition
// (field "unit") for an abolished unit; InvalidArgument field "code" when the code would change;
// InvalidArgument on the field per ValidateNewUnit's limits.
base::Result<std::vector<FieldChange>> PlanUnitUpdate(const Unit& current,
                                                      const UnitUpdate& update);

// Whether `unit` may move under `new_parent` (nullopt: become a root). FailedPrecondition
// (field "unit") when the unit is abolished; InvalidArgument (field "parent_id") for itself or
// a unit of its own subtree; FailedPrecondition (field "parent_id") for an abolished parent.
base::Status CheckMove(const Unit& unit, const std::optional<Unit>& new_parent);

// The live children of one parent in their new order, after inserting `moved` at `index`
// (nullopt or past the end: last) into `siblings` (the current order, which may contain
// `moved` when it stays under the same parent). InvalidArgument (field "index") for a negative
// index.
base::Result<std::vector<UnitId>> InsertAt(std::vector<UnitId> siblings, UnitId moved,
                                           std::optional<std::int64_t> index);

// InvalidArgument (field "ids") unless `requested` is exactly `current` in some order: the same
// ids, each once.
base::Status CheckChildrenOrder(const std::vector<UnitId>& current,
                                const std::vector<UnitId>& requested);

// Where a unit placed among siblings goes, keeping the siblings' numbers where the order allows.
struct Placement {
  std::int64_t sort_order = 0;
  // Siblings after it whose sort_order must grow so that the numbers keep increasing.
  std::vector<std::pair<UnitId, std::int64_t>> renumbered;
};

// `others`: the live siblings (without the placed unit) with their sort_order, in order; `at`:
// the placed unit's position among them (≤ others.size()); `current`: its sort_order when it
// stays under the same parent. It keeps `current` if that already falls between its neighbours;
// otherwise it takes one more than the sibling before it (1 at the front), and the siblings
// after it that would no longer follow are renumbered upwards.
Placement PlaceAmong(const std::vector<std::pair<UnitId, std::int64_t>>& others, size_t at,
                     std::optional<std::int64_t> current);

// The sort_order of the child at position i of an ordered sibling list: i + 1, as official
// lists number them (and as the demo city was built).
inline std::int64_t SortOrderAt(size_t index) { return std::int64_t(index) + 1; }

struct Abolition {
  base::Date date;
  std::string reason;  // 1–200 characters
};

// Whether `unit` may be abolished now. FailedPrecondition (field "unit") when it already is;
// InvalidArgument (field "reason") for an empty or too long reason; FailedPrecondition (field
// "children") while it has `live_children` > 0 units that are not abolished.
base::Status CheckAbolish(const Unit& unit, std::int64_t live_children, const Abolition& abolition);

// `value` with its prefix `old_prefix` replaced by `new_prefix` (a path or sort key of a unit in
// a moved subtree). Precondition: value starts with old_prefix.
std::string Rebase(std::string_view value, std::string_view old_prefix,
                   std::string_view new_prefix);

// The bytewise upper bound of the subtree whose path is `path` ("/1/5/" → "/1/50"): every path
// in [path, bound) is in the subtree, because '0' follows '/'.
std::string SubtreeEnd(std::string_view path);

// Changes as a JSON array of {"field","old","new"} objects (the history's `changes` column).
std::string ChangesJson(const std::vector<FieldChange>& changes);

}  // namespace xr::org
