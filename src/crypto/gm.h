#pragma once
// 国密 primitives (OpenSSL 3 EVP): SM3 (GB/T 32905), HMAC-SM3, SM4 (GB/T 32907) one block and
// in CTR mode. Pure functions over bytes; nothing here touches the database or files. OpenSSL
// 3.0 has SM4-CTR but no SM4-GCM, so sealed.h builds SM4-CTR + HMAC-SM3 (encrypt-then-MAC)
// on top of these.

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace xr::crypto::gm {

using Sm3Digest = std::array<std::uint8_t, 32>;
using Sm4Key = std::array<std::uint8_t, 16>;
using Sm4Block = std::array<std::uint8_t, 16>;

Sm3Digest Sm3(std::span<const std::uint8_t> data);
Sm3Digest HmacSm3(std::span<const std::uint8_t> key, std::span<const std::uint8_t> data);
// One block, no padding (the GB/T 32907 example vector).
Sm4Block Sm4EncryptBlock(const Sm4Key& key, const Sm4Block& block);
// SM4 in counter mode with the 128-bit big-endian counter block `iv`: encryption and decryption
// are the same operation.
std::vector<std::uint8_t> Sm4Ctr(const Sm4Key& key, const Sm4Block& iv,
                                 std::span<const std::uint8_t> data);

// Constant-time comparison of equal-length byte strings (false when the lengths differ).
bool EqualConstantTime(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b);

inline std::span<const std::uint8_t> Bytes(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

}  // namespace xr::crypto::gm
