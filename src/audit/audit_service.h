#pragma once
// Use cases on the full-process record for the 安全审计员 (auditadmin). Only that role (or an
// actor holding the `audit.read` permission) reads entries, timelines and proofs; system and
// security administrators and cadre officers get PermissionDenied (三员分立). The current signed
// tree head reveals no content and is open to every signed-in user.

#include <cstdint>
#include <string_view>
#include <vector>

#include "access/actor.h"
#include "audit/audit_log.h"
#include "audit/audit_repository.h"
#include "audit/merkle.h"
#include "store/database.h"

namespace xr::audit {

inline constexpr int kMaxPageSize = 200;

struct InclusionProofResult {
  AuditEntry entry;
  std::int64_t tree_size = 0;
  Hash leaf_hash{};
  Hash root{};
  std::vector<Hash> path;  // RFC 6962 PATH(index, D[tree_size])
};

struct ConsistencyProofResult {
  std::int64_t first = 0, second = 0;
  Hash first_root{}, second_root{};
  std::vector<Hash> path;  // RFC 6962 PROOF(first, D[second])
};

class AuditService {
 public:
  AuditService(store::Database& db, const AuditLog& log) : db_(db), log_(log) {}

  // Entries matching `filter`, newest first. InvalidArgument for page < 1 (field "page") or
  // page_size outside 1..200 (field "page_size"), from >= to (field "to").
  base::Result<EntryPage> Search(const access::Actor& actor, SearchFilter filter);
  // 倒查: every entry about one object, oldest first. InvalidArgument without object_type
  // (field "object_type") or object_id (field "object_id").
  base::Result<std::vector<AuditEntry>> Timeline(const access::Actor& actor,
                                                 std::string_view object_type,
                                                 std::string_view object_id);
  // Proof that entry `index` is in the tree of `tree_size` entries (0 = the current size).
  // InvalidArgument (field "tree_size") when tree_size exceeds the log; NotFound (field
  // "index") when index >= tree_size.
  base::Result<InclusionProofResult> InclusionProof(const access::Actor& actor, std::int64_t index,
                                                    std::int64_t tree_size);
  // Proof that the tree of `first` entries is a prefix of the tree of `second` (0 = current).
  // InvalidArgument (fields "first" / "second") unless 0 <= first <= second <= size.
  base::Result<ConsistencyProofResult> ConsistencyProof(const access::Actor& actor,
                                                        std::int64_t first, std::int64_t second);

  // The current tree head, signed now (not stored). Any signed-in actor.
  base::Result<Checkpoint> CurrentHead(const access::Actor& actor);
  // Signs the current head and stores it as a checkpoint. auditadmin only.
  base::Result<Checkpoint> CreateCheckpoint(const access::Actor& actor);

 private:
  store::Database& db_;
  const AuditLog& log_;
};

// PermissionDenied unless the actor is the 安全审计员 (role auditadmin or permission audit.read).
base::Status RequireAuditReader(const access::Actor& actor);

}  // namespace xr::audit
