#include "cadre/dossier_repository.h"

#include <gtest/gtest.h>

#include "cadre/cadre_repository.h"
#include "cadre/search_keys.h"
#include "crypto/sealed.h"
#include "dossier_sample.h"
#include "org/org_service.h"
#include "testing/access_fixtures.h"
#include "testing/test_database.h"

namespace xr::cadre {
namespace {

using testing::D;
using testing::M;

class DossierRepositoryTest : public xr::testing::DatabaseTest {
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
    audit_office_ = add(city_, "JH02", "江华市审计局");
  }

  Dossier Sample() { return testing::SampleDossier(finance_, city_); }

  // Runs `work` in one write transaction; fails the test on error.
  template <typename T, typename Work>
  base::Result<T> Write(Work&& work) {
    return db().TransactValue<T>(store::TxMode::kWrite, std::forward<Work>(work));
  }

  CadreId InsertSample(const Dossier& d) {
    auto id = Write<CadreId>([&](store::Transaction& tx) {
      return InsertDossier(tx, keyring_, d, clock_.Now(), "干部科（ganbu）");
    });
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : CadreId();
  }

  base::Result<StoredDossier> Load(CadreId id, const ScopePredicate& scope = {}) {
    return Write<StoredDossier>([&](store::Transaction& tx) -> base::Result<StoredDossier> {
      ASSIGN_OR_RETURN(StoredDossier stored, DossierRepository(tx).Load(id, scope));
      RETURN_IF_ERROR(OpenConfidential(tx, keyring_, stored));
      return stored;
    });
  }

  // The dossier as read back, with the output fields a caller does not set cleared.
  static Dossier Comparable(Dossier d) {
    d.id = CadreId();
    d.version = 0;
    d.unit_name.clear();
    d.has_photo = false;
    return d;
  }

  base::FakeClock clock_{*base::Timestamp::Parse("2026-11-27T02:00:00Z")};
  std::unique_ptr<audit::AuditLog> audit_ = xr::testing::MakeAuditLog(clock_);
  const crypto::Keyring& keyring_ = xr::testing::TestKeyring();
  access::Actor officer_ =
      xr::testing::MakeActor("ganbu", {"cadre.read", "cadre.write", "org.read", "org.write"});
  org::UnitId city_, finance_, audit_office_;
};

TEST_P(DossierRepositoryTest, StoresAndLoadsACompleteDossier) {
  const Dossier d = Sample();
  const CadreId id = InsertSample(d);
  auto stored = Load(id);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_EQ(stored->dossier.id, id);
  EXPECT_EQ(stored->dossier.version, 1);
  EXPECT_EQ(stored->dossier.unit_name, "江华市财政局");
  EXPECT_FALSE(stored->dossier.has_photo);
  EXPECT_EQ(Comparable(stored->dossier), d);
  // The nested 其间 entry came back under its parent.
  ASSERT_EQ(stored->dossier.resume.size(), 3u);
  ASSERT_EQ(stored->dossier.resume[1].during.size(), 1u);
  EXPECT_EQ(stored->dossier.resume[1].during[0].unit, "辽宁大学经济学院");
}

TEST_P(DossierRepositoryTest, KeepsListColumnsFromPostsAndRanks) {
  const CadreId id = InsertSample(Sample());
  auto row = Write<store::Row>([&](store::Transaction& tx) {
    return tx.QueryOne(
        "SELECT post, rank, post_start_month, created_at, status FROM cadres "
        "WHERE id = ?",
        {id}, "missing");
  });
  ASSERT_TRUE(row.ok());
  EXPECT_EQ(row->Text(0), "局长、委员");  // current posts, the main one first
  EXPECT_EQ(row->Text(1), "一级调研员");  // the current rank
  EXPECT_EQ(row->Text(2), "2016-06");     // 任职时间 of the main post
  EXPECT_EQ(row->Text(3), "2026-11-27T02:00:00.000000Z");
  EXPECT_EQ(row->Text(4), "在职");
  // The basic list reads it like any other cadre.
  auto listed =
      Write<Cadre>([&](store::Transaction& tx) { return CadreRepository(tx).Find(id, {}); });
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  EXPECT_EQ(listed->post, "局长、委员");
  EXPECT_EQ(listed->rank, "一级调研员");
  EXPECT_TRUE(listed->id_number_stored);
}

TEST_P(DossierRepositoryTest, SealsTheConfidentialPartsPerRow) {
  const CadreId id = InsertSample(Sample());
  auto row = Write<store::Row>([&](store::Transaction& tx) {
    return tx.QueryOne(
        "SELECT id_number_sealed, family_sealed, personal_matters_sealed FROM cadres WHERE id = ?",
        {id}, "missing");
  });
  ASSERT_TRUE(row.ok());
  for (size_t column = 0; column < 3; ++column) {
    EXPECT_TRUE(crypto::IsSealed(row->Text(column))) << column;
    EXPECT_EQ(row->Text(column).find("李芳"), std::string::npos);
    EXPECT_EQ(row->Text(column).find("210203"), std::string::npos);
  }
  // A ciphertext moved to another row does not open there (the row id is in its context).
  const CadreId other = InsertSample(testing::SampleDossier(audit_office_, city_));
  auto moved = Write<bool>([&](store::Transaction& tx) -> base::Result<bool> {
    RETURN_IF_ERROR(
        tx.Execute("UPDATE cadres SET family_sealed = ? WHERE id = ?", {row->Text(1), other})
            .status());
    ASSIGN_OR_RETURN(StoredDossier stored, DossierRepository(tx).Load(other, {}));
    return OpenConfidential(tx, keyring_, stored).ok();
  });
  ASSERT_TRUE(moved.ok());
  EXPECT_FALSE(*moved);
}

TEST_P(DossierRepositoryTest, ReplaceRewritesEverythingAndBumpsTheVersion) {
  const CadreId id = InsertSample(Sample());
  Dossier next = Sample();
  next.id = id;
  next.unit_id = audit_office_;
  next.posts[1].end_month = M("2026-10");
  next.posts.push_back({audit_office_, "江华市审计局", "局长", true, M("2026-11"), std::nullopt,
                        "江委〔2026〕40号", AppointmentMethod::kAppointed});
  next.resume.erase(next.resume.begin() + 1);
  next.education.clear();
  next.assessments.push_back({2025, AssessmentGrade::kExcellent, ""});
  next.family.clear();
  clock_.Advance(std::chrono::hours(1));
  auto version = Write<std::int64_t>([&](store::Transaction& tx) -> base::Result<std::int64_t> {
    ASSIGN_OR_RETURN(std::int64_t v, DossierRepository(tx).Replace(next, 1, clock_.Now()));
    RETURN_IF_ERROR(StoreConfidential(tx, keyring_, next));
    return v;
  });
  ASSERT_TRUE(version.ok()) << version.status().ToString();
  EXPECT_EQ(*version, 2);
  auto stored = Load(id);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->dossier.version, 2);
  EXPECT_EQ(stored->dossier.unit_name, "江华市审计局");
  EXPECT_EQ(Comparable(stored->dossier), Comparable(next));
  auto post = Write<store::Row>([&](store::Transaction& tx) {
    return tx.QueryOne("SELECT post, post_start_month FROM cadres WHERE id = ?", {id}, "missing");
  });
  EXPECT_EQ(post->Text(0), "局长、委员");
  EXPECT_EQ(post->Text(1), "2026-11");
}

// Item rows go in as multi-row INSERTs, split by the engines' parameter limits and a row cap:
// hundreds of items of each kind (more than one statement's worth of 简历), with the optional
// columns alternately NULL, come back in order, on insert and on replace.
TEST_P(DossierRepositoryTest, WritesTheSearchKeysWithTheSealedPartsWhenAsked) {
  Dossier d = Sample();
  ASSERT_TRUE(d.id_number.has_value());
  auto keys_of = [&](CadreId id) {
    return Write<store::Row>([&](store::Transaction& tx) {
             return tx.QueryOne(
                 "SELECT name_sort_key, name_initials, id_number_index FROM cadres WHERE id = ?",
                 {id}, "missing");
           })
        .value();
  };
  // Without: the caller stores them (nothing yet).
  const CadreId plain = InsertSample(d);
  EXPECT_TRUE(keys_of(plain).IsNull(0));
  EXPECT_TRUE(keys_of(plain).IsNull(2));
  // With: in the UPDATE of the sealed parts, the same values StoreSearchKeys writes; the same
  // DataKeys then finds the record by its ID number.
  d.id_number = "11010519491231002X";
  auto id = Write<CadreId>([&](store::Transaction& tx) -> base::Result<CadreId> {
    crypto::DataKeys keys(tx, keyring_);
    ASSIGN_OR_RETURN(CadreId id, InsertDossier(tx, keys, d, clock_.Now(), "干部科（ganbu）",
                                               WithSearchKeys::kYes));
    ASSIGN_OR_RETURN(std::optional<CadreId> found, FindByIdNumber(tx, keys, *d.id_number));
    EXPECT_EQ(found, id);
    return id;
  });
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  store::Row with = keys_of(*id);
  ASSERT_TRUE(Write<bool>([&](store::Transaction& tx) -> base::Result<bool> {
                RETURN_IF_ERROR(StoreSearchKeys(tx, keyring_, plain, d.name, d.id_number));
                return true;
              })
                  .status()
                  .code() == base::StatusCode::kAlreadyExists);  // one number, one cadre
  ASSERT_TRUE(Write<bool>([&](store::Transaction& tx) -> base::Result<bool> {
                RETURN_IF_ERROR(StoreSearchKeys(tx, keyring_, *id, d.name, d.id_number));
                return true;
              }).ok());
  store::Row stored = keys_of(*id);
  for (size_t c = 0; c < 3; ++c) EXPECT_EQ(with.Text(c), stored.Text(c)) << c;

  // A replace that gives another record's ID number fails as StoreSearchKeys does.
  Dossier other = d;
  other.id = plain;
  auto duplicate = Write<bool>([&](store::Transaction& tx) -> base::Result<bool> {
    crypto::DataKeys keys(tx, keyring_);
    RETURN_IF_ERROR(StoreConfidential(tx, keys, other, WithSearchKeys::kYes));
    return true;
  });
  EXPECT_EQ(duplicate.status().code(), base::StatusCode::kAlreadyExists);
  EXPECT_EQ(duplicate.status().field(), "id_number");
  EXPECT_TRUE(keys_of(plain).IsNull(2));
}

TEST_P(DossierRepositoryTest, StoresManyItemsOfEachKindInOrder) {
  auto many = [&](int n) {
    Dossier d = Sample();
    d.education.clear();
    d.resume.clear();
    d.posts.clear();
    d.ranks.clear();
    d.assessments.clear();
    d.rewards.clear();
    d.trainings.clear();
    for (int i = 0; i < n; ++i) {
      const std::string k = std::to_string(i);
      const base::YearMonth month = M("1990-01").AddMonths(i);
      const std::optional<base::YearMonth> maybe =
          i % 2 ? std::optional<base::YearMonth>(month) : std::nullopt;
      d.education.push_back({i % 2 ? EducationKind::kInService : EducationKind::kFullTime,
                             {"大学", "21"},
                             {i % 3 ? "" : "法学学士", i % 3 ? "" : "301"},
                             "院校" + k,
                             maybe,
                             maybe});
      ResumeEntry entry{month,      maybe,      i % 2 ? ResumeKind::kStudy : ResumeKind::kWork,
                        "单位" + k, "职务" + k, i % 5 ? "" : "备注" + k,
                        {}};
      if (i % 4 == 0) {
        entry.during.push_back(
            {month, month, ResumeKind::kStudy, "其间单位" + k, "其间" + k, "", {}});
        entry.during.push_back(
            {month, std::nullopt, ResumeKind::kWork, "其间单位" + k + "乙", "其间乙", "", {}});
      }
      d.resume.push_back(std::move(entry));
      d.posts.push_back({i % 2 ? std::optional<org::UnitId>(finance_) : std::nullopt, "单位" + k,
                         "职务" + k, i == n - 1, month,
                         i == n - 1 ? std::nullopt : std::optional<base::YearMonth>(month),
                         i % 2 ? "文号" + k : "", AppointmentMethod::kAppointed});
      d.ranks.push_back({"四级调研员", month, i == n - 1 ? std::nullopt : maybe, "文号" + k});
      d.assessments.push_back(
          {1990 + i, i % 2 ? AssessmentGrade::kExcellent : AssessmentGrade::kCompetent, k});
      const base::Date day = D("1990-01-01").AddDays(i);
      d.rewards.push_back({day, i % 2 == 1, "嘉奖", "机关" + k, "事由" + k,
                           i % 2 ? std::optional<base::Date>(day) : std::nullopt});
      d.trainings.push_back({"课程" + k, i, day, day, "机构" + k});
    }
    return d;
  };
  const Dossier first = many(700);
  const CadreId id = InsertSample(first);
  auto stored = Load(id);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_EQ(Comparable(stored->dossier), first);

  Dossier next = many(501);
  next.id = id;
  auto version = Write<std::int64_t>(
      [&](store::Transaction& tx) { return DossierRepository(tx).Replace(next, 1, clock_.Now()); });
  ASSERT_TRUE(version.ok()) << version.status().ToString();
  stored = Load(id);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_EQ(Comparable(stored->dossier), Comparable(next));
}

TEST_P(DossierRepositoryTest, OnlyOneWriterWinsFromTheSameVersion) {
  const CadreId id = InsertSample(Sample());
  Dossier first = Sample(), second = Sample();
  first.id = second.id = id;
  first.expertise = "财政预算管理、政府债务";
  second.expertise = "国有资产管理";
  auto replace = [&](const Dossier& d, std::int64_t expected) {
    return Write<std::int64_t>([&](store::Transaction& tx) {
      return DossierRepository(tx).Replace(d, expected, clock_.Now());
    });
  };
  ASSERT_TRUE(replace(first, 1).ok());
  auto late = replace(second, 1);
  ASSERT_EQ(late.status().code(), base::StatusCode::kAborted);
  EXPECT_TRUE(late.status().message().starts_with("VERSION_CONFLICT"));
  EXPECT_EQ(Load(id)->dossier.expertise, "财政预算管理、政府债务");
  EXPECT_EQ(Load(id)->dossier.version, 2);
  EXPECT_TRUE(replace(second, 2).ok());
  EXPECT_EQ(Load(id)->dossier.expertise, "国有资产管理");
}

TEST_P(DossierRepositoryTest, RefusesMissingUnitsAndAnUnstorableGender) {
  struct Case {
    std::string name;
    void (*change)(Dossier&);
    std::string field;
  };
  const Case cases[] = {
      {"unit", [](Dossier& d) { d.unit_id = org::UnitId(9999); }, "unit_id"},
      {"managing", [](Dossier& d) { d.managing_unit_id = org::UnitId(9999); }, "managing_unit_id"},
      {"post_unit", [](Dossier& d) { d.posts[1].unit_id = org::UnitId(9999); }, "posts[1].unit_id"},
      {"gender",
       [](Dossier& d) {
         d.gender = {"未说明的性别", "9"};
       },
       "gender"},
  };
  for (const Case& c : cases) {
    Dossier d = Sample();
    c.change(d);
    auto id = Write<CadreId>(
        [&](store::Transaction& tx) { return DossierRepository(tx).Insert(d, clock_.Now()); });
    EXPECT_EQ(id.status().field(), c.field) << c.name;
  }
  auto count = Write<std::int64_t>(
      [&](store::Transaction& tx) { return tx.QueryInt("SELECT COUNT(*) FROM cadres"); });
  EXPECT_EQ(*count, 0);
}

TEST_P(DossierRepositoryTest, LoadHonoursTheScope) {
  const CadreId id = InsertSample(Sample());
  auto scoped = [&](std::string code) {
    access::Actor actor = xr::testing::MakeActor(
        "reader", {"cadre.read"}, {{access::ScopeRule::Kind::kUnitsBelow, {std::move(code)}}});
    return Write<ScopePredicate>([&](store::Transaction& tx) { return ScopeOf(tx, actor); });
  };
  auto finance = scoped("JH01"), audit = scoped("JH02");
  ASSERT_TRUE(finance.ok() && audit.ok());
  EXPECT_TRUE(Load(id, *finance).ok());
  EXPECT_EQ(Load(id, *audit).status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(Load(CadreId(9999)).status().code(), base::StatusCode::kNotFound);
  auto visible = Write<bool>([&](store::Transaction& tx) -> base::Result<bool> {
    DossierRepository repository(tx);
    ASSIGN_OR_RETURN(bool in_finance, repository.Visible(id, *finance));
    ASSIGN_OR_RETURN(bool in_audit, repository.Visible(id, *audit));
    return in_finance && !in_audit;
  });
  EXPECT_TRUE(*visible);
}

TEST_P(DossierRepositoryTest, KeepsTheChangeLogNewestFirstWithConfidentialValuesSealed) {
  const CadreId id = InsertSample(Sample());
  auto at = [](const char* text) { return *base::Timestamp::Parse(text); };
  const FieldChanges second = {{"expertise", "财政预算管理", "国有资产管理"},
                               {"family", nlohmann::json::array(), nlohmann::json::array()}};
  const FieldChanges third = {{"status", "在职", "免职"}};
  auto appended = Write<bool>([&](store::Transaction& tx) -> base::Result<bool> {
    RETURN_IF_ERROR(
        AppendDossierChange(tx, keyring_, id, city_, 2, at("2026-11-28T03:00:00Z"), "甲", second)
            .status());
    RETURN_IF_ERROR(
        AppendDossierChange(tx, keyring_, id, city_, 3, at("2026-11-29T03:00:00Z"), "乙", third)
            .status());
    return true;
  });
  ASSERT_TRUE(appended.ok()) << appended.status().ToString();
  auto changes = Write<std::vector<StoredChange>>(
      [&](store::Transaction& tx) { return DossierRepository(tx).Changes(id); });
  ASSERT_TRUE(changes.ok()) << changes.status().ToString();
  ASSERT_EQ(changes->size(), 3u);
  EXPECT_EQ((*changes)[0].version, 3);
  EXPECT_EQ((*changes)[0].actor, "乙");
  EXPECT_EQ((*changes)[0].changes, third);
  EXPECT_EQ((*changes)[1].version, 2);
  EXPECT_EQ((*changes)[1].changes, (FieldChanges{second[0]}));
  EXPECT_EQ((*changes)[1].confidential_fields, (std::vector<std::string>{"family"}));
  ASSERT_TRUE((*changes)[1].confidential_changes_sealed.has_value());
  EXPECT_TRUE(crypto::IsSealed(*(*changes)[1].confidential_changes_sealed));
  EXPECT_EQ((*changes)[2].version, 1);  // creation, no changes
  EXPECT_TRUE((*changes)[2].changes.empty());
  EXPECT_FALSE((*changes)[2].confidential_changes_sealed.has_value());
  auto opened = Write<FieldChanges>(
      [&](store::Transaction& tx) { return OpenConfidentialChanges(tx, keyring_, (*changes)[1]); });
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(*opened, (FieldChanges{second[1]}));

  auto since = Write<std::vector<StoredChange>>(
      [&](store::Transaction& tx) { return DossierRepository(tx).Changes(id, 1); });
  EXPECT_EQ(since->size(), 2u);
  auto after = Write<std::vector<StoredChange>>([&](store::Transaction& tx) {
    return DossierRepository(tx).Changes(id, 0, at("2026-11-28T16:00:00Z"));
  });
  ASSERT_EQ(after->size(), 1u);
  EXPECT_EQ((*after)[0].version, 3);
}

TEST_P(DossierRepositoryTest, StoresOnePhotoPerCadre) {
  const CadreId id = InsertSample(Sample());
  auto photo = [&] {
    return Write<std::optional<StoredPhoto>>(
        [&](store::Transaction& tx) { return DossierRepository(tx).Photo(id); });
  };
  EXPECT_FALSE(photo()->has_value());
  // Every byte value, including NUL, survives.
  std::string bytes = "\xFF\xD8\xFF";
  for (int i = 0; i < 256; ++i) bytes += char(i);
  auto set = [&](StoredPhoto p) {
    return db().Transact(store::TxMode::kWrite, [&](store::Transaction& tx) {
      return DossierRepository(tx).SetPhoto(id, p, clock_.Now());
    });
  };
  ASSERT_TRUE(set({"image/jpeg", bytes}).ok());
  ASSERT_TRUE(photo()->has_value());
  EXPECT_EQ((*photo())->content_type, "image/jpeg");
  EXPECT_EQ((*photo())->bytes, bytes);
  EXPECT_TRUE(Load(id)->dossier.has_photo);
  ASSERT_TRUE(set({"image/png", "\x89PNG\r\n\x1A\n"}).ok());
  EXPECT_EQ((*photo())->content_type, "image/png");
  EXPECT_EQ((*photo())->bytes.size(), 8u);
}

INSTANTIATE_TEST_SUITE_P(Engines, DossierRepositoryTest,
                         ::testing::ValuesIn(xr::testing::AllEngines()), xr::testing::EngineName);

}  // namespace
}  // namespace xr::cadre
