#include "crypto/gm.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

namespace xr::crypto::gm {
namespace {

// OpenSSL failures here mean a broken installation (SM3/SM4 missing from the default provider)
// or allocation failure, not bad input: every input size is valid for these operations. Nothing
// safe can proceed without the cipher.
[[noreturn]] void Broken(const char* what) {
  std::fprintf(stderr, "xuanren: OpenSSL %s failed (SM3/SM4 unavailable?)\n", what);
  std::abort();
}

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

std::vector<std::uint8_t> Sm4(const EVP_CIPHER* cipher, const Sm4Key& key, const std::uint8_t* iv,
                              std::span<const std::uint8_t> data) {
  CipherContext context(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  if (!context || EVP_EncryptInit_ex(context.get(), cipher, nullptr, key.data(), iv) != 1 ||
      EVP_CIPHER_CTX_set_padding(context.get(), 0) != 1) {
    Broken("SM4 init");
  }
  std::vector<std::uint8_t> out(data.size() + 16);
  int written = 0, final_written = 0;
  if (EVP_EncryptUpdate(context.get(), out.data(), &written, data.data(), int(data.size())) != 1 ||
      EVP_EncryptFinal_ex(context.get(), out.data() + written, &final_written) != 1) {
    Broken("SM4");
  }
  out.resize(size_t(written + final_written));
  return out;
}

}  // namespace

Sm3Digest Sm3(std::span<const std::uint8_t> data) {
  Sm3Digest digest;
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest.data(), &length, EVP_sm3(), nullptr) != 1 ||
      length != digest.size()) {
    Broken("SM3");
  }
  return digest;
}

Sm3Digest HmacSm3(std::span<const std::uint8_t> key, std::span<const std::uint8_t> data) {
  Sm3Digest mac;
  unsigned int length = 0;
  if (HMAC(EVP_sm3(), key.data(), int(key.size()), data.data(), data.size(), mac.data(), &length) ==
          nullptr ||
      length != mac.size()) {
    Broken("HMAC-SM3");
  }
  return mac;
}

Sm4Block Sm4EncryptBlock(const Sm4Key& key, const Sm4Block& block) {
  std::vector<std::uint8_t> out = Sm4(EVP_sm4_ecb(), key, nullptr, block);
  Sm4Block result;
  std::copy(out.begin(), out.end(), result.begin());
  return result;
}

std::vector<std::uint8_t> Sm4Ctr(const Sm4Key& key, const Sm4Block& iv,
                                 std::span<const std::uint8_t> data) {
  return Sm4(EVP_sm4_ctr(), key, iv.data(), data);
}

bool EqualConstantTime(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace xr::crypto::gm
