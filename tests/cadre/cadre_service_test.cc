#include "cadre/cadre_service.h"

#include <gtest/gtest.h>

#include "cadre/cadre_schema.h"
#include "org/org_schema.h"
#include "org/org_service.h"
#include "testing/test_database.h"

namespace xr::cadre {
namespace {

class CadreServiceTest : public xr::testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    auto migrations = org::Migrations();
    for (auto& m : Migrations()) migrations.push_back(m);
    ASSERT_TRUE(store::Migrate(db(), migrations, clock_).ok());
    org::OrgService org(db());
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
    service_ = std::make_unique<CadreService>(db(), clock_);
    Put("王建国", finance_, "一级调研员");
    Put("李芳", finance_office_, "一级主任科员");
    Put("王芳", education_, "一级调研员");
    Put("张100%_", education_, "二级科员");
  }

  void Put(std::string name, org::UnitId unit, std::string rank) {
    Cadre c{CadreId(), std::move(name), "女",       *base::YearMonth::Parse("1980-01"),
            "汉族",    "中共党员",      unit,       "",
            "职务",    std::move(rank), "市委管理", 0};
    auto id = service_->Add(officer_, c);
    ASSERT_TRUE(id.ok()) << id.status().ToString();
  }

  std::vector<std::string> Names(const CadreQuery& query) {
    auto page = service_->List(officer_, query);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    std::vector<std::string> names;
    if (page.ok())
      for (const Cadre& c : page->items) names.push_back(c.name);
    return names;
  }

  base::FakeClock clock_{*base::Timestamp::Parse("2026-11-27T00:00:00Z")};
  access::Actor officer_{access::UserId(1), "ganbu", "干部科", {"cadre_officer"}, {}};
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
  EXPECT_EQ(service_->List(officer_, {std::nullopt, "", 1, 500}).status().field(), "page_size");
  access::Actor admin{access::UserId(2), "admin", "系统管理员", {"sysadmin"}, {}};
  EXPECT_EQ(service_->List(admin, {}).status().code(), base::StatusCode::kPermissionDenied);
  EXPECT_EQ(service_->Get(admin, CadreId(1)).status().code(), base::StatusCode::kPermissionDenied);
  access::Actor leader{access::UserId(3), "lingdao", "领导", {"leader"}, {}};
  EXPECT_TRUE(service_->List(leader, {}).ok());
  Cadre c{CadreId(),
          "赵六",
          "男",
          *base::YearMonth::Parse("1980-01"),
          "汉族",
          "中共党员",
          org::UnitId(99999),
          "",
          "科员",
          "一级科员",
          "部门管理",
          0};
  EXPECT_EQ(service_->Add(leader, c).status().code(), base::StatusCode::kPermissionDenied);
  EXPECT_EQ(service_->Add(officer_, c).status().field(), "unit_id");
}

TEST_P(CadreServiceTest, CountsByRankFollowTheLadder) {
  store::Database& database = db();
  auto counts = database.TransactValue<std::vector<RankCount>>(
      store::TxMode::kRead,
      [](store::Transaction& tx) { return CadreRepository(tx).CountByRank(); });
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
