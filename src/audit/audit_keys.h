#pragma once
// The secrets of the full-process record. They live in a key file, never in the database, so
// that someone who can edit the database cannot forge entries or checkpoints:
//   - an HMAC-SHA256 key: every entry stores HMAC(key, index ‖ leaf hash), so `verify` finds the
//     first edited / deleted / inserted / reordered entry even when the attacker recomputed the
//     unkeyed hashes;
//   - an Ed25519 key pair that signs checkpoints (signed tree heads). The public key travels
//     with every checkpoint so an anchored checkpoint can be checked anywhere.
//
// Key file (text, 0600): created on first use by LoadOrCreateKeyFile.
//   # comment lines
//   hmac_key: <64 hex>
//   signing_seed: <64 hex>

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "audit/merkle.h"
#include "base/status.h"

namespace xr::audit {

inline constexpr std::string_view kDefaultKeyFile = "data/audit.key";
inline constexpr std::string_view kKeyFileEnvironment = "XUANREN_AUDIT_KEY_FILE";

struct AuditKeys {
  std::array<std::uint8_t, 32> hmac_key{};
  std::array<std::uint8_t, 32> signing_seed{};
  std::array<std::uint8_t, 64> secret_key{};  // libsodium form: seed ‖ public key
  std::array<std::uint8_t, 32> public_key{};

  // Derives the Ed25519 pair from the seed.
  static AuditKeys FromSecrets(std::span<const std::uint8_t, 32> hmac_key,
                               std::span<const std::uint8_t, 32> signing_seed);
  // Fresh random keys.
  static AuditKeys Generate();

  // First 8 bytes of SHA-256(public key) in hex: names the key in checkpoints.
  std::string KeyId() const;
  std::string PublicKeyHex() const;

  // HMAC-SHA256 over u64 big-endian index ‖ leaf hash.
  Hash EntryMac(std::uint64_t index, const Hash& leaf_hash) const;
  // Ed25519 detached signature of `message`.
  std::array<std::uint8_t, 64> Sign(std::string_view message) const;
};

// HMAC-SHA256 keyed once, for the verifier's hot path. Keying HMAC hashes one padded key block
// for the inner and one for the outer hash; this keeps both SHA-256 states after those blocks and
// copies them per message, so EntryMac costs 2 SHA-256 compressions instead of 4. The result is
// identical to AuditKeys::EntryMac.
class EntryMacer {
 public:
  explicit EntryMacer(const AuditKeys& keys);
  ~EntryMacer();
  EntryMacer(const EntryMacer&) = delete;
  EntryMacer& operator=(const EntryMacer&) = delete;

  Hash EntryMac(std::uint64_t index, const Hash& leaf_hash) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Ed25519 check of a detached signature with a public key (no secret needed).
bool VerifySignature(std::span<const std::uint8_t> public_key,
                     std::span<const std::uint8_t> signature, std::string_view message);

// XUANREN_AUDIT_KEY_FILE when set and not empty, else data/audit.key (relative to the working
// directory, beside the default database).
std::string KeyFilePath();

// Reads the key file. NotFound when it does not exist; FailedPrecondition when it is readable
// by group or others (fix: chmod 600) or malformed.
base::Result<AuditKeys> LoadKeyFile(const std::string& path);
// As LoadKeyFile, but a missing file is created (parent directories too) with fresh keys and
// mode 0600; two processes racing to create it end up with the same keys.
base::Result<AuditKeys> LoadOrCreateKeyFile(const std::string& path);
// Writes `keys` to a new file with mode 0600; AlreadyExists when the file exists.
base::Status WriteKeyFile(const std::string& path, const AuditKeys& keys);

}  // namespace xr::audit
