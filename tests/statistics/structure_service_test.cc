// 班子结构分析 through StructureService on both engines: exact counts for a small tree of units,
// subtree vs unit, the condition form, data scope, targets and their audit.
#include "statistics/structure_service.h"

#include <gtest/gtest.h>

#include "app/application.h"
#include "org/org_service.h"
#include "store/migrate.h"
#include "testing/access_fixtures.h"
#include "testing/test_database.h"

namespace xr::statistics {
namespace {

struct Person {
  std::string name, gender, birth_month, ethnicity, party, rank;
  std::optional<std::string> post_start;
  std::vector<std::pair<std::string, std::string>> education;  // (kind, level code)
  std::string status = "在职";
};

class StructureServiceTest : public xr::testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(store::Migrate(db(), app::AllMigrations(), clock_).ok());
    audit_ = xr::testing::MakeAuditLog(clock_);
    org::OrgService org(db(), clock_, *audit_);
    const access::Actor builder = xr::testing::MakeActor("builder", {"org.read", "org.write"});
    auto add = [&](std::optional<org::UnitId> parent, std::string code, int order) {
      auto unit = org.AddUnit(builder, {parent, code, "单位" + code, "", org::UnitType::kGovernment,
                                        org::UnitLevel::kMunicipal, order});
      EXPECT_TRUE(unit.ok()) << unit.status().ToString();
      return unit->id;
    };
    city_ = add(std::nullopt, "C", 0);
    bureau_ = add(city_, "C01", 1);
    office_ = add(bureau_, "C0101", 1);
    other_ = add(city_, "C02", 2);
    // Reference day 2026-11-28: ages as the form counts them.
    Put(bureau_, {"甲",
                  "男",
                  "1980-05",
                  "汉族",
                  "中共党员",
                  "一级调研员",
                  "2024-03",  // 46, 2 年
                  {{"全日制", "21"}, {"在职", "14"}}});
    Put(bureau_, {"乙",
                  "女",
                  "1988-01",
                  "回族",
                  "民盟盟员",
                  "三级调研员",
                  "2016-11",  // 38, 10 年
                  {{"全日制", "31"}}});
    Put(bureau_, {"丙",
                  "女",
                  "1991-06",
                  "汉族",
                  "中共预备党员",
                  "一级主任科员",
                  std::nullopt,  // 35
                  {}});
    Put(office_, {"丁",
                  "男",
                  "1966-12",
                  "壮族",
                  "群众",
                  "二级巡视员",
                  "2026-01",  // 59, 0 年
                  {{"在职", "11"}, {"全日制", "41"}}});
    Put(office_, {"戊", "男", "1970-01", "汉族", "中共党员", "", "2020-06", {}});  // 56, 6 年
    Put(office_, {"己", "女", "1960-02", "汉族", "中共党员", "一级调研员", "2010-01", {}, "退休"});
    Put(other_, {"庚", "男", "1985-01", "汉族", "中共党员", "四级调研员", "2025-01", {}});
    service_ = std::make_unique<StructureService>(db(), clock_, *audit_);
  }

  void Put(org::UnitId unit, const Person& p) {
    ASSERT_TRUE(
        db().Transact(store::TxMode::kWrite,
                      [&](store::Transaction& tx) -> base::Status {
                        ASSIGN_OR_RETURN(
                            std::int64_t id,
                            tx.QueryInt(
                                "INSERT INTO cadres (name, gender, birth_month, ethnicity, "
                                "party, unit_id, post, rank, managing_body, sort_order, "
                                "status, post_start_month) VALUES (?, ?, ?, ?, ?, ?, '职务', "
                                "?, '市委管理', 0, ?, ?) RETURNING id",
                                {p.name, p.gender, p.birth_month, p.ethnicity, p.party, unit,
                                 p.rank, p.status, p.post_start}));
                        int order = 0;
                        for (const auto& [kind, code] : p.education) {
                          RETURN_IF_ERROR(tx.Execute("INSERT INTO cadre_education (cadre_id, "
                                                     "item_order, kind, level, level_code, degree, "
                                                     "degree_code, school_and_major) VALUES (?, ?, "
                                                     "?, '', ?, '', '', '')",
                                                     {id, order++, kind, code})
                                              .status());
                        }
                        return base::Status::Ok();
                      })
            .ok());
  }

  StructureRequest ForUnit(org::UnitId unit, bool subtree = true) {
    StructureRequest request;
    request.unit_id = unit.value();
    request.subtree = subtree;
    request.reference_date = *base::Date::Parse("2026-11-28");
    return request;
  }

  static std::vector<std::int64_t> Counts(const StructureReport& report, std::string_view key) {
    for (const Dimension& d : report.dimensions) {
      if (d.key != key) continue;
      std::vector<std::int64_t> counts;
      for (const Bucket& b : d.buckets) counts.push_back(b.count);
      return counts;
    }
    ADD_FAILURE() << "no dimension " << key;
    return {};
  }
  static const Indicator& Find(const StructureReport& report, std::string_view key) {
    for (const Indicator& i : report.indicators) {
      if (i.key == key) return i;
    }
    static const Indicator kNone;
    ADD_FAILURE() << "no indicator " << key;
    return kNone;
  }

  base::FakeClock clock_{*base::Timestamp::Parse("2026-11-28T02:00:00Z")};
  std::unique_ptr<audit::AuditLog> audit_;
  std::unique_ptr<StructureService> service_;
  org::UnitId city_, bureau_, office_, other_;
  access::Actor reader_ = xr::testing::MakeActor("reader", {"cadre.read"});
};

using V = std::vector<std::int64_t>;

TEST_P(StructureServiceTest, CountsASubtreeInEveryDimension) {
  auto report = service_->Analyse(reader_, ForUnit(bureau_));
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  // 甲 乙 丙 丁 戊 (己 is retired; 庚 is in another unit).
  EXPECT_EQ(report->total, 5);
  EXPECT_EQ(report->reference_date.ToString(), "2026-11-28");
  std::vector<std::string> keys;
  for (const Dimension& d : report->dimensions) keys.push_back(d.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"age_band", "gender", "ethnicity", "party",
                                            "full_time_education", "highest_education", "rank",
                                            "years_in_post"}));
  //                                ≤35 36-40 41-45 46-50 51-55 ≥56
  EXPECT_EQ(Counts(*report, "age_band"), (V{1, 1, 0, 1, 0, 2}));
  EXPECT_EQ(Counts(*report, "gender"), (V{3, 2}));
  EXPECT_EQ(Counts(*report, "ethnicity"), (V{3, 2}));
  EXPECT_EQ(Counts(*report, "party"), (V{3, 2}));  // 预备党员 counts as 中共党员
  //                        研究生 大学 大专 中专 高中 初中 小学 其他 无
  EXPECT_EQ(Counts(*report, "full_time_education"), (V{0, 1, 1, 1, 0, 0, 0, 0, 2}));
  EXPECT_EQ(Counts(*report, "highest_education"), (V{2, 0, 1, 0, 0, 0, 0, 0, 2}));
  //  一级巡视员 二级巡视员 一级调研员 二级调研员 三级调研员 四级调研员 一级主任科员 … 二级科员
  //  未定职级
  EXPECT_EQ(Counts(*report, "rank"), (V{0, 1, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1}));
  //                      不满1年 1-3 3-5 5-10 ≥10 无现职
  EXPECT_EQ(Counts(*report, "years_in_post"), (V{1, 1, 0, 1, 1, 1}));

  const AgeLadder& ladder = report->age_ladder;
  EXPECT_EQ(ladder.levels, (std::vector<std::string>{"厅局级", "县处级", "乡科级", "科员级"}));
  EXPECT_EQ(ladder.bands.front(), "35岁及以下");
  EXPECT_EQ(ladder.counts[0], (V{0, 0, 0, 0, 0, 1}));  // 丁 59
  EXPECT_EQ(ladder.counts[1], (V{0, 1, 0, 1, 0, 0}));  // 乙 38, 甲 46
  EXPECT_EQ(ladder.counts[2], (V{1, 0, 0, 0, 0, 0}));  // 丙 35
  EXPECT_EQ(ladder.counts[3], (V{0, 0, 0, 0, 0, 0}));

  // Defaults: female ≥ 1, young ≥ 1; 年轻 ≤ 45 厅局级, ≤ 40 县处级 (乙 38), ≤ 35 乡科级 (丙 35).
  const Indicator& female = Find(*report, "female");
  EXPECT_EQ(female.label, "女干部");
  EXPECT_EQ(female.count, 2);
  EXPECT_DOUBLE_EQ(female.share, 0.4);
  EXPECT_EQ(female.target.min_count, 1);
  EXPECT_FALSE(female.shortfall);
  EXPECT_EQ(Find(*report, "minority").count, 2);
  EXPECT_EQ(Find(*report, "non_party").count, 2);
  EXPECT_EQ(Find(*report, "young").count, 2);
  EXPECT_FALSE(Find(*report, "young").shortfall);
}

TEST_P(StructureServiceTest, UnitAloneConditionAndScope) {
  auto unit = service_->Analyse(reader_, ForUnit(bureau_, false));
  ASSERT_TRUE(unit.ok()) << unit.status().ToString();
  EXPECT_EQ(unit->total, 3);
  EXPECT_EQ(Find(*unit, "young").count, 2);

  // The condition form: women anywhere (retired ones only when the condition asks for status).
  StructureRequest women;
  women.reference_date = *base::Date::Parse("2026-11-28");
  search::Condition leaf;
  leaf.kind = search::Condition::Kind::kLeaf;
  leaf.field = "gender";
  leaf.op = search::Op::kEq;
  leaf.values = {std::string("女")};
  women.condition = leaf;
  auto report = service_->Analyse(reader_, women);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->total, 2);
  EXPECT_EQ(Find(*report, "female").share, 1.0);
  search::Condition retired = leaf;
  retired.field = "status";
  retired.values = {std::string("退休")};
  women.condition =
      search::Condition{search::Condition::Kind::kAll, {leaf, retired}, "", {}, {}, {}};
  report = service_->Analyse(reader_, women);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->total, 1);

  // Everyone visible ({"all": []}), and a reader scoped to the office only.
  women.condition = search::Condition{};
  report = service_->Analyse(reader_, women);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->total, 6);
  access::Actor office_reader =
      xr::testing::MakeActor("office", {"cadre.read"},
                             {access::ScopeRule{access::ScopeRule::Kind::kUnitsBelow, {"C0101"}}});
  report = service_->Analyse(office_reader, ForUnit(city_));
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->total, 2);  // 丁 戊
  // An empty unit: zero everywhere, shortfalls of the count targets.
  org::OrgService org(db(), clock_, *audit_);
  auto empty = org.AddUnit(
      xr::testing::MakeActor("b", {"org.write"}),
      {city_, "C03", "空单位", "", org::UnitType::kGovernment, org::UnitLevel::kMunicipal, 3});
  ASSERT_TRUE(empty.ok());
  report = service_->Analyse(reader_, ForUnit(empty->id));
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->total, 0);
  EXPECT_TRUE(Find(*report, "female").shortfall);
  EXPECT_EQ(Find(*report, "female").share, 0.0);
}

TEST_P(StructureServiceTest, RefusesBadRequests) {
  EXPECT_EQ(service_->Analyse(xr::testing::MakeActor("x", {}), ForUnit(bureau_)).status().code(),
            base::StatusCode::kPermissionDenied);
  StructureRequest neither;
  EXPECT_EQ(service_->Analyse(reader_, neither).status().field(), "unit_id");
  StructureRequest both = ForUnit(bureau_);
  both.condition = search::Condition{};
  EXPECT_EQ(service_->Analyse(reader_, both).status().field(), "unit_id");
  auto missing = service_->Analyse(reader_, ForUnit(org::UnitId(999999)));
  EXPECT_EQ(missing.status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(missing.status().field(), "unit_id");
}

TEST_P(StructureServiceTest, TargetsChangeTheIndicatorsAndAreRecorded) {
  auto targets = service_->GetTargets(reader_);
  ASSERT_TRUE(targets.ok());
  EXPECT_EQ(*targets, DefaultTargets());  // the migration seeds the same
  EXPECT_EQ(targets->young_age_limits,
            (std::map<std::string, int>{{"厅局级", 45}, {"县处级", 40}, {"乡科级", 35}}));
  EXPECT_EQ(targets->indicators.at("female"), (IndicatorTarget{1, std::nullopt}));
  EXPECT_EQ(targets->indicators.count("minority"), 0u);

  Targets next = *targets;
  next.young_age_limits["县处级"] = 45;              // now 甲 (46) still not, 乙 38 yes
  next.young_age_limits["厅局级"] = 60;              // 丁 59 becomes young
  next.indicators["female"] = {std::nullopt, 5000};  // 40% < 50%
  next.indicators["non_party"] = {3, std::nullopt};
  EXPECT_EQ(service_->SetTargets(reader_, next).status().code(),
            base::StatusCode::kPermissionDenied);
  const access::Actor manager =
      xr::testing::MakeActor("manager", {"cadre.read", "statistics.manage"});
  Targets bad = next;
  bad.young_age_limits["县处级"] = 90;
  EXPECT_EQ(service_->SetTargets(manager, bad).status().field(), "young_age_limits.县处级");
  auto stored = service_->SetTargets(manager, next);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_EQ(*stored, next);
  EXPECT_EQ(xr::testing::RecordedObjects(db(), "statistics.targets"),
            std::vector<std::string>{"statistics:targets"});
  // The same again writes nothing.
  ASSERT_TRUE(service_->SetTargets(manager, next).ok());
  EXPECT_EQ(xr::testing::RecordedObjects(db(), "statistics.targets").size(), 1u);

  auto report = service_->Analyse(reader_, ForUnit(bureau_));
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(Find(*report, "young").count, 3);  // 乙 丙 丁
  EXPECT_TRUE(Find(*report, "female").shortfall);
  EXPECT_EQ(Find(*report, "female").target.min_share_bp, 5000);
  EXPECT_TRUE(Find(*report, "non_party").shortfall);  // 2 < 3
}

INSTANTIATE_TEST_SUITE_P(Engines, StructureServiceTest,
                         ::testing::ValuesIn(xr::testing::AllEngines()), xr::testing::EngineName);

}  // namespace
}  // namespace xr::statistics
