#include "audit/audit_keys.h"

#include <sodium.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "base/secret_file.h"

namespace xr::audit {
namespace {

void EnsureSodium() {
  static const bool ready = sodium_init() >= 0;
  (void)ready;
}

std::string Serialize(const AuditKeys& keys) {
  return "# xuanren 全程记实密钥（HMAC 与检查点签名私钥）。不得放入数据库；请离线备份，丢失后\n"
         "# 既有记录的 MAC 无法再校验。\n"
         "hmac_key: " +
         ToHex(keys.hmac_key) + "\nsigning_seed: " + ToHex(keys.signing_seed) + "\n";
}

base::Result<AuditKeys> Parse(const std::string& text, const std::string& path) {
  ASSIGN_OR_RETURN(auto hmac, base::KeyFromSecretFile(text, "hmac_key", "审计密钥文件", path));
  ASSIGN_OR_RETURN(auto seed, base::KeyFromSecretFile(text, "signing_seed", "审计密钥文件", path));
  return AuditKeys::FromSecrets(hmac, seed);
}

}  // namespace

AuditKeys AuditKeys::FromSecrets(std::span<const std::uint8_t, 32> hmac_key,
                                 std::span<const std::uint8_t, 32> signing_seed) {
  EnsureSodium();
  AuditKeys keys;
  std::copy(hmac_key.begin(), hmac_key.end(), keys.hmac_key.begin());
  std::copy(signing_seed.begin(), signing_seed.end(), keys.signing_seed.begin());
  crypto_sign_ed25519_seed_keypair(keys.public_key.data(), keys.secret_key.data(),
                                   keys.signing_seed.data());
  return keys;
}

AuditKeys AuditKeys::Generate() {
  EnsureSodium();
  std::array<std::uint8_t, 32> hmac, seed;
  randombytes_buf(hmac.data(), hmac.size());
  randombytes_buf(seed.data(), seed.size());
  AuditKeys keys = FromSecrets(hmac, seed);
  sodium_memzero(hmac.data(), hmac.size());
  sodium_memzero(seed.data(), seed.size());
  return keys;
}

std::string AuditKeys::KeyId() const {
  Hash digest = Sha256(public_key);
  return ToHex(std::span<const std::uint8_t>(digest.data(), 8));
}

std::string AuditKeys::PublicKeyHex() const { return ToHex(public_key); }

namespace {

// The MAC's message: u64 big-endian index ‖ leaf hash.
void MacMessage(std::uint64_t index, const Hash& leaf_hash, std::uint8_t (&message)[40]) {
  for (int i = 0; i < 8; ++i) message[i] = std::uint8_t(index >> (56 - 8 * i));
  std::copy(leaf_hash.begin(), leaf_hash.end(), message + 8);
}

}  // namespace

Hash AuditKeys::EntryMac(std::uint64_t index, const Hash& leaf_hash) const {
  std::uint8_t message[40];
  MacMessage(index, leaf_hash, message);
  Hash out;
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, hmac_key.data(), hmac_key.size());
  crypto_auth_hmacsha256_update(&state, message, sizeof message);
  crypto_auth_hmacsha256_final(&state, out.data());
  sodium_memzero(&state, sizeof state);
  return out;
}

struct EntryMacer::State {
  crypto_auth_hmacsha256_state keyed;  // inner and outer hashes after their key blocks
};

EntryMacer::EntryMacer(const AuditKeys& keys) : state_(std::make_unique<State>()) {
  EnsureSodium();
  crypto_auth_hmacsha256_init(&state_->keyed, keys.hmac_key.data(), keys.hmac_key.size());
}

EntryMacer::~EntryMacer() { sodium_memzero(&state_->keyed, sizeof state_->keyed); }

Hash EntryMacer::EntryMac(std::uint64_t index, const Hash& leaf_hash) const {
  std::uint8_t message[40];
  MacMessage(index, leaf_hash, message);
  crypto_auth_hmacsha256_state state = state_->keyed;  // libsodium's state is plain data
  crypto_auth_hmacsha256_update(&state, message, sizeof message);
  Hash out;
  crypto_auth_hmacsha256_final(&state, out.data());
  sodium_memzero(&state, sizeof state);
  return out;
}

std::array<std::uint8_t, 64> AuditKeys::Sign(std::string_view message) const {
  std::array<std::uint8_t, 64> signature;
  crypto_sign_ed25519_detached(signature.data(), nullptr,
                               reinterpret_cast<const unsigned char*>(message.data()),
                               message.size(), secret_key.data());
  return signature;
}

bool VerifySignature(std::span<const std::uint8_t> public_key,
                     std::span<const std::uint8_t> signature, std::string_view message) {
  EnsureSodium();
  if (public_key.size() != crypto_sign_ed25519_PUBLICKEYBYTES ||
      signature.size() != crypto_sign_ed25519_BYTES) {
    return false;
  }
  return crypto_sign_ed25519_verify_detached(signature.data(),
                                             reinterpret_cast<const unsigned char*>(message.data()),
                                             message.size(), public_key.data()) == 0;
}

std::string KeyFilePath() { return base::SecretFilePath(kKeyFileEnvironment, kDefaultKeyFile); }

base::Result<AuditKeys> LoadKeyFile(const std::string& path) {
  ASSIGN_OR_RETURN(std::string text,
                   base::ReadSecretFile(path, "审计密钥文件", kKeyFileEnvironment));
  return Parse(text, path);
}

base::Status WriteKeyFile(const std::string& path, const AuditKeys& keys) {
  return base::CreateSecretFile(path, Serialize(keys), "审计密钥文件");
}

base::Result<AuditKeys> LoadOrCreateKeyFile(const std::string& path) {
  auto loaded = LoadKeyFile(path);
  if (loaded.ok() || loaded.status().code() != base::StatusCode::kNotFound) return loaded;
  base::Status written = WriteKeyFile(path, AuditKeys::Generate());
  if (!written.ok() && written.code() != base::StatusCode::kAlreadyExists) return written;
  return LoadKeyFile(path);
}

}  // namespace xr::audit
