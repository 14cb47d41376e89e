#include "cadre/dictionary_service.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/clock.h"
#include "testing/access_fixtures.h"
#include "testing/test_database.h"

namespace xr::cadre {
namespace {

TEST(DictionaryRulesTest, Codes) {
  struct Case {
    std::string code;
    bool ok;
  };
  for (const Case& c : std::vector<Case>{{"1", true},
                                         {"01", true},
                                         {"9A", true},
                                         {"abcdeABCDE", true},
                                         {"", false},
                                         {"abcdeABCDE1", false},
                                         {"0-1", false},
                                         {"1 ", false},
                                         {"一", false}}) {
    const base::Status status = ValidateDictCode(c.code);
    EXPECT_EQ(status.ok(), c.ok) << c.code;
    if (!c.ok) {
      EXPECT_EQ(status.code(), base::StatusCode::kInvalidArgument);
      EXPECT_EQ(status.field(), "code");
    }
  }
}

TEST(DictionaryRulesTest, Labels) {
  struct Case {
    std::string label;
    bool ok;
    std::string trimmed;
  };
  const std::string thirty = "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十";
  for (const Case& c : std::vector<Case>{{"良好", true, "良好"},
                                         {" 良好\t", true, "良好"},
                                         {"\u3000良好\u3000", true, "良好"},
                                         {"堂兄弟、堂姐妹", true, "堂兄弟、堂姐妹"},
                                         {thirty, true, thirty},
                                         {thirty + "一", false, ""},
                                         {"", false, ""},
                                         {" \u3000 ", false, ""},
                                         {"良\n好", false, ""}}) {
    const base::Status status = ValidateDictLabel(c.label);
    EXPECT_EQ(status.ok(), c.ok) << c.label;
    if (c.ok) {
      EXPECT_EQ(TrimLabel(c.label), c.trimmed);
    } else {
      EXPECT_EQ(status.field(), "label") << c.label;
    }
  }
}

TEST(DictionaryRulesTest, SortOrders) {
  EXPECT_TRUE(ValidateDictSortOrder(0).ok());
  EXPECT_TRUE(ValidateDictSortOrder(999999999).ok());
  EXPECT_EQ(ValidateDictSortOrder(-1).field(), "sort_order");
  EXPECT_EQ(ValidateDictSortOrder(1000000000).field(), "sort_order");
}

TEST(DictionaryRulesTest, KindsAreTheSevenCodedFields) {
  std::vector<std::string_view> kinds;
  for (const DictionaryKind& kind : DictionaryKinds()) kinds.push_back(kind.kind);
  EXPECT_EQ(kinds, (std::vector<std::string_view>{kDictGender, kDictEthnicity, kDictParty,
                                                  kDictEducationLevel, kDictDegree, kDictRelation,
                                                  kDictHealth}));
  ASSERT_TRUE(FindDictionaryKind("relation").has_value());
  EXPECT_EQ(FindDictionaryKind("relation")->name, "称谓");
  EXPECT_FALSE(FindDictionaryKind("rank").has_value());
}

class DictionaryServiceTest : public xr::testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(xr::testing::SetUpAccess(db(), clock_).ok());
    service_ = std::make_unique<DictionaryService>(db(), *audit_);
  }

  DictRow Item(std::string_view kind, std::string_view code) {
    auto row = db().TransactValue<DictRow>(store::TxMode::kRead, [&](store::Transaction& tx) {
      return DictionaryRepository(tx).Find(kind, code);
    });
    EXPECT_TRUE(row.ok()) << row.status().ToString();
    return row.ok() ? *row : DictRow{};
  }

  base::FakeClock clock_{*base::Timestamp::Parse("2026-11-29T00:00:00Z")};
  std::unique_ptr<audit::AuditLog> audit_ = xr::testing::MakeAuditLog(clock_);
  std::unique_ptr<DictionaryService> service_;
  access::Actor admin_ = xr::testing::MakeActor("admin", {"dict.manage"}, {});
  access::Actor reader_ = xr::testing::MakeActor("ganbu", {}, {});
};

TEST_P(DictionaryServiceTest, EverySignedInUserReads) {
  auto all = service_->List(reader_);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), 7u);
  EXPECT_EQ((*all)[0].kind.kind, kDictGender);
  EXPECT_EQ((*all)[0].items.size(), 4u);
  EXPECT_EQ((*all)[6].kind.kind, kDictHealth);
  EXPECT_EQ((*all)[6].items.front().item.label, "健康");
  for (const Dictionary& dictionary : *all) {
    EXPECT_FALSE(dictionary.items.empty()) << dictionary.kind.kind;
    for (const DictRow& row : dictionary.items) EXPECT_EQ(row.kind, dictionary.kind.kind);
  }

  auto party = service_->Get(reader_, "party");
  ASSERT_TRUE(party.ok());
  EXPECT_EQ(party->kind.name, "政治面貌");
  EXPECT_EQ(party->items.size(), 13u);
  EXPECT_EQ(party->items.back().item.label, "群众");

  auto unknown = service_->Get(reader_, "rank");
  EXPECT_EQ(unknown.status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(unknown.status().field(), "kind");
}

TEST_P(DictionaryServiceTest, ChangesNeedDictManage) {
  auto added = service_->AddItem(reader_, kDictHealth, {"7", "体弱", std::nullopt, true});
  EXPECT_EQ(added.status().code(), base::StatusCode::kPermissionDenied);
  auto updated = service_->UpdateItem(reader_, kDictHealth, "1", {std::nullopt, 9, std::nullopt});
  EXPECT_EQ(updated.status().code(), base::StatusCode::kPermissionDenied);
  EXPECT_EQ(Item(kDictHealth, "1").item.sort_order, 1);
  EXPECT_TRUE(xr::testing::RecordedObjects(db(), "dict.update").empty());
}

TEST_P(DictionaryServiceTest, AddsAnItemAfterTheLastAndRecordsIt) {
  auto added = service_->AddItem(admin_, kDictHealth, {"7", " 体弱 ", std::nullopt, true});
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(*added, (DictRow{"health", {"7", "体弱", 7, true}, false}));
  EXPECT_EQ(Item(kDictHealth, "7"), *added);
  EXPECT_EQ(xr::testing::RecordedObjects(db(), "dict.create"),
            (std::vector<std::string>{"dict_item:health/7"}));
  const std::vector<std::string> details = AuditDetails("dict.create");
  ASSERT_EQ(details.size(), 1u);
  EXPECT_NE(details[0].find("健康状况"), std::string::npos) << details[0];
  EXPECT_NE(details[0].find("体弱"), std::string::npos) << details[0];

  auto placed = service_->AddItem(admin_, kDictRelation, {"98", "干亲", 0, false});
  ASSERT_TRUE(placed.ok()) << placed.status().ToString();
  EXPECT_EQ(placed->item.sort_order, 0);
  EXPECT_FALSE(placed->item.enabled);
}

TEST_P(DictionaryServiceTest, RefusedAdditionsNameTheFieldAndRecordNothing) {
  struct Case {
    std::string kind;
    NewDictItem item;
    base::StatusCode code;
    std::string field;
  };
  for (const Case& c : std::vector<Case>{
           {"rank", {"1", "一级", std::nullopt, true}, base::StatusCode::kNotFound, "kind"},
           {"health", {"", "体弱", std::nullopt, true}, base::StatusCode::kInvalidArgument, "code"},
           {"health",
            {"7-1", "体弱", std::nullopt, true},
            base::StatusCode::kInvalidArgument,
            "code"},
           {"health", {"7", "", std::nullopt, true}, base::StatusCode::kInvalidArgument, "label"},
           {"health", {"7", "体弱", -5, true}, base::StatusCode::kInvalidArgument, "sort_order"},
           {"health", {"1", "体弱", std::nullopt, true}, base::StatusCode::kAlreadyExists, "code"},
           {"health", {"7", "良好", std::nullopt, true}, base::StatusCode::kAlreadyExists, "label"},
           {"gender", {"3", " 女 ", std::nullopt, true}, base::StatusCode::kAlreadyExists, "label"},
       }) {
    auto added = service_->AddItem(admin_, c.kind, c.item);
    EXPECT_EQ(added.status().code(), c.code) << c.kind << " " << c.item.code << " " << c.item.label;
    EXPECT_EQ(added.status().field(), c.field) << c.item.code << " " << c.item.label;
    EXPECT_FALSE(added.status().message().empty());
  }
  EXPECT_TRUE(xr::testing::RecordedObjects(db(), "dict.create").empty());
}

TEST_P(DictionaryServiceTest, BuiltInItemsKeepTheStandardsLabel) {
  auto relabelled =
      service_->UpdateItem(admin_, kDictGender, "1", {"男性", std::nullopt, std::nullopt});
  EXPECT_EQ(relabelled.status().code(), base::StatusCode::kFailedPrecondition);
  EXPECT_EQ(relabelled.status().field(), "label");
  EXPECT_NE(relabelled.status().message().find("GB/T 2261.1"), std::string::npos)
      << relabelled.status().message();
  EXPECT_EQ(Item(kDictGender, "1").item.label, "男");

  // The same label (after trimming) is no change of it; order and enabled may change.
  auto disabled = service_->UpdateItem(admin_, kDictGender, "0", {" 未知的性别", 9, false});
  ASSERT_TRUE(disabled.ok()) << disabled.status().ToString();
  EXPECT_EQ(*disabled, (DictRow{"gender", {"0", "未知的性别", 9, false}, true}));
  EXPECT_EQ(Item(kDictGender, "0"), *disabled);
  EXPECT_EQ(xr::testing::RecordedObjects(db(), "dict.update"),
            (std::vector<std::string>{"dict_item:gender/0"}));
  const std::string details = AuditDetails("dict.update").at(0);
  EXPECT_NE(details.find("3 → 9"), std::string::npos) << details;
  EXPECT_NE(details.find("启用 → 停用"), std::string::npos) << details;

  auto tables = db().TransactValue<CodeTables>(store::TxMode::kRead, LoadCodeTables);
  ASSERT_TRUE(tables.ok());
  EXPECT_FALSE(tables->ByLabel(kDictGender, "未知的性别").has_value());
  EXPECT_TRUE(tables->ByCode(kDictGender, "0").has_value());

  auto enabled = service_->UpdateItem(admin_, kDictGender, "0", {std::nullopt, std::nullopt, true});
  ASSERT_TRUE(enabled.ok());
  EXPECT_TRUE(enabled->item.enabled);
  EXPECT_EQ(xr::testing::RecordedObjects(db(), "dict.update").size(), 2u);
}

TEST_P(DictionaryServiceTest, LocalItemsMayBeRelabelled) {
  ASSERT_TRUE(service_->AddItem(admin_, kDictHealth, {"7", "体弱", std::nullopt, true}).ok());
  auto relabelled =
      service_->UpdateItem(admin_, kDictHealth, "7", {"较弱", std::nullopt, std::nullopt});
  ASSERT_TRUE(relabelled.ok()) << relabelled.status().ToString();
  EXPECT_EQ(relabelled->item.label, "较弱");
  EXPECT_NE(AuditDetails("dict.update").at(0).find("体弱 → 较弱"), std::string::npos);

  struct Case {
    std::string kind;
    std::string code;
    DictItemUpdate update;
    base::StatusCode status;
    std::string field;
  };
  for (const Case& c : std::vector<Case>{
           {"health",
            "7",
            {"良好", std::nullopt, std::nullopt},
            base::StatusCode::kAlreadyExists,
            "label"},
           {"health",
            "7",
            {"", std::nullopt, std::nullopt},
            base::StatusCode::kInvalidArgument,
            "label"},
           {"health",
            "7",
            {std::nullopt, -1, std::nullopt},
            base::StatusCode::kInvalidArgument,
            "sort_order"},
           {"health", "8", {std::nullopt, 1, std::nullopt}, base::StatusCode::kNotFound, "code"},
           {"rank", "1", {std::nullopt, 1, std::nullopt}, base::StatusCode::kNotFound, "kind"},
       }) {
    auto updated = service_->UpdateItem(admin_, c.kind, c.code, c.update);
    EXPECT_EQ(updated.status().code(), c.status) << c.kind << " " << c.code;
    EXPECT_EQ(updated.status().field(), c.field) << c.kind << " " << c.code;
  }
  EXPECT_EQ(Item(kDictHealth, "7").item.label, "较弱");
  EXPECT_EQ(xr::testing::RecordedObjects(db(), "dict.update").size(), 1u);
}

TEST_P(DictionaryServiceTest, AnEditThatChangesNothingWritesNothing) {
  auto same = service_->UpdateItem(admin_, kDictParty, "13", {"群众", 13, true});
  ASSERT_TRUE(same.ok()) << same.status().ToString();
  EXPECT_EQ(*same, (DictRow{"party", {"13", "群众", 13, true}, true}));
  auto empty = service_->UpdateItem(admin_, kDictParty, "13", {});
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(xr::testing::RecordedObjects(db(), "dict.update").empty());
}

INSTANTIATE_TEST_SUITE_P(Engines, DictionaryServiceTest,
                         ::testing::ValuesIn(xr::testing::AllEngines()), xr::testing::EngineName);

}  // namespace
}  // namespace xr::cadre
