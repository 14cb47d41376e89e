#include "cadre/search_keys.h"

#include <gtest/gtest.h>

#include <string>

#include "cadre/cadre_repository.h"
#include "cadre/cadre_service.h"
#include "cadre/name_keys.h"
#include "crypto/rotation.h"
#include "crypto/sealed.h"
#include "org/org_service.h"
#include "testing/access_fixtures.h"
#include "testing/test_database.h"

namespace xr::cadre {
namespace {

// Valid GB 11643 numbers (check characters computed by ISO 7064 MOD 11-2).
constexpr std::string_view kIdA = "11010519491231002X";
constexpr std::string_view kIdB = "440524188001010014";
constexpr std::string_view kIdC = "210203198203150021";

class SearchKeysTest : public xr::testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(xr::testing::SetUpAccess(db(), clock_).ok());
    org::OrgService org(db(), *audit_);
    auto unit = org.AddUnit(officer_, {std::nullopt, "JH", "江华市", "", org::UnitType::kGovernment,
                                       org::UnitLevel::kMunicipal, 0});
    ASSERT_TRUE(unit.ok()) << unit.status().ToString();
    unit_ = unit->id;
  }

  // A row as written before the search keys existed: no keys, the ID number only sealed.
  CadreId InsertBare(const std::string& name, std::optional<std::string_view> id_number = {}) {
    return db()
        .TransactValue<CadreId>(
            store::TxMode::kWrite,
            [&](store::Transaction& tx) -> base::Result<CadreId> {
              Cadre c;
              c.name = name;
              c.gender = "男";
              c.birth_month = *base::YearMonth::Parse("1975-03");
              c.ethnicity = "汉族";
              c.party = "中共党员";
              c.unit_id = unit_;
              c.post = "局长";
              c.rank = "一级调研员";
              c.managing_body = "市委管理";
              ASSIGN_OR_RETURN(CadreId id, CadreRepository(tx).Insert(c));
              if (id_number) {
                RETURN_IF_ERROR(StoreIdNumber(tx, keyring_, id, std::nullopt, *id_number));
              }
              return id;
            })
        .value();
  }

  base::Status Store(CadreId id, const std::string& name, std::optional<std::string> id_number,
                     const crypto::Keyring* keyring = nullptr) {
    return db().Transact(store::TxMode::kWrite, [&](store::Transaction& tx) {
      return StoreSearchKeys(tx, keyring ? *keyring : keyring_, id, name, id_number);
    });
  }

  // Looked up in a READ transaction: finding must never need to write.
  base::Result<std::optional<CadreId>> Find(std::string_view id_number,
                                            const crypto::Keyring* keyring = nullptr) {
    return db().TransactValue<std::optional<CadreId>>(
        store::TxMode::kRead, [&](store::Transaction& tx) {
          return FindByIdNumber(tx, keyring ? *keyring : keyring_, id_number);
        });
  }

  store::Row Keys(CadreId id) {
    return db()
        .TransactValue<store::Row>(store::TxMode::kRead,
                                   [&](store::Transaction& tx) {
                                     return tx.QueryOne(
                                         "SELECT name_sort_key, name_initials, id_number_index "
                                         "FROM cadres WHERE id = ?",
                                         {id}, "干部不存在");
                                   })
        .value();
  }

  base::FakeClock clock_{*base::Timestamp::Parse("2026-11-29T00:00:00Z")};
  std::unique_ptr<audit::AuditLog> audit_ = xr::testing::MakeAuditLog(clock_);
  access::Actor officer_ = xr::testing::MakeActor("ganbu", {"org.read", "org.write"});
  crypto::Keyring keyring_{crypto::RandomKey()};
  org::UnitId unit_;
};

TEST_P(SearchKeysTest, StoresNameKeysAndFindsByIdNumber) {
  const CadreId zeng = InsertBare("曾国藩");
  ASSERT_TRUE(Store(zeng, "曾国藩", std::string(kIdA)).ok());
  store::Row keys = Keys(zeng);
  EXPECT_EQ(keys.Text(0), StrokeSortKey("曾国藩"));
  EXPECT_EQ(keys.Text(1), "zgf");
  EXPECT_EQ(keys.Text(2).size(), 64u);  // hex of 32 bytes, never the number itself
  EXPECT_EQ(keys.Text(2).find(std::string(kIdA).substr(0, 6)), std::string::npos);

  EXPECT_EQ(Find(kIdA).value(), zeng);
  EXPECT_EQ(Find(kIdB).value(), std::nullopt);
  // Another installation (another master key, so another index key) finds nothing.
  crypto::Keyring other(crypto::RandomKey());
  EXPECT_FALSE(Find(kIdA, &other).ok());  // the stored index key does not unwrap

  // Renaming recomputes the name keys; clearing the number clears the index.
  ASSERT_TRUE(Store(zeng, "单雄信", std::nullopt).ok());
  EXPECT_EQ(Keys(zeng).Text(1), "sxx");
  EXPECT_TRUE(Keys(zeng).IsNull(2));
  EXPECT_EQ(Find(kIdA).value(), std::nullopt);
}

TEST_P(SearchKeysTest, FindsNothingBeforeAnyIndexKeyExistsWithoutWriting) {
  InsertBare("王建国");
  EXPECT_EQ(Find(kIdA).value(), std::nullopt);  // read transaction: no key was created
  auto keys = db().TransactValue<std::int64_t>(store::TxMode::kRead, [](store::Transaction& tx) {
    return tx.QueryInt("SELECT COUNT(*) FROM data_keys WHERE scope = 'index'");
  });
  EXPECT_EQ(keys.value(), 0);
}

TEST_P(SearchKeysTest, OneIdNumberBelongsToOneCadre) {
  const CadreId a = InsertBare("王建国");
  const CadreId b = InsertBare("李芳");
  ASSERT_TRUE(Store(a, "王建国", std::string(kIdB)).ok());
  base::Status duplicate = Store(b, "李芳", std::string(kIdB));
  EXPECT_EQ(duplicate.code(), base::StatusCode::kAlreadyExists);
  EXPECT_EQ(duplicate.field(), "id_number");
  EXPECT_TRUE(Keys(b).IsNull(0));  // the failed transaction stored nothing
  // Once the first cadre's number is corrected, the second may have it.
  ASSERT_TRUE(Store(a, "王建国", std::string(kIdC)).ok());
  ASSERT_TRUE(Store(b, "李芳", std::string(kIdB)).ok());
  EXPECT_EQ(Find(kIdB).value(), b);
  EXPECT_EQ(Find(kIdC).value(), a);
  EXPECT_EQ(Store(CadreId(9999), "无此人", std::nullopt).code(), base::StatusCode::kNotFound);
}

TEST_P(SearchKeysTest, BlindIndexSeparatesLabelsAndFollowsTheKeyCipher) {
  auto index = [&](const crypto::Keyring& keyring, std::string_view label, std::string_view text) {
    return db()
        .TransactValue<std::string>(store::TxMode::kWrite,
                                    [&](store::Transaction& tx) {
                                      return crypto::DataKeys(tx, keyring).BlindIndex(label, text);
                                    })
        .value();
  };
  const std::string first = index(keyring_, "cadres.id_number", kIdA);
  EXPECT_EQ(index(keyring_, "cadres.id_number", kIdA), first);  // deterministic
  EXPECT_NE(index(keyring_, "family.id_number", kIdA), first);  // labels separate uses
  EXPECT_NE(index(keyring_, "cadres.id_number", kIdB), first);
  // The label and the text are not simply concatenated: ("ab", "c") ≠ ("a", "bc").
  EXPECT_NE(index(keyring_, "ab", "c"), index(keyring_, "a", "bc"));

  // The index key takes the keyring's cipher when created: SM4 gives HMAC-SM3.
  auto sm4_db = xr::testing::CreateTestDatabase(engine());
  ASSERT_TRUE(sm4_db.ok());
  ASSERT_TRUE(xr::testing::SetUpAccess(**sm4_db, clock_).ok());
  crypto::Keyring sm4(crypto::RandomKey());
  sm4.set_new_key_cipher(crypto::Cipher::kSm4CtrHmacSm3);
  auto sm4_index = (*sm4_db)->TransactValue<std::string>(
      store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Result<std::string> {
        crypto::DataKeys keys(tx, sm4);
        ASSIGN_OR_RETURN(std::string value, keys.BlindIndex("cadres.id_number", kIdA));
        ASSIGN_OR_RETURN(std::int64_t key_id, keys.ActiveKeyId(crypto::kIndexKeyLabel));
        ASSIGN_OR_RETURN(crypto::Cipher cipher, keys.CipherOf(key_id));
        if (cipher != crypto::Cipher::kSm4CtrHmacSm3) return base::Internal("not an SM4 key");
        return value;
      });
  ASSERT_TRUE(sm4_index.ok()) << sm4_index.status().ToString();
  EXPECT_EQ(sm4_index->size(), 64u);
}

TEST_P(SearchKeysTest, IndexSurvivesMasterKeyRotationAndIsLeftOutOfDataKeyRotation) {
  const CadreId a = InsertBare("王建国", kIdA);  // sealed with the "none" key
  ASSERT_TRUE(Store(a, "王建国", std::string(kIdA)).ok());

  // Master-key rotation re-wraps the index key: same key, same indexes.
  const crypto::Key new_master = crypto::RandomKey();
  ASSERT_TRUE(
      db().Transact(store::TxMode::kWrite,
                    [&](store::Transaction& tx) {
                      return crypto::RewrapAll(tx, keyring_.Master().value(), new_master).status();
                    })
          .ok());
  crypto::Keyring rotated(new_master);
  EXPECT_EQ(Find(kIdA, &rotated).value(), a);

  // Rotating "every scope" replaces the "none" key but not the index key.
  auto report = crypto::RotateDataKeys(db(), rotated, clock_, {});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->started, 1);  // "none" only
  EXPECT_EQ(Find(kIdA, &rotated).value(), a);
  // Naming it is refused.
  crypto::DataKeyRotationOptions options;
  options.scopes = {"index"};
  auto refused = crypto::RotateDataKeys(db(), rotated, clock_, options);
  EXPECT_EQ(refused.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.status().field(), "scope");
}

TEST_P(SearchKeysTest, BackfillFillsRowsWrittenBeforeTheKeysExisted) {
  const CadreId a = InsertBare("曾国藩", kIdA);
  const CadreId b = InsertBare("欧阳修");
  const CadreId c = InsertBare("解缙", kIdB);
  const CadreId twin = InsertBare("解缙", kIdB);  // an old duplicate: the first keeps the number
  auto backfill = [&] {
    return db().TransactValue<std::int64_t>(store::TxMode::kWrite, [&](store::Transaction& tx) {
      return BackfillSearchKeys(tx, keyring_);
    });
  };
  // 4 rows get name keys; 2 get an ID index (the twin is skipped).
  EXPECT_EQ(backfill().value(), 6);
  EXPECT_EQ(Keys(a).Text(1), "zgf");
  EXPECT_EQ(Keys(b).Text(1), "oyx");
  EXPECT_TRUE(Keys(b).IsNull(2));
  EXPECT_EQ(Keys(c).Text(0), StrokeSortKey("解缙"));
  EXPECT_EQ(Find(kIdA).value(), a);
  EXPECT_EQ(Find(kIdB).value(), c);
  EXPECT_TRUE(Keys(twin).IsNull(2));
  EXPECT_EQ(backfill().value(), 0);  // nothing left to do

  // A sealed value that does not open (moved from another row) stops the backfill by name.
  ASSERT_TRUE(
      db().Transact(store::TxMode::kWrite,
                    [&](store::Transaction& tx) {
                      return tx
                          .Execute(
                              "UPDATE cadres SET id_number_sealed = (SELECT id_number_sealed "
                              "FROM cadres WHERE id = ?) WHERE id = ?",
                              {a, b})
                          .status();
                    })
          .ok());
  auto broken = backfill();
  EXPECT_EQ(broken.status().code(), base::StatusCode::kFailedPrecondition);
  EXPECT_NE(broken.status().message().find("id " + std::to_string(b.value())), std::string::npos);
}

TEST_P(SearchKeysTest, BackfillRecomputesSortKeysOfAnOlderFormat) {
  const CadreId zheng = InsertBare("郑国强");
  const CadreId zhao = InsertBare("赵一");
  const CadreId yi = InsertBare("一丁");
  auto backfill = [&] {
    return db().TransactValue<std::int64_t>(store::TxMode::kWrite, [&](store::Transaction& tx) {
      return BackfillSearchKeys(tx, keyring_);
    });
  };
  ASSERT_EQ(backfill().value(), 3);
  // Keys as the first format stored them (ICU's stroke key alone, in hex; 一's starts with "2"
  // like the current format does): 郑 after 赵 as ICU counts. 赵一's is current.
  const std::string old_zheng = "59854f116b1b0107010700";
  ASSERT_TRUE(db().Transact(store::TxMode::kWrite,
                            [&](store::Transaction& tx) {
                              RETURN_IF_ERROR(
                                  tx.Execute("UPDATE cadres SET name_sort_key = ? WHERE id = ?",
                                             {old_zheng, zheng})
                                      .status());
                              return tx
                                  .Execute("UPDATE cadres SET name_sort_key = ? WHERE id = ?",
                                           {std::string("29410105010500"), yi})
                                  .status();
                            })
                  .ok());
  EXPECT_EQ(backfill().value(), 2);
  EXPECT_EQ(Keys(zheng).Text(0), StrokeSortKey("郑国强"));
  EXPECT_EQ(Keys(yi).Text(0), StrokeSortKey("一丁"));
  EXPECT_EQ(Keys(zhao).Text(0), StrokeSortKey("赵一"));
  EXPECT_LT(Keys(zheng).Text(0), Keys(zhao).Text(0));  // 郑 8 strokes, 赵 9
  EXPECT_EQ(backfill().value(), 0);
}

INSTANTIATE_TEST_SUITE_P(Engines, SearchKeysTest, ::testing::ValuesIn(xr::testing::AllEngines()),
                         xr::testing::EngineName);

}  // namespace
}  // namespace xr::cadre
