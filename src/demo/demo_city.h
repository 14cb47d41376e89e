#pragma once
// A believable fictional city (江华市) for demonstrations, tests and benchmarks: a unit tree
// 市 → 区县 → 乡镇街道 / 部门 → 内设机构 with codes and positions, and N cadres whose ranks,
// ages and managing bodies fit the posts they hold.
//
// The city holds each cadre in a compact form (about 50 bytes: post, name, birth, places, the
// parts of the ID number and one family link), so that a million fit in memory; the full
// dossier of a cadre is generated from it on demand (demo_dossier.h). Generation is pure and
// deterministic for a given seed and day; SeedDemoCity (demo_seed.h) writes the result.

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "access/recorder.h"
#include "access/role.h"
#include "base/date.h"
#include "cadre/divisions.h"
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

// How a cadre's one linked relative (another demo cadre) stands to it.
enum class RelativeLink : std::uint8_t { kNone, kSpouse, kParent, kChild };

// One cadre, compactly. Everything else of the dossier is drawn from the cadre's own random
// streams (MixSeed(city seed, stream, index)) when it is generated.
struct DemoCadre {
  std::int32_t unit_index = 0;
  std::int32_t position_index = -1;       // into DemoCity::positions; -1: staff (no 领导职务)
  std::int32_t managing_unit_index = -1;  // -1: a body outside the tree
  std::int32_t sort_order = 0;
  std::int32_t relative = -1;                        // index of the linked relative, -1 for none
  RelativeLink relative_link = RelativeLink::kNone;  // the relative is this cadre's …
  std::uint8_t rank = 0;  // the current 职级, index into cadre::Ranks()
  bool male = true;
  std::uint8_t surname = 0;  // index into DemoSurnames()
  std::uint16_t given = 0;   // index into DemoGivenNames(male)
  base::YearMonth birth_month;
  std::uint8_t birth_day = 1;       // the day part of the ID number
  std::uint16_t id_sequence = 0;    // 顺序码 of the ID number (odd for men)
  std::uint16_t birth_county = 0;   // index into DemoCity::counties (出生地, ID address)
  std::uint16_t native_county = 0;  // index into DemoCity::counties (籍贯)
};

struct DemoCity {
  std::uint64_t seed = 0;
  base::Date today;
  std::vector<DemoUnit> units;
  std::vector<DemoPosition> positions;
  std::vector<DemoCadre> cadres;
  std::string organization_department_code;  // 市委组织部, home unit of the demo cadre officer
  std::string district_organization_code;  // 东城区委组织部, for the district officer's scope
  // Business roles for the demo accounts (the three administrator roles are built in).
  std::vector<access::Role> roles;

  // For generating dossiers:
  std::vector<std::string> unit_texts;  // each unit's name as written in a 简历 line
  std::vector<int> department_of;       // each unit's department: itself, or an internal
                                        // division's parent
  std::vector<int> county_of;           // the 区/县 a unit lies in; -1 for the city level
  // Positions by leadership level (1 乡科级副职 … 6 厅局级正职; 0 unused).
  std::array<std::vector<int>, 7> positions_by_level;
  std::vector<int> divisions;  // the internal divisions (内设机构), where staff work
  // Real GB/T 2260 counties for 出生地 / 籍贯 and ID address codes: the first
  // `home_county_count` lie in the province the city is placed in (湖南), the rest anywhere.
  std::vector<cadre::Division> counties;
  int home_county_count = 0;
};

// `cadre_count` cadres fill leadership posts from the top of the tree down; beyond the posts,
// the rest are staff of the internal divisions. Birth months are relative to `today`. Every
// cadre's ID number is unique; about 1.5% of cadres are married to another cadre and 0.4% are
// parent or child of one (RelativeLink).
DemoCity BuildDemoCity(int cadre_count, std::uint64_t seed, base::Date today);

// Name tables (surnames; given names by gender) the compact cadre indexes into.
std::span<const std::string_view> DemoSurnames();
std::span<const std::string> DemoGivenNames(bool male);

// The cadre's name, 现任职务 title (领导职务, or the 职级 for staff), and the managing body.
std::string DemoCadreName(const DemoCadre& cadre);
std::string_view DemoCadreTitle(const DemoCity& city, const DemoCadre& cadre);
std::string_view DemoManagingBody(const DemoCity& city, const DemoCadre& cadre);
// The leadership level of a rank (index into cadre::Ranks()) when it is the rank of a post:
// 一级巡视员 6 (厅局级正职), 二级巡视员 5, 一级调研员 4, 三级调研员 3, 一级主任科员 2,
// 三级主任科员 1; others 0.
int LevelOfPostRank(int rank);
// The minimum months in the rank below before promotion into `rank` (RULES.md §2: 2 years per
// step, into 一级调研员 3, into 二级/一级巡视员 4).
int MinMonthsInto(int rank);

struct DemoSummary {
  std::int64_t units = 0;
  std::int64_t positions = 0;
  std::int64_t cadres = 0;
};

// Writes the city, its roles and every cadre's full dossier (demo_seed.h: how, and in which
// transactions), recorded as one demo.seed entry by `actor` at the end. FailedPrecondition when
// the database already has units (the demo is for empty databases only). With a keyring, the
// confidential parts (ID number, family, personal matters) are stored sealed as DossierService
// stores them; without one they are left out.
base::Result<DemoSummary> SeedDemoCity(store::Database& db, const DemoCity& city,
                                       base::Timestamp now, const access::Recorder& recorder,
                                       const access::Actor& actor,
                                       const crypto::Keyring* keyring = nullptr);

}  // namespace xr::demo
