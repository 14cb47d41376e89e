#include "org/org_service.h"

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "base/clock.h"
#include "cadre/cadre_service.h"
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
    service_ = std::make_unique<OrgService>(db(), clock_, *audit_);
  }

  Unit Add(std::optional<UnitId> parent, std::string code, std::string name, UnitType type,
           int sort = 0) {
    NewUnit unit{parent, std::move(code), std::move(name), "", type, UnitLevel::kMunicipal, sort};
    auto added = service_->AddUnit(officer_, unit);
    EXPECT_TRUE(added.ok()) << added.status().ToString();
    return added.ok() ? *added : Unit{};
  }

  Unit Get(UnitId id) {
    auto details = service_->GetUnit(officer_, id);
    EXPECT_TRUE(details.ok()) << details.status().ToString();
    return details.ok() ? details->unit : Unit{};
  }

  // Every unit as "code path sort_key", in tree order, with abolished ones.
  std::vector<std::string> Codes() {
    auto units = service_->ListUnits(officer_, true);
    EXPECT_TRUE(units.ok());
    std::vector<std::string> codes;
    if (units.ok())
      for (const Unit& u : *units) codes.push_back(u.code);
    return codes;
  }

  // A stored path and sort key must equal what the unit's ancestors imply.
  void ExpectConsistentTree() {
    auto units = service_->ListUnits(officer_, true);
    ASSERT_TRUE(units.ok());
    std::map<std::int64_t, Unit> by_id;
    for (const Unit& u : *units) by_id[u.id.value()] = u;
    for (const Unit& u : *units) {
      std::string parent_path = "/", parent_key;
      if (u.parent_id) {
        parent_path = by_id.at(u.parent_id->value()).path;
        parent_key = by_id.at(u.parent_id->value()).sort_key;
      }
      EXPECT_EQ(u.path, parent_path + std::to_string(u.id.value()) + "/") << u.code;
      EXPECT_EQ(u.sort_key, ChildSortKey(parent_key, u.sort_order, u.id)) << u.code;
    }
  }

  std::int64_t HistoryRows() {
    auto n = db().TransactValue<std::int64_t>(store::TxMode::kRead, [](store::Transaction& tx) {
      return tx.QueryInt("SELECT COUNT(*) FROM unit_history");
    });
    EXPECT_TRUE(n.ok());
    return n.ok() ? *n : -1;
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

// 江华市 ─ 市政府 ─ 财政局 ─ 办公室, 预算科; 市委 ─ 组织部: a 3-level subtree moves across.
class OrgTreeTest : public OrgServiceTest {
 protected:
  void SetUp() override {
    OrgServiceTest::SetUp();
    if (HasFatalFailure()) return;
    city_ = Add(std::nullopt, "JH", "江华市", UnitType::kRegion, 1);
    government_ = Add(city_.id, "JH-G", "江华市人民政府", UnitType::kGovernment, 1);
    committee_ = Add(city_.id, "JH-C", "中共江华市委员会", UnitType::kPartyCommittee, 2);
    finance_ = Add(government_.id, "JH-G-F", "江华市财政局", UnitType::kGovernment, 1);
    education_ = Add(government_.id, "JH-G-E", "江华市教育局", UnitType::kGovernment, 2);
    office_ = Add(finance_.id, "JH-G-F-1", "江华市财政局办公室", UnitType::kInternalDivision, 1);
    budget_ = Add(finance_.id, "JH-G-F-2", "江华市财政局预算科", UnitType::kInternalDivision, 2);
    organization_ =
        Add(committee_.id, "JH-C-O", "中共江华市委组织部", UnitType::kPartyCommittee, 1);
  }

  Unit city_, government_, committee_, finance_, education_, office_, budget_, organization_;
};

TEST_P(OrgTreeTest, MovingASubtreeRewritesEveryPathAndSortKey) {
  auto moved = service_->MoveUnit(officer_, finance_.id, {committee_.id, std::nullopt});
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  EXPECT_EQ(moved->parent_id, committee_.id);
  EXPECT_EQ(moved->sort_order, 2);  // after 组织部
  const std::string finance_path = committee_.path + std::to_string(finance_.id.value()) + "/";
  EXPECT_EQ(moved->path, finance_path);
  EXPECT_EQ(Get(office_.id).path, finance_path + std::to_string(office_.id.value()) + "/");
  EXPECT_EQ(Get(budget_.id).path, finance_path + std::to_string(budget_.id.value()) + "/");
  EXPECT_EQ(Get(budget_.id).sort_key,
            ChildSortKey(ChildSortKey(committee_.sort_key, 2, finance_.id), 2, budget_.id));
  EXPECT_EQ(Codes(), (std::vector<std::string>{"JH", "JH-G", "JH-G-E", "JH-C", "JH-C-O", "JH-G-F",
                                               "JH-G-F-1", "JH-G-F-2"}));
  ExpectConsistentTree();

  // Placed first under 市政府 again: 教育局 moves down one.
  ASSERT_TRUE(service_->MoveUnit(officer_, finance_.id, {government_.id, 0}).ok());
  EXPECT_EQ(Codes(), (std::vector<std::string>{"JH", "JH-G", "JH-G-F", "JH-G-F-1", "JH-G-F-2",
                                               "JH-G-E", "JH-C", "JH-C-O"}));
  EXPECT_EQ(Get(finance_.id).sort_order, 1);
  EXPECT_EQ(Get(education_.id).sort_order, 2);
  ExpectConsistentTree();

  // One history entry and one record entry per move.
  auto history = service_->History(officer_, finance_.id);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 3u);  // create, move, move — newest first
  EXPECT_EQ((*history)[0].action, "move");
  EXPECT_EQ((*history)[2].action, "create");
  const auto changes = nlohmann::json::parse((*history)[0].changes);
  EXPECT_EQ(changes[0]["field"], "parent");
  EXPECT_EQ(changes[0]["old"], "中共江华市委员会");
  EXPECT_EQ(changes[0]["new"], "江华市人民政府");
  EXPECT_EQ(xr::testing::RecordedObjects(db(), "unit.move").size(), 2u);
}

TEST_P(OrgTreeTest, RefusesMovesIntoItsOwnSubtreeOrUnderAbolishedUnits) {
  EXPECT_EQ(
      service_->MoveUnit(officer_, government_.id, {budget_.id, std::nullopt}).status().field(),
      "parent_id");
  EXPECT_EQ(service_->MoveUnit(officer_, finance_.id, {finance_.id, 0}).status().code(),
            base::StatusCode::kInvalidArgument);
  EXPECT_EQ(service_->MoveUnit(officer_, finance_.id, {UnitId(999999), 0}).status().code(),
            base::StatusCode::kNotFound);
  EXPECT_EQ(service_->MoveUnit(officer_, UnitId(999999), {city_.id, 0}).status().field(), "id");
  ASSERT_TRUE(service_
                  ->AbolishUnit(officer_, education_.id,
                                {*base::Date::Parse("2026-11-27"), "职能划入市委教育工委"})
                  .ok());
  auto under_abolished = service_->MoveUnit(officer_, finance_.id, {education_.id, 0});
  EXPECT_EQ(under_abolished.status().code(), base::StatusCode::kFailedPrecondition);
  EXPECT_EQ(under_abolished.status().field(), "parent_id");
  EXPECT_EQ(service_->MoveUnit(officer_, education_.id, {committee_.id, 0}).status().code(),
            base::StatusCode::kFailedPrecondition);
  access::Actor reader = xr::testing::MakeActor("lingdao", {"org.read"});
  EXPECT_EQ(service_->MoveUnit(reader, finance_.id, {committee_.id, 0}).status().code(),
            base::StatusCode::kPermissionDenied);
  ExpectConsistentTree();
  EXPECT_TRUE(xr::testing::RecordedObjects(db(), "unit.move").empty());
}

TEST_P(OrgTreeTest, ReorderingSiblingsRenumbersAndRewritesTheirSubtrees) {
  const UnitId first = Add(government_.id, "JH-G-P", "江华市公安局", UnitType::kGovernment, 3).id;
  ASSERT_TRUE(
      service_->ReorderChildren(officer_, government_.id, {first, education_.id, finance_.id})
          .ok());
  EXPECT_EQ(Codes(), (std::vector<std::string>{"JH", "JH-G", "JH-G-P", "JH-G-E", "JH-G-F",
                                               "JH-G-F-1", "JH-G-F-2", "JH-C", "JH-C-O"}));
  EXPECT_EQ(Get(first).sort_order, 1);
  EXPECT_EQ(Get(finance_.id).sort_order, 3);
  ExpectConsistentTree();
  // The list must be exactly the current children.
  for (const std::vector<UnitId>& wrong : {std::vector<UnitId>{first, education_.id},
                                           {first, education_.id, finance_.id, city_.id},
                                           {first, first, finance_.id},
                                           {first, education_.id, office_.id}}) {
    auto refused = service_->ReorderChildren(officer_, government_.id, wrong);
    EXPECT_EQ(refused.code(), base::StatusCode::kInvalidArgument);
    EXPECT_EQ(refused.field(), "ids");
  }
  auto history = service_->History(officer_, government_.id);
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->front().action, "reorder");
  const auto changes = nlohmann::json::parse(history->front().changes);
  EXPECT_EQ(changes[0]["old"], "江华市财政局、江华市教育局、江华市公安局");
  EXPECT_EQ(changes[0]["new"], "江华市公安局、江华市教育局、江华市财政局");
  EXPECT_EQ(xr::testing::RecordedObjects(db(), "unit.reorder"),
            std::vector<std::string>{"unit:" + std::to_string(government_.id.value())});
}

TEST_P(OrgTreeTest, UpdatesFieldsButNeverTheCode) {
  UnitUpdate rename;
  rename.name = "江华市财政和金融局";
  rename.short_name = "财政金融局";
  rename.code = finance_.code;  // sent back unchanged: fine
  auto updated = service_->UpdateUnit(officer_, finance_.id, rename);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(Get(finance_.id).name, "江华市财政和金融局");
  UnitUpdate recode;
  recode.code = "JH-X";
  auto refused = service_->UpdateUnit(officer_, finance_.id, recode);
  EXPECT_EQ(refused.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.status().field(), "code");
  EXPECT_EQ(Get(finance_.id).code, "JH-G-F");
  // A no-op writes nothing.
  const std::int64_t before = HistoryRows();
  ASSERT_TRUE(service_->UpdateUnit(officer_, finance_.id, rename).ok());
  EXPECT_EQ(HistoryRows(), before);
  EXPECT_EQ(xr::testing::RecordedObjects(db(), "unit.update").size(), 1u);
}

TEST_P(OrgTreeTest, AbolishingNeedsNoLiveChildrenAndHidesTheUnit) {
  const Abolition abolition{*base::Date::Parse("2026-11-27"), "机构改革，并入市发展改革委"};
  auto refused = service_->AbolishUnit(officer_, finance_.id, abolition);
  EXPECT_EQ(refused.status().code(), base::StatusCode::kFailedPrecondition);
  EXPECT_EQ(refused.status().field(), "children");
  ASSERT_TRUE(service_->AddPosition(officer_, {PositionId(), office_.id, "主任", 1, 1}).ok());
  ASSERT_TRUE(service_->AbolishUnit(officer_, office_.id, abolition).ok());
  ASSERT_TRUE(service_->AbolishUnit(officer_, budget_.id, abolition).ok());
  auto abolished = service_->AbolishUnit(officer_, finance_.id, abolition);
  ASSERT_TRUE(abolished.ok()) << abolished.status().ToString();
  EXPECT_EQ(abolished->abolished_on, abolition.date);
  // Hidden from the live tree, kept with the abolished ones; its positions are gone from counts.
  auto live = service_->ListUnits(officer_);
  ASSERT_TRUE(live.ok());
  EXPECT_EQ(live->size(), 5u);
  EXPECT_EQ(Codes().size(), 8u);
  EXPECT_EQ(service_->Count(officer_)->positions, 0);
  EXPECT_EQ(Get(office_.id).abolish_reason, abolition.reason);
  EXPECT_TRUE(service_->GetUnit(officer_, office_.id)->positions.empty());
  // Nothing more may change on an abolished unit.
  UnitUpdate rename;
  rename.name = "新名称";
  EXPECT_EQ(service_->UpdateUnit(officer_, finance_.id, rename).status().code(),
            base::StatusCode::kFailedPrecondition);
  EXPECT_EQ(service_->AbolishUnit(officer_, finance_.id, abolition).status().code(),
            base::StatusCode::kFailedPrecondition);
  EXPECT_EQ(
      service_->AddPosition(officer_, {PositionId(), finance_.id, "局长", 1, 1}).status().code(),
      base::StatusCode::kFailedPrecondition);
  EXPECT_EQ(service_
                ->AddUnit(officer_, {finance_.id, "JH-NEW", "新科室", "",
                                     UnitType::kInternalDivision, UnitLevel::kMunicipal, 0})
                .status()
                .field(),
            "parent_id");
  // 市政府's live children are now 教育局 only: a reorder must not list 财政局.
  EXPECT_TRUE(service_->ReorderChildren(officer_, government_.id, {education_.id}).ok());
  EXPECT_EQ(
      service_->ReorderChildren(officer_, government_.id, {education_.id, finance_.id}).field(),
      "ids");
  EXPECT_EQ(xr::testing::RecordedObjects(db(), "unit.abolish").size(), 3u);
}

TEST_P(OrgTreeTest, PositionsAreEditedAndAbolishedWithHistory) {
  auto chief = service_->AddPosition(officer_, {PositionId(), finance_.id, "局长", 1, 1});
  auto deputy = service_->AddPosition(officer_, {PositionId(), finance_.id, "副局长", 3, 2});
  ASSERT_TRUE(chief.ok() && deputy.ok());
  PositionUpdate update;
  update.headcount = 4;
  auto updated = service_->UpdatePosition(officer_, *deputy, update);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->headcount, 4);
  update.headcount = 1000;
  EXPECT_EQ(service_->UpdatePosition(officer_, *deputy, update).status().field(), "headcount");
  ASSERT_TRUE(service_->AbolishPosition(officer_, *chief).ok());
  EXPECT_EQ(service_->AbolishPosition(officer_, *chief).code(), base::StatusCode::kNotFound);
  auto details = service_->GetUnit(officer_, finance_.id);
  ASSERT_TRUE(details.ok());
  ASSERT_EQ(details->positions.size(), 1u);
  EXPECT_EQ(details->positions[0].name, "副局长");
  EXPECT_EQ(details->positions[0].headcount, 4);
  auto history = service_->History(officer_, finance_.id);
  ASSERT_TRUE(history.ok());
  std::vector<std::string> actions;
  for (const UnitHistoryEntry& e : *history) actions.push_back(e.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"position.abolish", "position.update",
                                               "position.create", "position.create", "create"}));
  const auto changes = nlohmann::json::parse((*history)[1].changes);
  EXPECT_EQ(changes[1], (nlohmann::json{{"field", "headcount"}, {"old", "3"}, {"new", "4"}}));
  EXPECT_EQ(history->front().actor, "ganbu");
  EXPECT_EQ(history->front().at, clock_.Now());
  EXPECT_EQ(xr::testing::RecordedObjects(db(), "position.update"),
            std::vector<std::string>{"position:" + std::to_string(deputy->value())});
}

// Two officers at once: one moves 财政局 under 市委, the other 市委 under 财政局. Whichever
// commits second sees the first's tree (SQLite's write lock, PostgreSQL's serializable retry)
// and is refused as a move into its own subtree; the paths never form a cycle.
TEST_P(OrgTreeTest, ConcurrentCrossingMovesNeverLeaveInconsistentPaths) {
  for (int round = 0; round < 6; ++round) {
    const UnitId home = round % 2 == 0 ? government_.id : city_.id;
    ASSERT_TRUE(service_->MoveUnit(officer_, finance_.id, {home, std::nullopt}).ok());
    ASSERT_TRUE(service_->MoveUnit(officer_, committee_.id, {city_.id, std::nullopt}).ok());
    base::Status first, second;
    std::thread a([&] {
      first = service_->MoveUnit(officer_, finance_.id, {committee_.id, std::nullopt}).status();
    });
    std::thread b([&] {
      second = service_->MoveUnit(officer_, committee_.id, {finance_.id, std::nullopt}).status();
    });
    a.join();
    b.join();
    EXPECT_TRUE(first.ok() != second.ok()) << first.ToString() << " / " << second.ToString();
    for (const base::Status& refused : {first, second}) {
      if (!refused.ok()) {
        EXPECT_EQ(refused.field(), "parent_id") << refused.ToString();
      }
    }
    ExpectConsistentTree();
  }
}

// A record that cannot be written (its keys gone, its disk full): the change must not happen.
class FailingRecorder : public access::Recorder {
 public:
  base::Status Write(store::Transaction&, const access::Actor&, std::string_view, std::string_view,
                     std::string_view, Details) const override {
    return base::Unavailable("全程记实暂不可用");
  }
};

TEST_P(OrgTreeTest, AFailedChangeLeavesNeitherHistoryNorRecord) {
  FailingRecorder failing;
  OrgService broken(db(), clock_, failing);
  const std::int64_t history_before = HistoryRows();
  const auto units_before = service_->ListUnits(officer_, true);
  ASSERT_TRUE(units_before.ok());
  UnitUpdate rename;
  rename.name = "改名失败";
  EXPECT_EQ(broken.UpdateUnit(officer_, finance_.id, rename).status().code(),
            base::StatusCode::kUnavailable);
  EXPECT_EQ(broken.MoveUnit(officer_, finance_.id, {committee_.id, 0}).status().code(),
            base::StatusCode::kUnavailable);
  EXPECT_FALSE(broken.ReorderChildren(officer_, government_.id, {education_.id, finance_.id}).ok());
  EXPECT_FALSE(
      broken.AbolishUnit(officer_, office_.id, {*base::Date::Parse("2026-11-27"), "测试"}).ok());
  EXPECT_FALSE(broken.AddPosition(officer_, {PositionId(), finance_.id, "局长", 1, 1}).ok());
  EXPECT_EQ(HistoryRows(), history_before);
  const auto units_after = service_->ListUnits(officer_, true);
  ASSERT_TRUE(units_after.ok());
  ASSERT_EQ(units_after->size(), units_before->size());
  for (size_t i = 0; i < units_after->size(); ++i) {
    EXPECT_EQ((*units_after)[i].name, (*units_before)[i].name);
    EXPECT_EQ((*units_after)[i].path, (*units_before)[i].path);
    EXPECT_EQ((*units_after)[i].sort_key, (*units_before)[i].sort_key);
    EXPECT_EQ((*units_after)[i].abolished(), (*units_before)[i].abolished());
  }
  EXPECT_EQ(service_->Count(officer_)->positions, 0);
  for (const char* action : {"unit.update", "unit.move", "unit.reorder", "unit.abolish"}) {
    EXPECT_TRUE(xr::testing::RecordedObjects(db(), action).empty()) << action;
  }
}

// The 财政局 subtree's cadres are seen through a unit-below scope on 市政府; after the move
// under 市委 that scope no longer reaches them and one on 市委 does.
TEST_P(OrgTreeTest, AUnitBelowScopeFollowsAMove) {
  cadre::CadreService cadres(db(), clock_, *audit_);
  access::Actor writer = xr::testing::MakeActor("ganbu", {"cadre.read", "cadre.write"});
  for (const auto& [name, unit] : std::vector<std::pair<std::string, UnitId>>{
           {"王建国", finance_.id}, {"李芳", budget_.id}, {"张伟", education_.id}}) {
    cadre::Cadre c;
    c.name = name;
    c.gender = "男";
    c.birth_month = *base::YearMonth::Parse("1978-05");
    c.ethnicity = "汉族";
    c.party = "中共党员";
    c.unit_id = unit;
    c.post = "科员";
    c.rank = "一级科员";
    c.managing_body = "市委管理";
    ASSERT_TRUE(cadres.Add(writer, c).ok()) << name;
  }
  using Kind = access::ScopeRule::Kind;
  auto visible = [&](const std::string& code) {
    access::Actor reader =
        xr::testing::MakeActor("reader", {"cadre.read"}, {{Kind::kUnitsBelow, {code}}});
    auto page = cadres.List(reader, {});
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    std::set<std::string> names;
    if (page.ok())
      for (const cadre::Cadre& c : page->items) names.insert(c.name);
    return names;
  };
  EXPECT_EQ(visible("JH-G"), (std::set<std::string>{"王建国", "李芳", "张伟"}));
  EXPECT_TRUE(visible("JH-C").empty());
  ASSERT_TRUE(service_->MoveUnit(officer_, finance_.id, {committee_.id, std::nullopt}).ok());
  EXPECT_EQ(visible("JH-G"), (std::set<std::string>{"张伟"}));
  EXPECT_EQ(visible("JH-C"), (std::set<std::string>{"王建国", "李芳"}));
  EXPECT_EQ(visible("JH-G-F"), (std::set<std::string>{"王建国", "李芳"}));
}

INSTANTIATE_TEST_SUITE_P(Engines, OrgTreeTest, ::testing::ValuesIn(xr::testing::AllEngines()),
                         xr::testing::EngineName);

INSTANTIATE_TEST_SUITE_P(Engines, OrgServiceTest, ::testing::ValuesIn(xr::testing::AllEngines()),
                         xr::testing::EngineName);

}  // namespace
}  // namespace xr::org
