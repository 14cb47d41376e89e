#include "demo/demo_city.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "access/access_schema.h"
#include "access/role_repository.h"
#include "access/role_schema.h"
#include "app/application.h"
#include "audit/audit_schema.h"
#include "base/clock.h"
#include "cadre/cadre_repository.h"
#include "cadre/cadre_schema.h"
#include "cadre/common_bigrams.h"
#include "cadre/dictionary_repository.h"
#include "cadre/dossier_json.h"
#include "cadre/dossier_repository.h"
#include "cadre/dossier_rules.h"
#include "cadre/name_keys.h"
#include "cadre/search_keys.h"
#include "cadre/text_index.h"
#include "cadre/vocabulary.h"
#include "demo/demo_dossier.h"
#include "demo/demo_seed.h"
#include "org/org_schema.h"
#include "testing/access_fixtures.h"
#include "testing/test_database.h"

namespace xr::demo {
namespace {

// Rows as text, to compare.
std::vector<std::vector<std::string>> Texts(const store::Rows& rows) {
  std::vector<std::vector<std::string>> out;
  for (const store::Row& row : rows) {
    std::vector<std::string> texts;
    for (size_t c = 0; c < row.size(); ++c) texts.push_back(row.IsNull(c) ? "NULL" : row.Text(c));
    out.push_back(std::move(texts));
  }
  return out;
}

const base::Date kToday = *base::Date::Parse("2026-11-27");

TEST(BuildDemoCityTest, IsDeterministicAndValid) {
  const DemoCity a = BuildDemoCity(800, 7, kToday);
  const DemoCity b = BuildDemoCity(800, 7, kToday);
  ASSERT_EQ(a.cadres.size(), 800u);
  for (size_t i = 0; i < a.cadres.size(); ++i) {
    EXPECT_EQ(DemoCadreName(a.cadres[i]), DemoCadreName(b.cadres[i]));
    EXPECT_EQ(a.cadres[i].birth_month, b.cadres[i].birth_month);
  }
  EXPECT_NE(DemoCadreName(BuildDemoCity(800, 8, kToday).cadres[5]), DemoCadreName(a.cadres[5]));

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
  // Every cadre's rank is on the ladder, and a leader holds the rank of the post.
  for (const DemoCadre& c : a.cadres) {
    ASSERT_LT(c.rank, cadre::Ranks().size());
    if (c.position_index >= 0) {
      EXPECT_EQ(cadre::Ranks()[c.rank], a.positions[size_t(c.position_index)].rank);
      EXPECT_EQ(a.positions[size_t(c.position_index)].unit_index, c.unit_index);
    }
    const int age = c.birth_month.FullYearsUntil(*base::YearMonth::FromYm(2026, 11));
    EXPECT_GE(age, 22);
    EXPECT_LE(age, 60);
  }
  // The top of the tree is filled first: the city party secretary is a 省委管理 一级巡视员.
  const DemoCadre& first = a.cadres[0];
  EXPECT_EQ(a.units[size_t(first.unit_index)].unit.short_name, "市委");
  EXPECT_EQ(DemoCadreTitle(a, first), "书记");
  EXPECT_EQ(cadre::Ranks()[first.rank], "一级巡视员");
  EXPECT_EQ(DemoManagingBody(a, first), "省委管理");
  // 籍贯 and 出生地 are real counties, mostly in the city's own province.
  ASSERT_GT(a.home_county_count, 50);
  for (int k = 0; k < a.home_county_count; ++k) {
    EXPECT_TRUE(a.counties[size_t(k)].code.starts_with("43"));
  }
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
  ASSERT_TRUE(store::Migrate(db(), app::AllMigrations(), clock).ok());
  auto audit = xr::testing::MakeAuditLog(clock);
  const DemoCity city = BuildDemoCity(300, 1, kToday);
  auto summary = SeedDemoCity(db(), city, clock.Now(), *audit, access::CliOperator(),
                              &xr::testing::TestKeyring());
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

  EXPECT_EQ(SeedDemoCity(db(), city, clock.Now(), *audit, access::CliOperator(),
                         &xr::testing::TestKeyring())
                .status()
                .code(),
            base::StatusCode::kFailedPrecondition);
  EXPECT_EQ(count(), 300);
  EXPECT_EQ(xr::testing::RecordedObjects(db(), "demo.seed"),
            std::vector<std::string>{"database:demo"});  // once
}

// The seeding drops the random-order indexes of `cadres` while it loads and builds them again;
// with several transactions, the schema is as it was, progress is told, and the next dossier
// anyone stores gets the next id (PostgreSQL: the identity sequence moved past the given ids).
TEST_P(SeedDemoCityTest, LeavesTheSchemaAsItFoundIt) {
  base::FakeClock clock(*base::Timestamp::Parse("2026-11-27T00:00:00Z"));
  ASSERT_TRUE(store::Migrate(db(), app::AllMigrations(), clock).ok());
  auto indexes = [&] {
    return *db().TransactValue<store::Rows>(store::TxMode::kRead, [](store::Transaction& tx) {
      return tx.dialect() == store::Dialect::kSqlite
                 ? tx.Query(
                       "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                       "tbl_name = 'cadres' ORDER BY name")
                 : tx.Query(
                       "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = "
                       "'cadres' AND schemaname = current_schema() ORDER BY indexname");
    });
  };
  const store::Rows before = indexes();
  ASSERT_GE(before.size(), 5u);

  auto audit = xr::testing::MakeAuditLog(clock);
  const DemoCity city = BuildDemoCity(2500, 5, kToday);
  SeedOptions options;
  options.batch_size = 300;
  options.transaction_size = 1000;
  std::vector<std::int64_t> progress;
  options.progress = [&](std::int64_t written, std::int64_t total) {
    EXPECT_EQ(total, 2500);
    progress.push_back(written);
  };
  auto summary = SeedDemoCity(db(), city, clock.Now(), *audit, access::CliOperator(),
                              &xr::testing::TestKeyring(), options);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(progress, (std::vector<std::int64_t>{900, 1800, 2500}));
  EXPECT_EQ(Texts(indexes()), Texts(before));

  auto next = db().TransactValue<cadre::CadreId>(
      store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Result<cadre::CadreId> {
        ASSIGN_OR_RETURN(cadre::CodeTables tables, cadre::LoadCodeTables(tx));
        ASSIGN_OR_RETURN(store::Row unit, tx.QueryOne("SELECT MIN(id) FROM units", {}, "none"));
        const DemoIds ids{[&](int) { return org::UnitId(unit.Int(0)); },
                          [](int) { return std::optional<cadre::CadreId>(); }};
        cadre::Dossier d = BuildDemoDossier(BuildDemoCity(1, 99, kToday), 0, ids);
        d.id_number.reset();
        RETURN_IF_ERROR(cadre::ValidateDossier(d, tables, kToday).status());
        return cadre::InsertDossier(tx, xr::testing::TestKeyring(), d, clock.Now(), "test");
      });
  ASSERT_TRUE(next.ok()) << next.status().ToString();
  EXPECT_EQ(next->value(), 2501);
}

// The full-text index, gathered while the cadres are written and written last in key order (in
// several statements per bigram and several transactions here), has exactly the rows that
// DossierBigrams gives for each generated dossier, as DossierRepository::Insert would write them.
TEST_P(SeedDemoCityTest, IndexesTheFullTextOfEachDossier) {
  base::FakeClock clock(*base::Timestamp::Parse("2026-11-27T00:00:00Z"));
  ASSERT_TRUE(store::Migrate(db(), app::AllMigrations(), clock).ok());
  auto audit = xr::testing::MakeAuditLog(clock);
  const DemoCity city = BuildDemoCity(2500, 7, kToday);
  SeedOptions options;
  options.batch_size = 300;
  options.transaction_size = 600;
  options.full_text_ids_per_statement = 700;
  ASSERT_TRUE(SeedDemoCity(db(), city, clock.Now(), *audit, access::CliOperator(),
                           &xr::testing::TestKeyring(), options)
                  .ok());

  using Rows = std::vector<std::pair<std::string, std::int64_t>>;
  Rows stored, expected;
  std::int64_t chunked = 0;  // bigrams of more cadres than one statement takes
  std::int64_t common = 0, miscounted = 0, out_of_step = -1;
  auto status = db().Transact(store::TxMode::kRead, [&](store::Transaction& tx) -> base::Status {
    // The common bigrams: chosen from a sample, recorded with their true counts, and every
    // cadre's mask written with its row agrees with its postings.
    ASSIGN_OR_RETURN(common, tx.QueryInt("SELECT COUNT(*) FROM cadre_common_bigrams"));
    ASSIGN_OR_RETURN(miscounted,
                     tx.QueryInt("SELECT COUNT(*) FROM cadre_common_bigrams f WHERE postings <> "
                                 "(SELECT COUNT(*) FROM cadre_text_bigrams b WHERE b.bigram = "
                                 "f.bigram)"));
    ASSIGN_OR_RETURN(out_of_step, cadre::CountMasksOutOfStep(tx));
    std::map<std::string, org::UnitId> units;
    ASSIGN_OR_RETURN(store::Rows rows, tx.Query("SELECT code, id FROM units"));
    for (const store::Row& row : rows) units[row.Text(0)] = org::UnitId(row.Int(1));
    ASSIGN_OR_RETURN(const std::int64_t first, tx.QueryInt("SELECT MIN(id) FROM cadres"));
    const DemoIds ids{[&](int unit) { return units.at(city.units[size_t(unit)].unit.code); },
                      [&](int index) { return cadre::CadreId(first + index); }};
    for (int i = 0; i < int(city.cadres.size()); ++i) {
      for (std::string& bigram : cadre::DossierBigrams(BuildDemoDossier(city, i, ids))) {
        expected.emplace_back(std::move(bigram), first + i);
      }
    }
    ASSIGN_OR_RETURN(rows, tx.Query("SELECT bigram, cadre_id FROM cadre_text_bigrams"));
    for (const store::Row& row : rows) stored.emplace_back(row.Text(0), row.Int(1));
    ASSIGN_OR_RETURN(chunked, tx.QueryInt("SELECT COUNT(*) FROM (SELECT bigram FROM "
                                          "cadre_text_bigrams GROUP BY bigram HAVING COUNT(*) > "
                                          "700) x"));
    return base::Status::Ok();
  });
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(common, cadre::kCommonBigramBits);
  EXPECT_EQ(miscounted, 0);
  EXPECT_EQ(out_of_step, 0);
  EXPECT_GT(chunked, 0);
  EXPECT_GT(expected.size(), 2500u * 50);
  std::sort(stored.begin(), stored.end());
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(stored.size(), expected.size());
  EXPECT_TRUE(stored == expected);
}

// What is stored is what was generated: basic fields, every sub-record, the sealed parts (which
// open with the keyring), the search keys, the creation entry of the change log, and family links
// to the right cadres in both directions.
TEST_P(SeedDemoCityTest, StoresEachDossierAsGenerated) {
  base::FakeClock clock(*base::Timestamp::Parse("2026-11-27T02:00:00Z"));
  ASSERT_TRUE(store::Migrate(db(), app::AllMigrations(), clock).ok());
  auto audit = xr::testing::MakeAuditLog(clock);
  const crypto::Keyring& keyring = xr::testing::TestKeyring();
  // Enough cadres for a few couples and a parent with a child among them.
  const DemoCity city = BuildDemoCity(3000, 3, kToday);
  ASSERT_TRUE(SeedDemoCity(db(), city, clock.Now(), *audit, access::CliOperator(), &keyring).ok());

  std::vector<int> sample{0, 1, 2, 500, 2999};
  for (int i = 0; i < int(city.cadres.size()) && sample.size() < 15; ++i) {
    if (city.cadres[size_t(i)].relative >= 0) sample.push_back(i);
  }
  auto status = db().Transact(store::TxMode::kRead, [&](store::Transaction& tx) -> base::Status {
    ASSIGN_OR_RETURN(cadre::CodeTables tables, cadre::LoadCodeTables(tx));
    // Units and cadres by index, through their codes and ID numbers.
    std::map<std::string, org::UnitId> units;
    ASSIGN_OR_RETURN(store::Rows rows, tx.Query("SELECT code, id FROM units"));
    for (const store::Row& row : rows) units[row.Text(0)] = org::UnitId(row.Int(1));
    std::map<int, cadre::CadreId> cadres;
    DemoIds ids{[&](int unit) { return units.at(city.units[size_t(unit)].unit.code); },
                [&](int index) -> std::optional<cadre::CadreId> {
                  const auto it = cadres.find(index);
                  if (it == cadres.end()) return std::nullopt;
                  return it->second;
                }};
    auto id_of = [&](int index) -> base::Result<cadre::CadreId> {
      const cadre::Dossier d = BuildDemoDossier(city, index, ids);
      ASSIGN_OR_RETURN(auto found, cadre::FindByIdNumber(tx, keyring, *d.id_number));
      if (!found) return base::NotFound("no cadre with the ID number of " + d.name);
      return *found;
    };
    for (int i : sample) {
      ASSIGN_OR_RETURN(cadres[i], id_of(i));
      const int relative = city.cadres[size_t(i)].relative;
      if (relative >= 0) {
        ASSIGN_OR_RETURN(cadres[relative], id_of(relative));
      }
    }
    for (int i : sample) {
      SCOPED_TRACE("cadre " + std::to_string(i));
      cadre::Dossier expected = BuildDemoDossier(city, i, ids);
      auto valid = cadre::ValidateDossier(expected, tables, kToday);
      EXPECT_TRUE(valid.ok());
      cadre::DossierRepository repository(tx);
      ASSIGN_OR_RETURN(cadre::StoredDossier stored,
                       repository.Load(cadres.at(i), cadre::ScopePredicate{}));
      RETURN_IF_ERROR(cadre::OpenConfidential(tx, keyring, stored));
      expected.id = cadres.at(i);
      expected.version = 1;
      expected.unit_name = stored.dossier.unit_name;
      EXPECT_EQ(stored.dossier, expected) << expected.name;
      // The same as JSON, to show what differs.
      EXPECT_EQ(cadre::EncodeDossier(stored.dossier).dump(1),
                cadre::EncodeDossier(expected).dump(1));
      if (city.cadres[size_t(i)].relative >= 0) {
        const cadre::CadreId relative = cadres.at(city.cadres[size_t(i)].relative);
        EXPECT_TRUE(std::any_of(stored.dossier.family.begin(), stored.dossier.family.end(),
                                [&](const auto& m) { return m.cadre_id == relative; }));
      }
      ASSIGN_OR_RETURN(auto changes, repository.Changes(cadres.at(i)));
      EXPECT_EQ(changes.size(), 1u);
      if (!changes.empty()) {
        EXPECT_EQ(changes[0].version, 1);
        EXPECT_TRUE(changes[0].changes.empty());
      }
      ASSIGN_OR_RETURN(store::Row keys,
                       tx.QueryOne("SELECT name_sort_key, name_initials, post, rank FROM cadres "
                                   "WHERE id = ?",
                                   {cadres.at(i).value()}, "missing"));
      EXPECT_EQ(keys.Text(0), cadre::StrokeSortKey(expected.name));
      EXPECT_EQ(keys.Text(1), cadre::PinyinInitials(expected.name));
      EXPECT_EQ(keys.Text(3), expected.ranks.back().rank);
    }
    return base::Status();
  });
  EXPECT_TRUE(status.ok()) << status.ToString();

  // The list columns kept on `cadres` (现任职务, 职级, 任职时间) are what the repository itself
  // writes for the same dossier.
  auto list_columns = [&] {
    return *db().TransactValue<store::Rows>(store::TxMode::kRead, [](store::Transaction& tx) {
      return tx.Query("SELECT post, rank, post_start_month FROM cadres ORDER BY id LIMIT 40");
    });
  };
  const store::Rows seeded = list_columns();
  status = db().Transact(store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Status {
    cadre::DossierRepository repository(tx);
    ASSIGN_OR_RETURN(store::Rows ids, tx.Query("SELECT id FROM cadres ORDER BY id LIMIT 40"));
    for (const store::Row& row : ids) {
      ASSIGN_OR_RETURN(cadre::StoredDossier stored,
                       repository.Load(row.Id<cadre::CadreId>(0), cadre::ScopePredicate{}));
      RETURN_IF_ERROR(repository.Replace(stored.dossier, 1, clock.Now()).status());
    }
    return base::Status();
  });
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(Texts(list_columns()), Texts(seeded));
}

INSTANTIATE_TEST_SUITE_P(Engines, SeedDemoCityTest, ::testing::ValuesIn(xr::testing::AllEngines()),
                         xr::testing::EngineName);

}  // namespace
}  // namespace xr::demo
