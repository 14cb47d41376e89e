#pragma once
// The pure core of field encryption, in two ciphers chosen per data key. Nothing here touches the
// database or files.
//
// - XChaCha20-Poly1305 (IETF, libsodium; the default), with a random 24-byte nonce. Sealed text
//   "v1:<key id>:<base64(nonce ‖ ciphertext ‖ tag)>".
// - SM4-CTR + HMAC-SM3 (国密; gm.h), encrypt-then-MAC. From the 32-byte data key K:
//   enc = HMAC-SM3(K, "xuanren.s1.enc")[0..16), mac = HMAC-SM3(K, "xuanren.s1.mac"); a random
//   16-byte counter block iv; ct = SM4-CTR(enc, iv, plaintext);
//   tag = HMAC-SM3(mac, u64be(len(ad)) ‖ ad ‖ iv ‖ ct), compared in constant time before any
//   decryption. Sealed text "s1:<key id>:<base64(iv ‖ ct ‖ tag)>".
//
// In both the associated data `ad` is "<context>|<key id>", where the context names the table,
// column and row (FieldContext), so a ciphertext copied into another row, another column or
// relabelled with another key id fails to open.
//
// Wrapped data key: the 32 key bytes sealed under the master key in the key's own cipher, with
// "xuanren.data-key.v1|<key id>|<label>" (XChaCha20-Poly1305: base64(nonce ‖ ct ‖ tag)) or
// "xuanren.data-key.s1|<key id>|<label>" (SM4: "s1:" + base64(iv ‖ ct ‖ tag)) as associated data.
// A data key's cipher is therefore authenticated by its wrapping and cannot be switched by
// editing the database.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace xr::crypto {

using Key = std::array<std::uint8_t, 32>;

enum class Cipher {
  kXChaCha20Poly1305,  // "xchacha20", sealed text "v1:…"
  kSm4CtrHmacSm3,      // "sm4", sealed text "s1:…"
};

// "xchacha20" / "sm4" (configuration, CLI, the data_keys listing).
std::string_view CipherName(Cipher cipher);
// InvalidArgument (field "field_cipher") for anything but "xchacha20" and "sm4".
base::Result<Cipher> ParseCipher(std::string_view name);

// 32 random bytes (libsodium's CSPRNG).
Key RandomKey();

// "<table>|<column>|<row id>".
std::string FieldContext(std::string_view table, std::string_view column, std::int64_t row_id);

// Seals `plaintext` under `key` (whose id is `key_id`) for `context`.
std::string Seal(Cipher cipher, const Key& key, std::int64_t key_id, std::string_view context,
                 std::string_view plaintext);
inline std::string Seal(const Key& key, std::int64_t key_id, std::string_view context,
                        std::string_view plaintext) {
  return Seal(Cipher::kXChaCha20Poly1305, key, key_id, context, plaintext);
}
// The key id named by sealed text; InvalidArgument when the text is not "v1:<id>:<base64>" or
// "s1:<id>:<base64>".
base::Result<std::int64_t> SealedKeyId(std::string_view sealed);
// The cipher named by sealed text's marker; InvalidArgument as SealedKeyId.
base::Result<Cipher> SealedCipher(std::string_view sealed);
// Whether `text` looks like sealed text at all (a marker and a key id), e.g. to tell a sealed
// value from a plaintext one written before the field was sealed.
bool IsSealed(std::string_view text);
// The plaintext. InvalidArgument for malformed text; FailedPrecondition "…无法解密…" when the key,
// the context or any byte does not match (wrong key, swapped between rows or fields, tampered).
base::Result<std::string> Open(const Key& key, std::string_view context, std::string_view sealed);

// Wraps a data key under the master key, bound to its id, label (data_keys.scope) and cipher.
std::string WrapKey(const Key& master, std::int64_t key_id, std::string_view scope,
                    const Key& data_key, Cipher cipher = Cipher::kXChaCha20Poly1305);

struct DataKey {
  Key key{};
  Cipher cipher = Cipher::kXChaCha20Poly1305;
};
// The data key and its cipher. FailedPrecondition when the master key is not the one that
// wrapped it or anything was changed.
base::Result<DataKey> UnwrapDataKey(const Key& master, std::int64_t key_id, std::string_view scope,
                                    std::string_view wrapped);
inline base::Result<Key> UnwrapKey(const Key& master, std::int64_t key_id, std::string_view scope,
                                   std::string_view wrapped) {
  ASSIGN_OR_RETURN(DataKey data_key, UnwrapDataKey(master, key_id, scope, wrapped));
  return data_key.key;
}

}  // namespace xr::crypto
