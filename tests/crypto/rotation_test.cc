#include "crypto/rotation.h"

#include <gtest/gtest.h>

#include <map>

#include "access/access_schema.h"
#include "access/role_schema.h"
#include "base/clock.h"
#include "cadre/cadre_schema.h"
#include "crypto/crypto_schema.h"
#include "crypto/sealed_columns.h"
#include "org/org_schema.h"
#include "store/migrate.h"
#include "testing/test_database.h"

namespace xr::crypto {
namespace {

// A stored sealed value: where it is and what it must open to.
struct Stored {
  std::string table;
  std::string column;
  std::int64_t id = 0;
  std::string scope;
  std::string plaintext;
};

class RotationTest : public xr::testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(store::Migrate(
                    db(),
                    store::InVersionOrder({access::Migrations(), access::RoleMigrations(),
                                           org::Migrations(), cadre::Migrations(), Migrations()}),
                    clock_)
                    .ok());
    ASSERT_TRUE(
        db().Transact(store::TxMode::kWrite,
                      [&](store::Transaction& tx) -> base::Status {
                        for (int i = 1; i <= 2; ++i) {
                          ASSIGN_OR_RETURN(
                              units_[i],
                              tx.QueryInt(
                                  "INSERT INTO units (code, name, short_name, type, level, "
                                  "path, sort_key) VALUES (?, ?, ?, '党委', '市级', ?, ?) "
                                  "RETURNING id",
                                  {"U" + std::to_string(i), "组织部" + std::to_string(i), "组织部",
                                   "/" + std::to_string(i) + "/", std::to_string(i)}));
                        }
                        return base::Status::Ok();
                      })
            .ok());
  }

  // `count` cadres managed by unit 1, unit 2 and outside the tree in turn, each with a sealed
  // 公民身份号码, and `users` accounts with a sealed TOTP secret (scope "system").
  void AddValues(int count, int users) {
    ASSERT_TRUE(
        db().Transact(store::TxMode::kWrite,
                      [&](store::Transaction& tx) -> base::Status {
                        DataKeys keys(tx, keyring_);
                        for (int i = 0; i < count; ++i) {
                          std::optional<std::int64_t> managing;
                          if (i % 3 != 2) managing = units_[1 + i % 3];
                          ASSIGN_OR_RETURN(
                              std::int64_t id,
                              tx.QueryInt(
                                  "INSERT INTO cadres (name, gender, birth_month, ethnicity, "
                                  "party, unit_id, post, rank, managing_body, "
                                  "managing_unit_id) VALUES (?, '男', '1975-03', '汉族', "
                                  "'中共党员', ?, '局长', '正处级', '市委管理', ?) RETURNING id",
                                  {"干部" + std::to_string(i), units_[1], managing}));
                          RETURN_IF_ERROR(Put(tx, keys, "cadres", "id_number_sealed", id,
                                              ScopeForManagingUnit(managing),
                                              "1101051975031" + std::to_string(10000 + i)));
                        }
                        for (int i = 0; i < users; ++i) {
                          ASSIGN_OR_RETURN(std::int64_t id,
                                           tx.QueryInt("INSERT INTO users (username, display_name, "
                                                       "password_hash, created_at) VALUES (?, ?, "
                                                       "'x', ?) RETURNING id",
                                                       {"user" + std::to_string(stored_.size()),
                                                        "用户", clock_.Now()}));
                          RETURN_IF_ERROR(Put(tx, keys, "users", "totp_secret", id,
                                              std::string(kSystemScope),
                                              "JBSWY3DPEHPK3PX" + std::to_string(i % 10)));
                        }
                        return base::Status::Ok();
                      })
            .ok());
  }

  base::Status Put(store::Transaction& tx, DataKeys& keys, std::string table, std::string column,
                   std::int64_t id, std::string scope, std::string plaintext) {
    ASSIGN_OR_RETURN(std::string sealed,
                     keys.Seal(scope, FieldContext(table, column, id), plaintext));
    RETURN_IF_ERROR(
        tx.Execute("UPDATE " + table + " SET " + column + " = ? WHERE id = ?", {sealed, id})
            .status());
    stored_.push_back({table, column, id, scope, plaintext});
    return base::Status::Ok();
  }

  std::string Raw(const Stored& s) {
    return db()
        .TransactValue<std::string>(store::TxMode::kRead,
                                    [&](store::Transaction& tx) -> base::Result<std::string> {
                                      ASSIGN_OR_RETURN(store::Row row,
                                                       tx.QueryOne("SELECT " + s.column + " FROM " +
                                                                       s.table + " WHERE id = ?",
                                                                   {s.id}, "no row"));
                                      return row.Text(0);
                                    })
        .value();
  }

  base::Result<std::string> OpenStored(const Stored& s) {
    return db().TransactValue<std::string>(store::TxMode::kRead, [&](store::Transaction& tx) {
      return DataKeys(tx, keyring_).Open(FieldContext(s.table, s.column, s.id), Raw(s));
    });
  }

  // scope → id of its active key.
  std::map<std::string, std::int64_t> ActiveKeys() {
    std::map<std::string, std::int64_t> out;
    auto rows = db().TransactValue<store::Rows>(store::TxMode::kRead, [](store::Transaction& tx) {
      return tx.Query("SELECT scope, id FROM data_keys");
    });
    for (const store::Row& row : rows.value()) out[row.Text(0)] = row.Int(1);
    return out;
  }

  std::int64_t SealedWith(std::int64_t key_id) {
    return db()
        .TransactValue<std::int64_t>(
            store::TxMode::kRead,
            [&](store::Transaction& tx) { return CountSealedWith(tx, key_id); })
        .value();
  }

  std::int64_t OpenRotations() {
    return db()
        .TransactValue<std::int64_t>(store::TxMode::kRead,
                                     [](store::Transaction& tx) {
                                       return tx.QueryInt(
                                           "SELECT COUNT(*) FROM key_rotations "
                                           "WHERE finished_at IS NULL");
                                     })
        .value();
  }

  // Every stored value opens to what was sealed.
  void ExpectAllOpen() {
    for (const Stored& s : stored_) {
      auto opened = OpenStored(s);
      ASSERT_TRUE(opened.ok()) << s.table << " " << s.id << ": " << opened.status().ToString();
      EXPECT_EQ(*opened, s.plaintext) << s.table << " " << s.id;
    }
  }

  base::FakeClock clock_{*base::Timestamp::Parse("2026-11-27T09:00:00Z")};
  Keyring keyring_{RandomKey()};
  std::map<int, std::int64_t> units_;
  std::vector<Stored> stored_;
};

TEST_P(RotationTest, ReencryptsEveryValueInSmallBatchesAndRetiresTheOldKeys) {
  AddValues(60, 5);
  const std::map<std::string, std::int64_t> before = ActiveKeys();
  ASSERT_EQ(before.size(), 4u);  // unit:<1>, unit:<2>, none, system

  std::vector<RotationProgress> progress;
  std::vector<RotationEvent> events;
  DataKeyRotationOptions options;
  options.batch_size = 7;
  options.cipher = Cipher::kSm4CtrHmacSm3;  // moves every scope from XChaCha20 to SM4
  DataKeyRotationHooks hooks;
  hooks.progress = [&](const RotationProgress& p) { progress.push_back(p); };
  hooks.record = [&](store::Transaction&, const RotationEvent& e) {
    events.push_back(e);
    return base::Status::Ok();
  };
  auto report = RotateDataKeys(db(), keyring_, clock_, options, hooks);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->resumed, 0);
  EXPECT_EQ(report->started, 4);
  EXPECT_EQ(report->finished, 4);
  EXPECT_EQ(report->reencrypted, 65);
  EXPECT_FALSE(report->stopped);

  // Progress counts up to the total, batch by batch (never more than 7 values at a time).
  ASSERT_FALSE(progress.empty());
  std::int64_t last = 0;
  for (const RotationProgress& p : progress) {
    EXPECT_EQ(p.total, 65);
    EXPECT_GE(p.done, last);
    EXPECT_LE(p.done - last, 7);
    last = p.done;
  }
  EXPECT_EQ(last, 65);
  EXPECT_GE(progress.size(), 65u / 7);

  // One start and one finish entry per scope.
  std::map<std::string, std::int64_t> started, finished;
  for (const RotationEvent& e : events) {
    (e.kind == RotationEvent::Kind::kStart ? started : finished)[e.scope] = e.values;
    EXPECT_EQ(e.old_key_id, before.at(e.scope));
    EXPECT_EQ(e.cipher, Cipher::kSm4CtrHmacSm3);
  }
  EXPECT_EQ(events.size(), 8u);
  EXPECT_EQ(started, finished);
  EXPECT_EQ(finished[std::string(kSystemScope)], 5);

  const std::map<std::string, std::int64_t> after = ActiveKeys();
  ASSERT_EQ(after.size(), 4u);  // the old keys are gone, not just relabelled
  for (const auto& [scope, old_id] : before) {
    ASSERT_TRUE(after.contains(scope)) << scope;
    EXPECT_NE(after.at(scope), old_id) << scope;
    EXPECT_EQ(SealedWith(old_id), 0) << scope;
  }
  for (const Stored& s : stored_) {
    const std::string raw = Raw(s);
    EXPECT_EQ(SealedKeyId(raw).value(), after.at(s.scope)) << s.table << " " << s.id;
    EXPECT_EQ(SealedCipher(raw).value(), Cipher::kSm4CtrHmacSm3);
  }
  ExpectAllOpen();
  EXPECT_EQ(OpenRotations(), 0);

  // A rotated value moved to another row, or changed, still fails to open.
  const Stored& first = stored_[0];
  const Stored& second = stored_[3];  // same scope (unit 1)
  ASSERT_TRUE(db().Transact(store::TxMode::kWrite,
                            [&](store::Transaction& tx) {
                              return tx
                                  .Execute("UPDATE cadres SET id_number_sealed = ? WHERE id = ?",
                                           {Raw(first), second.id})
                                  .status();
                            })
                  .ok());
  EXPECT_EQ(OpenStored(second).status().code(), base::StatusCode::kFailedPrecondition);
  std::string tampered = Raw(first);
  tampered[10] = tampered[10] == 'A' ? 'B' : 'A';
  auto opened = db().TransactValue<std::string>(store::TxMode::kRead, [&](store::Transaction& tx) {
    return DataKeys(tx, keyring_)
        .Open(FieldContext("cadres", "id_number_sealed", first.id), tampered);
  });
  EXPECT_EQ(opened.status().code(), base::StatusCode::kFailedPrecondition);
}

TEST_P(RotationTest, ResumesAfterAnInterruptionAndNewWritesUseTheNewKey) {
  AddValues(0, 50);  // 50 values in one scope
  const std::int64_t old_key = ActiveKeys().at(std::string(kSystemScope));
  DataKeyRotationOptions options;
  options.scopes = {std::string(kSystemScope)};
  options.batch_size = 4;
  options.stop_after_batches = 3;  // "killed" after three committed batches
  auto first = RotateDataKeys(db(), keyring_, clock_, options);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_TRUE(first->stopped);
  EXPECT_EQ(first->started, 1);
  EXPECT_EQ(first->reencrypted, 12);
  EXPECT_EQ(OpenRotations(), 1);
  const std::int64_t new_key = ActiveKeys().at(std::string(kSystemScope));
  EXPECT_NE(new_key, old_key);
  EXPECT_EQ(SealedWith(old_key), 38);
  EXPECT_EQ(SealedWith(new_key), 12);
  ExpectAllOpen();  // half-way, values under both keys open

  // A write during the rotation seals with the new key (here: a value not re-encrypted yet).
  const std::int64_t last_user = stored_.back().id;
  stored_.pop_back();
  ASSERT_TRUE(db().Transact(store::TxMode::kWrite,
                            [&](store::Transaction& tx) {
                              DataKeys keys(tx, keyring_);
                              return Put(tx, keys, "users", "totp_secret", last_user,
                                         std::string(kSystemScope), "NEWSECRETNEWSECR");
                            })
                  .ok());
  EXPECT_EQ(SealedKeyId(Raw(stored_.back())).value(), new_key);

  // Killed again right after resuming, before any batch: nothing is lost either.
  options.stop_after_batches = 0;
  auto second = RotateDataKeys(db(), keyring_, clock_, options);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->resumed, 1);
  EXPECT_EQ(second->started, 0);

  // Running the same command again finishes the interrupted rotation, and starts no other.
  options.stop_after_batches.reset();
  std::vector<RotationProgress> progress;
  auto third = RotateDataKeys(db(), keyring_, clock_, options,
                              {[&](const RotationProgress& p) { progress.push_back(p); }, {}});
  ASSERT_TRUE(third.ok()) << third.status().ToString();
  EXPECT_EQ(third->resumed, 1);
  EXPECT_EQ(third->started, 0);
  EXPECT_EQ(third->finished, 1);
  EXPECT_EQ(third->reencrypted, 37);  // 38 left, one of them replaced by the new write
  ASSERT_FALSE(progress.empty());
  EXPECT_EQ(progress.front().done, 12 + 4);  // continues the count from the stored progress
  EXPECT_EQ(progress.back().done, progress.back().total);
  EXPECT_EQ(ActiveKeys().at(std::string(kSystemScope)), new_key);
  EXPECT_EQ(ActiveKeys().size(), 1u);
  EXPECT_EQ(SealedWith(old_key), 0);
  EXPECT_EQ(OpenRotations(), 0);
  ExpectAllOpen();
}

TEST_P(RotationTest, AValueThatDoesNotOpenStopsTheRotationBeforeIt) {
  AddValues(6, 0);  // unit 1: cadres 0 and 3
  const Stored& moved_to = stored_[3];
  ASSERT_TRUE(db().Transact(store::TxMode::kWrite,
                            [&](store::Transaction& tx) {
                              return tx
                                  .Execute("UPDATE cadres SET id_number_sealed = ? WHERE id = ?",
                                           {Raw(stored_[0]), moved_to.id})
                                  .status();
                            })
                  .ok());
  DataKeyRotationOptions options;
  options.scopes = {ScopeForManagingUnit(units_[1])};
  options.batch_size = 1;
  auto report = RotateDataKeys(db(), keyring_, clock_, options);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), base::StatusCode::kFailedPrecondition);
  EXPECT_NE(report.status().message().find("cadres.id_number_sealed（id " +
                                           std::to_string(moved_to.id) + "）"),
            std::string::npos)
      << report.status().message();
  EXPECT_EQ(OpenRotations(), 1);  // stays unfinished; the old key is kept
  EXPECT_EQ(OpenStored(stored_[0]).value(), stored_[0].plaintext);
}

TEST_P(RotationTest, RefusesBadOptionsWithoutChangingAnything) {
  AddValues(3, 1);
  const auto before = ActiveKeys();
  struct Case {
    std::string name;
    DataKeyRotationOptions options;
    base::StatusCode code;
    std::string field;
  };
  DataKeyRotationOptions zero_batch, huge_batch, unknown_scope, retiring_label;
  zero_batch.batch_size = 0;
  huge_batch.batch_size = 100001;
  unknown_scope.scopes = {"system", "unit:999999"};
  retiring_label.scopes = {"system#retiring"};
  for (const Case& c : std::vector<Case>{
           {"zero batch", zero_batch, base::StatusCode::kInvalidArgument, "batch"},
           {"huge batch", huge_batch, base::StatusCode::kInvalidArgument, "batch"},
           {"unknown scope", unknown_scope, base::StatusCode::kNotFound, "scope"},
           {"a retiring label", retiring_label, base::StatusCode::kNotFound, "scope"}}) {
    auto report = RotateDataKeys(db(), keyring_, clock_, c.options);
    ASSERT_FALSE(report.ok()) << c.name;
    EXPECT_EQ(report.status().code(), c.code) << c.name;
    EXPECT_EQ(report.status().field(), c.field) << c.name;
  }
  EXPECT_EQ(ActiveKeys(), before);
  EXPECT_EQ(OpenRotations(), 0);
  ExpectAllOpen();

  // A scope named twice is rotated once.
  DataKeyRotationOptions twice;
  twice.scopes = {"system", "system"};
  auto rotated = RotateDataKeys(db(), keyring_, clock_, twice);
  ASSERT_TRUE(rotated.ok()) << rotated.status().ToString();
  EXPECT_EQ(rotated->started, 1);
  EXPECT_EQ(rotated->reencrypted, 1);
  ExpectAllOpen();
  const auto after_twice = ActiveKeys();

  // Another master key cannot start a rotation (the old key does not unwrap), and changes nothing.
  Keyring other(RandomKey());
  EXPECT_EQ(RotateDataKeys(db(), other, clock_, {}).status().code(),
            base::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ActiveKeys(), after_twice);
  EXPECT_EQ(OpenRotations(), 0);
}

TEST_P(RotationTest, NewKeysFollowTheConfiguredCipherAndOldOnesKeepTheirs) {
  AddValues(1, 0);  // unit 1: XChaCha20
  keyring_.set_new_key_cipher(Cipher::kSm4CtrHmacSm3);
  AddValues(2, 0);  // unit 1 again (existing key) and unit 2 (new key: SM4)
  EXPECT_EQ(SealedCipher(Raw(stored_[0])).value(), Cipher::kXChaCha20Poly1305);
  EXPECT_EQ(SealedCipher(Raw(stored_[1])).value(), Cipher::kXChaCha20Poly1305);
  EXPECT_EQ(SealedCipher(Raw(stored_[2])).value(), Cipher::kSm4CtrHmacSm3);
  ExpectAllOpen();
  // A value whose marker claims the other cipher of its key does not open.
  const std::string raw = Raw(stored_[2]);
  auto opened = db().TransactValue<std::string>(store::TxMode::kRead, [&](store::Transaction& tx) {
    return DataKeys(tx, keyring_)
        .Open(FieldContext("cadres", "id_number_sealed", stored_[2].id), "v1" + raw.substr(2));
  });
  EXPECT_EQ(opened.status().code(), base::StatusCode::kFailedPrecondition);

  // Rotation with the keyring's cipher moves unit 1 to SM4 too; and back to XChaCha20 on request.
  DataKeyRotationOptions options;
  options.scopes = {ScopeForManagingUnit(units_[1])};
  ASSERT_TRUE(RotateDataKeys(db(), keyring_, clock_, options).ok());
  EXPECT_EQ(SealedCipher(Raw(stored_[0])).value(), Cipher::kSm4CtrHmacSm3);
  options.cipher = Cipher::kXChaCha20Poly1305;
  ASSERT_TRUE(RotateDataKeys(db(), keyring_, clock_, options).ok());
  EXPECT_EQ(SealedCipher(Raw(stored_[0])).value(), Cipher::kXChaCha20Poly1305);
  ExpectAllOpen();
}

INSTANTIATE_TEST_SUITE_P(Engines, RotationTest, ::testing::ValuesIn(xr::testing::AllEngines()),
                         xr::testing::EngineName);

}  // namespace
}  // namespace xr::crypto
