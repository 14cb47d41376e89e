// LrmxService on both engines: import (a file per transaction, dry run, audit), a person already
// on record (diff; keep / replace / merge), the legacy .lrm with its .pic, pending files for the
// resolve step, and export (kept texts, photo, unknown elements; refused without clearance).

#include "interchange/lrmx_service.h"

#include <gtest/gtest.h>

#include <fstream>
#include <optional>
#include <sstream>

#include "cadre/dossier_repository.h"
#include "cadre/name_keys.h"
#include "cadre/rmb_text.h"
#include "cadre/search_keys.h"
#include "interchange/lrmx_document.h"
#include "org/org_service.h"
#include "testing/access_fixtures.h"
#include "testing/test_database.h"

namespace xr::interchange {
namespace {

std::string ReadData(const std::string& name) {
  std::ifstream in(std::string(XR_LRMX_DATA) + "/" + name, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

LrmxFile Data(const std::string& name) { return {name, ReadData(name), {}}; }

class LrmxServiceTest : public xr::testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(xr::testing::SetUpAccess(db(), clock_).ok());
    ASSERT_TRUE(db().Transact(store::TxMode::kWrite,
                              [](store::Transaction& tx) {
                                return tx.ExecuteScript(store::ExpandDialectWords(
                                    LrmxMigrations()[0].sql, tx.dialect()));
                              })
                    .ok());
    org::OrgService org(db(), *audit_);
    auto unit = org.AddUnit(officer_, {std::nullopt, "JH", "江华市", "", org::UnitType::kGovernment,
                                       org::UnitLevel::kMunicipal, 0});
    ASSERT_TRUE(unit.ok()) << unit.status().ToString();
    service_.emplace(db(), clock_, *audit_, keyring_);
  }

  std::vector<LrmxFileResult> Import(std::vector<LrmxFile> files, LrmxImportOptions options = {}) {
    if (options.unit_code.empty()) options.unit_code = "JH";
    auto results = service_->Import(officer_, ExpandUploads(std::move(files)), options);
    EXPECT_TRUE(results.ok()) << results.status().ToString();
    return results.ok() ? *results : std::vector<LrmxFileResult>{};
  }

  base::FakeClock clock_{*base::Timestamp::Parse("2026-11-27T02:00:00Z")};
  std::unique_ptr<audit::AuditLog> audit_ = xr::testing::MakeAuditLog(clock_);
  const crypto::Keyring& keyring_ = xr::testing::TestKeyring();
  access::Actor officer_ = xr::testing::MakeActor(
      "ganbu", {"cadre.read", "cadre.write", "cadre.export", "org.read", "org.write"});
  std::optional<LrmxService> service_;
};

TEST_P(LrmxServiceTest, ImportsEachFileInItsOwnTransactionAndExportsWhatCameIn) {
  const std::string hostile = "<!DOCTYPE x [<!ENTITY a \"b\">]><Person/>";
  auto results = Import({Data("zhang_jianhua.lrmx"),
                         {"bad.lrmx", hostile, {}},
                         Data("li_hongmei_crlf_bom.lrmx"),
                         Data("wang_zhigang_gbk.lrmx")});
  ASSERT_EQ(results.size(), 4u);
  EXPECT_EQ(results[0].outcome, LrmxOutcome::kImported) << results[0].message;
  EXPECT_EQ(results[1].outcome, LrmxOutcome::kError);
  EXPECT_NE(results[1].message.find("DOCTYPE"), std::string::npos);
  EXPECT_EQ(results[2].outcome, LrmxOutcome::kImported) << results[2].message;
  EXPECT_EQ(results[3].outcome, LrmxOutcome::kImported) << results[3].message;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM cadres"), 3);
  EXPECT_EQ(xr::testing::RecordedObjects(db(), "cadre.import_lrmx").size(), 3u);
  // The photo's bytes are stored as they came.
  const LrmxDocument original = *ParseLrmx(ReadData("zhang_jianhua.lrmx"));
  auto photo = db().TransactValue<std::optional<cadre::StoredPhoto>>(
      store::TxMode::kRead,
      [&](store::Transaction& tx) { return cadre::DossierRepository(tx).Photo(*results[0].id); });
  ASSERT_TRUE(photo.ok() && photo->has_value());
  EXPECT_EQ((*photo)->bytes, original.photo);
  EXPECT_EQ((*photo)->content_type, "image/jpeg");

  for (size_t i : {0u, 2u, 3u}) {
    auto exported = service_->Export(officer_, *results[i].id);
    ASSERT_TRUE(exported.ok()) << exported.status().ToString();
    const std::string name = i == 0   ? "zhang_jianhua.lrmx"
                             : i == 2 ? "li_hongmei_crlf_bom.lrmx"
                                      : "wang_zhigang_gbk.lrmx";
    const LrmxDocument in = *ParseLrmx(ReadData(name));
    auto out = ParseLrmx(exported->bytes);
    ASSERT_TRUE(out.ok());
    for (std::string_view element : kLrmxTextElements)
      EXPECT_EQ(out->Get(element), in.Get(element)) << name << " " << element;
    EXPECT_EQ(out->photo, in.photo);
    EXPECT_EQ(out->unknown, in.unknown);
    EXPECT_EQ(out->version, in.version);
    // Byte-stable.
    EXPECT_EQ(service_->Export(officer_, *results[i].id)->bytes, exported->bytes);
  }
  EXPECT_EQ(xr::testing::RecordedObjects(db(), "cadre.export_lrmx").size(), 6u);
}

TEST_P(LrmxServiceTest, DryRunWritesNothing) {
  LrmxImportOptions options;
  options.dry_run = true;
  auto results = Import({Data("zhang_jianhua.lrmx"), Data("zhao_min_utf16.lrmx")}, options);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].outcome, LrmxOutcome::kChecked) << results[0].message;
  EXPECT_EQ(results[1].outcome, LrmxOutcome::kChecked) << results[1].message;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM cadres"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM cadre_kept_texts"), 0);
  EXPECT_TRUE(xr::testing::RecordedObjects(db(), "cadre.import_lrmx").empty());
  // A validation error names the element or field.
  std::string bad = ReadData("zhang_jianhua.lrmx");
  bad.replace(bad.find("<ChuShengNianYue>197503"), 23, "<ChuShengNianYue>七五年");
  results = Import({{"bad.lrmx", bad, {}}}, options);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, LrmxOutcome::kError);
  EXPECT_EQ(results[0].field, "ChuShengNianYue");
  // A unit outside the importer's scope: the dry run says so, as the import would.
  const access::Actor narrow = xr::testing::MakeActor(
      "narrow", {"cadre.read", "cadre.write"}, {{access::ScopeRule::Kind::kUnitsBelow, {"JH99"}}},
      access::Clearance::kConfidential);
  options.unit_code = "JH";
  auto outside = service_->Import(narrow, ExpandUploads({Data("zhang_jianhua.lrmx")}), options);
  ASSERT_TRUE(outside.ok()) << outside.status().ToString();
  EXPECT_EQ(outside->at(0).outcome, LrmxOutcome::kError);
  EXPECT_EQ(outside->at(0).field, "unit");
  EXPECT_NE(outside->at(0).message.find("管理范围"), std::string::npos) << outside->at(0).message;
  options.dry_run = false;
  outside = service_->Import(narrow, ExpandUploads({Data("zhang_jianhua.lrmx")}), options);
  ASSERT_TRUE(outside.ok());
  EXPECT_EQ(outside->at(0).field, "unit");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM cadres"), 0);
  // An unknown unit is an error of the call.
  options.dry_run = true;
  options.unit_code = "NOPE";
  auto refused = service_->Import(officer_, ExpandUploads({Data("zhang_jianhua.lrmx")}), options);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().field(), "unit");
}

TEST_P(LrmxServiceTest, AnExistingPersonIsReportedWithADiffAndChangedOnlyByChoice) {
  auto first = Import({Data("zhang_jianhua.lrmx")});
  ASSERT_EQ(first[0].outcome, LrmxOutcome::kImported);
  const cadre::CadreId id = *first[0].id;
  std::string changed = ReadData("zhang_jianhua.lrmx");
  changed.replace(changed.find("财政预算管理"), std::string("财政预算管理").size(), "国库集中支付");
  changed.replace(changed.find("<NiRenZhiWu>江华市财政局副局长"),
                  std::string("<NiRenZhiWu>江华市财政局副局长").size(),
                  "<NiRenZhiWu>江华市审计局副局长");
  const LrmxFile file{"zhang-2.lrmx", changed, {}};

  auto asked = Import({file});
  ASSERT_EQ(asked[0].outcome, LrmxOutcome::kExists);
  EXPECT_EQ(asked[0].id, id);
  std::vector<std::string> fields;
  for (const LrmxFieldDiff& d : asked[0].diff) fields.push_back(d.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"appointment", "expertise"}));
  EXPECT_EQ(asked[0].diff[1].stored_json, "\"财政预算管理\"");
  EXPECT_EQ(asked[0].diff[1].file_json, "\"国库集中支付\"");

  auto expertise = [&] {
    return db()
        .TransactValue<store::Row>(store::TxMode::kRead,
                                   [&](store::Transaction& tx) {
                                     return tx.QueryOne(
                                         "SELECT expertise, version FROM cadres WHERE id = ?", {id},
                                         "missing");
                                   })
        ->Text(0);
  };
  LrmxImportOptions keep;
  keep.existing = ExistingChoice::kKeep;
  EXPECT_EQ(Import({file}, keep)[0].outcome, LrmxOutcome::kKept);
  EXPECT_EQ(expertise(), "财政预算管理");

  LrmxImportOptions merge;
  merge.existing = ExistingChoice::kMerge;
  merge.merge_fields = {"expertise"};
  auto merged = Import({file}, merge);
  ASSERT_EQ(merged[0].outcome, LrmxOutcome::kMerged) << merged[0].message;
  EXPECT_EQ(expertise(), "国库集中支付");
  auto exported = ParseLrmx(service_->Export(officer_, id)->bytes);
  EXPECT_EQ(exported->Get("NiRenZhiWu"), "江华市财政局副局长");  // not taken

  merge.merge_fields = {"unit_id"};
  auto refused = Import({file}, merge);
  EXPECT_EQ(refused[0].outcome, LrmxOutcome::kError);
  EXPECT_EQ(refused[0].field, "fields");

  LrmxImportOptions replace;
  replace.existing = ExistingChoice::kReplace;
  auto replaced = Import({file}, replace);
  ASSERT_EQ(replaced[0].outcome, LrmxOutcome::kReplaced) << replaced[0].message;
  exported = ParseLrmx(service_->Export(officer_, id)->bytes);
  EXPECT_EQ(exported->Get("NiRenZhiWu"), "江华市审计局副局长");
  EXPECT_EQ(exported->Get("JianLi"), ParseLrmx(changed)->Get("JianLi"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM cadres"), 1);
}

TEST_P(LrmxServiceTest, AReplaceRewritesTheKeptTextsAndTheSearchKeys) {
  const std::string original = ReadData("zhang_jianhua.lrmx");
  auto first = Import({Data("zhang_jianhua.lrmx")});
  ASSERT_EQ(first[0].outcome, LrmxOutcome::kImported) << first[0].message;
  const cadre::CadreId id = *first[0].id;
  auto kept = [&] {
    auto rows = db().TransactValue<std::vector<cadre::KeptText>>(
        store::TxMode::kRead, [&](store::Transaction& tx) { return cadre::LoadKeptTexts(tx, id); });
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    return rows.ok() ? *rows : std::vector<cadre::KeptText>{};
  };
  auto search_keys = [&] {
    return db()
        .TransactValue<store::Row>(
            store::TxMode::kRead,
            [&](store::Transaction& tx) {
              return tx.QueryOne(
                  "SELECT name_sort_key, name_initials, id_number_index FROM cadres WHERE id = ?",
                  {id}, "missing");
            })
        .value();
  };
  auto found_by_id_number = [&] {
    return db()
        .TransactValue<std::optional<cadre::CadreId>>(store::TxMode::kRead,
                                                      [&](store::Transaction& tx) {
                                                        return cadre::FindByIdNumber(
                                                            tx, keyring_, "370102197503151235");
                                                      })
        .value();
  };
  // The new record's search keys were written with it.
  store::Row keys = search_keys();
  EXPECT_EQ(keys.Text(0), cadre::StrokeSortKey("张建华"));
  EXPECT_EQ(keys.Text(1), cadre::PinyinInitials("张建华"));
  EXPECT_FALSE(keys.IsNull(2));
  EXPECT_EQ(found_by_id_number(), id);

  // A kept element: the file's text differs from the generated one. The second file writes
  // the generated text there instead, and renames the person.
  const std::vector<cadre::KeptText> before = kept();
  const cadre::KeptText* chosen = nullptr;
  for (const cadre::KeptText& k : before) {
    if (original.find("<" + k.element + ">" + k.as_written + "</" + k.element + ">") !=
        std::string::npos) {
      chosen = &k;
      break;
    }
  }
  ASSERT_NE(chosen, nullptr) << "no kept text found verbatim in the file";
  const std::string element = chosen->element;
  const std::string generated = chosen->as_generated;
  ASSERT_NE(chosen->as_written, generated);
  ASSERT_EQ(generated.find_first_of("<>&"), std::string::npos);
  std::string changed = original;
  const std::string from = "<" + element + ">" + chosen->as_written + "</" + element + ">";
  changed.replace(changed.find(from), from.size(),
                  "<" + element + ">" + generated + "</" + element + ">");
  changed.replace(changed.find("<XingMing>张建华"), std::string("<XingMing>张建华").size(),
                  "<XingMing>欧阳建华");

  LrmxImportOptions replace;
  replace.existing = ExistingChoice::kReplace;
  auto replaced = Import({{"zhang-2.lrmx", changed, {}}}, replace);
  ASSERT_EQ(replaced[0].outcome, LrmxOutcome::kReplaced) << replaced[0].message;
  // The old text as written is gone: either nothing is kept for the element now, or what the
  // second file wrote.
  for (const cadre::KeptText& k : kept()) {
    if (k.element == element) {
      EXPECT_EQ(k.as_written, generated);
    }
  }
  auto exported = ParseLrmx(service_->Export(officer_, id)->bytes);
  ASSERT_TRUE(exported.ok());
  EXPECT_EQ(exported->Get(element), generated);
  EXPECT_EQ(exported->Get("XingMing"), "欧阳建华");
  // The search keys follow the new name in the same write; the ID number still finds the record.
  keys = search_keys();
  EXPECT_EQ(keys.Text(0), cadre::StrokeSortKey("欧阳建华"));
  EXPECT_EQ(keys.Text(1), cadre::PinyinInitials("欧阳建华"));
  EXPECT_FALSE(keys.IsNull(2));
  EXPECT_EQ(found_by_id_number(), id);

  // Importing the first file again puts its texts back.
  auto back = Import({Data("zhang_jianhua.lrmx")}, replace);
  ASSERT_EQ(back[0].outcome, LrmxOutcome::kReplaced) << back[0].message;
  EXPECT_EQ(kept(), before);
  EXPECT_EQ(search_keys().Text(1), cadre::PinyinInitials("张建华"));
}

TEST_P(LrmxServiceTest, ReadsLegacyLrmWithItsPhotoAndKeepsPendingFiles) {
  auto results =
      Import({{"sun_liping.lrm", ReadData("sun_liping.lrm"), ReadData("sun_liping.pic")}});
  ASSERT_EQ(results.size(), 1u);
  ASSERT_EQ(results[0].outcome, LrmxOutcome::kImported) << results[0].message << results[0].field;
  auto exported = ParseLrmx(service_->Export(officer_, *results[0].id)->bytes);
  ASSERT_TRUE(exported.ok());
  EXPECT_EQ(exported->Get("XingMing"), "孙立平");
  EXPECT_EQ(exported->Get("ZaiZhiJiaoYu_XueLi"), "研究生");
  EXPECT_EQ(exported->Get("QuanRiZhiJiaoYu_XueWei"), "工学学士");
  EXPECT_EQ(exported->photo, ReadData("sun_liping.pic"));
  ASSERT_EQ(exported->family.size(), 2u);
  EXPECT_EQ(exported->family[1].Get("XingMing"), "孙悦");

  const LrmxFile file = Data("zhang_jianhua.lrmx");
  ASSERT_TRUE(service_->SavePending(officer_, "batch1", file).ok());
  access::Actor other = officer_;
  other.username = "someone";
  EXPECT_EQ(service_->TakePending(other, "batch1", file.name).status().code(),
            base::StatusCode::kNotFound);
  auto taken = service_->TakePending(officer_, "batch1", file.name);
  ASSERT_TRUE(taken.ok()) << taken.status().ToString();
  EXPECT_EQ(taken->bytes, file.bytes);
  EXPECT_FALSE(service_->TakePending(officer_, "batch1", file.name).ok());
}

TEST_P(LrmxServiceTest, ExportNeedsClearanceAndImportNeedsWrite) {
  auto results = Import({Data("zhang_jianhua.lrmx")});
  ASSERT_EQ(results[0].outcome, LrmxOutcome::kImported);
  const access::Actor uncleared = xr::testing::MakeActor(
      "neibu", {"cadre.read", "cadre.export"}, {access::ScopeRule{}}, access::Clearance::kInternal);
  EXPECT_EQ(service_->Export(uncleared, *results[0].id).status().code(),
            base::StatusCode::kPermissionDenied);
  const access::Actor reader = xr::testing::MakeActor("reader", {"cadre.read"});
  EXPECT_EQ(service_->Export(reader, *results[0].id).status().code(),
            base::StatusCode::kPermissionDenied);
  LrmxImportOptions options;
  options.unit_code = "JH";
  EXPECT_EQ(service_->Import(reader, {}, options).status().code(),
            base::StatusCode::kPermissionDenied);
  EXPECT_EQ(service_->Export(officer_, cadre::CadreId(999999)).status().code(),
            base::StatusCode::kNotFound);
}

// A statement that fails after the file's first writes — a deferred one, which PostgreSQL sends
// with a later statement or with COMMIT — rolls back everything of that file, is reported for
// that file, and the files around it are imported. The failures are made by test triggers: on
// the LRMX extras (found by the audit entry's read of the log head) and on the audit entry
// itself (found by COMMIT).
TEST_P(LrmxServiceTest, AWriteFailingLateRollsBackItsWholeFileAndIsReportedForIt) {
  ASSERT_TRUE(db().Transact(store::TxMode::kWrite,
                            [](store::Transaction& tx) {
                              return tx.ExecuteScript(tx.dialect() == store::Dialect::kSqlite
                                                          ? R"sql(
CREATE TRIGGER refuse_extras BEFORE INSERT ON cadre_lrmx_extras WHEN NEW.version = 'REFUSE'
BEGIN SELECT RAISE(ABORT, 'refused by the test trigger'); END;
CREATE TRIGGER refuse_entry BEFORE INSERT ON audit_entries
WHEN NEW.details LIKE '%refuse-at-commit%'
BEGIN SELECT RAISE(ABORT, 'refused by the test trigger'); END;
)sql"
                                                          : R"sql(
CREATE FUNCTION refuse() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'refused by the test trigger' USING ERRCODE = 'check_violation'; END
$$ LANGUAGE plpgsql;
CREATE TRIGGER refuse_extras BEFORE INSERT ON cadre_lrmx_extras FOR EACH ROW
WHEN (NEW.version = 'REFUSE') EXECUTE FUNCTION refuse();
CREATE TRIGGER refuse_entry BEFORE INSERT ON audit_entries FOR EACH ROW
WHEN (NEW.details LIKE '%refuse-at-commit%') EXECUTE FUNCTION refuse();
)sql");
                            })
                  .ok());
  std::string refused_extras = ReadData("li_hongmei_crlf_bom.lrmx");
  refused_extras.replace(refused_extras.find("<Version>3.2.1.16</Version>"),
                         std::string("<Version>3.2.1.16</Version>").size(),
                         "<Version>REFUSE</Version>");
  struct Case {
    std::string what;
    LrmxFile refused;
  };
  const std::vector<Case> cases = {
      {"a deferred INSERT found by the next statement", {"li.lrmx", refused_extras, {}}},
      {"the deferred audit entry found by COMMIT",
       {"refuse-at-commit.lrmx", ReadData("li_hongmei_crlf_bom.lrmx"), {}}},
  };
  const std::vector<std::string> tables = {
      "cadre_education",      "cadre_resume",  "cadre_posts",      "cadre_ranks",
      "cadre_assessments",    "cadre_rewards", "cadre_trainings",  "cadre_text_bigrams",
      "cadre_relative_links", "cadre_changes", "cadre_kept_texts", "cadre_lrmx_extras",
      "cadre_photos"};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    // The good files differ per case only in their names; the second time they are on record.
    LrmxImportOptions options;
    options.existing = ExistingChoice::kReplace;
    auto results =
        Import({Data("zhang_jianhua.lrmx"), c.refused, Data("wang_zhigang_gbk.lrmx")}, options);
    ASSERT_EQ(results.size(), 3u);
    EXPECT_NE(results[0].outcome, LrmxOutcome::kError) << results[0].message;
    EXPECT_EQ(results[1].name, c.refused.name);
    EXPECT_EQ(results[1].outcome, LrmxOutcome::kError);
    EXPECT_NE(results[1].message.find("refused by the test trigger"), std::string::npos)
        << results[1].message;
    EXPECT_FALSE(results[1].id.has_value());
    EXPECT_NE(results[2].outcome, LrmxOutcome::kError) << results[2].message;
    // Nothing of the refused file is left: only the two good people have rows anywhere.
    EXPECT_EQ(Count("SELECT COUNT(*) FROM cadres"), 2);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM cadres WHERE name = '李红梅'"), 0);
    const std::string ids = "(" + std::to_string(results[0].id->value()) + ", " +
                            std::to_string(results[2].id->value()) + ")";
    for (const std::string& table : tables) {
      EXPECT_EQ(Count("SELECT COUNT(*) FROM " + table + " WHERE cadre_id NOT IN " + ids), 0)
          << table;
    }
    for (const std::string& entry : AuditDetails("cadre.import_lrmx")) {
      EXPECT_EQ(entry.find(c.refused.name), std::string::npos) << entry;
    }
  }
  EXPECT_EQ(xr::testing::RecordedObjects(db(), "cadre.import_lrmx").size(), 4u);
}

INSTANTIATE_TEST_SUITE_P(Engines, LrmxServiceTest, ::testing::ValuesIn(xr::testing::AllEngines()),
                         xr::testing::EngineName);

}  // namespace
}  // namespace xr::interchange
