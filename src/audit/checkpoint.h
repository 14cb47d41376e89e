#pragma once
// Checkpoints: signed tree heads (size, root, time) of the full-process record, and their
// exported text form for anchoring outside the system (printed into meeting minutes, filed
// with the superior organization department).
//
// Exported form (UTF-8 text, one "name: value" per line; other lines are ignored):
//   xuanren 全程记实检查点 v1
//   size: 1234
//   root: <64 hex>
//   time: 2026-11-28T08:00:00.000000Z
//   key_id: <16 hex>
//   public_key: <64 hex>
//   signature: <128 hex>
// The signature is Ed25519 over SignedMessage() of (size, root, time).

#include <cstdint>
#include <string>
#include <string_view>

#include "audit/audit_keys.h"
#include "audit/merkle.h"
#include "base/timestamp.h"

namespace xr::audit {

struct Checkpoint {
  std::int64_t size = 0;
  Hash root{};
  base::Timestamp at;
  std::string key_id;
  std::string public_key;  // hex
  std::string signature;   // hex
};

// "xuanren-audit-checkpoint-v1\n<size>\n<root hex>\n<time>\n"
std::string SignedMessage(std::int64_t size, const Hash& root, base::Timestamp at);

Checkpoint SignCheckpoint(const AuditKeys& keys, std::int64_t size, const Hash& root,
                          base::Timestamp at);
// True when the signature matches the checkpoint's own public key (and key_id matches it).
// Whether that key is the system's key is the caller's question.
bool CheckpointSignatureValid(const Checkpoint& checkpoint);

std::string ExportCheckpoint(const Checkpoint& checkpoint);
// InvalidArgument (field "checkpoint") naming the missing or malformed line.
base::Result<Checkpoint> ParseCheckpoint(std::string_view text);

}  // namespace xr::audit
