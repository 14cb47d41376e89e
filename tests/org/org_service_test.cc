#include "org/org_service.h"

#include <gtest/gtest.h>

#include "base/clock.h"
#include "org/org_schema.h"
#include "testing/access_fixtures.h"
#include "testing/test_database.h"

namespace xr::org {
namespace {

class OrgServiceTest : public xr::testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(xr::testing::SetUpAccess(db(), clock_).ok());
    service_ = std::make_unique<OrgService>(db(), *audit_);
  }

  Unit Add(std::optional<UnitId> parent, std::string code, std::string name, UnitType type,
           int sort = 0) {
    NewUnit unit{parent, std::move(code), std::move(name), "", type, UnitLevel::kMunicipal, sort};
    auto added = service_->AddUnit(officer_, unit);
    EXPECT_TRUE(added.ok()) << added.status().ToString();
    return added.ok() ? *added : Unit{};
  }

  access::Actor officer_ = xr::testing::MakeActor("ganbu", {"org.read", "org.write"});
  base::FakeClock clock_{*base::Timestamp::Parse("2026-11-27T00:00:00Z")};
  std::unique_ptr<audit::AuditLog> audit_ = xr::testing::MakeAuditLog(clock_);
  std::unique_ptr<OrgService> service_;
};

TEST_P(OrgServiceTest, BuildsATreeOfUnboundedDepth) {
  Unit city = Add(std::nullopt, "JH", "江华市", UnitType::kRegion);
  Unit parent = city;
  for (int depth = 1; depth <= 12; ++depth) {  // deeper than any real hierarchy
    parent = Add(parent.id, "JH-" + std::to_string(depth), "第" + std::to_string(depth) + "级",
                 UnitType::kInternalDivision);
  }
  EXPECT_TRUE(parent.path.starts_with(city.path));
  EXPECT_EQ(std::count(parent.path.begin(), parent.path.end(), '/'), 14);
  auto units = service_->ListUnits(officer_);
  ASSERT_TRUE(units.ok());
  ASSERT_EQ(units->size(), 13u);
  EXPECT_EQ(units->front().code, "JH");  // parents before children
  EXPECT_EQ(units->back().code, "JH-12");
  EXPECT_EQ(units->front().short_name, "江华市");  // defaults to the name
}

TEST_P(OrgServiceTest, SiblingsComeInSortOrder) {
  Unit city = Add(std::nullopt, "JH", "江华市", UnitType::kRegion);
  Add(city.id, "JH03", "江华市人民政府", UnitType::kGovernment, 3);
  Add(city.id, "JH01", "中共江华市委员会", UnitType::kPartyCommittee, 1);
  Add(city.id, "JH02", "江华市人大常委会", UnitType::kPeoplesCongress, 2);
  auto units = service_->ListUnits(officer_);
  ASSERT_TRUE(units.ok());
  std::vector<std::string> codes;
  for (const Unit& u : *units) codes.push_back(u.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"JH", "JH01", "JH02", "JH03"}));
  auto found = service_->FindUnitByCode(officer_, "JH02");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->type, UnitType::kPeoplesCongress);
  EXPECT_EQ(found->parent_id, city.id);
  EXPECT_EQ(service_->FindUnitByCode(officer_, "JH09").status().code(),
            base::StatusCode::kNotFound);
}

TEST_P(OrgServiceTest, RejectsDuplicatesMissingParentsAndOutsiders) {
  Unit city = Add(std::nullopt, "JH", "江华市", UnitType::kRegion);
  auto duplicate = service_->AddUnit(
      officer_, {city.id, "JH", "重复", "", UnitType::kGovernment, UnitLevel::kMunicipal, 0});
  EXPECT_EQ(duplicate.status().code(), base::StatusCode::kAlreadyExists);
  EXPECT_EQ(duplicate.status().field(), "code");
  auto orphan = service_->AddUnit(
      officer_, {UnitId(999), "X1", "孤儿", "", UnitType::kGovernment, UnitLevel::kMunicipal, 0});
  EXPECT_EQ(orphan.status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(orphan.status().field(), "parent_id");
  access::Actor auditor = xr::testing::MakeActor("audit", {"audit.read"});
  EXPECT_EQ(service_
                ->AddUnit(auditor, {std::nullopt, "X2", "x", "", UnitType::kGovernment,
                                    UnitLevel::kMunicipal, 0})
                .status()
                .code(),
            base::StatusCode::kPermissionDenied);
  EXPECT_EQ(
      service_->AddPosition(officer_, {PositionId(), UnitId(999), "局长", 1, 0}).status().field(),
      "unit_id");
  ASSERT_TRUE(service_->AddPosition(officer_, {PositionId(), city.id, "市长", 1, 0}).ok());
  // Every change is in the record, each in its own committed transaction; refused ones are not.
  EXPECT_EQ(xr::testing::RecordedObjects(db(), "unit.create"),
            std::vector<std::string>{"unit:" + std::to_string(city.id.value())});
  EXPECT_EQ(xr::testing::RecordedObjects(db(), "position.create").size(), 1u);
  auto counts = service_->Count(officer_);
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->units, 1);
  EXPECT_EQ(counts->positions, 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, OrgServiceTest, ::testing::ValuesIn(xr::testing::AllEngines()),
                         xr::testing::EngineName);

}  // namespace
}  // namespace xr::org
