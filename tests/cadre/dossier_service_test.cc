#include "cadre/dossier_service.h"

#include <gtest/gtest.h>

#include <thread>

#include "cadre/dossier_json.h"
#include "crypto/rotation.h"
#include "dossier_sample.h"
#include "org/org_service.h"
#include "testing/access_fixtures.h"
#include "testing/test_database.h"

namespace xr::cadre {
namespace {

using nlohmann::json;
using Kind = access::ScopeRule::Kind;

class DossierServiceTest : public xr::testing::DatabaseTest {
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
    service_ = std::make_unique<DossierService>(db(), clock_, *audit_, xr::testing::TestKeyring());
  }

  Dossier Sample() const { return testing::SampleDossier(finance_, city_); }
  json SampleJson() const { return EncodeDossierFields(Sample()); }

  CadreId CreateSample(const json& dossier) {
    auto id = service_->Create(officer_, dossier.dump());
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : CadreId();
  }

  base::Result<DossierView> Patch(CadreId id, std::int64_t version, const json& fields,
                                  const access::Actor* actor = nullptr) {
    return service_->Update(actor ? *actor : officer_, id, {version, fields.dump()});
  }

  static Dossier Comparable(Dossier d) {
    d.id = CadreId();
    d.version = 0;
    d.unit_name.clear();
    d.has_photo = false;
    return d;
  }

  access::Actor Scoped(std::string code,
                       std::vector<std::string> permissions = {"cadre.read", "cadre.write"}) {
    return xr::testing::MakeActor("keshi", std::move(permissions),
                                  {{Kind::kUnitsBelow, {std::move(code)}}});
  }

  // 2026-11-27 10:00 in Shanghai.
  base::FakeClock clock_{*base::Timestamp::Parse("2026-11-27T02:00:00Z")};
  std::unique_ptr<audit::AuditLog> audit_ = xr::testing::MakeAuditLog(clock_);
  access::Actor officer_ =
      xr::testing::MakeActor("ganbu", {"cadre.read", "cadre.write", "org.read", "org.write"});
  // Reads dossiers but is not cleared for confidential fields.
  access::Actor clerk_ = xr::testing::MakeActor(
      "wenshu", {"cadre.read", "cadre.write"}, {access::ScopeRule{}}, access::Clearance::kInternal);
  org::UnitId city_, finance_, audit_office_;
  std::unique_ptr<DossierService> service_;
};

TEST_P(DossierServiceTest, CreatesAndReadsBackTheWholeDossier) {
  std::vector<RuleFinding> warnings;
  auto id = service_->Create(officer_, SampleJson().dump(), &warnings);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  auto view = service_->Get(officer_, *id);
  ASSERT_TRUE(view.ok()) << view.status().ToString();
  EXPECT_EQ(view->dossier.id, *id);
  EXPECT_EQ(view->dossier.version, 1);
  EXPECT_EQ(view->dossier.unit_name, "江华市财政局");
  EXPECT_EQ(Comparable(view->dossier), Sample());
  EXPECT_TRUE(view->redacted.empty());
  EXPECT_EQ(view->warnings, warnings);
  EXPECT_EQ(xr::testing::RecordedObjects(db(), "cadre.create"),
            (std::vector<std::string>{"cadre:" + std::to_string(id->value())}));
  // The cleared reader's read of the confidential parts is on the record, naming them only.
  const auto reads = AuditDetails("cadre.read_confidential");
  ASSERT_EQ(reads.size(), 1u);
  EXPECT_NE(reads[0].find("id_number,family,personal_matters"), std::string::npos);
  EXPECT_EQ(reads[0].find("李芳"), std::string::npos);
  // History: the creation.
  auto history = service_->History(officer_, *id);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].version, 1);
  EXPECT_EQ((*history)[0].actor, "ganbu");
  EXPECT_TRUE((*history)[0].changes.empty());
}

TEST_P(DossierServiceTest, FillsCodesAndPostUnitNamesFromTheTables) {
  json j = SampleJson();
  j["gender_code"] = "";
  j["ethnicity_code"] = nullptr;
  j["education"][0]["level_code"] = "";
  j["posts"][1]["unit_name"] = "";
  j["id_number"] = "210203750315123";  // the legacy 15-digit form
  const CadreId id = CreateSample(j);
  auto view = service_->Get(officer_, id);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->dossier.gender.code, "1");
  EXPECT_EQ(view->dossier.ethnicity.code, "01");
  EXPECT_EQ(view->dossier.education[0].level.code, "21");
  EXPECT_EQ(view->dossier.posts[1].unit_name, "江华市财政局");
  EXPECT_EQ(view->dossier.id_number, "210203197503151232");
}

struct CreateRefusal {
  std::string name;
  std::function<void(json&)> change;
  base::StatusCode code;
  std::string field;
};

TEST_P(DossierServiceTest, RefusesBadDossiersWritingNothing) {
  const CadreId existing = CreateSample(SampleJson());
  const CreateRefusal cases[] = {
      {"bad_json_type", [](json& j) { j["education"][1]["start_month"] = "2004年9月"; },
       base::StatusCode::kInvalidArgument, "education[1].start_month"},
      {"unknown_field", [](json& j) { j["salary"] = 1; }, base::StatusCode::kInvalidArgument,
       "salary"},
      {"rule", [](json& j) { j["name"] = "王"; }, base::StatusCode::kInvalidArgument, "name"},
      {"dictionary", [](json& j) { j["ethnicity"] = "汉"; }, base::StatusCode::kInvalidArgument,
       "ethnicity"},
      {"missing_unit", [](json& j) { j["unit_id"] = 9999; }, base::StatusCode::kNotFound,
       "unit_id"},
      {"missing_post_unit", [](json& j) { j["posts"][0]["unit_id"] = 9999; },
       base::StatusCode::kNotFound, "posts[0].unit_id"},
      {"same_id_number", [](json&) {}, base::StatusCode::kAlreadyExists, "id_number"},
  };
  for (const CreateRefusal& c : cases) {
    json j = SampleJson();
    if (c.name != "same_id_number") j["id_number"] = nullptr;
    c.change(j);
    auto id = service_->Create(officer_, j.dump());
    EXPECT_EQ(id.status().code(), c.code) << c.name << ": " << id.status().ToString();
    EXPECT_EQ(id.status().field(), c.field) << c.name;
  }
  EXPECT_EQ(service_->Create(officer_, "{\"name\": ").status().code(),
            base::StatusCode::kInvalidArgument);
  EXPECT_EQ(service_->Create(officer_, "[]").status().field(), "body");
  // Only the first dossier exists, with its one creation entry.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM cadres"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM cadre_changes"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM cadre_posts"), 3);
  EXPECT_EQ(xr::testing::RecordedObjects(db(), "cadre.create").size(), 1u);
  EXPECT_TRUE(service_->Get(officer_, existing).ok());
}

TEST_P(DossierServiceTest, PatchChangesFieldsAndKeepsTheirHistory) {
  const CadreId id = CreateSample(SampleJson());
  clock_.Set(*base::Timestamp::Parse("2026-11-28T03:00:00Z"));
  json posts = SampleJson()["posts"];
  posts[1]["title"] = "党组书记、局长";
  auto view = Patch(id, 1, {{"expertise", "财政预算管理、政府债务管理"}, {"posts", posts}});
  ASSERT_TRUE(view.ok()) << view.status().ToString();
  EXPECT_EQ(view->dossier.version, 2);
  EXPECT_EQ(view->dossier.expertise, "财政预算管理、政府债务管理");
  EXPECT_EQ(view->dossier.posts[1].title, "党组书记、局长");
  EXPECT_EQ(view->dossier.unit_name, "江华市财政局");
  // Everything else as it was.
  Dossier expected = Sample();
  expected.expertise = "财政预算管理、政府债务管理";
  expected.posts[1].title = "党组书记、局长";
  EXPECT_EQ(Comparable(view->dossier), expected);
  EXPECT_EQ(Comparable(service_->Get(officer_, id)->dossier), expected);

  auto history = service_->History(officer_, id);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  const ChangeEntry& change = (*history)[0];
  EXPECT_EQ(change.version, 2);
  EXPECT_EQ(change.at.ToRfc3339(), "2026-11-28T03:00:00.000000Z");
  ASSERT_EQ(change.changes.size(), 2u);
  EXPECT_EQ(change.changes[0].field, "expertise");
  EXPECT_EQ(change.changes[0].old_json, "\"财政预算管理\"");
  EXPECT_EQ(change.changes[0].new_json, "\"财政预算管理、政府债务管理\"");
  EXPECT_EQ(change.changes[1].field, "posts");
  EXPECT_EQ(json::parse(change.changes[1].old_json), SampleJson()["posts"]);
  EXPECT_EQ(json::parse(change.changes[1].new_json), posts);
  // The record names the fields, never the values.
  const auto updates = AuditDetails("cadre.update");
  ASSERT_EQ(updates.size(), 1u);
  EXPECT_NE(updates[0].find("expertise,posts"), std::string::npos);
  EXPECT_EQ(updates[0].find("政府债务"), std::string::npos);
  // The list columns follow.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM cadres WHERE post = '党组书记、局长、委员'"), 1);
}

// The form's texts come with the dossier: as an imported form wrote them while the structured
// data they were parsed into is unchanged, generated once a change touches that data.
TEST_P(DossierServiceTest, FormTextsKeepAnImportedFormsWordingUntilTheDataChanges) {
  const CadreId id = CreateSample(SampleJson());
  auto before = service_->Get(officer_, id);
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  EXPECT_EQ(before->form, GenerateRmbTexts(before->dossier));
  const std::string written = "2005.09--2009.07  东北财经大学财政学专业学习\n（以下略）";
  ASSERT_TRUE(db().Transact(store::TxMode::kWrite, [&](store::Transaction& tx) {
                    return StoreKeptTexts(tx, id, {{"JianLi", written, before->form.resume}});
                  }).ok());
  auto kept = service_->Get(officer_, id);
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->form.resume, written);
  EXPECT_EQ(kept->form.current_posts, before->form.current_posts);

  json resume = SampleJson()["resume"];
  resume[0]["note"] = "（本科）";
  auto changed = Patch(id, 1, {{"resume", resume}});
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  EXPECT_NE(changed->form.resume, written);
  EXPECT_EQ(changed->form.resume, GenerateRmbTexts(changed->dossier).resume);
}

TEST_P(DossierServiceTest, RemovalIsAStatusWithAReason) {
  const CadreId id = CreateSample(SampleJson());
  auto missing_reason = Patch(id, 1, {{"status", "免职"}});
  EXPECT_EQ(missing_reason.status().field(), "status_reason");
  auto view = Patch(id, 1, {{"status", "免职"}, {"status_reason", "调任省财政厅"}});
  ASSERT_TRUE(view.ok()) << view.status().ToString();
  EXPECT_EQ(view->dossier.status, PersonStatus::kRemoved);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM cadres WHERE status = '免职'"), 1);
  EXPECT_TRUE(service_->Get(officer_, id).ok());
}

TEST_P(DossierServiceTest, APatchThatChangesNothingWritesNothing) {
  const CadreId id = CreateSample(SampleJson());
  // Output-only keys and redaction markers sent back are ignored too.
  auto view = Patch(id, 1,
                    {{"expertise", "财政预算管理"},
                     {"unit_name", "别的名字"},
                     {"age", 51},
                     {"family", {{"redacted", true}, {"sensitivity", "confidential"}}}});
  ASSERT_TRUE(view.ok()) << view.status().ToString();
  EXPECT_EQ(view->dossier.version, 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM cadre_changes"), 1);
  EXPECT_TRUE(AuditDetails("cadre.update").empty());
  EXPECT_EQ(view->dossier.family, Sample().family);
}

TEST_P(DossierServiceTest, TheSecondWriterFromTheSameVersionGetsAConflict) {
  const CadreId id = CreateSample(SampleJson());
  ASSERT_TRUE(Patch(id, 1, {{"expertise", "国有资产管理"}}).ok());
  auto late = Patch(id, 1, {{"professional_title", "正高级经济师"}});
  ASSERT_EQ(late.status().code(), base::StatusCode::kAborted);
  EXPECT_TRUE(late.status().message().starts_with("VERSION_CONFLICT"));
  auto current = service_->Get(officer_, id);
  EXPECT_EQ(current->dossier.version, 2);
  EXPECT_EQ(current->dossier.professional_title, "高级经济师");
  // What the other writer changed, for the 409 answer.
  auto since = service_->History(officer_, id, 1);
  ASSERT_TRUE(since.ok());
  ASSERT_EQ(since->size(), 1u);
  ASSERT_EQ((*since)[0].changes.size(), 1u);
  EXPECT_EQ((*since)[0].changes[0].field, "expertise");
  // With the current version it goes through.
  EXPECT_TRUE(Patch(id, 2, {{"professional_title", "正高级经济师"}}).ok());
}

TEST_P(DossierServiceTest, OfTwoConcurrentWritersFromOneVersionOnlyOneWins) {
  const CadreId id = CreateSample(SampleJson());
  for (int round = 0; round < 3; ++round) {
    const std::int64_t version = 1 + round;
    base::Result<DossierView> first = base::Internal("not run"), second = first;
    std::thread a([&] {
      first = Patch(id, version, {{"expertise", "甲" + std::to_string(round)}});
    });
    std::thread b([&] {
      second = Patch(id, version, {{"health", "良好"}, {"sort_order", round}});
    });
    a.join();
    b.join();
    ASSERT_NE(first.ok(), second.ok())
        << first.status().ToString() << " / " << second.status().ToString();
    const base::Status& lost = first.ok() ? second.status() : first.status();
    EXPECT_EQ(lost.code(), base::StatusCode::kAborted) << lost.ToString();
    EXPECT_TRUE(lost.message().starts_with("VERSION_CONFLICT")) << lost.ToString();
    EXPECT_EQ(service_->Get(officer_, id)->dossier.version, version + 1);
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM cadre_changes"), 4);
}

TEST_P(DossierServiceTest, ReadsTheDossierAsItStoodOnAPastDay) {
  auto at = [](const char* text) { return *base::Timestamp::Parse(text); };
  auto day = [](const char* text) { return *base::Date::Parse(text); };
  const CadreId id = CreateSample(SampleJson());  // 2026-11-27 10:00 in Shanghai
  // 2026-11-28 23:59:59 in Shanghai: still the 28th.
  clock_.Set(at("2026-11-28T15:59:59Z"));
  ASSERT_TRUE(Patch(id, 1, {{"expertise", "国有资产管理"}}).ok());
  // 2026-11-29 00:00 in Shanghai.
  clock_.Set(at("2026-11-28T16:00:00Z"));
  json family = SampleJson()["family"];
  family.erase(1);
  ASSERT_TRUE(Patch(id, 2,
                    {{"status", "调出"},
                     {"status_reason", "调往省财政厅"},
                     {"family", family},
                     {"unit_id", audit_office_.value()}})
                  .ok());

  EXPECT_EQ(service_->Get(officer_, id, day("2026-11-26")).status().code(),
            base::StatusCode::kNotFound);
  auto first = service_->Get(officer_, id, day("2026-11-27"));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->dossier.version, 1);
  EXPECT_EQ(Comparable(first->dossier), Sample());
  EXPECT_EQ(first->dossier.unit_name, "江华市财政局");

  auto second = service_->Get(officer_, id, day("2026-11-28"));
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->dossier.version, 2);
  EXPECT_EQ(second->dossier.expertise, "国有资产管理");
  EXPECT_EQ(second->dossier.status, PersonStatus::kActive);
  EXPECT_EQ(second->dossier.family.size(), 2u);  // the confidential change undone too

  for (const char* later : {"2026-11-29", "2030-01-01"}) {
    auto now = service_->Get(officer_, id, day(later));
    ASSERT_TRUE(now.ok());
    EXPECT_EQ(now->dossier.version, 3);
    EXPECT_EQ(now->dossier.status, PersonStatus::kTransferredOut);
    EXPECT_EQ(now->dossier.family.size(), 1u);
    EXPECT_EQ(now->dossier.unit_name, "江华市审计局");
  }
  // A reader without clearance sees the past too, without the confidential parts.
  auto redacted = service_->Get(clerk_, id, day("2026-11-28"));
  ASSERT_TRUE(redacted.ok());
  EXPECT_EQ(redacted->dossier.expertise, "国有资产管理");
  EXPECT_TRUE(redacted->dossier.family.empty());
}

TEST_P(DossierServiceTest, AReaderWithoutClearanceSeesRedactionMarkers) {
  const CadreId id = CreateSample(SampleJson());
  json family = SampleJson()["family"];
  family[0]["employer_and_post"] = "江华市教育局教研员";
  ASSERT_TRUE(Patch(id, 1, {{"family", family}, {"expertise", "国有资产管理"}}).ok());
  const size_t reads_before = AuditDetails("cadre.read_confidential").size();

  auto view = service_->Get(clerk_, id);
  ASSERT_TRUE(view.ok()) << view.status().ToString();
  EXPECT_FALSE(view->dossier.id_number.has_value());
  EXPECT_TRUE(view->dossier.family.empty());
  EXPECT_EQ(view->dossier.personal_matters, PersonalMatters{});
  EXPECT_EQ(view->redacted, (std::vector<std::string>{"id_number", "family", "personal_matters"}));
  EXPECT_EQ(view->dossier.name, "王建国");
  for (const RuleFinding& w : view->warnings) EXPECT_NE(w.field.substr(0, 6), "family");

  auto history = service_->History(clerk_, id);
  ASSERT_TRUE(history.ok());
  const ChangeEntry& change = (*history)[0];
  ASSERT_EQ(change.changes.size(), 2u);
  EXPECT_EQ(change.changes[0].field, "expertise");
  EXPECT_FALSE(change.changes[0].redacted);
  EXPECT_EQ(change.changes[1], (FieldChange{"family", "", "", true}));
  // Nothing confidential was read, so nothing is recorded.
  EXPECT_EQ(AuditDetails("cadre.read_confidential").size(), reads_before);

  // A cleared reader gets the values, and the read is recorded.
  auto opened = service_->History(officer_, id);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ((*opened)[0].changes[1].field, "family");
  EXPECT_FALSE((*opened)[0].changes[1].redacted);
  EXPECT_EQ(json::parse((*opened)[0].changes[1].new_json), family);
  EXPECT_EQ(AuditDetails("cadre.read_confidential").size(), reads_before + 1);
}

TEST_P(DossierServiceTest, AWriterWithoutClearanceKeepsTheConfidentialParts) {
  json j = SampleJson();
  j["family"] = json::array();
  j["id_number"] = nullptr;
  j["personal_matters"] = EncodePersonalMatters({});
  auto created = service_->Create(clerk_, j.dump());  // empty parts may be sent
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(service_->Create(clerk_, SampleJson().dump()).status().code(),
            base::StatusCode::kPermissionDenied);

  const CadreId id = CreateSample([&] {
    json other = SampleJson();
    other["id_number"] = "210202198001010024";
    other["name"] = "张伟";
    return other;
  }());
  EXPECT_EQ(Patch(id, 1, {{"family", json::array()}}, &clerk_).status().code(),
            base::StatusCode::kPermissionDenied);
  auto view = Patch(id, 1, {{"expertise", "国有资产管理"}}, &clerk_);
  ASSERT_TRUE(view.ok()) << view.status().ToString();
  EXPECT_TRUE(view->dossier.family.empty());  // redacted for the clerk…
  auto full = service_->Get(officer_, id);    // …but kept
  EXPECT_EQ(full->dossier.family, Sample().family);
  EXPECT_EQ(full->dossier.id_number, "210202198001010024");
  EXPECT_EQ(full->dossier.expertise, "国有资产管理");
}

TEST_P(DossierServiceTest, OutsideTheScopeADossierDoesNotExist) {
  const CadreId id = CreateSample(SampleJson());
  const access::Actor audit_clerk = Scoped("JH02");
  EXPECT_EQ(service_->Get(audit_clerk, id).status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(service_->History(audit_clerk, id).status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(Patch(id, 1, {{"expertise", "x"}}, &audit_clerk).status().code(),
            base::StatusCode::kNotFound);
  EXPECT_EQ(service_->GetPhoto(audit_clerk, id).status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(service_->SetPhoto(audit_clerk, id, {"image/png", "\x89PNG\r\n\x1A\n"}).code(),
            base::StatusCode::kNotFound);
  // Nor can they create one outside it.
  json elsewhere = SampleJson();
  elsewhere["id_number"] = nullptr;
  auto outside = service_->Create(audit_clerk, elsewhere.dump());
  EXPECT_EQ(outside.status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(outside.status().field(), "unit_id");
  EXPECT_TRUE(service_->Get(Scoped("JH01"), id).ok());
  EXPECT_EQ(service_->Get(officer_, CadreId(9999)).status().code(), base::StatusCode::kNotFound);
}

TEST_P(DossierServiceTest, NeedsThePermissions) {
  const CadreId id = CreateSample(SampleJson());
  const access::Actor admin =
      xr::testing::MakeActor("admin", {"user.manage", "org.read", "org.write"}, {});
  const access::Actor leader = xr::testing::MakeActor("lingdao", {"cadre.read", "org.read"});
  const auto denied = base::StatusCode::kPermissionDenied;
  EXPECT_EQ(service_->Get(admin, id).status().code(), denied);
  EXPECT_EQ(service_->History(admin, id).status().code(), denied);
  EXPECT_EQ(service_->GetPhoto(admin, id).status().code(), denied);
  EXPECT_EQ(service_->Create(leader, SampleJson().dump()).status().code(), denied);
  EXPECT_EQ(Patch(id, 1, {{"expertise", "x"}}, &leader).status().code(), denied);
  EXPECT_EQ(service_->SetPhoto(leader, id, {"image/png", "\x89PNG\r\n\x1A\n"}).code(), denied);
  EXPECT_TRUE(service_->Get(leader, id).ok());
}

TEST_P(DossierServiceTest, NothingIsHalfWrittenWhenAPatchIsRefused) {
  const CadreId id = CreateSample(SampleJson());
  const CadreId other = CreateSample([&] {
    json j = SampleJson();
    j["id_number"] = "210202198001010024";
    j["name"] = "张伟";
    return j;
  }());
  const access::Actor finance_clerk = Scoped("JH01");
  struct Case {
    std::string name;
    json fields;
    const access::Actor* actor;
    base::StatusCode code;
    std::string field;
  };
  const Case cases[] = {
      // Found out only after the dossier was rewritten: the transaction must roll back.
      {"moved_out_of_scope",
       {{"unit_id", audit_office_.value()}, {"expertise", "x"}},
       &finance_clerk,
       base::StatusCode::kNotFound,
       "unit_id"},
      // Refused before anything is written.
      {"id_number_taken",
       {{"id_number", "210202198001010024"}, {"expertise", "x"}},
       &officer_,
       base::StatusCode::kAlreadyExists,
       "id_number"},
      {"bad_entry",
       {{"education", {{{"kind", "全日制"}, {"start_month", "2004-13"}}}}},
       &officer_,
       base::StatusCode::kInvalidArgument,
       "education[0].start_month"},
      {"rule",
       {{"party_join_month", "1980-01"}},
       &officer_,
       base::StatusCode::kInvalidArgument,
       "party_join_month"},
      {"unknown", {{"salary", 1}}, &officer_, base::StatusCode::kInvalidArgument, "salary"},
  };
  for (const Case& c : cases) {
    auto result = Patch(id, 1, c.fields, c.actor);
    EXPECT_EQ(result.status().code(), c.code) << c.name << ": " << result.status().ToString();
    EXPECT_EQ(result.status().field(), c.field) << c.name;
  }
  auto view = service_->Get(officer_, id);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->dossier.version, 1);
  EXPECT_EQ(Comparable(view->dossier), Sample());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM cadre_changes"), 2);  // the two creations
  EXPECT_EQ(Count("SELECT COUNT(*) FROM cadre_posts"), 6);
  EXPECT_TRUE(AuditDetails("cadre.update").empty());
  EXPECT_TRUE(service_->Get(officer_, other).ok());
}

TEST_P(DossierServiceTest, KeepsOnePhotoCheckedByItsBytes) {
  const CadreId id = CreateSample(SampleJson());
  EXPECT_EQ(service_->GetPhoto(officer_, id).status().code(), base::StatusCode::kNotFound);
  const std::string jpeg = std::string("\xFF\xD8\xFF\xE0", 4) + std::string(1000, '\0');
  ASSERT_TRUE(service_->SetPhoto(officer_, id, {"image/jpeg", jpeg}).ok());
  auto photo = service_->GetPhoto(officer_, id);
  ASSERT_TRUE(photo.ok());
  EXPECT_EQ(photo->content_type, "image/jpeg");
  EXPECT_EQ(photo->bytes, jpeg);
  EXPECT_TRUE(service_->Get(officer_, id)->dossier.has_photo);
  EXPECT_EQ(xr::testing::RecordedObjects(db(), "cadre.photo").size(), 1u);

  struct Case {
    std::string name;
    DossierService::Photo photo;
  };
  const Case refused[] = {
      {"gif", {"image/gif", "GIF89a"}},
      {"empty", {"image/jpeg", ""}},
      {"declared_png_is_jpeg", {"image/png", jpeg}},
      {"too_big", {"image/jpeg", std::string("\xFF\xD8\xFF", 3) + std::string(5 << 20, 'x')}},
  };
  for (const Case& c : refused) {
    base::Status status = service_->SetPhoto(officer_, id, c.photo);
    EXPECT_EQ(status.code(), base::StatusCode::kInvalidArgument) << c.name;
    EXPECT_EQ(status.field(), "photo") << c.name;
  }
  EXPECT_EQ(service_->GetPhoto(officer_, id)->bytes, jpeg);
  EXPECT_EQ(xr::testing::RecordedObjects(db(), "cadre.photo").size(), 1u);
}

TEST_P(DossierServiceTest, ReadsEverythingBackAfterADataKeyRotation) {
  const CadreId id = CreateSample(SampleJson());
  json family = SampleJson()["family"];
  family.erase(0);
  clock_.Set(*base::Timestamp::Parse("2026-11-28T03:00:00Z"));
  ASSERT_TRUE(Patch(id, 1, {{"family", family}}).ok());
  // Every sealed part (ID number, family, personal matters, the change log's family values) is
  // re-encrypted under a new key, in batches of two.
  auto report = crypto::RotateDataKeys(db(), xr::testing::TestKeyring(), clock_,
                                       {{"unit:" + std::to_string(city_.value())}, 2, {}, {}});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->reencrypted, 4);
  auto view = service_->Get(officer_, id);
  ASSERT_TRUE(view.ok()) << view.status().ToString();
  EXPECT_EQ(view->dossier.id_number, "210203197503151232");
  EXPECT_EQ(json(EncodeFamily(view->dossier.family)), family);
  auto history = service_->History(officer_, id);
  ASSERT_TRUE(history.ok()) << history.status().ToString();
  EXPECT_EQ(json::parse((*history)[0].changes[0].old_json), SampleJson()["family"]);
  auto past = service_->Get(officer_, id, *base::Date::Parse("2026-11-27"));
  ASSERT_TRUE(past.ok()) << past.status().ToString();
  EXPECT_EQ(past->dossier.family, Sample().family);
}

INSTANTIATE_TEST_SUITE_P(Engines, DossierServiceTest,
                         ::testing::ValuesIn(xr::testing::AllEngines()), xr::testing::EngineName);

}  // namespace
}  // namespace xr::cadre
