#include "access/totp.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <cstdlib>
#include <vector>

namespace xr::access {
namespace {

constexpr std::string_view kBase32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

const EVP_MD* Digest(TotpHash hash) {
  switch (hash) {
    case TotpHash::kSha1:
      return EVP_sha1();
    case TotpHash::kSha256:
      return EVP_sha256();
    case TotpHash::kSha512:
      return EVP_sha512();
  }
  return EVP_sha1();
}

std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out += char(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::string Hotp(std::span<const unsigned char> key, std::uint64_t counter,
                 const TotpParams& params) {
  unsigned char message[8];
  for (int i = 7; i >= 0; --i) {
    message[i] = static_cast<unsigned char>(counter & 0xff);
    counter >>= 8;
  }
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_size = 0;
  if (HMAC(Digest(params.hash), key.data(), int(key.size()), message, sizeof message, mac,
           &mac_size) == nullptr) {
    std::abort();  // only on allocation failure inside OpenSSL
  }
  const unsigned offset = mac[mac_size - 1] & 0x0f;
  const std::uint32_t binary =
      (std::uint32_t(mac[offset] & 0x7f) << 24) | (std::uint32_t(mac[offset + 1]) << 16) |
      (std::uint32_t(mac[offset + 2]) << 8) | std::uint32_t(mac[offset + 3]);
  std::uint32_t modulus = 1;
  for (int i = 0; i < params.digits; ++i) modulus *= 10;
  std::string code = std::to_string(binary % modulus);
  return std::string(size_t(params.digits) - code.size(), '0') + code;
}

std::int64_t TotpStep(base::Timestamp at, const TotpParams& params) {
  const std::int64_t seconds = at.unix_micros() / 1000000;
  return seconds / params.period;
}

std::string TotpCode(std::span<const unsigned char> key, base::Timestamp at,
                     const TotpParams& params) {
  return Hotp(key, std::uint64_t(TotpStep(at, params)), params);
}

std::optional<std::int64_t> MatchTotp(std::span<const unsigned char> key, std::string_view code,
                                      base::Timestamp at, int window, const TotpParams& params) {
  if (code.size() != size_t(params.digits)) return std::nullopt;
  for (char c : code) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  const std::int64_t step = TotpStep(at, params);
  for (int distance = 0; distance <= window; ++distance) {
    for (int sign : {1, -1}) {
      const std::int64_t candidate = step + sign * distance;
      if (candidate < 0) continue;
      const std::string expected = Hotp(key, std::uint64_t(candidate), params);
      if (sodium_memcmp(expected.data(), code.data(), code.size()) == 0) return candidate;
      if (distance == 0) break;
    }
  }
  return std::nullopt;
}

std::string Base32Encode(std::span<const unsigned char> bytes) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char b : bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += kBase32Alphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kBase32Alphabet[(buffer << (5 - bits)) & 31];
  return out;
}

base::Result<std::string> Base32Decode(std::string_view text) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == ' ' || c == '=') continue;
    if (c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
    const size_t value = kBase32Alphabet.find(c);
    if (value == std::string_view::npos) {
      return base::InvalidArgument("密钥不是有效的 Base32 文本", "secret");
    }
    buffer = (buffer << 5) | std::uint32_t(value);
    bits += 5;
    if (bits >= 8) {
      out += char((buffer >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return out;
}

std::string NewTotpSecret() {
  if (sodium_init() < 0) std::abort();
  unsigned char raw[20];
  randombytes_buf(raw, sizeof raw);
  std::string secret = Base32Encode(raw);
  sodium_memzero(raw, sizeof raw);
  return secret;
}

std::string TotpUri(std::string_view issuer, std::string_view account,
                    std::string_view secret_base32) {
  return "otpauth://totp/" + PercentEncode(issuer) + ":" + PercentEncode(account) +
         "?secret=" + std::string(secret_base32) + "&issuer=" + PercentEncode(issuer) +
         "&algorithm=SHA1&digits=6&period=30";
}

}  // namespace xr::access
