#include "cadre/cadre_service.h"

#include <gtest/gtest.h>

#include <map>

#include "cadre/cadre_schema.h"
#include "org/org_schema.h"
#include "org/org_service.h"
#include "testing/access_fixtures.h"
#include "testing/test_database.h"

namespace xr::cadre {
namespace {

class CadreServiceTest : public xr::testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(xr::testing::SetUpAccess(db(), clock_).ok());
    org::OrgService org(db(), *audit_);
    auto add = [&](std::optional<org::UnitId> parent, std::string code, std::string name) {
      return org
          .AddUnit(officer_, {parent, code, name, "", org::UnitType::kGovernment,
                              org::UnitLevel::kMunicipal, 0})
          ->id;
    };
    city_ = add(std::nullopt, "JH", "江华市");
    finance_ = add(city_, "JH01", "江华市财政局");
    finance_office_ = add(finance_, "JH0101", "江华市财政局办公室");
    // "/1/" must not swallow "/10/…": create ten more units so that id 10 exists under the city.
    for (int i = 2; i <= 9; ++i) add(city_, "JH0" + std::to_string(i), "单位" + std::to_string(i));
    education_ = add(city_, "JH10", "江华市教育局");
    service_ = std::make_unique<CadreService>(db(), clock_, *audit_);
    Put("王建国", finance_, "一级调研员", city_);
    Put("李芳", finance_office_, "一级主任科员", finance_);
    Put("王芳", education_, "一级调研员", city_);
    Put("张100%_", education_, "二级科员");
  }

  // Adds a cadre managed by `managing_unit` (none: 省委管理) and remembers its id by name.
  void Put(std::string name, org::UnitId unit, std::string rank,
           std::optional<org::UnitId> managing_unit = std::nullopt) {
    Cadre c = Sample(std::move(name), unit);
    c.rank = std::move(rank);
    c.managing_unit_id = managing_unit;
    auto id = service_->Add(officer_, c);
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    ids_[c.name] = *id;
  }

  static Cadre Sample(std::string name, org::UnitId unit) {
    Cadre c;
    c.name = std::move(name);
    c.gender = "女";
    c.birth_month = *base::YearMonth::Parse("1980-01");
    c.ethnicity = "汉族";
    c.party = "中共党员";
    c.unit_id = unit;
    c.post = "职务";
    c.rank = "一级科员";
    c.managing_body = "市委管理";
    return c;
  }

  std::vector<std::string> Names(const CadreQuery& query) { return NamesAs(officer_, query); }

  std::vector<std::string> NamesAs(const access::Actor& actor, const CadreQuery& query = {}) {
    auto page = service_->List(actor, query);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    std::vector<std::string> names;
    if (page.ok())
      for (const Cadre& c : page->items) names.push_back(c.name);
    return names;
  }

  base::FakeClock clock_{*base::Timestamp::Parse("2026-11-27T00:00:00Z")};
  std::unique_ptr<audit::AuditLog> audit_ = xr::testing::MakeAuditLog(clock_);
  access::Actor officer_ =
      xr::testing::MakeActor("ganbu", {"cadre.read", "cadre.write", "org.read", "org.write"});
  std::map<std::string, CadreId> ids_;
  org::UnitId city_, finance_, finance_office_, education_;
  std::unique_ptr<CadreService> service_;
};

TEST_P(CadreServiceTest, FiltersBySubtreeAndName) {
  using V = std::vector<std::string>;
  EXPECT_EQ(Names({finance_, "", 1, 20}), (V{"王建国", "李芳"}));
  EXPECT_EQ(Names({finance_office_, "", 1, 20}), (V{"李芳"}));
  EXPECT_EQ(Names({education_, "", 1, 20}), (V{"王芳", "张100%_"}));
  EXPECT_EQ(Names({city_, "", 1, 20}).size(), 4u);
  EXPECT_EQ(Names({std::nullopt, "王", 1, 20}), (V{"王建国", "王芳"}));
  EXPECT_EQ(Names({std::nullopt, "芳", 1, 20}), (V{"李芳", "王芳"}));
  EXPECT_EQ(Names({std::nullopt, "%", 1, 20}), (V{"张100%_"}));  // wildcards are literal
  EXPECT_EQ(Names({std::nullopt, "_", 1, 20}), (V{"张100%_"}));
  EXPECT_EQ(Names({finance_, "芳", 1, 20}), (V{"李芳"}));
}

TEST_P(CadreServiceTest, PagesCountTheWholeResult) {
  auto first = service_->List(officer_, {std::nullopt, "", 1, 3});
  auto second = service_->List(officer_, {std::nullopt, "", 2, 3});
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->total, 4);
  EXPECT_EQ(second->total, 4);
  EXPECT_EQ(first->items.size(), 3u);
  EXPECT_EQ(second->items.size(), 1u);
  EXPECT_EQ(service_->List(officer_, {std::nullopt, "", 9, 3})->items.size(), 0u);
}

TEST_P(CadreServiceTest, GetsOneRecordWithItsUnitName) {
  auto page = service_->List(officer_, {finance_office_, "", 1, 20});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 1u);
  auto cadre = service_->Get(officer_, page->items[0].id);
  ASSERT_TRUE(cadre.ok());
  EXPECT_EQ(cadre->unit_name, "江华市财政局办公室");
  EXPECT_EQ(cadre->birth_month.ToString(), "1980-01");
  EXPECT_EQ(service_->Get(officer_, CadreId(99999)).status().code(), base::StatusCode::kNotFound);
}

TEST_P(CadreServiceTest, RefusesBadInputAndOutsiders) {
  EXPECT_EQ(service_->List(officer_, {org::UnitId(99999), "", 1, 20}).status().field(), "unit_id");
  EXPECT_EQ(service_->List(officer_, {std::nullopt, "", 1, 1001}).status().field(), "page_size");
  // A system administrator holds no cadre permission and no scope (三员).
  access::Actor admin =
      xr::testing::MakeActor("admin", {"user.manage", "org.read", "org.write"}, {});
  EXPECT_EQ(service_->List(admin, {}).status().code(), base::StatusCode::kPermissionDenied);
  EXPECT_EQ(service_->Get(admin, CadreId(1)).status().code(), base::StatusCode::kPermissionDenied);
  access::Actor leader = xr::testing::MakeActor("lingdao", {"cadre.read", "org.read"});
  EXPECT_TRUE(service_->List(leader, {}).ok());
  Cadre c = Sample("赵六", org::UnitId(99999));
  EXPECT_EQ(service_->Add(leader, c).status().code(), base::StatusCode::kPermissionDenied);
  EXPECT_EQ(service_->Add(officer_, c).status().field(), "unit_id");
}

TEST_P(CadreServiceTest, DataScopesDecideWhichCadresExist) {
  using Kind = access::ScopeRule::Kind;
  using V = std::vector<std::string>;
  auto reader = [](std::vector<access::ScopeRule> scopes,
                   std::optional<std::int64_t> self = std::nullopt) {
    access::Actor actor =
        xr::testing::MakeActor("reader", {"cadre.read", "cadre.write"}, std::move(scopes));
    actor.cadre_id = self;
    return actor;
  };
  auto in_unit = [&](std::string code, std::vector<access::ScopeRule> scopes) {
    access::Actor actor = reader(std::move(scopes));
    actor.unit_code = std::move(code);
    actor.unit_id = finance_.value();  // the scope goes through the id (JH01 here)
    return actor;
  };
  struct Case {
    std::string_view what;
    access::Actor actor;
    V visible;
  };
  const Case cases[] = {
      {"all", reader({{Kind::kAll, {}}}), V{"王建国", "李芳", "王芳", "张100%_"}},
      {"no scope", reader({}), V{}},
      {"unit: only that unit", reader({{Kind::kUnits, {"JH01"}}}), V{"王建国"}},
      {"unit-below: the subtree", reader({{Kind::kUnitsBelow, {"JH01"}}}), V{"王建国", "李芳"}},
      {"unit-below the root", reader({{Kind::kUnitsBelow, {"JH"}}}),
       V{"王建国", "李芳", "王芳", "张100%_"}},
      {"managed-by the city", reader({{Kind::kManagedBy, {"JH"}}}), V{"王建国", "王芳"}},
      {"managed-by the bureau", reader({{Kind::kManagedBy, {"JH01"}}}), V{"李芳"}},
      {"self", reader({{Kind::kSelf, {}}}, ids_.at("王芳").value()), V{"王芳"}},
      {"self, not linked", reader({{Kind::kSelf, {}}}), V{}},
      {"union", reader({{Kind::kUnits, {"JH10"}}, {Kind::kManagedBy, {"JH01"}}}),
       V{"李芳", "王芳", "张100%_"}},
      {"unknown code", reader({{Kind::kUnitsBelow, {"NOPE"}}, {Kind::kManagedBy, {"NOPE"}}}), V{}},
      {"own unit", in_unit("JH01", {{Kind::kOwnUnit, {}}}), V{"王建国"}},
      {"own unit and below", in_unit("JH01", {{Kind::kOwnUnitBelow, {}}}), V{"王建国", "李芳"}},
      {"own unit, user in no unit", reader({{Kind::kOwnUnitBelow, {}}}), V{}},
      {"injection as a code", reader({{Kind::kUnits, {"JH' OR '1'='1"}}}), V{}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(NamesAs(c.actor), c.visible) << c.what;
    auto page = service_->List(c.actor, {});
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page->total, std::int64_t(c.visible.size())) << c.what;
    // A single read outside the scope answers exactly like a missing record.
    for (const auto& [name, id] : ids_) {
      const bool visible = std::find(c.visible.begin(), c.visible.end(), name) != c.visible.end();
      auto one = service_->Get(c.actor, id);
      EXPECT_EQ(one.ok(), visible) << c.what << " / " << name;
      if (!visible) {
        EXPECT_EQ(one.status(), service_->Get(c.actor, CadreId(99999)).status()) << c.what;
      }
    }
    auto counts = service_->Count(c.actor);
    ASSERT_TRUE(counts.ok());
    EXPECT_EQ(counts->total, std::int64_t(c.visible.size())) << c.what;
  }
}

TEST_P(CadreServiceTest, WritesOutsideTheScopeAreRefusedAndLeaveNothing) {
  access::Actor bureau = xr::testing::MakeActor("bureau", {"cadre.read", "cadre.write"},
                                                {{access::ScopeRule::Kind::kUnitsBelow, {"JH01"}}});
  auto inside = service_->Add(bureau, Sample("钱七", finance_office_));
  EXPECT_TRUE(inside.ok()) << inside.status().ToString();
  auto outside = service_->Add(bureau, Sample("孙八", education_));
  EXPECT_EQ(outside.status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(outside.status().field(), "unit_id");
  EXPECT_EQ(Names({std::nullopt, "孙八", 1, 20}), std::vector<std::string>{});  // rolled back
  // The record has the committed addition and not the refused one.
  const auto created = xr::testing::RecordedObjects(db(), "cadre.create");
  EXPECT_EQ(created.size(), 5u);  // four from SetUp, 钱七
  EXPECT_EQ(created.back(), "cadre:" + std::to_string(inside->value()));
  EXPECT_EQ(service_->Count(xr::testing::MakeActor("none", {}))->total, 0);  // no cadre.read: none
}

TEST_P(CadreServiceTest, CountsByRankFollowTheLadder) {
  store::Database& database = db();
  auto counts = database.TransactValue<std::vector<RankCount>>(
      store::TxMode::kRead,
      [](store::Transaction& tx) { return CadreRepository(tx).CountByRank(ScopePredicate{}); });
  ASSERT_TRUE(counts.ok());
  ASSERT_EQ(counts->size(), 3u);
  EXPECT_EQ((*counts)[0].rank, "一级调研员");
  EXPECT_EQ((*counts)[0].count, 2);
  EXPECT_EQ((*counts)[1].rank, "一级主任科员");
  EXPECT_EQ((*counts)[2].rank, "二级科员");
}

INSTANTIATE_TEST_SUITE_P(Engines, CadreServiceTest, ::testing::ValuesIn(xr::testing::AllEngines()),
                         xr::testing::EngineName);

}  // namespace
}  // namespace xr::cadre
