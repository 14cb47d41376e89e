#pragma once
// The pure core of field encryption: XChaCha20-Poly1305 (IETF, libsodium) with a random 24-byte
// nonce. Nothing here touches the database or files.
//
// Sealed field text: "v1:<key id>:<base64(nonce ‖ ciphertext ‖ tag)>". The associated data is
// "<context>|<key id>", where the context names the table, column and row (FieldContext), so a
// ciphertext copied into another row, another column or relabelled with another key id fails
// to open.
//
// Wrapped data key: base64(nonce ‖ ciphertext ‖ tag) of the 32 key bytes under the master key,
// with "xuanren.data-key.v1|<key id>|<scope>" as associated data.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace xr::crypto {

using Key = std::array<std::uint8_t, 32>;

// 32 random bytes (libsodium's CSPRNG).
Key RandomKey();

// "<table>|<column>|<row id>".
std::string FieldContext(std::string_view table, std::string_view column, std::int64_t row_id);

// Seals `plaintext` under `key` (whose id is `key_id`) for `context`.
std::string Seal(const Key& key, std::int64_t key_id, std::string_view context,
                 std::string_view plaintext);
// The key id named by sealed text; InvalidArgument when the text is not "v1:<id>:<base64>".
base::Result<std::int64_t> SealedKeyId(std::string_view sealed);
// The plaintext. InvalidArgument for malformed text; FailedPrecondition "…无法解密…" when the key,
// the context or any byte does not match (wrong key, swapped between rows or fields, tampered).
base::Result<std::string> Open(const Key& key, std::string_view context, std::string_view sealed);

// Wraps a data key under the master key, bound to its id and scope.
std::string WrapKey(const Key& master, std::int64_t key_id, std::string_view scope,
                    const Key& data_key);
// FailedPrecondition when the master key is not the one that wrapped it or anything was changed.
base::Result<Key> UnwrapKey(const Key& master, std::int64_t key_id, std::string_view scope,
                            std::string_view wrapped);

}  // namespace xr::crypto
