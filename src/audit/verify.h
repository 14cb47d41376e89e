#pragma once
// The offline verifier of the full-process record (`xuanren audit verify`).
//
// Streams audit_entries in index order (a page at a time, one read snapshot) and, for every
// entry, recomputes the canonical bytes, the leaf hash and the keyed MAC; checks that indexes
// are contiguous from 0; recomputes the root at the size of every stored checkpoint and checks
// each checkpoint's Ed25519 signature and key; checks the head row; and, given an exported
// (anchored) checkpoint, checks its signature and that the log still extends it. Reading rows and
// hashing run on two threads (the caller's, which alone uses the transaction, and one worker per
// page); entries are still checked in index order, so the first bad one is the one named.
//
// What it can and cannot see (docs/security.md): an edited, deleted, inserted or reordered entry
// is named by its index even if the attacker recomputed the unkeyed hashes, because the MAC key
// is not in the database. Deleting the newest entries together with the head row and the later
// checkpoints leaves a shorter log that is internally consistent: only a checkpoint kept outside
// the database (`anchored`) reveals it.

#include <cstdint>
#include <optional>
#include <string>

#include "audit/audit_keys.h"
#include "audit/checkpoint.h"
#include "store/database.h"

namespace xr::audit {

struct VerifyOptions {
  std::optional<Checkpoint> anchored{};  // an exported checkpoint to check the log against
  std::int64_t page_size = 10000;        // rows per query
};

struct VerifyReport {
  bool ok = false;
  std::int64_t entries_checked = 0;  // entries that passed before the first problem
  std::int64_t checkpoints_checked = 0;
  // The first entry that does not match (for a truncated tail: the first missing index);
  // empty when the problem is not an entry (a forged checkpoint, a wrong head root).
  std::optional<std::int64_t> first_bad_index;
  std::string reason;  // Chinese, for people; empty when ok
  Hash root{};         // recomputed root over the entries checked
};

// Errors only for I/O problems (database unreachable); tampering is reported in the report.
base::Result<VerifyReport> Verify(store::Database& db, const AuditKeys& keys,
                                  const VerifyOptions& options = {});

}  // namespace xr::audit
