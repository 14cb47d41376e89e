#pragma once
// The organization tree: units (机构) of unbounded depth, and the positions (职位) they hold.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/date.h"
#include "base/id.h"
#include "base/status.h"

namespace xr::org {

struct UnitTag;
struct PositionTag;
using UnitId = base::Id<UnitTag>;
using PositionId = base::Id<PositionTag>;

enum class UnitType {
  kRegion,  // 行政区: a grouping node for a 市 or 区县 in the tree
  kPartyCommittee,
  kPeoplesCongress,
  kGovernment,
  kCppcc,
  kDiscipline,
  kCourt,
  kProcuratorate,
  kMassOrganization,
  kPublicInstitution,
  kStateEnterprise,
  kTownship,
  kInternalDivision,
};

enum class UnitLevel { kProvincial, kMunicipal, kCounty, kTownship };

std::string_view Label(UnitType type);                           // "党委"
std::string_view Label(UnitLevel level);                         // "市级"
base::Result<UnitType> ParseUnitType(std::string_view label);    // InvalidArgument, field "type"
base::Result<UnitLevel> ParseUnitLevel(std::string_view label);  // InvalidArgument, field "level"

struct Unit {
  UnitId id;
  std::optional<UnitId> parent_id;
  std::string code;  // 机构编码, unique
  std::string name;  // 全称
  std::string short_name;
  UnitType type = UnitType::kPartyCommittee;
  UnitLevel level = UnitLevel::kMunicipal;
  std::int64_t sort_order = 0;
  // Materialised path of ids from the root, "/1/5/23/": the subtree of a unit is every unit
  // whose path starts with its path.
  std::string path;
  // Tree order as text: per level, the sort_order and id zero-padded, so ordering by it lists
  // every unit after its parent and siblings by sort_order (the order of official lists).
  std::string sort_key;
  // 撤销: the day it was abolished and why. An abolished unit stays (cadres and history point to
  // it) but is no longer part of the live tree and cannot change.
  std::optional<base::Date> abolished_on;
  std::string abolish_reason;

  bool abolished() const { return abolished_on.has_value(); }
};

struct NewUnit {
  std::optional<UnitId> parent_id;
  std::string code;
  std::string name;
  std::string short_name;  // defaults to name
  UnitType type = UnitType::kPartyCommittee;
  UnitLevel level = UnitLevel::kMunicipal;
  std::int64_t sort_order = 0;
};

struct Position {
  PositionId id;
  UnitId unit_id;
  std::string name;        // e.g. 局长
  std::int64_t headcount;  // 职数
  std::int64_t sort_order = 0;
};

// The sort_key of a unit under a parent with `parent_sort_key` ("" for a root).
std::string ChildSortKey(std::string_view parent_sort_key, std::int64_t sort_order, UnitId id);

// Pure checks: code of 1–32 ASCII letters/digits/'-'; name 1–100 characters; sort order
// 0–999999; headcount 0–999.
base::Status ValidateNewUnit(const NewUnit& unit);
base::Status ValidateNewPosition(const Position& position);

}  // namespace xr::org
