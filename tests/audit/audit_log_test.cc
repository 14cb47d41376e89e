// The full-process record on both engines: appends inside the caller's transaction, concurrent
// appenders, the service's access rules and proofs, and tampering with the tables directly.

#include "audit/audit_log.h"

#include <gtest/gtest.h>

#include <thread>

#include "audit/audit_repository.h"
#include "audit/audit_schema.h"
#include "audit/audit_service.h"
#include "audit/verify.h"
#include "base/clock.h"
#include "testing/test_database.h"

namespace xr::audit {
namespace {

access::Actor MakeActor(std::string username, std::string role, std::int64_t id = 7) {
  access::Actor actor;
  actor.user_id = access::UserId(id);
  actor.username = std::move(username);
  actor.roles = {std::move(role)};
  actor.address = "10.0.0.8";
  return actor;
}

class AuditLogTest : public xr::testing::DatabaseTest {
 protected:
  AuditLogTest() {
    options_.max_attempts = 200;  // the concurrency test makes PostgreSQL abort many losers
    options_.pool_size = 6;
  }

  void SetUp() override {
    DatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(store::Migrate(db(), Migrations(), clock_).ok());
    log_ = std::make_unique<AuditLog>(keys_, clock_, AuditLogOptions{.checkpoint_every = 4});
    service_ = std::make_unique<AuditService>(db(), *log_);
  }

  // Appends `n` entries, one transaction each, about cadres 0..2.
  void Seed(int n) {
    for (int i = 0; i < n; ++i) {
      clock_.Advance(std::chrono::seconds(1));
      base::Status s = db().Transact(store::TxMode::kWrite, [&](store::Transaction& tx) {
        return log_
            ->Record(tx, officer_, i % 2 ? "cadre.update" : "cadre.create", "cadre",
                     std::to_string(i % 3), {{"changed", "post"}, {"changed", "rank"}})
            .status();
      });
      ASSERT_TRUE(s.ok()) << s.ToString();
    }
  }

  VerifyReport Check(std::optional<Checkpoint> anchored = std::nullopt) {
    auto report = Verify(db(), keys_, VerifyOptions{.anchored = anchored, .page_size = 5});
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return report.ok() ? *report : VerifyReport{};
  }

  void Sql(std::string_view sql, const store::Params& params = {}) {
    base::Status s = db().Transact(store::TxMode::kWrite, [&](store::Transaction& tx) {
      return tx.Execute(sql, params).status();
    });
    ASSERT_TRUE(s.ok()) << sql << ": " << s.ToString();
  }

  // What an attacker without the key can do after editing rows: recompute every unkeyed hash
  // (leaf hashes for the rows' current indexes, the head's size, frontier and root).
  void RecomputeUnkeyedHashes() {
    base::Status s =
        db().Transact(store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Status {
          AuditRepository repository(tx);
          store::Rows rows;
          RETURN_IF_ERROR(repository.ScanRows(0, 1000000, [&](const store::RowView& row) {
            rows.push_back(row.ToRow());
            return base::Status::Ok();
          }));
          Frontier frontier;
          for (const store::Row& row : rows) {
            // Rebuilt the ordinary way (AuditEntry, DecodeDetails, EncodeEntry), independently of
            // the verifier's in-place encoding.
            AuditEntry e;
            e.index = row.Int(0);
            ASSIGN_OR_RETURN(e.at, base::Timestamp::Parse(row.Text(1)));
            e.actor = row.Text(2);
            e.actor_id = access::UserId(row.Int(3));
            e.address = row.Text(4);
            e.action = row.Text(5);
            e.object_type = row.Text(6);
            e.object_id = row.Text(7);
            ASSIGN_OR_RETURN(e.details, DecodeDetails(row.Text(8)));
            const Hash leaf = LeafHash(EncodeEntry(e));
            RETURN_IF_ERROR(tx.Execute("UPDATE audit_entries SET leaf_hash = ? WHERE idx = ?",
                                       {ToHex(leaf), e.index})
                                .status());
            frontier.Append(leaf);
          }
          return tx
              .Execute(
                  "UPDATE audit_head SET size = ?, frontier = ?, root = ? WHERE id = 1",
                  {std::int64_t(frontier.size()), frontier.Serialize(), ToHex(frontier.Root())})
              .status();
        });
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  void ExpectBadAt(std::int64_t index, std::optional<Checkpoint> anchored = std::nullopt) {
    VerifyReport report = Check(anchored);
    EXPECT_FALSE(report.ok);
    EXPECT_EQ(report.first_bad_index, index) << report.reason;
    EXPECT_FALSE(report.reason.empty());
    EXPECT_NE(report.reason.find("第 " + std::to_string(index) + " 条"), std::string::npos)
        << report.reason;
  }

  base::FakeClock clock_{*base::Timestamp::Parse("2026-11-28T00:00:00Z")};
  AuditKeys keys_ = AuditKeys::Generate();
  std::unique_ptr<AuditLog> log_;
  std::unique_ptr<AuditService> service_;
  access::Actor officer_ = MakeActor("ganbu", "cadre_officer");
  access::Actor auditor_ = MakeActor("shenji", "auditadmin", 9);
};

TEST_P(AuditLogTest, AppendsContiguousEntriesWithTheRightRootAndCheckpoints) {
  Seed(10);
  VerifyReport report = Check();
  EXPECT_TRUE(report.ok) << report.reason;
  EXPECT_EQ(report.entries_checked, 10);
  EXPECT_EQ(report.checkpoints_checked, 2);  // at 4 and 8

  auto page = service_->Search(auditor_, {.page_size = 200});
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->total, 10);
  EXPECT_EQ(page->items.front().index, 9);  // newest first
  EXPECT_EQ(page->items.back().index, 0);
  const AuditEntry& first = page->items.back();
  EXPECT_EQ(first.actor, "ganbu");
  EXPECT_EQ(first.actor_id, access::UserId(7));
  EXPECT_EQ(first.address, "10.0.0.8");
  EXPECT_EQ(first.action, "cadre.create");
  EXPECT_EQ(first.at, *base::Timestamp::Parse("2026-11-28T00:00:01Z"));
  EXPECT_EQ(first.details, (Details{{"changed", "post"}, {"changed", "rank"}}));

  std::vector<Hash> leaves;
  for (auto it = page->items.rbegin(); it != page->items.rend(); ++it) {
    leaves.push_back(LeafHash(EncodeEntry(*it)));
  }
  auto head = service_->CurrentHead(officer_);  // any signed-in user
  ASSERT_TRUE(head.ok()) << head.status().ToString();
  EXPECT_EQ(head->size, 10);
  EXPECT_EQ(head->root, RootOf(leaves));
  EXPECT_EQ(head->root, report.root);
  EXPECT_TRUE(CheckpointSignatureValid(*head));
}

TEST_P(AuditLogTest, RolledBackChangeLeavesNoEntry) {
  base::Status s =
      db().Transact(store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Status {
        RETURN_IF_ERROR(log_->Record(tx, officer_, "cadre.update", "cadre", "1").status());
        return base::FailedPrecondition("the change itself failed");
      });
  EXPECT_EQ(s.code(), base::StatusCode::kFailedPrecondition);
  EXPECT_EQ(service_->Search(auditor_, {})->total, 0);
  Seed(1);
  auto page = service_->Search(auditor_, {});
  ASSERT_EQ(page->total, 1);
  EXPECT_EQ(page->items[0].index, 0);
  EXPECT_TRUE(Check().ok);
}

TEST_P(AuditLogTest, ReadTransactionCannotAppendAndEmptyActionIsRejected) {
  base::Status s = db().Transact(store::TxMode::kRead, [&](store::Transaction& tx) {
    return log_->Record(tx, officer_, "cadre.read", "cadre", "1").status();
  });
  EXPECT_FALSE(s.ok());
  s = db().Transact(store::TxMode::kWrite, [&](store::Transaction& tx) {
    return log_->Record(tx, officer_, "", "cadre", "1").status();
  });
  EXPECT_EQ(s.code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "action");
  EXPECT_TRUE(Check().ok);
}

TEST_P(AuditLogTest, ConcurrentAppendsSerialise) {
  constexpr int kThreads = 4, kEach = 15;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        base::Status s = db().Transact(store::TxMode::kWrite, [&](store::Transaction& tx) {
          return log_
              ->Record(tx, officer_, "user.update", "user", std::to_string(t),
                       {{"n", std::to_string(i)}})
              .status();
        });
        if (!s.ok()) {
          ADD_FAILURE() << s.ToString();
          ++failures;
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  ASSERT_EQ(failures, 0);
  VerifyReport report = Check();
  EXPECT_TRUE(report.ok) << report.reason;
  EXPECT_EQ(report.entries_checked, kThreads * kEach);
  for (int t = 0; t < kThreads; ++t) {
    auto timeline = service_->Timeline(auditor_, "user", std::to_string(t));
    ASSERT_TRUE(timeline.ok());
    ASSERT_EQ(timeline->size(), size_t(kEach));
    for (int i = 0; i < kEach; ++i) EXPECT_EQ((*timeline)[i].details[0].second, std::to_string(i));
  }
}

TEST_P(AuditLogTest, OnlyTheAuditAdministratorReadsTheRecord) {
  Seed(3);
  for (const char* role : {"sysadmin", "secadmin", "cadre_officer", "leader"}) {
    access::Actor other = MakeActor("x", role);
    EXPECT_EQ(service_->Search(other, {}).status().code(), base::StatusCode::kPermissionDenied);
    EXPECT_EQ(service_->Timeline(other, "cadre", "1").status().code(),
              base::StatusCode::kPermissionDenied);
    EXPECT_EQ(service_->InclusionProof(other, 0, 0).status().code(),
              base::StatusCode::kPermissionDenied);
    EXPECT_EQ(service_->ConsistencyProof(other, 1, 2).status().code(),
              base::StatusCode::kPermissionDenied);
    EXPECT_EQ(service_->CreateCheckpoint(other).status().code(),
              base::StatusCode::kPermissionDenied);
    EXPECT_TRUE(service_->CurrentHead(other).ok());
  }
  EXPECT_TRUE(service_->Search(auditor_, {}).ok());
}

TEST_P(AuditLogTest, SearchFiltersPagesAndValidates) {
  Seed(9);
  ASSERT_TRUE(
      db().Transact(store::TxMode::kWrite,
                    [&](store::Transaction& tx) {
                      return log_->Record(tx, auditor_, "session.sign_in", "user", "9").status();
                    })
          .ok());
  EXPECT_EQ(service_->Search(auditor_, {.actor = "ganbu"})->total, 9);
  EXPECT_EQ(service_->Search(auditor_, {.actor = "shenji"})->total, 1);
  EXPECT_EQ(service_->Search(auditor_, {.action = "cadre.update"})->total, 4);
  EXPECT_EQ(service_->Search(auditor_, {.action = "cadre."})->total, 9);
  EXPECT_EQ(service_->Search(auditor_, {.action = "cadre%"})->total, 0);
  EXPECT_EQ(service_->Search(auditor_, {.object_type = "cadre", .object_id = "1"})->total, 3);
  EXPECT_EQ(service_->Search(auditor_, {.object_id = "' OR 1=1 --"})->total, 0);
  const auto t3 = *base::Timestamp::Parse("2026-11-28T00:00:03Z");
  const auto t6 = *base::Timestamp::Parse("2026-11-28T00:00:06Z");
  EXPECT_EQ(service_->Search(auditor_, {.from = t3, .to = t6})->total, 3);
  auto page2 = service_->Search(auditor_, {.page = 2, .page_size = 4});
  ASSERT_TRUE(page2.ok());
  EXPECT_EQ(page2->total, 10);
  ASSERT_EQ(page2->items.size(), 4u);
  EXPECT_EQ(page2->items[0].index, 5);
  EXPECT_EQ(service_->Search(auditor_, {.page_size = 201}).status().field(), "page_size");
  EXPECT_EQ(service_->Search(auditor_, {.page = 0}).status().field(), "page");
  EXPECT_EQ(service_->Search(auditor_, {.from = t6, .to = t3}).status().field(), "to");

  auto timeline = service_->Timeline(auditor_, "cadre", "2");
  ASSERT_TRUE(timeline.ok());
  ASSERT_EQ(timeline->size(), 3u);
  EXPECT_EQ((*timeline)[0].index, 2);
  EXPECT_EQ((*timeline)[2].index, 8);
  EXPECT_EQ(service_->Timeline(auditor_, "", "2").status().field(), "object_type");
}

TEST_P(AuditLogTest, ProofsFromTheServiceVerifyAgainstSignedHeads) {
  Seed(6);
  auto old_head = service_->CreateCheckpoint(auditor_);
  ASSERT_TRUE(old_head.ok()) << old_head.status().ToString();
  Seed(7);
  auto head = service_->CurrentHead(officer_);
  ASSERT_TRUE(head.ok());
  ASSERT_EQ(head->size, 13);
  for (std::int64_t i = 0; i < 13; ++i) {
    auto proof = service_->InclusionProof(auditor_, i, 0);
    ASSERT_TRUE(proof.ok()) << proof.status().ToString();
    EXPECT_EQ(proof->entry.index, i);
    EXPECT_EQ(proof->leaf_hash, LeafHash(EncodeEntry(proof->entry)));
    EXPECT_EQ(proof->root, head->root);
    EXPECT_TRUE(VerifyInclusion(i, 13, proof->leaf_hash, proof->path, head->root)) << i;
  }
  auto in_old = service_->InclusionProof(auditor_, 2, 6);
  ASSERT_TRUE(in_old.ok());
  EXPECT_TRUE(VerifyInclusion(2, 6, in_old->leaf_hash, in_old->path, old_head->root));

  auto consistency = service_->ConsistencyProof(auditor_, old_head->size, head->size);
  ASSERT_TRUE(consistency.ok()) << consistency.status().ToString();
  EXPECT_EQ(consistency->first_root, old_head->root);
  EXPECT_TRUE(VerifyConsistency(6, 13, old_head->root, head->root, consistency->path));

  EXPECT_EQ(service_->InclusionProof(auditor_, 13, 0).status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(service_->InclusionProof(auditor_, 0, 14).status().field(), "tree_size");
  EXPECT_EQ(service_->ConsistencyProof(auditor_, 7, 6).status().field(), "first");
  EXPECT_EQ(service_->ConsistencyProof(auditor_, 1, 99).status().field(), "second");
  EXPECT_TRUE(Check().ok);
}

// --- Tampering with the tables directly (someone with database access, without the key). ---

TEST_P(AuditLogTest, EditedFieldIsNamed) {
  Seed(12);
  Sql("UPDATE audit_entries SET actor = 'someone_else' WHERE idx = 5");
  ExpectBadAt(5);
}

TEST_P(AuditLogTest, EditedFieldWithRecomputedHashesIsNamed) {
  Seed(12);
  Sql("UPDATE audit_entries SET details = '' WHERE idx = 6");
  Sql("UPDATE audit_entries SET at = '2026-11-28T00:00:00.000000Z' WHERE idx = 9");
  RecomputeUnkeyedHashes();
  ExpectBadAt(6);
}

TEST_P(AuditLogTest, UnparseableFieldsAreNamed) {
  Seed(12);
  Sql("UPDATE audit_entries SET details = '7:changed' WHERE idx = 8");
  ExpectBadAt(8);
  Sql("UPDATE audit_entries SET at = 'yesterday' WHERE idx = 6");
  ExpectBadAt(6);
}

// The stored hashes are checked too, not only the keyed MAC: proofs are served from leaf_hash.
TEST_P(AuditLogTest, EditedStoredLeafHashOrMacIsNamed) {
  Seed(12);
  Sql("UPDATE audit_entries SET leaf_hash = UPPER(leaf_hash) WHERE idx = 9");
  ExpectBadAt(9);
  Sql("UPDATE audit_entries SET mac = UPPER(mac) WHERE idx = 7");
  ExpectBadAt(7);
  Sql("UPDATE audit_entries SET mac = ? WHERE idx = 2", {std::string(64, '0')});
  ExpectBadAt(2);
}

// Every entry of a log larger than one page is checked (a tampered entry in the last page of
// several), and an intact log of exactly whole pages verifies.
TEST_P(AuditLogTest, EntriesAcrossManyPagesAreAllChecked) {
  Seed(15);  // page_size 5 in Check(): exactly three pages
  VerifyReport intact = Check();
  EXPECT_TRUE(intact.ok) << intact.reason;
  EXPECT_EQ(intact.entries_checked, 15);
  EXPECT_EQ(intact.checkpoints_checked, 3);  // every 4 entries
  Sql("UPDATE audit_entries SET object_id = '99' WHERE idx = 14");
  RecomputeUnkeyedHashes();
  ExpectBadAt(14);
}

// The verifier reads a page at a time and stops reading at the first row it cannot encode: a
// problem on the first or last row of a page, or in the first or last page, is named by its index
// after every entry before it was checked.
TEST_P(AuditLogTest, ProblemsAtPageBoundariesAreNamedInOrder) {
  Seed(15);  // page_size 5 in Check(): rows 0-4, 5-9, 10-14
  struct Tamper {
    std::string name;
    std::string apply;  // SQL with one parameter, the index
    std::string undo;
  };
  const std::vector<Tamper> tampers = {
      {"gap", "UPDATE audit_entries SET idx = idx + 1000 WHERE idx = ?",
       "UPDATE audit_entries SET idx = idx - 1000 WHERE idx = ? + 1000"},
      {"unparseable time", "UPDATE audit_entries SET at = 'x' || at WHERE idx = ?",
       "UPDATE audit_entries SET at = SUBSTR(at, 2) WHERE idx = ?"},
      {"unparseable details", "UPDATE audit_entries SET details = details || '9' WHERE idx = ?",
       "UPDATE audit_entries SET details = SUBSTR(details, 1, LENGTH(details) - 1) WHERE idx = ?"},
      {"leaf hash too long", "UPDATE audit_entries SET leaf_hash = leaf_hash || '0' WHERE idx = ?",
       "UPDATE audit_entries SET leaf_hash = SUBSTR(leaf_hash, 1, 64) WHERE idx = ?"},
      {"MAC too long", "UPDATE audit_entries SET mac = mac || '0' WHERE idx = ?",
       "UPDATE audit_entries SET mac = SUBSTR(mac, 1, 64) WHERE idx = ?"},
      {"MAC in capitals", "UPDATE audit_entries SET mac = UPPER(mac) WHERE idx = ?",
       "UPDATE audit_entries SET mac = LOWER(mac) WHERE idx = ?"},
  };
  for (const Tamper& t : tampers) {
    for (std::int64_t index : {0, 4, 5, 9, 10, 14}) {
      SCOPED_TRACE(t.name + " at " + std::to_string(index));
      Sql(t.apply, {index});
      VerifyReport report = Check();
      EXPECT_FALSE(report.ok);
      EXPECT_EQ(report.first_bad_index, index) << report.reason;
      EXPECT_EQ(report.entries_checked, index);
      Sql(t.undo, {index});
      VerifyReport intact = Check();
      ASSERT_TRUE(intact.ok) << intact.reason;
    }
  }
}

TEST_P(AuditLogTest, DeletedRowIsNamed) {
  Seed(12);
  Sql("DELETE FROM audit_entries WHERE idx = 4");
  ExpectBadAt(4);
}

TEST_P(AuditLogTest, DeletedRowWithRenumberingAndRecomputedHashesIsNamed) {
  Seed(12);
  Sql("DELETE FROM audit_entries WHERE idx = 4");
  Sql("UPDATE audit_entries SET idx = -idx WHERE idx > 4");
  Sql("UPDATE audit_entries SET idx = -idx - 1 WHERE idx < 0");
  Sql("DELETE FROM audit_checkpoints");
  RecomputeUnkeyedHashes();
  ExpectBadAt(4);
}

TEST_P(AuditLogTest, SwappedRowsAreNamed) {
  Seed(12);
  Sql("UPDATE audit_entries SET idx = -1 WHERE idx = 3");
  Sql("UPDATE audit_entries SET idx = 3 WHERE idx = 7");
  Sql("UPDATE audit_entries SET idx = 7 WHERE idx = -1");
  ExpectBadAt(3);
  RecomputeUnkeyedHashes();
  ExpectBadAt(3);
}

TEST_P(AuditLogTest, InsertedRowIsNamed) {
  Seed(12);
  Sql("UPDATE audit_entries SET idx = -idx - 100 WHERE idx >= 5");
  Sql("UPDATE audit_entries SET idx = -(idx + 100) + 1 WHERE idx < 0");
  Sql("INSERT INTO audit_entries (idx, at, actor, actor_id, address, action, object_type, "
      "object_id, details, leaf_hash, mac) "
      "SELECT 5, at, actor, actor_id, address, action, object_type, object_id, details, "
      "leaf_hash, mac FROM audit_entries WHERE idx = 4");
  RecomputeUnkeyedHashes();
  ExpectBadAt(5);
}

TEST_P(AuditLogTest, AppendedForgedRowIsNamed) {
  Seed(12);
  Sql("INSERT INTO audit_entries (idx, at, actor, actor_id, address, action, object_type, "
      "object_id, details, leaf_hash, mac) "
      "SELECT 12, at, actor, actor_id, address, action, object_type, object_id, details, "
      "leaf_hash, mac FROM audit_entries WHERE idx = 11");
  RecomputeUnkeyedHashes();
  ExpectBadAt(12);
}

TEST_P(AuditLogTest, NaiveTailDeletionIsNamedByTheHead) {
  Seed(12);
  Sql("DELETE FROM audit_entries WHERE idx >= 10");
  ExpectBadAt(10);
}

// The documented limit: deleting the newest entries together with the head and the later
// checkpoints leaves a consistent shorter log. Only a checkpoint kept outside shows it.
TEST_P(AuditLogTest, TruncatedTailIsDetectedOnlyAgainstAnExportedCheckpoint) {
  Seed(10);
  auto exported = service_->CurrentHead(officer_);
  ASSERT_TRUE(exported.ok());
  auto anchored = ParseCheckpoint(ExportCheckpoint(*exported));
  ASSERT_TRUE(anchored.ok());
  EXPECT_TRUE(Check(*anchored).ok);

  Sql("DELETE FROM audit_entries WHERE idx >= 7");
  Sql("DELETE FROM audit_checkpoints WHERE size > 7");
  RecomputeUnkeyedHashes();
  VerifyReport without = Check();
  EXPECT_TRUE(without.ok) << without.reason;  // undetectable from inside the database
  EXPECT_EQ(without.entries_checked, 7);
  ExpectBadAt(7, *anchored);

  // An exported checkpoint that was altered, or signed by another key, is refused.
  Checkpoint altered = *anchored;
  altered.size = 7;
  VerifyReport forged = Check(altered);
  EXPECT_FALSE(forged.ok);
  EXPECT_FALSE(forged.first_bad_index.has_value());
  Checkpoint foreign = SignCheckpoint(AuditKeys::Generate(), 7, without.root, clock_.Now());
  EXPECT_FALSE(Check(foreign).ok);
}

TEST_P(AuditLogTest, ForgedStoredCheckpointAndHeadAreReported) {
  Seed(6);
  Sql("UPDATE audit_checkpoints SET root = ? WHERE size = 4", {std::string(64, 'a')});
  VerifyReport report = Check();
  EXPECT_FALSE(report.ok);
  EXPECT_NE(report.reason.find("检查点"), std::string::npos) << report.reason;

  Sql("DELETE FROM audit_checkpoints");
  EXPECT_TRUE(Check().ok);
  Sql("UPDATE audit_head SET root = ?", {std::string(64, 'b')});
  report = Check();
  EXPECT_FALSE(report.ok);
  EXPECT_NE(report.reason.find("表头"), std::string::npos) << report.reason;
}

TEST_P(AuditLogTest, VerifyingWithAnotherKeyFailsAtTheFirstEntry) {
  Seed(3);
  auto report = Verify(db(), AuditKeys::Generate());
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->ok);
  EXPECT_EQ(report->first_bad_index, 0);
}

INSTANTIATE_TEST_SUITE_P(Engines, AuditLogTest, ::testing::ValuesIn(xr::testing::AllEngines()),
                         xr::testing::EngineName);

}  // namespace
}  // namespace xr::audit
