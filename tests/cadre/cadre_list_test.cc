// 干部名册: quick search, the four orders and the status filter, through CadreService on both
// engines (the repository's SQL, the search keys and the scope predicate together).
#include <gtest/gtest.h>

#include <map>

#include "cadre/cadre_repository.h"
#include "cadre/cadre_scope.h"
#include "cadre/cadre_service.h"
#include "crypto/sealed.h"
#include "org/org_service.h"
#include "testing/access_fixtures.h"
#include "testing/test_database.h"

namespace xr::cadre {
namespace {

using V = std::vector<std::string>;

constexpr std::string_view kIdWang = "11010519491231002X";
constexpr std::string_view kIdZhang = "440524188001010014";

class CadreListTest : public xr::testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(xr::testing::SetUpAccess(db(), clock_).ok());
    org::OrgService org(db(), *audit_);
    auto add = [&](std::optional<org::UnitId> parent, std::string code, std::string name,
                   int order) {
      return org
          .AddUnit(officer_, {parent, code, name, "", org::UnitType::kGovernment,
                              org::UnitLevel::kMunicipal, order})
          ->id;
    };
    city_ = add(std::nullopt, "JH", "江华市", 0);
    finance_ = add(city_, "JH01", "江华市财政局", 1);
    office_ = add(finance_, "JH0101", "江华市财政局办公室", 1);
    education_ = add(city_, "JH02", "江华市教育局", 2);
    service_ = std::make_unique<CadreService>(db(), clock_, *audit_, &keyring_);
    // name, unit, 班子排序, birth month, ID number, 任职时间 of the current post, status
    Put("王建国", finance_, 1, "1968-05", kIdWang, "2016-03");
    Put("曾国藩", finance_, 2, "1975-03", {}, {});
    Put("丁一", office_, 1, "1980-01", {}, "2021-06");
    Put("张三", education_, 1, "1972-07", kIdZhang, "2021-06");
    Put("刘芳", education_, 2, "1985-10", {}, {}, "退休");
    Put("欧阳修", education_, 3, "1972-07", {}, {});
  }

  void Put(std::string name, org::UnitId unit, int sort_order, std::string birth_month,
           std::optional<std::string_view> id_number, std::optional<std::string> post_start,
           std::string status = "在职") {
    Cadre c;
    c.name = name;
    c.gender = "男";
    c.birth_month = *base::YearMonth::Parse(birth_month);
    c.ethnicity = "汉族";
    c.party = "中共党员";
    c.unit_id = unit;
    c.post = "副局长";
    c.rank = "一级调研员";
    c.managing_body = "市委管理";
    c.managing_unit_id = city_;
    c.sort_order = sort_order;
    if (id_number) c.id_number = std::string(*id_number);
    auto id = service_->Add(officer_, c);
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    ids_[name] = *id;
    // Status and 任职时间 belong to the full dossier; set here directly.
    ASSERT_TRUE(db().Transact(store::TxMode::kWrite,
                              [&](store::Transaction& tx) {
                                return tx
                                    .Execute(
                                        "UPDATE cadres SET status = ?, status_reason = ?, "
                                        "post_start_month = ? WHERE id = ?",
                                        {status, status == "在职" ? "" : "到龄", post_start, *id})
                                    .status();
                              })
                    .ok());
  }

  V Names(CadreQuery query, const access::Actor* actor = nullptr) {
    auto page = service_->List(actor ? *actor : officer_, query);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    V names;
    if (page.ok()) {
      for (const Cadre& c : page->items) names.push_back(c.name);
    }
    return names;
  }

  static CadreQuery Sorted(CadreSort sort, bool descending = false, std::string status = "在职") {
    CadreQuery query;
    query.sort = sort;
    query.descending = descending;
    query.status = std::move(status);
    return query;
  }

  static CadreQuery Search(std::string q) {
    CadreQuery query;
    query.q = std::move(q);
    return query;
  }

  base::FakeClock clock_{*base::Timestamp::Parse("2026-11-29T00:00:00Z")};
  std::unique_ptr<audit::AuditLog> audit_ = xr::testing::MakeAuditLog(clock_);
  crypto::Keyring keyring_{crypto::RandomKey()};
  // Cleared for confidential fields (MakeActor's default clearance is secret).
  access::Actor officer_ =
      xr::testing::MakeActor("ganbu", {"cadre.read", "cadre.write", "org.read", "org.write"});
  std::map<std::string, CadreId> ids_;
  org::UnitId city_, finance_, office_, education_;
  std::unique_ptr<CadreService> service_;
};

TEST_P(CadreListTest, PositionOrderOfActiveCadresByDefault) {
  // Units in tree order (财政局, its 办公室, 教育局), then 班子排序; the retired 刘芳 is left out.
  EXPECT_EQ(Names({}), (V{"王建国", "曾国藩", "丁一", "张三", "欧阳修"}));
  EXPECT_EQ(Names(Sorted(CadreSort::kPosition, false, "all")),
            (V{"王建国", "曾国藩", "丁一", "张三", "刘芳", "欧阳修"}));
  EXPECT_EQ(Names(Sorted(CadreSort::kPosition, false, "退休")), (V{"刘芳"}));
  EXPECT_EQ(Names(Sorted(CadreSort::kPosition, true)),
            (V{"欧阳修", "张三", "丁一", "曾国藩", "王建国"}));
}

TEST_P(CadreListTest, StrokeOrder) {
  // 丁 2, 王 4, 刘 6, 张 7, 欧 8, 曾 12 strokes.
  EXPECT_EQ(Names(Sorted(CadreSort::kStroke, false, "all")),
            (V{"丁一", "王建国", "刘芳", "张三", "欧阳修", "曾国藩"}));
  EXPECT_EQ(Names(Sorted(CadreSort::kStroke, true)),
            (V{"曾国藩", "欧阳修", "张三", "王建国", "丁一"}));
  // Pages of the same order neither overlap nor skip.
  CadreQuery page = Sorted(CadreSort::kStroke, false, "all");
  page.page_size = 4;
  page.page = 2;
  auto second = service_->List(officer_, page);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->total, 6);
  ASSERT_EQ(second->items.size(), 2u);
  EXPECT_EQ(second->items[0].name, "欧阳修");
  // A page past the end has no rows and still the total; a search that matches no one, 0.
  page.page = 3;
  auto past = service_->List(officer_, page);
  ASSERT_TRUE(past.ok());
  EXPECT_TRUE(past->items.empty());
  EXPECT_EQ(past->total, 6);
  CadreQuery none = Sorted(CadreSort::kStroke, false, "all");
  none.name_contains = "诸葛";
  auto nobody = service_->List(officer_, none);
  ASSERT_TRUE(nobody.ok());
  EXPECT_TRUE(nobody->items.empty());
  EXPECT_EQ(nobody->total, 0);
}

TEST_P(CadreListTest, AgeOrderOldestFirstTiesInPositionOrder) {
  EXPECT_EQ(Names(Sorted(CadreSort::kAge)), (V{"王建国", "张三", "欧阳修", "曾国藩", "丁一"}));
  EXPECT_EQ(Names(Sorted(CadreSort::kAge, true)),
            (V{"丁一", "曾国藩", "张三", "欧阳修", "王建国"}));
}

TEST_P(CadreListTest, PostStartOrderWithoutCurrentPostLast) {
  EXPECT_EQ(Names(Sorted(CadreSort::kPostStart)),
            (V{"王建国", "丁一", "张三", "曾国藩", "欧阳修"}));
  EXPECT_EQ(Names(Sorted(CadreSort::kPostStart, true)),
            (V{"丁一", "张三", "王建国", "曾国藩", "欧阳修"}));
}

TEST_P(CadreListTest, QuickSearchByNameInitialsAndIdNumber) {
  EXPECT_EQ(Names(Search("国")), (V{"王建国", "曾国藩"}));
  EXPECT_EQ(Names(Search(" 阳修 ")), (V{"欧阳修"}));
  EXPECT_EQ(Names(Search("zs")), (V{"张三"}));
  EXPECT_EQ(Names(Search("ZGF")), (V{"曾国藩"}));  // 曾 read as a surname: Zēng
  EXPECT_EQ(Names(Search("z")), (V{"曾国藩", "张三"}));
  EXPECT_EQ(Names(Search("oyx")), (V{"欧阳修"}));
  EXPECT_EQ(Names(Search("zsf")), V{});
  EXPECT_EQ(Names(Search(std::string(kIdWang))), (V{"王建国"}));
  EXPECT_EQ(Names(Search("11010519491231002x")), (V{"王建国"}));  // lower-case x
  EXPECT_EQ(Names(Search("110105491231002")), (V{"王建国"}));     // the legacy 15 digits
  EXPECT_EQ(Names(Search("210203198203150021")), V{});            // valid, nobody's
  // Combined with the unit filter and the status filter.
  CadreQuery in_finance = Search(std::string(kIdZhang));
  in_finance.unit_id = finance_;
  EXPECT_EQ(Names(in_finance), V{});
  CadreQuery initials_in_education = Search("l");
  EXPECT_EQ(Names(initials_in_education), V{});  // 刘芳 is retired
  initials_in_education.status = "all";
  EXPECT_EQ(Names(initials_in_education), (V{"刘芳"}));
}

TEST_P(CadreListTest, IdNumberSearchNeedsClearanceAndAValidNumber) {
  access::Actor uncleared = xr::testing::MakeActor("chakan", {"cadre.read"}, {access::ScopeRule{}},
                                                   access::Clearance::kInternal);
  auto refused = service_->List(uncleared, Search(std::string(kIdWang)));
  EXPECT_EQ(refused.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.status().field(), "q");
  EXPECT_EQ(refused.status().message(), "无权按身份证号查询");
  EXPECT_EQ(Names(Search("wjg"), &uncleared), (V{"王建国"}));  // other searches are fine

  auto bad = service_->List(officer_, Search("110105194912310021"));  // wrong check character
  EXPECT_EQ(bad.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().field(), "q");
}

TEST_P(CadreListTest, ScopeStillApplies) {
  access::Actor education_only =
      xr::testing::MakeActor("jiaoyu", {"cadre.read"},
                             {access::ScopeRule{access::ScopeRule::Kind::kUnitsBelow, {"JH02"}}});
  EXPECT_EQ(Names(Sorted(CadreSort::kStroke), &education_only), (V{"张三", "欧阳修"}));
  EXPECT_EQ(Names(Search(std::string(kIdWang)), &education_only), V{});
  EXPECT_EQ(Names(Search(std::string(kIdZhang)), &education_only), (V{"张三"}));
}

TEST_P(CadreListTest, RefusesBadQueries) {
  struct Case {
    CadreQuery query;
    std::string field;
  };
  CadreQuery long_q = Search(std::string(21 * 3, 'a'));
  CadreQuery control = Search("王\n");
  CadreQuery status;
  status.status = "在岗";
  for (const Case& c : std::vector<Case>{{long_q, "q"}, {control, "q"}, {status, "status"}}) {
    auto page = service_->List(officer_, c.query);
    EXPECT_EQ(page.status().code(), base::StatusCode::kInvalidArgument) << c.field;
    EXPECT_EQ(page.status().field(), c.field);
  }
}

// A page reads only its own rows: the ids of the page come first, from the index entries where
// an index covers the condition and the order, and then the page's rows by key — not every
// scoped row. With the total in the page, the ids' pass counts too (SQLite's plans; PostgreSQL's
// depend on its statistics).
TEST_P(CadreListTest, APageReadsItsRowsByKey) {
  if (engine() != xr::testing::Engine::kSqlite) GTEST_SKIP() << "SQLite's query plan only";
  auto plan_of = [&](CadreSort sort, std::optional<CadreRepository::Total> total) {
    return db().TransactValue<std::string>(
        store::TxMode::kRead, [&](store::Transaction& tx) -> base::Result<std::string> {
          ASSIGN_OR_RETURN(ScopePredicate scope, ScopeOf(tx, officer_));
          CadreRepository::ListStatements list;
          if (total) {
            list = CadreRepository(tx).ListWhereSql(scope.sql.empty() ? "1 = 1" : scope.sql,
                                                    scope.params, sort, false, 1, 20, *total);
          } else {
            ASSIGN_OR_RETURN(list, CadreRepository(tx).ListSql(Sorted(sort), scope));
          }
          ASSIGN_OR_RETURN(store::Rows rows,
                           tx.Query("EXPLAIN QUERY PLAN " + list.page_sql, list.page_params));
          std::string text;
          for (const store::Row& row : rows) text += row.Text(row.size() - 1) + "\n";
          return text;
        });
  };
  const std::string by_key = "SEARCH c USING INTEGER PRIMARY KEY (rowid=?)\n";
  for (CadreSort sort : {CadreSort::kStroke, CadreSort::kPosition, CadreSort::kAge}) {
    for (auto total : {std::optional<CadreRepository::Total>(),
                       std::optional(CadreRepository::Total::kSeparately)}) {
      auto plan = plan_of(sort, total);
      ASSERT_TRUE(plan.ok()) << plan.status().ToString();
      EXPECT_EQ(plan->rfind(by_key + "LIST SUBQUERY", 0), 0u) << *plan;
    }
    auto in_page = plan_of(sort, CadreRepository::Total::kInPage);
    ASSERT_TRUE(in_page.ok()) << in_page.status().ToString();
    EXPECT_NE(in_page->find("SCAN p\n" + by_key), std::string::npos) << *in_page;
  }
}

// Both ways of counting give the same pages and totals, also past the end and for no match.
TEST_P(CadreListTest, TotalsAreTheSameCountedEitherWay) {
  for (const char* where : {"1 = 1", "c.gender = '女'", "1 = 0"}) {
    for (int page = 1; page <= 3; ++page) {
      std::vector<std::pair<std::int64_t, std::vector<std::string>>> results;
      for (auto total : {CadreRepository::Total::kSeparately, CadreRepository::Total::kInPage}) {
        auto listed =
            db().TransactValue<CadrePage>(store::TxMode::kRead, [&](store::Transaction& tx) {
              return CadreRepository(tx).ListWhere(where, {}, CadreSort::kStroke, false, page, 4,
                                                   total);
            });
        ASSERT_TRUE(listed.ok()) << listed.status().ToString();
        std::vector<std::string> names;
        for (const Cadre& c : listed->items) names.push_back(c.name);
        results.emplace_back(listed->total, names);
      }
      EXPECT_EQ(results[0], results[1]) << where << " page " << page;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, CadreListTest, ::testing::ValuesIn(xr::testing::AllEngines()),
                         xr::testing::EngineName);

}  // namespace
}  // namespace xr::cadre
