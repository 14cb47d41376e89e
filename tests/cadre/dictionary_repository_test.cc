#include "cadre/dictionary_repository.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "access/role_repository.h"
#include "base/clock.h"
#include "testing/access_fixtures.h"
#include "testing/test_database.h"

namespace xr::cadre {
namespace {

class DictionaryRepositoryTest : public xr::testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(xr::testing::SetUpAccess(db(), clock_).ok());
  }

  CodeTables Tables() {
    auto tables = db().TransactValue<CodeTables>(store::TxMode::kRead, LoadCodeTables);
    EXPECT_TRUE(tables.ok()) << tables.status().ToString();
    return tables.ok() ? *tables : CodeTables();
  }

  base::Status Write(const std::function<base::Status(DictionaryRepository&)>& work) {
    return db().Transact(store::TxMode::kWrite, [&](store::Transaction& tx) {
      DictionaryRepository repository(tx);
      return work(repository);
    });
  }

  base::FakeClock clock_{*base::Timestamp::Parse("2026-11-29T00:00:00Z")};
};

TEST_P(DictionaryRepositoryTest, SeedsEveryNationalTable) {
  const CodeTables tables = Tables();
  struct Case {
    std::string_view kind;
    size_t count;
  };
  // gender 0/1/2/9; 56 groups; 13 statuses; 34 学历 codes; 3 levels + 名誉博士 + 16 professional
  // degrees + 13 disciplines × 3 levels; 67 称谓; 6 health codes.
  for (const Case& c : std::vector<Case>{{kDictGender, 4},
                                         {kDictEthnicity, 56},
                                         {kDictParty, 13},
                                         {kDictEducationLevel, 34},
                                         {kDictDegree, 59},
                                         {kDictRelation, 67},
                                         {kDictHealth, 6}}) {
    EXPECT_EQ(tables.Items(c.kind).size(), c.count) << c.kind;
  }
  EXPECT_TRUE(tables.Items("unknown").empty());
}

TEST_P(DictionaryRepositoryTest, LabelsAsOnTheFormCarryTheNationalCode) {
  const CodeTables tables = Tables();
  struct Case {
    std::string_view kind;
    std::string_view label;
    std::string_view code;
  };
  for (const Case& c : std::vector<Case>{
           {kDictGender, "男", "1"},
           {kDictGender, "女", "2"},
           {kDictGender, "未说明的性别", "9"},
           {kDictEthnicity, "汉族", "01"},
           {kDictEthnicity, "柯尔克孜族", "29"},
           {kDictEthnicity, "基诺族", "56"},
           {kDictParty, "中共党员", "01"},
           {kDictParty, "九三学社社员", "10"},
           {kDictParty, "群众", "13"},
           {kDictEducationLevel, "研究生", "10"},
           {kDictEducationLevel, "博士研究生", "11"},
           {kDictEducationLevel, "硕士研究生", "14"},
           {kDictEducationLevel, "大学", "21"},
           {kDictEducationLevel, "大专", "31"},
           {kDictEducationLevel, "中专", "41"},
           {kDictEducationLevel, "高中", "61"},
           {kDictEducationLevel, "初中", "71"},
           {kDictDegree, "博士", "200"},
           {kDictDegree, "哲学博士", "201"},
           {kDictDegree, "经济学博士", "202"},
           {kDictDegree, "工学硕士", "308"},
           {kDictDegree, "公共管理硕士", "349"},
           {kDictDegree, "法学学士", "403"},
           {kDictDegree, "管理学学士", "412"},
           {kDictDegree, "艺术学学士", "413"},
           {kDictRelation, "丈夫", "11"},
           {kDictRelation, "妻子", "12"},
           {kDictRelation, "儿子", "20"},
           {kDictRelation, "女儿", "30"},
           {kDictRelation, "女婿", "28"},
           {kDictRelation, "儿媳", "38"},
           {kDictRelation, "父亲", "51"},
           {kDictRelation, "岳母", "56"},
           {kDictRelation, "哥哥", "71"},
           {kDictRelation, "妹妹", "77"},
           {kDictRelation, "孙女", "42"},
           {kDictHealth, "健康", "1"},
           {kDictHealth, "良好", "11"},
           {kDictHealth, "一般", "2"},
           {kDictHealth, "较差", "21"},
       }) {
    auto by_label = tables.ByLabel(c.kind, c.label);
    ASSERT_TRUE(by_label.has_value()) << c.kind << " " << c.label;
    EXPECT_EQ(by_label->code, c.code) << c.kind << " " << c.label;
    auto by_code = tables.ByCode(c.kind, c.code);
    ASSERT_TRUE(by_code.has_value()) << c.kind << " " << c.code;
    EXPECT_EQ(by_code->label, c.label);
    EXPECT_TRUE(by_code->enabled);
  }
  EXPECT_FALSE(tables.ByLabel(kDictGender, "男性").has_value());
  EXPECT_FALSE(tables.ByLabel(kDictEthnicity, "男").has_value());  // the kind matters
  EXPECT_FALSE(tables.ByCode(kDictParty, "1").has_value());        // codes are text: "01"
}

TEST_P(DictionaryRepositoryTest, ItemsComeInSortOrder) {
  const CodeTables tables = Tables();
  std::vector<std::string> gender, health;
  for (const DictItem& item : tables.Items(kDictGender)) gender.push_back(item.label);
  for (const DictItem& item : tables.Items(kDictHealth)) health.push_back(item.label);
  EXPECT_EQ(gender, (std::vector<std::string>{"男", "女", "未知的性别", "未说明的性别"}));
  EXPECT_EQ(health, (std::vector<std::string>{"健康", "良好", "一般", "较差", "有慢性病", "残疾"}));
  const std::vector<DictItem>& ethnicities = tables.Items(kDictEthnicity);
  ASSERT_EQ(ethnicities.size(), 56u);
  EXPECT_EQ(ethnicities.front().label, "汉族");
  EXPECT_EQ(ethnicities[1].label, "蒙古族");
  EXPECT_EQ(ethnicities.back().label, "基诺族");
  const std::vector<DictItem>& degrees = tables.Items(kDictDegree);
  EXPECT_EQ(degrees.front().label, "名誉博士");
  EXPECT_EQ(degrees.back().label, "建筑学学士");
}

TEST_P(DictionaryRepositoryTest, TheSystemAdministratorManagesDictionaries) {
  auto roles = db().TransactValue<std::vector<access::Role>>(
      store::TxMode::kRead,
      [](store::Transaction& tx) { return access::RoleRepository(tx).List(); });
  ASSERT_TRUE(roles.ok()) << roles.status().ToString();
  for (const access::Role& role : *roles) {
    const bool holds = std::find(role.permissions.begin(), role.permissions.end(), "dict.manage") !=
                       role.permissions.end();
    EXPECT_EQ(holds, role.name == "sysadmin") << role.name;
    if (role.name == "sysadmin") {
      EXPECT_EQ(role.permissions,
                (std::vector<std::string>{"user.manage", "org.read", "org.write", "dict.manage"}));
    }
  }
}

TEST_P(DictionaryRepositoryTest, InsertsAndUpdatesLocalItems) {
  ASSERT_TRUE(Write([](DictionaryRepository& r) -> base::Status {
                ASSIGN_OR_RETURN(std::int64_t next, r.NextSortOrder(kDictHealth));
                EXPECT_EQ(next, 7);
                return r.Insert(kDictHealth, {"7", "体弱", next, true});
              }).ok());
  auto row = db().TransactValue<DictRow>(store::TxMode::kRead, [](store::Transaction& tx) {
    return DictionaryRepository(tx).Find(kDictHealth, "7");
  });
  ASSERT_TRUE(row.ok()) << row.status().ToString();
  EXPECT_EQ(*row, (DictRow{"health", {"7", "体弱", 7, true}, false}));

  ASSERT_TRUE(Write([](DictionaryRepository& r) {
                return r.Update(kDictHealth, {"7", "较弱", 3, false});
              }).ok());
  const CodeTables tables = Tables();
  EXPECT_FALSE(tables.ByLabel(kDictHealth, "较弱").has_value());  // disabled: refused on input
  ASSERT_TRUE(tables.ByCode(kDictHealth, "7").has_value());       // still readable
  EXPECT_EQ(tables.ByCode(kDictHealth, "7")->label, "较弱");
  EXPECT_FALSE(tables.ByCode(kDictHealth, "7")->enabled);
  EXPECT_EQ(tables.Items(kDictHealth).size(), 7u);

  auto seeded = db().TransactValue<DictRow>(store::TxMode::kRead, [](store::Transaction& tx) {
    return DictionaryRepository(tx).Find(kDictHealth, "1");
  });
  ASSERT_TRUE(seeded.ok());
  EXPECT_TRUE(seeded->builtin);
}

TEST_P(DictionaryRepositoryTest, RefusesDuplicatesWithinAKindOnly) {
  struct Case {
    std::string_view kind;
    DictItem item;
    base::StatusCode code;
    std::string field;
  };
  for (const Case& c : std::vector<Case>{
           {kDictGender, {"1", "男子", 9, true}, base::StatusCode::kAlreadyExists, "code"},
           {kDictGender, {"5", "男", 9, true}, base::StatusCode::kAlreadyExists, "label"},
           {kDictEthnicity, {"97", "其他", 97, true}, base::StatusCode::kOk, ""},
           // 其他 is also a 学历 (90): labels are unique per kind only.
           {kDictEducationLevel,
            {"91", "其他", 91, true},
            base::StatusCode::kAlreadyExists,
            "label"},
       }) {
    const base::Status status =
        Write([&](DictionaryRepository& r) { return r.Insert(c.kind, c.item); });
    EXPECT_EQ(status.code(), c.code) << c.kind << " " << c.item.label << " " << status.ToString();
    EXPECT_EQ(status.field(), c.field) << c.item.label;
  }
  const base::Status taken = Write([](DictionaryRepository& r) {
    return r.Update(kDictGender, {"9", "女", 4, true});
  });
  EXPECT_EQ(taken.code(), base::StatusCode::kAlreadyExists);
  EXPECT_EQ(taken.field(), "label");
  const base::Status missing = Write([](DictionaryRepository& r) {
    return r.Update(kDictGender, {"7", "其他", 4, true});
  });
  EXPECT_EQ(missing.code(), base::StatusCode::kNotFound);
  EXPECT_EQ(missing.field(), "code");
  // Relabelling an item to its own label is no conflict.
  EXPECT_TRUE(Write([](DictionaryRepository& r) {
                return r.Update(kDictGender, {"9", "未说明的性别", 8, true});
              }).ok());
}

INSTANTIATE_TEST_SUITE_P(Engines, DictionaryRepositoryTest,
                         ::testing::ValuesIn(xr::testing::AllEngines()), xr::testing::EngineName);

}  // namespace
}  // namespace xr::cadre
