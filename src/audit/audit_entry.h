#pragma once
// One entry of the full-process record (全程记实) and its canonical byte encoding.
//
// CONFIDENTIALITY RULE: `details` carry field NAMES and non-confidential values only. The
// caller decides; the plaintext of a confidential or secret field (ARCHITECTURE.md §5) must never
// be passed — write {"changed", "id_number"}, not the ID number. The record is never deleted,
// so whatever is put here stays readable by the 安全审计员 for the life of the system.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "access/actor.h"
#include "base/status.h"
#include "base/timestamp.h"

namespace xr::audit {

using Details = std::vector<std::pair<std::string, std::string>>;

// What a caller appends; the log assigns index and time.
struct NewAuditEntry {
  std::string actor;        // username ("cli" for the console operator)
  access::UserId actor_id;  // invalid (0) for the console operator or an anonymous caller
  std::string address;      // client address, "local" for the CLI
  std::string action;       // "<capability>.<verb>": "cadre.create", "session.sign_in", …
  std::string object_type;  // "cadre", "user", "unit", … (empty when there is no object)
  std::string object_id;    // the object's id as text
  Details details;          // field names / non-confidential values; order is not significant
};

struct AuditEntry {
  std::int64_t index = 0;  // 0-based leaf index in the Merkle tree; contiguous
  base::Timestamp at;
  std::string actor;
  access::UserId actor_id;
  std::string address;
  std::string action;
  std::string object_type;
  std::string object_id;
  Details details;  // sorted by key, then value
};

// InvalidArgument (with the field) for an empty action, or any text over 64 KiB.
base::Status ValidateNewEntry(const NewAuditEntry& entry);

// Sorts details by key then value: the one order that is hashed and stored.
void Canonicalize(Details& details);

// The canonical, unambiguous bytes that are hashed into the leaf:
//   "xr-audit-entry-v1" ‖ u64 index ‖ i64 at (unix µs) ‖ i64 actor_id ‖
//   str actor ‖ str address ‖ str action ‖ str object_type ‖ str object_id ‖
//   u32 count ‖ (str key ‖ str value)*count
// integers big-endian; str = u32 byte length ‖ bytes. `entry.details` must be canonical.
std::vector<std::uint8_t> EncodeEntry(const AuditEntry& entry);
// The same, appended to `out` (reused buffer; the verifier's hot path).
void EncodeEntryTo(const AuditEntry& entry, std::vector<std::uint8_t>& out);

// An entry as its stored columns, details still in storage text (EncodeDetails) form: what the
// verifier reads. The views point into the row being checked.
struct StoredEntryFields {
  std::int64_t index = 0;
  std::int64_t at_micros = 0;
  std::int64_t actor_id = 0;
  std::string_view actor, address, action, object_type, object_id;
  std::string_view details;  // "<len>:<key><len>:<value>…"
};
// The verifier's hot path: appends exactly the bytes EncodeEntryTo appends for the entry whose
// details are DecodeDetails(fields.details) (in stored order), without building the entry.
// False (and `out` unspecified) when DecodeDetails would fail.
bool EncodeStoredEntryTo(const StoredEntryFields& fields, std::vector<std::uint8_t>& out);

// Storage text of details: "<len>:<key><len>:<value>…" with byte lengths in decimal.
std::string EncodeDetails(const Details& details);
base::Result<Details> DecodeDetails(std::string_view text);

}  // namespace xr::audit
