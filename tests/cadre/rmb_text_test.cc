#include "cadre/rmb_text.h"

#include <gtest/gtest.h>

#include "cadre/dossier_repository.h"
#include "cadre/form_text.h"
#include "cadre/resume_text.h"
#include "dossier_sample.h"
#include "org/org_service.h"
#include "testing/access_fixtures.h"
#include "testing/test_database.h"

namespace xr::cadre {
namespace {

using testing::D;
using testing::M;

Dossier Sample() { return testing::SampleDossier(org::UnitId(1), org::UnitId(1)); }

TEST(RmbTextTest, GeneratesEveryTextFromTheDossier) {
  Dossier d = Sample();
  d.appointment = {
      "江华市人民政府副市长", "江华市财政局局长", "工作需要", "中共江华市委组织部",
      D("2025-01-01"),        D("2025-01-15"),    "张干事",   "改革前任职年龄界限为60岁"};
  const RmbTexts t = GenerateRmbTexts(d);
  EXPECT_EQ(t.name, "王建国");
  EXPECT_EQ(t.gender, "男");
  EXPECT_EQ(t.birth_month_text, "1975.03");
  EXPECT_EQ(t.party_join, "1998.06");
  EXPECT_EQ(t.work_start, "1997.07");
  EXPECT_EQ(t.native_place, "辽宁大连");
  EXPECT_EQ(t.full_time.level, "大学");
  EXPECT_EQ(t.full_time.degree, "经济学学士");
  EXPECT_EQ(t.full_time.level_school, "东北财经大学财政系财政学专业");
  EXPECT_EQ(t.in_service.level, "研究生");
  EXPECT_EQ(t.current_posts, CurrentPostsText(d.posts));
  EXPECT_EQ(t.resume, ResumeText(d.resume));
  EXPECT_EQ(t.rewards, RewardsText(d.rewards));
  EXPECT_EQ(t.assessments, AssessmentsText(d.assessments));
  EXPECT_EQ(t.proposed_post, "江华市人民政府副市长");
  EXPECT_EQ(t.proposed_removal, "江华市财政局局长");
  EXPECT_EQ(t.reason, "工作需要");
  EXPECT_EQ(t.reporting_unit, "中共江华市委组织部");
  EXPECT_EQ(t.age_reference_date, "2025.01.01");
  EXPECT_EQ(t.filled_date, "2025.01");
  EXPECT_EQ(t.filled_by, "张干事");
  EXPECT_EQ(t.id_number, "210203197503151232");
  EXPECT_EQ(t.retirement_limit_text, "改革前任职年龄界限为60岁");
  EXPECT_FALSE(t.retirement_month.empty());
  ASSERT_EQ(t.family.size(), 2u);
  EXPECT_EQ(t.family[0].relation, "妻子");
  EXPECT_EQ(t.family[0].name, "李芳");
  EXPECT_EQ(t.family[0].political_status, "中共党员");
  EXPECT_EQ(RmbAgeDate(d, D("2026-11-28")), D("2025-01-01"));
  d.appointment.age_reference_date.reset();
  EXPECT_EQ(RmbAgeDate(d, D("2026-11-28")), D("2026-11-28"));
}

TEST(RmbTextTest, FamilyAgeIsBlankForTheDeceased) {
  RmbFamilyRow row{"父亲", "王大山", M("1948-02"), "中共党员", "江华市农机厂退休职工"};
  EXPECT_EQ(RmbFamilyAge(row, D("2025-01-01")), 76);
  row.employer_and_post = "已去世";
  EXPECT_EQ(RmbFamilyAge(row, D("2025-01-01")), std::nullopt);
  row.employer_and_post = "已故";
  EXPECT_EQ(RmbFamilyAge(row, D("2025-01-01")), std::nullopt);
  row.employer_and_post = "退休";
  row.birth_month.reset();
  EXPECT_EQ(RmbFamilyAge(row, D("2025-01-01")), std::nullopt);
}

TEST(RmbTextTest, ElementNamesReachEveryDerivedText) {
  RmbTexts t;
  for (std::string_view element : kRmbDerivedElements) {
    std::string* text = RmbTextOf(t, element);
    ASSERT_NE(text, nullptr) << element;
    *text = std::string(element);
  }
  EXPECT_EQ(t.full_time.degree_school, "QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi");
  EXPECT_EQ(t.in_service.level, "ZaiZhiJiaoYu_XueLi");
  EXPECT_EQ(t.resume, "JianLi");
  EXPECT_EQ(RmbTextOf(t, "ZhaoPian"), nullptr);
}

TEST(RmbTextTest, KeepsWrittenTextsWhileTheirSourceIsUnchanged) {
  Dossier d = Sample();
  const std::string written_resume =
      "1993.09--1997.07 东北财经大学财政系财政学专业学习\n"
      "1997.07--2008.12 江华市财政局科员、副主任科员、预算科科长\n"
      "（其间：2004.09--2007.07在辽宁大学经济学院区域经济学专业在职研究生学习）\n"
      "2009.01--        江华市财政局副局长、局长";
  const std::string written_rewards = "2023年12月被江华市人民政府记三等功；2018年4月受到诫勉。";
  const std::string generated_posts = CurrentPostsText(d.posts);
  std::vector<KeptText> kept =
      KeptTextsFor(d, {{"JianLi", written_resume},
                       {"JiangChengQingKuang", written_rewards},
                       {"XianRenZhiWu", generated_posts},  // as generated: nothing to keep
                       {"QuanRiZhiJiaoYu_XueLi", "大学"},
                       {"QuanRiZhiJiaoYu_XueWei", "经济学学士"},
                       {"QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi", "东北财经大学财政系财政学专业"},
                       {"ZaiZhiJiaoYu_XueLi", "研究生"},
                       {"ZaiZhiJiaoYu_XueWei", "经济学硕士"},
                       {"ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi", "辽宁大学经济学院区域经济学专业"},
                       {"NianDuKaoHeJieGuo", AssessmentsText(d.assessments)}});
  // Kept: 简历 and 奖惩 as written, and the degree schools the file left empty while the
  // generator fills them.
  std::vector<std::string> elements;
  for (const KeptText& k : kept) elements.push_back(k.element);
  EXPECT_NE(std::find(elements.begin(), elements.end(), "JianLi"), elements.end());
  EXPECT_NE(std::find(elements.begin(), elements.end(), "JiangChengQingKuang"), elements.end());
  EXPECT_EQ(std::find(elements.begin(), elements.end(), "XianRenZhiWu"), elements.end());
  EXPECT_EQ(std::find(elements.begin(), elements.end(), "NianDuKaoHeJieGuo"), elements.end());

  RmbTexts texts = ApplyKeptTexts(GenerateRmbTexts(d), kept);
  EXPECT_EQ(texts.resume, written_resume);
  EXPECT_EQ(texts.rewards, written_rewards);
  EXPECT_EQ(texts.current_posts, generated_posts);
  EXPECT_EQ(KeptOr(kept, "JianLi", ResumeText(d.resume)), written_resume);

  // A change to the 简历 entries: the generated text wins; 奖惩 stays as written.
  d.resume.back().post = "局长";
  texts = ApplyKeptTexts(GenerateRmbTexts(d), kept);
  EXPECT_EQ(texts.resume, ResumeText(d.resume));
  EXPECT_EQ(texts.rewards, written_rewards);
  EXPECT_EQ(KeptOr(kept, "JianLi", ResumeText(d.resume)), ResumeText(d.resume));
  EXPECT_EQ(KeptOr(kept, "NoSuchElement", "x"), "x");
}

class KeptTextStoreTest : public xr::testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(xr::testing::SetUpAccess(db(), clock_).ok());
    org::OrgService org(db(), *audit_);
    unit_ = org.AddUnit(officer_, {std::nullopt, "JH", "江华市", "", org::UnitType::kGovernment,
                                   org::UnitLevel::kMunicipal, 0})
                ->id;
  }

  template <typename T, typename Work>
  base::Result<T> Write(Work&& work) {
    return db().TransactValue<T>(store::TxMode::kWrite, std::forward<Work>(work));
  }

  base::FakeClock clock_{*base::Timestamp::Parse("2026-11-27T02:00:00Z")};
  std::unique_ptr<audit::AuditLog> audit_ = xr::testing::MakeAuditLog(clock_);
  const crypto::Keyring& keyring_ = xr::testing::TestKeyring();
  access::Actor officer_ =
      xr::testing::MakeActor("ganbu", {"cadre.read", "cadre.write", "org.read", "org.write"});
  org::UnitId unit_;
};

TEST_P(KeptTextStoreTest, StoresLoadsAndAppliesKeptTexts) {
  Dossier d = testing::SampleDossier(unit_, unit_);
  d.posts.clear();
  const std::string written = "1993.09--1997.07  大学学习\n1997.07--  江华市财政局工作";
  auto id = Write<CadreId>([&](store::Transaction& tx) -> base::Result<CadreId> {
    ASSIGN_OR_RETURN(CadreId id, InsertDossier(tx, keyring_, d, clock_.Now(), "ganbu"));
    RETURN_IF_ERROR(StoreKeptTexts(tx, id, KeptTextsFor(d, {{"JianLi", written}})));
    return id;
  });
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  d.id = *id;

  auto kept =
      Write<std::vector<KeptText>>([&](store::Transaction& tx) { return LoadKeptTexts(tx, *id); });
  ASSERT_TRUE(kept.ok()) << kept.status().ToString();
  ASSERT_FALSE(kept->empty());
  bool found = false;
  for (const KeptText& k : *kept)
    if (k.element == "JianLi") {
      found = true;
      EXPECT_EQ(k.as_written, written);
      EXPECT_EQ(k.as_generated, ResumeText(d.resume));
    }
  EXPECT_TRUE(found);

  auto texts = Write<RmbTexts>([&](store::Transaction& tx) { return LoadRmbTexts(tx, d); });
  ASSERT_TRUE(texts.ok()) << texts.status().ToString();
  EXPECT_EQ(texts->resume, written);

  Dossier changed = d;
  changed.resume.pop_back();
  texts = Write<RmbTexts>([&](store::Transaction& tx) { return LoadRmbTexts(tx, changed); });
  ASSERT_TRUE(texts.ok());
  EXPECT_EQ(texts->resume, ResumeText(changed.resume));

  // Storing again replaces; an empty list removes them.
  auto count = Write<std::int64_t>([&](store::Transaction& tx) -> base::Result<std::int64_t> {
    RETURN_IF_ERROR(StoreKeptTexts(tx, *id, {{"JianLi", "x", "y"}}));
    RETURN_IF_ERROR(StoreKeptTexts(tx, *id, {{"JianLi", "a", "b"}, {"XianRenZhiWu", "c", "d"}}));
    return tx.QueryInt("SELECT COUNT(*) FROM cadre_kept_texts WHERE cadre_id = ?", {*id});
  });
  ASSERT_TRUE(count.ok()) << count.status().ToString();
  EXPECT_EQ(*count, 2);
  count = Write<std::int64_t>([&](store::Transaction& tx) -> base::Result<std::int64_t> {
    RETURN_IF_ERROR(StoreKeptTexts(tx, *id, {}));
    return tx.QueryInt("SELECT COUNT(*) FROM cadre_kept_texts WHERE cadre_id = ?", {*id});
  });
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 0);
}

TEST_P(KeptTextStoreTest, AddsToANewDossierAndReplacesExactly) {
  Dossier d = testing::SampleDossier(unit_, unit_);
  // More rows than one INSERT takes, with texts that tell each row apart.
  std::vector<KeptText> many;
  for (int i = 0; i < 1203; ++i) {
    char element[16];
    std::snprintf(element, sizeof element, "E%04d", i);
    many.push_back({element, "写" + std::to_string(i), "生成" + std::to_string(i)});
  }
  auto id = Write<CadreId>([&](store::Transaction& tx) -> base::Result<CadreId> {
    ASSIGN_OR_RETURN(CadreId id, InsertDossier(tx, keyring_, d, clock_.Now(), "ganbu"));
    RETURN_IF_ERROR(AddKeptTexts(tx, id, many));
    return id;
  });
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  auto load = [&] {
    return Write<std::vector<KeptText>>(
        [&](store::Transaction& tx) { return LoadKeptTexts(tx, *id); });
  };
  auto kept = load();
  ASSERT_TRUE(kept.ok()) << kept.status().ToString();
  EXPECT_EQ(*kept, many);  // by element name, which is the order they were made in

  // Adding to a dossier that has kept texts is refused, not silently doubled.
  auto again = Write<bool>([&](store::Transaction& tx) -> base::Result<bool> {
    RETURN_IF_ERROR(AddKeptTexts(tx, *id, {{"E0001", "x", "y"}}));
    return true;
  });
  EXPECT_EQ(again.status().code(), base::StatusCode::kAlreadyExists);
  kept = load();
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->size(), many.size());

  // Storing replaces every row: none of the old ones is left, the new ones are as given.
  const std::vector<KeptText> next = {{"E0001", "新写", "新生成"}, {"JianLi", "简历", "生成简历"}};
  ASSERT_TRUE(Write<bool>([&](store::Transaction& tx) -> base::Result<bool> {
                RETURN_IF_ERROR(StoreKeptTexts(tx, *id, next));
                return true;
              }).ok());
  kept = load();
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(*kept, next);
  // An empty list adds nothing.
  ASSERT_TRUE(Write<bool>([&](store::Transaction& tx) -> base::Result<bool> {
                RETURN_IF_ERROR(StoreKeptTexts(tx, *id, {}));
                RETURN_IF_ERROR(AddKeptTexts(tx, *id, {}));
                return true;
              }).ok());
  kept = load();
  ASSERT_TRUE(kept.ok());
  EXPECT_TRUE(kept->empty());
}

INSTANTIATE_TEST_SUITE_P(Engines, KeptTextStoreTest, ::testing::ValuesIn(xr::testing::AllEngines()),
                         xr::testing::EngineName);

}  // namespace
}  // namespace xr::cadre
