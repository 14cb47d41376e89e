#include "crypto/keyring.h"

#include <gtest/gtest.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "base/clock.h"
#include "crypto/crypto_schema.h"
#include "crypto/master_key.h"
#include "store/migrate.h"
#include "testing/test_database.h"

namespace xr::crypto {
namespace {

namespace fs = std::filesystem;

class KeyringTest : public xr::testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(store::Migrate(db(), Migrations(), clock_).ok());
    dir_ = fs::temp_directory_path() / ("xr-keyring-test-" + std::to_string(::getpid()) + "-" +
                                        std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    fs::remove_all(dir_);
    key_file_ = (dir_ / "master.key").string();
  }
  void TearDown() override {
    fs::remove_all(dir_);
    DatabaseTest::TearDown();
  }

  base::Result<std::string> SealIn(const Keyring& keyring, std::string_view scope,
                                   std::string_view context, std::string_view plaintext) {
    return db().TransactValue<std::string>(store::TxMode::kWrite, [&](store::Transaction& tx) {
      return DataKeys(tx, keyring).Seal(scope, context, plaintext);
    });
  }
  base::Result<std::string> OpenIn(const Keyring& keyring, std::string_view context,
                                   std::string_view sealed) {
    return db().TransactValue<std::string>(store::TxMode::kRead, [&](store::Transaction& tx) {
      return DataKeys(tx, keyring).Open(context, sealed);
    });
  }

  base::FakeClock clock_{*base::Timestamp::Parse("2026-11-28T00:00:00Z")};
  fs::path dir_;
  std::string key_file_;
};

TEST_P(KeyringTest, CreatesTheKeyFileWithMode0600AndRefusesAReadableOne) {
  Keyring keyring(key_file_);
  auto sealed = SealIn(keyring, "none", "cadres|id_number_sealed|1", "secret");
  ASSERT_TRUE(sealed.ok()) << sealed.status().ToString();
  struct stat info;
  ASSERT_EQ(::stat(key_file_.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  EXPECT_EQ(LoadMasterKeyFile(key_file_).value(), keyring.Master().value());
  ::chmod(key_file_.c_str(), 0644);
  EXPECT_EQ(LoadMasterKeyFile(key_file_).status().code(), base::StatusCode::kFailedPrecondition);
}

TEST_P(KeyringTest, OneDataKeyPerScopeStoredOnlyWrapped) {
  Keyring keyring(RandomKey());
  auto a = SealIn(keyring, "unit:5", "t|c|1", "one");
  auto b = SealIn(keyring, "unit:5", "t|c|2", "two");
  auto c = SealIn(keyring, "none", "t|c|3", "three");
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(SealedKeyId(*a).value(), SealedKeyId(*b).value());
  EXPECT_NE(SealedKeyId(*a).value(), SealedKeyId(*c).value());
  EXPECT_EQ(OpenIn(keyring, "t|c|2", *b).value(), "two");
  EXPECT_EQ(OpenIn(keyring, "t|c|3", *c).value(), "three");
  // Another master key cannot unwrap the stored data keys.
  Keyring other(RandomKey());
  EXPECT_EQ(OpenIn(other, "t|c|1", *a).status().code(), base::StatusCode::kFailedPrecondition);
  // Swapping the wrapped keys of two scopes is detected.
  ASSERT_TRUE(
      db().Transact(store::TxMode::kWrite,
                    [](store::Transaction& tx) -> base::Status {
                      ASSIGN_OR_RETURN(store::Rows rows,
                                       tx.Query("SELECT id, wrapped FROM data_keys ORDER BY id"));
                      RETURN_IF_ERROR(tx.Execute("UPDATE data_keys SET wrapped = ? WHERE id = ?",
                                                 {rows[1].Text(1), rows[0].Int(0)})
                                          .status());
                      return base::Status::Ok();
                    })
          .ok());
  EXPECT_EQ(OpenIn(keyring, "t|c|1", *a).status().code(), base::StatusCode::kFailedPrecondition);
}

// Statements run through `db` so far (each one is prepared or served from the cache).
std::int64_t StatementsRun(const store::Database& db) {
  const store::Database::Stats stats = db.stats();
  return stats.statements_prepared + stats.statement_cache_hits;
}

TEST_P(KeyringTest, ADataKeysAsksForAScopesKeyOnceAndCreatesItOnce) {
  Keyring keyring(RandomKey());
  ASSERT_TRUE(db().Transact(store::TxMode::kWrite,
                            [&](store::Transaction& tx) -> base::Status {
                              DataKeys keys(tx, keyring);
                              // The first seal finds no key, creates it and seals with it.
                              ASSIGN_OR_RETURN(std::string a, keys.Seal("unit:7", "t|c|1", "one"));
                              const std::int64_t before = StatementsRun(db());
                              ASSIGN_OR_RETURN(std::string b, keys.Seal("unit:7", "t|c|2", "two"));
                              ASSIGN_OR_RETURN(std::int64_t active, keys.ActiveKeyId("unit:7"));
                              EXPECT_EQ(StatementsRun(db()),
                                        before);  // all from this object's cache
                              EXPECT_EQ(SealedKeyId(a).value(), active);
                              EXPECT_EQ(SealedKeyId(b).value(), active);
                              // The same for the index key.
                              ASSIGN_OR_RETURN(std::string i1, keys.BlindIndex("t.c", "x"));
                              const std::int64_t after_index = StatementsRun(db());
                              ASSIGN_OR_RETURN(std::string i2, keys.BlindIndex("t.c", "x"));
                              EXPECT_EQ(StatementsRun(db()), after_index);
                              EXPECT_EQ(i1, i2);
                              // A second DataKeys in the same transaction finds the key just
                              // created.
                              DataKeys other(tx, keyring);
                              EXPECT_EQ(other.ActiveKeyId("unit:7").value(), active);
                              return base::Status::Ok();
                            })
                  .ok());
  auto rows = db().TransactValue<std::int64_t>(store::TxMode::kRead, [](store::Transaction& tx) {
    return tx.QueryInt("SELECT COUNT(*) FROM data_keys WHERE scope IN ('unit:7', 'index')");
  });
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(*rows, 2);
}

TEST_P(KeyringTest, SealingWithAnExistingScopesKeyAsksTheDatabaseOnce) {
  Keyring keyring(RandomKey());
  ASSERT_TRUE(SealIn(keyring, "unit:7", "t|c|1", "one").ok());
  ASSERT_TRUE(db().Transact(store::TxMode::kWrite,
                            [&](store::Transaction& tx) -> base::Status {
                              DataKeys keys(tx, keyring);
                              ASSIGN_OR_RETURN(std::string index,
                                               keys.BlindIndex("t.c", "x"));  // creates it
                              DataKeys fresh(tx, keyring);
                              // The key's id and its wrapping in one statement each.
                              std::int64_t before = StatementsRun(db());
                              ASSIGN_OR_RETURN(std::string sealed,
                                               fresh.Seal("unit:7", "t|c|2", "two"));
                              EXPECT_EQ(StatementsRun(db()) - before, 1);
                              before = StatementsRun(db());
                              ASSIGN_OR_RETURN(std::string again, fresh.BlindIndex("t.c", "x"));
                              EXPECT_EQ(StatementsRun(db()) - before, 1);
                              EXPECT_EQ(again, index);
                              EXPECT_EQ(fresh.Open("t|c|2", sealed).value(), "two");
                              return base::Status::Ok();
                            })
                  .ok());
}

// The wrapping ActiveKeyId read along with the id is re-read when it no longer unwraps: here the
// master key was rotated in between, in the same transaction.
TEST_P(KeyringTest, AWrappingReadEarlierIsReadAgainAfterAMasterKeyRotation) {
  Keyring server(key_file_);
  auto sealed = SealIn(server, "unit:5", "t|c|1", "one");
  ASSERT_TRUE(sealed.ok()) << sealed.status().ToString();
  const Key old_master = LoadMasterKeyFile(key_file_).value();
  const Key new_master = RandomKey();
  const base::Status status =
      db().Transact(store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Status {
        DataKeys keys(tx, server);
        ASSIGN_OR_RETURN(std::int64_t id, keys.ActiveKeyId("unit:5"));
        ASSIGN_OR_RETURN(std::int64_t rewrapped, RewrapAll(tx, old_master, new_master));
        EXPECT_EQ(rewrapped, 1);
        fs::remove(key_file_);
        RETURN_IF_ERROR(WriteMasterKeyFile(key_file_, new_master));
        server.Reload();
        ASSIGN_OR_RETURN(std::string two, keys.Seal("unit:5", "t|c|2", "two"));
        EXPECT_EQ(SealedKeyId(two).value(), id);
        EXPECT_EQ(keys.Open("t|c|1", *sealed).value(), "one");
        return base::Status::Ok();
      });
  EXPECT_TRUE(status.ok()) << status.ToString();
}

TEST_P(KeyringTest, ADataKeysFollowsItsOwnRelabelAndCreate) {
  Keyring keyring(RandomKey());
  ASSERT_TRUE(
      db().Transact(store::TxMode::kWrite,
                    [&](store::Transaction& tx) -> base::Status {
                      DataKeys keys(tx, keyring);
                      ASSIGN_OR_RETURN(std::string sealed, keys.Seal("unit:7", "t|c|1", "one"));
                      ASSIGN_OR_RETURN(std::int64_t old_key, keys.ActiveKeyId("unit:7"));
                      // What a data-key rotation does: the old key retires, a new one takes the
                      // scope.
                      RETURN_IF_ERROR(keys.Relabel(old_key, RetiringLabel("unit:7")));
                      EXPECT_EQ(keys.ActiveKeyId("unit:7").status().code(),
                                base::StatusCode::kNotFound);
                      EXPECT_EQ(keys.ActiveKeyId(RetiringLabel("unit:7")).value(), old_key);
                      ASSIGN_OR_RETURN(std::int64_t new_key,
                                       keys.Create("unit:7", Cipher::kXChaCha20Poly1305));
                      EXPECT_NE(new_key, old_key);
                      EXPECT_EQ(keys.ActiveKeyId("unit:7").value(), new_key);
                      ASSIGN_OR_RETURN(std::string resealed, keys.Seal("unit:7", "t|c|2", "two"));
                      EXPECT_EQ(SealedKeyId(resealed).value(), new_key);
                      EXPECT_EQ(keys.Open("t|c|1", sealed).value(), "one");
                      // The database agrees with what the object remembers.
                      DataKeys fresh(tx, keyring);
                      EXPECT_EQ(fresh.ActiveKeyId("unit:7").value(), new_key);
                      EXPECT_EQ(fresh.ActiveKeyId(RetiringLabel("unit:7")).value(), old_key);
                      return base::Status::Ok();
                    })
          .ok());
}

TEST_P(KeyringTest, RotateRewrapsEveryDataKeyUnderANewMasterKey) {
  Keyring server(key_file_);  // a running server that loaded the old key
  auto a = SealIn(server, "unit:5", "t|c|1", "one");
  auto b = SealIn(server, "none", "t|c|2", "two");
  ASSERT_TRUE(a.ok() && b.ok());
  const Key old_master = LoadMasterKeyFile(key_file_).value();

  auto report = RotateMasterKey(db(), key_file_);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->data_keys, 2);
  const Key new_master = LoadMasterKeyFile(key_file_).value();
  EXPECT_NE(new_master, old_master);
  EXPECT_FALSE(fs::exists(key_file_ + ".new"));
  ASSERT_FALSE(report->retired_file.empty());
  EXPECT_EQ(LoadMasterKeyFile(report->retired_file).value(), old_master);
  struct stat info;
  ASSERT_EQ(::stat(key_file_.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);

  // The data keys (and so the sealed values) are unchanged; only their wrapping is new.
  EXPECT_EQ(OpenIn(Keyring(key_file_), "t|c|1", *a).value(), "one");
  EXPECT_EQ(OpenIn(server, "t|c|2", *b).value(), "two");  // re-reads the rotated file
  EXPECT_EQ(OpenIn(Keyring(old_master), "t|c|1", *a).status().code(),
            base::StatusCode::kFailedPrecondition);
}

TEST_P(KeyringTest, RotateChangesNothingWhenTheCurrentKeyDoesNotMatch) {
  Keyring wrong(RandomKey());
  ASSERT_TRUE(SealIn(wrong, "none", "t|c|1", "one").ok());
  ASSERT_TRUE(WriteMasterKeyFile(key_file_, RandomKey()).ok());
  const Key before = LoadMasterKeyFile(key_file_).value();
  auto report = RotateMasterKey(db(), key_file_);
  EXPECT_EQ(report.status().code(), base::StatusCode::kFailedPrecondition);
  EXPECT_EQ(LoadMasterKeyFile(key_file_).value(), before);
  EXPECT_FALSE(fs::exists(key_file_ + ".new"));
}

TEST_P(KeyringTest, RotateRefusesToRunOverAnInterruptedRotation) {
  ASSERT_TRUE(WriteMasterKeyFile(key_file_, RandomKey()).ok());
  ASSERT_TRUE(WriteMasterKeyFile(key_file_ + ".new", RandomKey()).ok());
  EXPECT_EQ(RotateMasterKey(db(), key_file_).status().code(),
            base::StatusCode::kFailedPrecondition);
}

// XUANREN_MASTER_KEY holds the key itself (base64); then no key file is read or created.
TEST_P(KeyringTest, TheMasterKeyMayComeFromTheEnvironment) {
  const Key key = RandomKey();
  std::string base64(sodium_base64_encoded_len(key.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(base64.data(), base64.size(), key.data(), key.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  base64.pop_back();
  ::setenv("XUANREN_MASTER_KEY_FILE", key_file_.c_str(), 1);
  ::setenv("XUANREN_MASTER_KEY", (base64 + "\n").c_str(), 1);  // as `openssl rand -base64 32`
  {
    Keyring configured;
    EXPECT_TRUE(configured.FromEnvironment());
    EXPECT_EQ(configured.Master().value(), key);
    auto sealed = SealIn(configured, "none", "t|c|1", "one");
    ASSERT_TRUE(sealed.ok()) << sealed.status().ToString();
    EXPECT_EQ(OpenIn(Keyring(key), "t|c|1", *sealed).value(), "one");
    EXPECT_FALSE(fs::exists(key_file_));
  }
  // Not 32 bytes of base64: refused, without echoing the value.
  for (std::string bad : {std::string("not base64!"), base64.substr(0, 40), base64 + base64}) {
    ::setenv("XUANREN_MASTER_KEY", bad.c_str(), 1);
    auto master = Keyring().Master();
    ASSERT_FALSE(master.ok()) << bad;
    EXPECT_EQ(master.status().code(), base::StatusCode::kFailedPrecondition);
    EXPECT_EQ(master.status().message().find(bad), std::string::npos);
  }
  // Unset or empty: the key file, as before.
  ::setenv("XUANREN_MASTER_KEY", "", 1);
  {
    Keyring configured;
    EXPECT_FALSE(configured.FromEnvironment());
    ASSERT_TRUE(configured.Master().ok());
    EXPECT_TRUE(fs::exists(key_file_));
  }
  ::unsetenv("XUANREN_MASTER_KEY");
  ::unsetenv("XUANREN_MASTER_KEY_FILE");
  // A keyring for an explicit file ignores the environment variable.
  ::setenv("XUANREN_MASTER_KEY", base64.c_str(), 1);
  EXPECT_EQ(Keyring(key_file_).Master().value(), LoadMasterKeyFile(key_file_).value());
  ::unsetenv("XUANREN_MASTER_KEY");
}

TEST_P(KeyringTest, RotatingTheMasterKeyKeepsEachDataKeysCipher) {
  Keyring server(key_file_);
  auto a = SealIn(server, "unit:5", "t|c|1", "one");
  server.set_new_key_cipher(Cipher::kSm4CtrHmacSm3);
  auto b = SealIn(server, "unit:6", "t|c|2", "two");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_TRUE(a->starts_with("v1:"));
  EXPECT_TRUE(b->starts_with("s1:"));
  ASSERT_TRUE(RotateMasterKey(db(), key_file_).ok());
  EXPECT_EQ(OpenIn(Keyring(key_file_), "t|c|1", *a).value(), "one");
  EXPECT_EQ(OpenIn(Keyring(key_file_), "t|c|2", *b).value(), "two");
}

INSTANTIATE_TEST_SUITE_P(Engines, KeyringTest, ::testing::ValuesIn(xr::testing::AllEngines()),
                         xr::testing::EngineName);

}  // namespace
}  // namespace xr::crypto
