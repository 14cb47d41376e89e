#pragma once
// SQL of the full-process record. Internal to audit/: capabilities append through AuditLog.

#include <optional>
#include <vector>

#include "audit/audit_entry.h"
#include "audit/checkpoint.h"
#include "audit/merkle.h"
#include "store/database.h"

namespace xr::audit {

struct Head {
  std::int64_t size = 0;
  std::string frontier;  // Frontier::Serialize()
  std::string root;      // hex
};

struct SearchFilter {
  std::string actor{};   // exact username; empty = any
  std::string action{};  // exact ("cadre.update") or a prefix ending in "." ("cadre."); empty = any
  std::string object_type{};              // exact; empty = any
  std::string object_id{};                // exact; empty = any
  std::optional<base::Timestamp> from{};  // inclusive
  std::optional<base::Timestamp> to{};    // exclusive
  int page = 1;                           // 1-based
  int page_size = 50;                     // 1..200
};

struct EntryPage {
  std::vector<AuditEntry> items;  // newest first
  std::int64_t total = 0;
};

class AuditRepository {
 public:
  explicit AuditRepository(store::Transaction& tx) : tx_(tx) {}

  base::Result<Head> ReadHead();
  base::Status WriteHead(const Head& head, std::int64_t previous_size);
  // Deferred (Transaction::ExecuteDeferred): the entry goes with the transaction's next
  // statement or its COMMIT, and a failure rolls the whole transaction back from there.
  base::Status InsertEntry(const AuditEntry& entry, const Hash& leaf_hash, const Hash& mac);
  base::Status InsertCheckpoint(const Checkpoint& checkpoint);
  // Newest first by size then id; NotFound when there is none.
  base::Result<Checkpoint> LatestCheckpoint();
  // Ascending by size.
  base::Result<std::vector<Checkpoint>> Checkpoints();

  base::Result<EntryPage> Search(const SearchFilter& filter);
  base::Result<std::vector<AuditEntry>> Timeline(std::string_view object_type,
                                                 std::string_view object_id);
  base::Result<AuditEntry> Find(std::int64_t index);  // NotFound
  // The stored leaf hashes of entries [0, count), in index order. FailedPrecondition when an
  // index is missing (the table was tampered with: run verify).
  base::Result<std::vector<Hash>> LeafHashes(std::int64_t count);
  // The verifier's page: up to `limit` rows with index >= `from`, ascending, streamed to `on_row`
  // unparsed (the verifier reads the columns in place instead of building AuditEntry values;
  // store::Transaction::ForEachRow has the contract). Columns:
  enum ScanColumn : size_t {
    kIdx,
    kAt,
    kActor,
    kActorId,
    kAddress,
    kAction,
    kObjectType,
    kObjectId,
    kDetails,
    kLeafHash,
    kMac,
    kScanColumns
  };
  base::Status ScanRows(std::int64_t from, std::int64_t limit, const store::RowCallback& on_row);

 private:
  store::Transaction& tx_;
};

}  // namespace xr::audit
