#include "access/password.h"

#include <sodium.h>

#include <mutex>

namespace xr::access {
namespace {

void EnsureSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) std::abort();  // no usable randomness: nothing safe can proceed
  });
}

}  // namespace

base::Status CheckPasswordPolicy(std::string_view password) {
  if (password.size() < 8) return base::InvalidArgument("密码至少 8 位", "password");
  if (password.size() > 128) return base::InvalidArgument("密码最多 128 位", "password");
  bool upper = false, lower = false, digit = false, other = false;
  for (unsigned char c : password) {
    if (c >= 'A' && c <= 'Z')
      upper = true;
    else if (c >= 'a' && c <= 'z')
      lower = true;
    else if (c >= '0' && c <= '9')
      digit = true;
    else
      other = true;
  }
  if (int(upper) + int(lower) + int(digit) + int(other) < 3) {
    return base::InvalidArgument("密码须包含大写字母、小写字母、数字、符号中的至少三类",
                                 "password");
  }
  return base::Status::Ok();
}

base::Result<std::string> HashPassword(std::string_view password) {
  EnsureSodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return base::Internal("密码哈希计算失败（内存不足）");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view encoded_hash, std::string_view password) {
  EnsureSodium();
  std::string hash(encoded_hash);  // needs NUL termination
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string GeneratePassword() {
  for (;;) {
    std::string candidate = RandomToken(9);  // 12 URL-safe characters
    if (CheckPasswordPolicy(candidate).ok()) return candidate;
  }
}

std::string RandomToken(size_t bytes) {
  EnsureSodium();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                    raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

std::string TokenDigest(std::string_view token) {
  EnsureSodium();
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

}  // namespace xr::access
