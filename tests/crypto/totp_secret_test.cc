// TOTP secrets at rest (access/credentials.h): sealed with the "system" data key; plaintext left
// by older versions is sealed by SealPlaintextTotpSecrets. Neither the raw SQLite file nor the
// PostgreSQL row holds the secret.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "access/credentials.h"
#include "access/totp.h"
#include "base/clock.h"
#include "crypto/keyring.h"
#include "crypto/rotation.h"
#include "testing/access_fixtures.h"
#include "testing/test_database.h"

namespace xr::access {
namespace {

class TotpSecretTest : public xr::testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(xr::testing::SetUpAccess(db(), clock_).ok());
    ASSERT_TRUE(db().Transact(store::TxMode::kWrite,
                              [&](store::Transaction& tx) -> base::Status {
                                for (const char* name : {"zhang", "li", "wang"}) {
                                  ASSIGN_OR_RETURN(
                                      std::int64_t id,
                                      tx.QueryInt("INSERT INTO users (username, display_name, "
                                                  "password_hash, created_at) VALUES (?, ?, "
                                                  "'x', ?) RETURNING id",
                                                  {name, name, clock_.Now()}));
                                  users_.push_back(UserId(id));
                                }
                                return base::Status::Ok();
                              })
                    .ok());
  }

  std::string RawSecret(UserId user) {
    return db()
        .TransactValue<std::string>(
            store::TxMode::kRead,
            [&](store::Transaction& tx) -> base::Result<std::string> {
              ASSIGN_OR_RETURN(
                  store::Row row,
                  tx.QueryOne("SELECT totp_secret FROM users WHERE id = ?", {user}, "no user"));
              return row.OptionalText(0).value_or("");
            })
        .value();
  }

  base::Result<CredentialState> Find(UserId user, const crypto::Keyring& keyring) {
    return db().TransactValue<CredentialState>(store::TxMode::kRead, [&](store::Transaction& tx) {
      return CredentialRepository(tx, keyring).Find(user);
    });
  }

  // The bytes of the SQLite database and its WAL, after closing it (which checkpoints).
  std::string SqliteFileBytes() {
    const std::string path = db().description().substr(std::string("sqlite:").size());
    db().Close();
    std::string bytes;
    for (const std::string& file : {path, path + "-wal"}) {
      std::ifstream in(file, std::ios::binary);
      bytes.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    EXPECT_GT(bytes.size(), 4096u);
    return bytes;
  }

  base::FakeClock clock_{*base::Timestamp::Parse("2026-11-27T09:00:00Z")};
  crypto::Keyring keyring_{crypto::RandomKey()};
  std::vector<UserId> users_;
};

TEST_P(TotpSecretTest, StoredSealedWithTheSystemKeyAndReadAsPlaintext) {
  const std::vector<std::string> secrets = {NewTotpSecret(), NewTotpSecret()};
  ASSERT_TRUE(db().Transact(store::TxMode::kWrite,
                            [&](store::Transaction& tx) -> base::Status {
                              CredentialRepository credentials(tx, keyring_);
                              RETURN_IF_ERROR(credentials.SetPendingTotp(users_[0], secrets[0]));
                              return credentials.SetPendingTotp(users_[1], secrets[1]);
                            })
                  .ok());
  std::int64_t system_key = 0;
  ASSERT_TRUE(db().Transact(store::TxMode::kRead,
                            [&](store::Transaction& tx) -> base::Status {
                              ASSIGN_OR_RETURN(
                                  system_key,
                                  crypto::DataKeys(tx, keyring_).ActiveKeyId(crypto::kSystemScope));
                              return base::Status::Ok();
                            })
                  .ok());
  for (size_t i = 0; i < secrets.size(); ++i) {
    const std::string raw = RawSecret(users_[i]);
    EXPECT_TRUE(crypto::IsSealed(raw)) << raw;
    EXPECT_EQ(crypto::SealedKeyId(raw).value(), system_key);
    EXPECT_EQ(raw.find(secrets[i]), std::string::npos);  // the PostgreSQL / SQLite row
    EXPECT_EQ(Find(users_[i], keyring_).value().totp_secret, secrets[i]);
  }
  EXPECT_EQ(Find(users_[2], keyring_).value().totp_secret, "");
  // Bound to its row: user 0's sealed secret copied to user 2 does not open there.
  ASSERT_TRUE(db().Transact(store::TxMode::kWrite,
                            [&](store::Transaction& tx) {
                              return tx
                                  .Execute("UPDATE users SET totp_secret = ? WHERE id = ?",
                                           {RawSecret(users_[0]), users_[2]})
                                  .status();
                            })
                  .ok());
  EXPECT_EQ(Find(users_[2], keyring_).status().code(), base::StatusCode::kFailedPrecondition);
  // Another master key cannot read it.
  EXPECT_EQ(Find(users_[0], crypto::Keyring(crypto::RandomKey())).status().code(),
            base::StatusCode::kFailedPrecondition);
  if (engine() == xr::testing::Engine::kSqlite) {
    const std::string bytes = SqliteFileBytes();
    for (const std::string& secret : secrets) {
      EXPECT_EQ(bytes.find(secret), std::string::npos) << "the SQLite file holds a TOTP secret";
    }
  }
}

TEST_P(TotpSecretTest, PlaintextFromOlderVersionsIsSealedOnceAndReadMeanwhile) {
  const std::vector<std::string> secrets = {"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
                                            "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU"};
  ASSERT_TRUE(db().Transact(store::TxMode::kWrite,
                            [&](store::Transaction& tx) -> base::Status {
                              for (size_t i = 0; i < secrets.size(); ++i) {
                                RETURN_IF_ERROR(
                                    tx.Execute("UPDATE users SET totp_secret = ?, totp_enabled = "
                                               "1 WHERE id = ?",
                                               {secrets[i], users_[i]})
                                        .status());
                              }
                              return base::Status::Ok();
                            })
                  .ok());
  // Before sealing, the plaintext is what an old database holds, and it still signs in.
  EXPECT_EQ(RawSecret(users_[0]), secrets[0]);
  EXPECT_EQ(Find(users_[0], keyring_).value().totp_secret, secrets[0]);

  std::vector<std::int64_t> recorded;
  auto sealed = SealPlaintextTotpSecrets(db(), keyring_, [&](store::Transaction&, std::int64_t n) {
    recorded.push_back(n);
    return base::Status::Ok();
  });
  ASSERT_TRUE(sealed.ok()) << sealed.status().ToString();
  EXPECT_EQ(*sealed, 2);
  EXPECT_EQ(recorded, std::vector<std::int64_t>{2});
  for (size_t i = 0; i < secrets.size(); ++i) {
    const std::string raw = RawSecret(users_[i]);
    EXPECT_TRUE(crypto::IsSealed(raw)) << raw;
    EXPECT_EQ(raw.find(secrets[i]), std::string::npos);
    const CredentialState state = Find(users_[i], keyring_).value();
    EXPECT_EQ(state.totp_secret, secrets[i]);
    EXPECT_TRUE(state.totp_enabled);
  }
  // Idempotent: a second run finds nothing, records nothing.
  EXPECT_EQ(SealPlaintextTotpSecrets(db(), keyring_,
                                     [&](store::Transaction&, std::int64_t n) {
                                       recorded.push_back(n);
                                       return base::Status::Ok();
                                     })
                .value(),
            0);
  EXPECT_EQ(recorded.size(), 1u);
  // The sealed secrets join data-key rotation through the registry.
  crypto::DataKeyRotationOptions options;
  options.scopes = {std::string(crypto::kSystemScope)};
  options.batch_size = 1;
  auto rotated = crypto::RotateDataKeys(db(), keyring_, clock_, options);
  ASSERT_TRUE(rotated.ok()) << rotated.status().ToString();
  EXPECT_EQ(rotated->reencrypted, 2);
  EXPECT_EQ(Find(users_[1], keyring_).value().totp_secret, secrets[1]);
  if (engine() == xr::testing::Engine::kSqlite) {
    const std::string bytes = SqliteFileBytes();
    for (const std::string& secret : secrets) {
      EXPECT_EQ(bytes.find(secret), std::string::npos) << "the SQLite file holds a TOTP secret";
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, TotpSecretTest, ::testing::ValuesIn(xr::testing::AllEngines()),
                         xr::testing::EngineName);

}  // namespace
}  // namespace xr::access
