// The full-text index and the relative links follow every dossier write (Insert, Replace) and
// are rebuilt by the backfill; a term's result equals the substring match of the same texts.

#include "cadre/text_index.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../cadre/dossier_sample.h"
#include "app/application.h"
#include "base/clock.h"
#include "cadre/common_bigrams.h"
#include "cadre/dossier_repository.h"
#include "cadre/text_tokens.h"
#include "org/org_repository.h"
#include "search/cadre_query.h"
#include "store/migrate.h"
#include "testing/access_fixtures.h"
#include "testing/test_database.h"

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
                                    "WHERE " +
                                        where.sql,
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
      return tx.Query(
          "SELECT relative_cadre_id FROM cadre_relative_links WHERE cadre_id = ? "
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
      store::TxMode::kWrite,
      [&](store::Transaction& tx) { return cadre::DossierRepository(tx).Insert(d, clock_.Now()); });
  ASSERT_TRUE(inserted.ok()) << inserted.status().ToString();
  const cadre::CadreId id = *inserted;
  // A relative with a dossier of their own: the other sample, pointed at by the first.
  cadre::Dossier relative = cadre::testing::SampleDossier(unit_, std::nullopt);
  relative.name = "王小国";
  relative.family.clear();
  relative.family.push_back({{"父亲", ""}, "王建国", std::nullopt, {}, "", std::nullopt, id});
  auto second =
      db().TransactValue<cadre::CadreId>(store::TxMode::kWrite, [&](store::Transaction& tx) {
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
  auto replaced =
      db().TransactValue<std::int64_t>(store::TxMode::kWrite, [&](store::Transaction& tx) {
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
  ASSERT_TRUE(
      db().Transact(
              store::TxMode::kWrite,
              [](store::Transaction& tx) -> base::Status {
                RETURN_IF_ERROR(tx.Execute("DELETE FROM cadre_text_bigrams").status());
                return tx.Execute("INSERT INTO cadre_index_backfill (name) VALUES ('x')").status();
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

// The common bigrams' masks (cadre/common_bigrams.h) follow the choice and every later write,
// and a term found through them finds exactly what it found through the bigram index.
TEST_P(TextIndexTest, CommonBigramMasksFollowTheChoiceAndEveryWrite) {
  auto insert = [&](const std::string& note, const std::string& course) {
    cadre::Dossier d = cadre::testing::SampleDossier(unit_, std::nullopt);
    d.name = "李" + course.substr(0, 3);
    d.family.clear();
    // Few texts, so that fewer than 63 bigrams are common to all three.
    d.professional_title.clear();
    for (cadre::ResumeEntry& e : d.resume) {
      e.unit = "江华市财政局", e.post = "科员", e.note.clear(), e.during.clear();
    }
    d.resume[1].note = note;
    for (cadre::Post& p : d.posts) p.unit_name = "江华市财政局", p.title = "科员";
    d.rewards.clear();
    d.trainings = {
        {course, 8, cadre::testing::D("2025-03-01"), cadre::testing::D("2025-03-05"), "市委党校"}};
    auto id =
        db().TransactValue<cadre::CadreId>(store::TxMode::kWrite, [&](store::Transaction& tx) {
          return cadre::DossierRepository(tx).Insert(d, clock_.Now());
        });
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    d.id = *id;
    return d;
  };
  auto out_of_step = [&] {
    return *db().TransactValue<std::int64_t>(store::TxMode::kRead, [](store::Transaction& tx) {
      return cadre::CountMasksOutOfStep(tx);
    });
  };
  auto plan = [&](const std::string& term) {
    return *db().TransactValue<FulltextPlan>(store::TxMode::kRead, [&](store::Transaction& tx) {
      return PlanFulltext(tx, cadre::ScopePredicate{}, cadre::TermBigrams(term));
    });
  };
  cadre::Dossier a = insert("负责办公室党建工作", "外事礼仪培训");
  cadre::Dossier b = insert("办公室主任", "应急管理培训");
  insert("分管审计工作", "党建培训");
  const std::vector<std::string> terms{"办公室",     "办公",     "党建",   "外事", "应急管理",
                                       "办公室主任", "办公党建", "财政局", "培训"};
  std::map<std::string, std::set<std::int64_t>> before;
  for (const std::string& term : terms) before[term] = Find(term);
  EXPECT_EQ(before["办公室"].size(), 2u);
  EXPECT_TRUE(before["办公党建"].empty());  // both bigrams in `a`, never adjacent
  EXPECT_EQ(plan("办公室").common_mask, 0);

  // Bigrams in at least two of the three dossiers get bits; masks written for all three.
  auto choice = db().TransactValue<cadre::CommonBigramChoice>(
      store::TxMode::kWrite,
      [](store::Transaction& tx) { return cadre::ChooseCommonBigrams(tx, 0.5); });
  ASSERT_TRUE(choice.ok()) << choice.status().ToString();
  EXPECT_EQ(choice->cadres, 3);
  EXPECT_EQ(choice->masks_changed, 3);
  std::set<std::string> chosen;
  for (const cadre::CommonBigram& c : choice->chosen) {
    chosen.insert(c.bigram);
    EXPECT_GE(c.postings, 2) << c.bigram;
  }
  EXPECT_TRUE(chosen.count("办公") && chosen.count("公室") && chosen.count("党建") &&
              chosen.count("财政"));
  EXPECT_FALSE(chosen.count("外事") || chosen.count("应急"));
  EXPECT_EQ(out_of_step(), 0);
  // 办公室: both bigrams common, so a mask test alone (and the substring confirmation); 应急管理:
  // its rare bigrams are counted as before, the common 管理 (in all three) is in the mask.
  const FulltextPlan office = plan("办公室");
  EXPECT_TRUE(office.bigrams.empty());
  EXPECT_FALSE(office.from_postings);
  EXPECT_NE(office.common_mask, 0);
  const FulltextPlan emergency = plan("应急管理");
  EXPECT_EQ(emergency.bigrams.size(), 2u);  // 应急, 急管
  EXPECT_NE(emergency.common_mask, 0);      // 管理
  for (const std::string& term : terms) EXPECT_EQ(Find(term), before[term]) << term;

  // Later writes keep the masks: a replace drops 办公室 from `b`, a new dossier has it.
  b.resume[1].note = "主任科员";
  ASSERT_TRUE(
      db().Transact(store::TxMode::kWrite,
                    [&](store::Transaction& tx) {
                      return cadre::DossierRepository(tx).Replace(b, 1, clock_.Now()).status();
                    })
          .ok());
  const cadre::Dossier c = insert("办公室副主任", "外事礼仪培训");
  EXPECT_EQ(out_of_step(), 0);
  EXPECT_EQ(Find("办公室"), (std::set<std::int64_t>{a.id.value(), c.id.value()}));
  EXPECT_EQ(Find("外事礼仪"), (std::set<std::int64_t>{a.id.value(), c.id.value()}));

  // The backfill (masks cleared with the index) writes them again.
  ASSERT_TRUE(
      db().Transact(
              store::TxMode::kWrite,
              [](store::Transaction& tx) -> base::Status {
                RETURN_IF_ERROR(tx.Execute("DELETE FROM cadre_text_bigrams").status());
                RETURN_IF_ERROR(tx.Execute("UPDATE cadres SET common_bigrams = 0").status());
                return tx.Execute("INSERT INTO cadre_index_backfill (name) VALUES ('x')").status();
              })
          .ok());
  EXPECT_TRUE(Find("办公室").empty());
  ASSERT_TRUE(db().TransactValue<std::int64_t>(store::TxMode::kWrite,
                                               [](store::Transaction& tx) {
                                                 return cadre::BackfillDossierIndex(
                                                     tx, xr::testing::TestKeyring());
                                               })
                  .ok());
  EXPECT_EQ(out_of_step(), 0);
  EXPECT_EQ(Find("办公室"), (std::set<std::int64_t>{a.id.value(), c.id.value()}));

  // Chosen again with a higher bar: bits move, the masks follow.
  ASSERT_TRUE(db().TransactValue<cadre::CommonBigramChoice>(
                      store::TxMode::kWrite,
                      [](store::Transaction& tx) { return cadre::ChooseCommonBigrams(tx, 1.0); })
                  .ok());
  EXPECT_EQ(out_of_step(), 0);
  EXPECT_EQ(Find("办公室"), (std::set<std::int64_t>{a.id.value(), c.id.value()}));
}

TEST(PickCommonBigramsTest, TakesTheMostFrequentAboveTheShareInOrder) {
  using cadre::BigramPostings;
  using cadre::PickCommonBigrams;
  // 2% of 1,000 cadres: 20 postings and more; most first, ties in byte order.
  const auto picked = PickCommonBigrams(
      {{"工作", 900}, {"外事", 19}, {"党建", 20}, {"办公", 400}, {"公室", 400}}, 1000, 0.02);
  ASSERT_EQ(picked.size(), 4u);
  EXPECT_EQ(picked[0].bigram, "工作");
  EXPECT_EQ(picked[0].bit, 0);
  EXPECT_EQ(picked[1].bigram, "公室");  // U+516C before U+529E
  EXPECT_EQ(picked[2].bigram, "办公");
  EXPECT_EQ(picked[3].bigram, "党建");
  EXPECT_EQ(picked[3].bit, 3);
  EXPECT_EQ(picked[3].postings, 20);
  // At most 63 bits; with no cadres, none (at least one posting is asked for).
  std::vector<BigramPostings> many;
  for (int i = 0; i < 100; ++i) many.push_back({"b" + std::to_string(100 + i), 500 + i});
  const auto capped = PickCommonBigrams(many, 1000, 0.02);
  ASSERT_EQ(capped.size(), std::size_t(cadre::kCommonBigramBits));
  EXPECT_EQ(capped.front().bigram, "b199");
  EXPECT_EQ(capped.back().bit, 62);
  EXPECT_TRUE(PickCommonBigrams({{"工作", 0}}, 0, 0.02).empty());
}

INSTANTIATE_TEST_SUITE_P(Engines, TextIndexTest, ::testing::ValuesIn(xr::testing::AllEngines()),
                         xr::testing::EngineName);

}  // namespace
}  // namespace xr::search
