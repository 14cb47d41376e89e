// The full-text index and the relative links follow every dossier write (Insert, Replace) and
// are rebuilt by the backfill; a term's result equals the substring match of the same texts.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "app/application.h"
#include "base/clock.h"
#include "cadre/dossier_repository.h"
#include "cadre/text_index.h"
#include "org/org_repository.h"
#include "search/cadre_query.h"
#include "store/migrate.h"
#include "testing/access_fixtures.h"
#include "testing/test_database.h"
#include "../cadre/dossier_sample.h"

namespace xr::search {
namespace {

using nlohmann::json;

const base::Date kReference = *base::Date::Parse("2026-11-28");

class TextIndexTest : public xr::testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    ASSERT_TRUE(store::Migrate(db(), app::AllMigrations(), clock_).ok());
    auto unit = db().TransactValue<org::Unit>(store::TxMode::kWrite, [](store::Transaction& tx) {
      org::NewUnit u;
      u.code = "czj";
      u.name = "江华市财政局";
      return org::OrgRepository(tx).InsertUnit(u);
    });
    ASSERT_TRUE(unit.ok()) << unit.status().ToString();
    unit_ = unit->id;
  }

  std::set<std::int64_t> Find(const std::string& term) {
    auto condition =
        DecodeCondition(json{{"field", "fulltext"}, {"op", "contains"}, {"value", term}});
    EXPECT_TRUE(condition.ok()) << condition.status().ToString();
    auto ids = db().TransactValue<std::set<std::int64_t>>(
        store::TxMode::kRead, [&](store::Transaction& tx) -> base::Result<std::set<std::int64_t>> {
          ASSIGN_OR_RETURN(SqlPredicate where,
                           CompileForActor(tx, app::CliOperator(), *condition, kReference));
          ASSIGN_OR_RETURN(store::Rows rows,
                           tx.Query("SELECT c.id FROM cadres c JOIN units u ON u.id = c.unit_id "
                                    "WHERE " + where.sql,
                                    where.params));
          std::set<std::int64_t> out;
          for (const store::Row& row : rows) out.insert(row.Int(0));
          return out;
        });
    EXPECT_TRUE(ids.ok()) << ids.status().ToString();
    return ids.ok() ? *ids : std::set<std::int64_t>{};
  }

  // The index rows of `id`, sorted.
  std::vector<std::string> Indexed(cadre::CadreId id) {
    auto rows = db().TransactValue<store::Rows>(store::TxMode::kRead, [&](store::Transaction& tx) {
      return tx.Query("SELECT bigram FROM cadre_text_bigrams WHERE cadre_id = ? ORDER BY bigram",
                      {id});
    });
    std::vector<std::string> out;
    for (const store::Row& row : *rows) out.push_back(row.Text(0));
    std::sort(out.begin(), out.end());
    return out;
  }

  std::vector<std::int64_t> Links(cadre::CadreId id) {
    auto rows = db().TransactValue<store::Rows>(store::TxMode::kRead, [&](store::Transaction& tx) {
      return tx.Query("SELECT relative_cadre_id FROM cadre_relative_links WHERE cadre_id = ? "
                      "ORDER BY relative_cadre_id",
                      {id});
    });
    std::vector<std::int64_t> out;
    for (const store::Row& row : *rows) out.push_back(row.Int(0));
    return out;
  }

  base::FakeClock clock_{*base::Timestamp::Parse("2026-11-28T02:00:00Z")};
  org::UnitId unit_;
};

TEST_P(TextIndexTest, FollowsInsertAndReplaceAndTheBackfillRebuildsIt) {
  cadre::Dossier d = cadre::testing::SampleDossier(unit_, std::nullopt);
  d.resume[1].note = "负责党建工作";
  d.trainings.push_back({"外事礼仪 CPA 培训", 8, cadre::testing::D("2025-03-01"),
                         cadre::testing::D("2025-03-05"), "市委党校"});
  auto inserted = db().TransactValue<cadre::CadreId>(
      store::TxMode::kWrite, [&](store::Transaction& tx) {
        return cadre::DossierRepository(tx).Insert(d, clock_.Now());
      });
  ASSERT_TRUE(inserted.ok()) << inserted.status().ToString();
  const cadre::CadreId id = *inserted;
  // A relative with a dossier of their own: the other sample, pointed at by the first.
  cadre::Dossier relative = cadre::testing::SampleDossier(unit_, std::nullopt);
  relative.name = "王小国";
  relative.family.clear();
  relative.family.push_back({{"父亲", ""}, "王建国", std::nullopt, {}, "", std::nullopt, id});
  auto second = db().TransactValue<cadre::CadreId>(
      store::TxMode::kWrite, [&](store::Transaction& tx) {
        return cadre::DossierRepository(tx).Insert(relative, clock_.Now());
      });
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(Links(*second), (std::vector<std::int64_t>{id.value()}));
  EXPECT_TRUE(Links(id).empty() || Links(id) != std::vector<std::int64_t>{id.value()});

  EXPECT_EQ(Indexed(id), cadre::DossierBigrams(d));
  EXPECT_EQ(Find("党建"), (std::set<std::int64_t>{id.value()}));
  EXPECT_EQ(Find("外事礼仪"), (std::set<std::int64_t>{id.value()}));
  EXPECT_EQ(Find("cpa"), (std::set<std::int64_t>{id.value()}));  // ASCII folds
  EXPECT_EQ(Find("财政局").size(), 2u);
  // Every bigram present, but not as one substring: the confirmation rejects it.
  EXPECT_TRUE(Find("党建礼仪").empty());

  // Replace: the note changes, the training goes; the index follows.
  d.id = id;
  d.resume[1].note = "分管外事工作";
  d.trainings.pop_back();
  d.family.push_back({{"儿子", ""}, "王小国", std::nullopt, {}, "", std::nullopt, *second});
  auto replaced = db().TransactValue<std::int64_t>(
      store::TxMode::kWrite, [&](store::Transaction& tx) {
        return cadre::DossierRepository(tx).Replace(d, 1, clock_.Now());
      });
  ASSERT_TRUE(replaced.ok()) << replaced.status().ToString();
  EXPECT_EQ(Indexed(id), cadre::DossierBigrams(d));
  EXPECT_TRUE(Find("党建").empty());
  EXPECT_EQ(Find("外事"), (std::set<std::int64_t>{id.value()}));
  EXPECT_TRUE(Find("cpa").empty());
  EXPECT_EQ(Links(id), (std::vector<std::int64_t>{second->value()}));

  // A database written before the tables: emptied, marked, and backfilled from the stored texts.
  const std::vector<std::string> before = Indexed(id);
  ASSERT_TRUE(db().Transact(store::TxMode::kWrite, [](store::Transaction& tx) -> base::Status {
                    RETURN_IF_ERROR(tx.Execute("DELETE FROM cadre_text_bigrams").status());
                    return tx.Execute("INSERT INTO cadre_index_backfill (name) VALUES ('x')")
                        .status();
                  })
                  .ok());
  EXPECT_TRUE(Find("外事").empty());
  auto filled = db().TransactValue<std::int64_t>(store::TxMode::kWrite, [](store::Transaction& tx) {
    return cadre::BackfillDossierIndex(tx, xr::testing::TestKeyring());
  });
  ASSERT_TRUE(filled.ok()) << filled.status().ToString();
  EXPECT_EQ(*filled, 2);
  EXPECT_EQ(Indexed(id), before);
  EXPECT_EQ(Find("外事"), (std::set<std::int64_t>{id.value()}));
  // Nothing pending any more.
  auto again = db().TransactValue<std::int64_t>(store::TxMode::kWrite, [](store::Transaction& tx) {
    return cadre::BackfillDossierIndex(tx, xr::testing::TestKeyring());
  });
  EXPECT_EQ(*again, 0);
}

INSTANTIATE_TEST_SUITE_P(Engines, TextIndexTest, ::testing::ValuesIn(xr::testing::AllEngines()),
                         xr::testing::EngineName);

}  // namespace
}  // namespace xr::search
