#include "audit/checkpoint.h"

#include <charconv>
#include <map>
#include <sstream>

namespace xr::audit {

std::string SignedMessage(std::int64_t size, const Hash& root, base::Timestamp at) {
  return "xuanren-audit-checkpoint-v1\n" + std::to_string(size) + "\n" + ToHex(root) + "\n" +
         at.ToRfc3339() + "\n";
}

Checkpoint SignCheckpoint(const AuditKeys& keys, std::int64_t size, const Hash& root,
                          base::Timestamp at) {
  Checkpoint c;
  c.size = size;
  c.root = root;
  c.at = at;
  c.key_id = keys.KeyId();
  c.public_key = keys.PublicKeyHex();
  c.signature = ToHex(keys.Sign(SignedMessage(size, root, at)));
  return c;
}

bool CheckpointSignatureValid(const Checkpoint& checkpoint) {
  auto public_key = BytesFromHex(checkpoint.public_key);
  auto signature = BytesFromHex(checkpoint.signature);
  if (!public_key.ok() || !signature.ok() || public_key->size() != 32) return false;
  Hash digest = Sha256(*public_key);
  if (ToHex(std::span<const std::uint8_t>(digest.data(), 8)) != checkpoint.key_id) return false;
  return VerifySignature(*public_key, *signature,
                         SignedMessage(checkpoint.size, checkpoint.root, checkpoint.at));
}

std::string ExportCheckpoint(const Checkpoint& c) {
  return "xuanren 全程记实检查点 v1\nsize: " + std::to_string(c.size) + "\nroot: " + ToHex(c.root) +
         "\ntime: " + c.at.ToRfc3339() + "\nkey_id: " + c.key_id + "\npublic_key: " + c.public_key +
         "\nsignature: " + c.signature + "\n";
}

base::Result<Checkpoint> ParseCheckpoint(std::string_view text) {
  std::map<std::string, std::string> fields;
  std::istringstream in{std::string(text)};
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const size_t colon = line.find(": ");
    if (colon == std::string::npos) continue;
    fields.emplace(line.substr(0, colon), line.substr(colon + 2));
  }
  for (const char* name : {"size", "root", "time", "key_id", "public_key", "signature"}) {
    if (!fields.contains(name)) {
      return base::InvalidArgument(std::string("检查点缺少 ") + name + " 行", "checkpoint");
    }
  }
  Checkpoint c;
  const std::string& size = fields["size"];
  auto [ptr, ec] = std::from_chars(size.data(), size.data() + size.size(), c.size);
  if (ec != std::errc() || ptr != size.data() + size.size() || c.size < 0) {
    return base::InvalidArgument("检查点的 size 不是非负整数", "checkpoint");
  }
  auto root = HashFromHex(fields["root"], "checkpoint");
  if (!root.ok()) return base::InvalidArgument("检查点的 root 不是 64 位十六进制", "checkpoint");
  c.root = *root;
  auto at = base::Timestamp::Parse(fields["time"], "checkpoint");
  if (!at.ok()) return base::InvalidArgument("检查点的 time 不是 RFC 3339 时间", "checkpoint");
  c.at = *at;
  c.key_id = fields["key_id"];
  c.public_key = fields["public_key"];
  c.signature = fields["signature"];
  return c;
}

}  // namespace xr::audit
