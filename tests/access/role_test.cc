#include "access/role.h"

#include <gtest/gtest.h>

#include "access/actor.h"

namespace xr::access {
namespace {

TEST(ScopeTest, ParsesEveryFormAndRoundTrips) {
  struct Case {
    std::string_view text;
    ScopeRule::Kind kind;
    std::vector<std::string> codes;
  };
  const Case good[] = {
      {"all", ScopeRule::Kind::kAll, {}},
      {"self", ScopeRule::Kind::kSelf, {}},
      {"unit:JH0102", ScopeRule::Kind::kUnits, {"JH0102"}},
      {"unit-below:JH08", ScopeRule::Kind::kUnitsBelow, {"JH08"}},
      {"managed-by:JH0102,JH0802", ScopeRule::Kind::kManagedBy, {"JH0102", "JH0802"}},
      {"own-unit", ScopeRule::Kind::kOwnUnit, {}},
      {"own-unit-below", ScopeRule::Kind::kOwnUnitBelow, {}},
  };
  for (const Case& c : good) {
    auto scope = ParseScope(c.text);
    ASSERT_TRUE(scope.ok()) << c.text << ": " << scope.status().ToString();
    EXPECT_EQ(scope->kind, c.kind) << c.text;
    EXPECT_EQ(scope->codes, c.codes) << c.text;
    EXPECT_EQ(ToString(*scope), c.text);
  }
  for (std::string_view bad :
       {"", "everything", "all:JH", "self:1", "unit", "unit:", "unit-below:JH,,X", "managed-by:,JH",
        "Unit:JH", "unit JH", "own-unit:JH01", "own-unit-below:JH"}) {
    auto scope = ParseScope(bad);
    EXPECT_FALSE(scope.ok()) << bad;
    if (!scope.ok()) {
      EXPECT_EQ(scope.status().field(), "scope");
    }
  }
}

TEST(ClearanceTest, OrderedAndNamed) {
  EXPECT_LT(Clearance::kPublic, Clearance::kInternal);
  EXPECT_LT(Clearance::kConfidential, Clearance::kSecret);
  for (std::string_view name : {"public", "internal", "confidential", "secret"}) {
    EXPECT_EQ(ClearanceName(*ParseClearance(name)), name);
  }
  EXPECT_EQ(ClearanceLabel(Clearance::kConfidential), "秘密");
  EXPECT_EQ(ParseClearance("topsecret").status().field(), "clearance");
}

TEST(RoleTest, NewRolesNeedKnownPermissions) {
  const std::vector<std::string_view> known = {"cadre.read", "cadre.write", "org.read"};
  struct Case {
    Role role;
    std::string_view field;
  };
  const Case cases[] = {
      {{"reader", "查阅员", {"cadre.read"}, std::nullopt, Clearance::kInternal, false, false}, ""},
      {{"r", "查阅员", {}, std::nullopt, Clearance::kInternal, false, false}, "name"},
      {{"Reader", "查阅员", {}, std::nullopt, Clearance::kInternal, false, false}, "name"},
      {{"reader", "", {}, std::nullopt, Clearance::kInternal, false, false}, "label"},
      {{"reader", "查阅员", {"cadre.delete"}, std::nullopt, Clearance::kInternal, false, false},
       "permissions"},
      {{"reader",
        "查阅员",
        {"cadre.read", "cadre.read"},
        std::nullopt,
        Clearance::kInternal,
        false,
        false},
       "permissions"},
  };
  for (const Case& c : cases)
    EXPECT_EQ(ValidateNewRole(c.role, known).field(), c.field) << c.role.name;
}

TEST(RoleTest, SeparationOfDutiesAndGrants) {
  Role sys{"sysadmin", "系统管理员", {"user.manage"}, std::nullopt, Clearance::kPublic, true, true};
  Role audit{"auditadmin", "安全审计员", {"audit.read"}, std::nullopt, Clearance::kPublic,
             true,         true};
  Role district{"district",
                "区干部",
                {"cadre.read"},
                ScopeRule{ScopeRule::Kind::kManagedBy, {"JH0802"}},
                Clearance::kInternal,
                false,
                false};
  Role leader{"leader", "领导", {"cadre.read", "org.read"}, ScopeRule{}, Clearance::kSecret,
              false,    false};
  EXPECT_TRUE(CheckSeparationOfDuties({sys, district, leader}).ok());
  EXPECT_EQ(CheckSeparationOfDuties({sys, audit}).field(), "roles");

  Actor actor;
  Grant(actor, {district});
  EXPECT_FALSE(actor.SeesEveryCadre());
  EXPECT_EQ(actor.clearance, Clearance::kInternal);
  Grant(actor, {leader, district});  // union: no duplicates, highest clearance
  EXPECT_TRUE(actor.SeesEveryCadre());
  EXPECT_EQ(actor.permissions, (std::vector<std::string>{"cadre.read", "org.read"}));
  EXPECT_EQ(actor.scopes.size(), 2u);
  EXPECT_EQ(actor.clearance, Clearance::kSecret);
  Actor nobody;
  Grant(nobody, {sys});
  EXPECT_TRUE(nobody.scopes.empty());  // no scope: sees no cadre
}

}  // namespace
}  // namespace xr::access
