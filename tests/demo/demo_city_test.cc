#include "demo/demo_city.h"

#include <gtest/gtest.h>

#include <set>

#include "access/access_schema.h"
#include "access/role_repository.h"
#include "access/role_schema.h"
#include "audit/audit_schema.h"
#include "base/clock.h"
#include "cadre/cadre_repository.h"
#include "cadre/cadre_schema.h"
#include "org/org_schema.h"
#include "testing/access_fixtures.h"
#include "testing/test_database.h"

namespace xr::demo {
namespace {

const base::Date kToday = *base::Date::Parse("2026-11-27");

TEST(BuildDemoCityTest, IsDeterministicAndValid) {
  const DemoCity a = BuildDemoCity(800, 7, kToday);
  const DemoCity b = BuildDemoCity(800, 7, kToday);
  ASSERT_EQ(a.cadres.size(), 800u);
  for (size_t i = 0; i < a.cadres.size(); ++i)
    EXPECT_EQ(a.cadres[i].cadre.name, b.cadres[i].cadre.name);
  EXPECT_NE(BuildDemoCity(800, 8, kToday).cadres[5].cadre.name, a.cadres[5].cadre.name);

  std::set<std::string> codes;
  bool has_county = false, has_township = false, has_division = false;
  for (size_t i = 0; i < a.units.size(); ++i) {
    const DemoUnit& u = a.units[i];
    EXPECT_TRUE(org::ValidateNewUnit(u.unit).ok()) << u.unit.name;
    EXPECT_TRUE(codes.insert(u.unit.code).second) << "duplicate code " << u.unit.code;
    if (u.parent_index >= 0) {
      EXPECT_LT(u.parent_index, int(i));  // parents come first
      EXPECT_TRUE(u.unit.code.starts_with(a.units[size_t(u.parent_index)].unit.code));
    }
    has_county |= u.unit.type == org::UnitType::kRegion && u.unit.level == org::UnitLevel::kCounty;
    has_township |= u.unit.type == org::UnitType::kTownship;
    has_division |= u.unit.type == org::UnitType::kInternalDivision;
  }
  EXPECT_TRUE(has_county && has_township && has_division);
  EXPECT_FALSE(a.organization_department_code.empty());
  for (const DemoCadre& d : a.cadres) {
    cadre::Cadre c = d.cadre;
    c.unit_id = org::UnitId(1);
    EXPECT_TRUE(cadre::ValidateCadre(c, kToday).ok())
        << c.name << " " << cadre::ValidateCadre(c, kToday).ToString();
  }
  // The top of the tree is filled first: the city party secretary is a 省委管理 一级巡视员.
  EXPECT_EQ(a.cadres[0].cadre.post, "市委书记");
  EXPECT_EQ(a.cadres[0].cadre.rank, "一级巡视员");
  EXPECT_EQ(a.cadres[0].cadre.managing_body, "省委管理");
}

TEST(BuildDemoCityTest, ScalesBeyondThePosts) {
  const DemoCity small = BuildDemoCity(0, 1, kToday);
  EXPECT_TRUE(small.cadres.empty());
  EXPECT_GT(small.units.size(), 100u);
  const DemoCity big = BuildDemoCity(5000, 1, kToday);
  EXPECT_EQ(big.cadres.size(), 5000u);
  EXPECT_EQ(big.units.size(), small.units.size());
}

class SeedDemoCityTest : public xr::testing::DatabaseTest {};

TEST_P(SeedDemoCityTest, WritesTheCityOnceOnly) {
  base::FakeClock clock(*base::Timestamp::Parse("2026-11-27T00:00:00Z"));
  ASSERT_TRUE(store::Migrate(db(),
                             store::InVersionOrder({access::Migrations(), access::RoleMigrations(),
                                                    org::Migrations(), cadre::Migrations(),
                                                    audit::Migrations()}),
                             clock)
                  .ok());
  auto audit = xr::testing::MakeAuditLog(clock);
  const DemoCity city = BuildDemoCity(300, 1, kToday);
  auto summary = SeedDemoCity(db(), city, clock.Now(), *audit, access::CliOperator());
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->cadres, 300);
  EXPECT_EQ(summary->units, std::int64_t(city.units.size()));
  auto count = [&] {
    return *db().TransactValue<std::int64_t>(store::TxMode::kRead, [](store::Transaction& tx) {
      return cadre::CadreRepository(tx).Count(cadre::ScopePredicate{});
    });
  };
  EXPECT_EQ(count(), 300);
  // The district officer's role sees exactly the cadres whose managing unit is that district's
  // organization department.
  auto roles = db().TransactValue<std::vector<access::Role>>(
      store::TxMode::kRead, [](store::Transaction& tx) {
        return access::RoleRepository(tx).FindByNames({"district_officer"});
      });
  ASSERT_TRUE(roles.ok()) << roles.status().ToString();
  EXPECT_EQ(access::ToString(*roles->front().scope),
            "managed-by:" + city.district_organization_code);
  std::int64_t expected = 0;
  for (const DemoCadre& d : city.cadres) {
    expected += d.managing_unit_index >= 0 && city.units[size_t(d.managing_unit_index)].unit.code ==
                                                  city.district_organization_code;
  }
  EXPECT_GT(expected, 0);
  access::Actor district;
  access::Grant(district, *roles);
  auto visible = db().TransactValue<std::int64_t>(
      store::TxMode::kRead, [&](store::Transaction& tx) -> base::Result<std::int64_t> {
        ASSIGN_OR_RETURN(cadre::ScopePredicate scope, cadre::ScopeOf(tx, district));
        return cadre::CadreRepository(tx).Count(scope);
      });
  EXPECT_EQ(*visible, expected);

  EXPECT_EQ(SeedDemoCity(db(), city, clock.Now(), *audit, access::CliOperator()).status().code(),
            base::StatusCode::kFailedPrecondition);
  EXPECT_EQ(count(), 300);
  EXPECT_EQ(xr::testing::RecordedObjects(db(), "demo.seed"),
            std::vector<std::string>{"database:demo"});  // once
}

INSTANTIATE_TEST_SUITE_P(Engines, SeedDemoCityTest, ::testing::ValuesIn(xr::testing::AllEngines()),
                         xr::testing::EngineName);

}  // namespace
}  // namespace xr::demo
