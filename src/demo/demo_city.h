#pragma once
// A believable fictional city (江华市) for demonstrations, tests and benchmarks: a unit tree
// 市 → 区县 → 乡镇街道 / 部门 → 内设机构 with codes and positions, and N cadres whose ranks,
// ages and managing bodies fit the posts they hold. Generation is pure and deterministic for a
// given seed; SeedDemoCity writes the result.

#include <cstdint>
#include <string>
#include <vector>

#include "access/recorder.h"
#include "access/role.h"
#include "base/date.h"
#include "cadre/cadre.h"
#include "crypto/keyring.h"
#include "org/unit.h"
#include "store/database.h"

namespace xr::demo {

struct DemoUnit {
  int parent_index = -1;  // index into DemoCity::units; -1 for the root
  org::NewUnit unit;      // parent_id is filled in when seeding
};

struct DemoPosition {
  int unit_index = 0;
  std::string name;
  std::int64_t headcount = 1;
  std::string rank;           // the 职级 that goes with this post
  std::string managing_body;  // 管理权限 of whoever holds it
  int managing_unit_index = -1;  // the unit holding that authority; -1: outside the tree (省委管理)
};

struct DemoCadre {
  int unit_index = 0;
  cadre::Cadre cadre;            // unit_id and managing_unit_id are filled in when seeding
  int managing_unit_index = -1;  // -1: a body outside the tree
};

struct DemoCity {
  std::vector<DemoUnit> units;
  std::vector<DemoPosition> positions;
  std::vector<DemoCadre> cadres;
  std::string organization_department_code;  // 市委组织部, home unit of the demo cadre officer
  std::string district_organization_code;  // 东城区委组织部, for the district officer's scope
  // Business roles for the demo accounts (the three administrator roles are built in).
  std::vector<access::Role> roles;
};

// `cadre_count` cadres fill leadership posts from the top of the tree down; beyond the posts,
// the rest are staff of the internal divisions. Birth months are relative to `today`.
DemoCity BuildDemoCity(int cadre_count, std::uint64_t seed, base::Date today);

struct DemoSummary {
  std::int64_t units = 0;
  std::int64_t positions = 0;
  std::int64_t cadres = 0;
};

// Writes the city and its roles in one transaction, recorded as one demo.seed entry by `actor`.
// FailedPrecondition when the database already has units (the demo is for empty databases only).
// With a keyring, each cadre's fictional id_number is stored sealed (as CadreService::Add
// does); without one, it is left out.
base::Result<DemoSummary> SeedDemoCity(store::Database& db, const DemoCity& city,
                                       base::Timestamp now, const access::Recorder& recorder,
                                       const access::Actor& actor,
                                       const crypto::Keyring* keyring = nullptr);

}  // namespace xr::demo
