#include "crypto/sealed.h"

#include <sodium.h>

#include <charconv>
#include <cstring>
#include <vector>

#include "crypto/gm.h"

namespace xr::crypto {
namespace {

void EnsureSodium() {
  static const bool ready = sodium_init() >= 0;
  (void)ready;
}

constexpr size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr int kVariant = sodium_base64_VARIANT_ORIGINAL;

std::string ToBase64(const std::vector<std::uint8_t>& bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), kVariant);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

bool FromBase64(std::string_view text, std::vector<std::uint8_t>& out) {
  out.resize(text.size());
  size_t length = 0;
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &length, nullptr,
                        kVariant) != 0) {
    return false;
  }
  out.resize(length);
  return true;
}

// nonce ‖ ciphertext ‖ tag
std::vector<std::uint8_t> Encrypt(const std::uint8_t* key, std::string_view associated,
                                  const std::uint8_t* plaintext, size_t size) {
  EnsureSodium();
  std::vector<std::uint8_t> out(kNonce + size + kTag);
  randombytes_buf(out.data(), kNonce);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      out.data() + kNonce, &written, plaintext, size,
      reinterpret_cast<const unsigned char*>(associated.data()), associated.size(), nullptr,
      out.data(), key);
  out.resize(kNonce + size_t(written));
  return out;
}

bool Decrypt(const std::uint8_t* key, std::string_view associated,
             const std::vector<std::uint8_t>& box, std::vector<std::uint8_t>& plaintext) {
  EnsureSodium();
  if (box.size() < kNonce + kTag) return false;
  plaintext.resize(box.size() - kNonce - kTag);
  unsigned long long written = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          plaintext.data(), &written, nullptr, box.data() + kNonce, box.size() - kNonce,
          reinterpret_cast<const unsigned char*>(associated.data()), associated.size(), box.data(),
          key) != 0) {
    return false;
  }
  plaintext.resize(size_t(written));
  return true;
}

// SM4-CTR + HMAC-SM3, encrypt-then-MAC (sealed.h): iv ‖ ciphertext ‖ tag.
constexpr size_t kSm4Iv = 16;
constexpr size_t kSm3Tag = 32;

struct Sm4Keys {
  gm::Sm4Key enc{};
  gm::Sm3Digest mac{};
  ~Sm4Keys() {
    sodium_memzero(enc.data(), enc.size());
    sodium_memzero(mac.data(), mac.size());
  }
};

void DeriveSm4Keys(const std::uint8_t* key, Sm4Keys& out) {
  const std::span<const std::uint8_t> k(key, 32);
  gm::Sm3Digest enc = gm::HmacSm3(k, gm::Bytes("xuanren.s1.enc"));
  std::memcpy(out.enc.data(), enc.data(), out.enc.size());
  sodium_memzero(enc.data(), enc.size());
  out.mac = gm::HmacSm3(k, gm::Bytes("xuanren.s1.mac"));
}

gm::Sm3Digest Sm4Tag(const Sm4Keys& keys, std::string_view associated, const std::uint8_t* iv,
                     const std::uint8_t* ciphertext, size_t size) {
  std::vector<std::uint8_t> input(8 + associated.size() + kSm4Iv + size);
  const std::uint64_t length = associated.size();
  for (int i = 0; i < 8; ++i) input[size_t(i)] = std::uint8_t(length >> (56 - 8 * i));
  std::uint8_t* at = input.data() + 8;
  if (!associated.empty()) std::memcpy(at, associated.data(), associated.size());
  at += associated.size();
  std::memcpy(at, iv, kSm4Iv);
  if (size > 0) std::memcpy(at + kSm4Iv, ciphertext, size);
  return gm::HmacSm3(keys.mac, input);
}

std::vector<std::uint8_t> EncryptSm4(const std::uint8_t* key, std::string_view associated,
                                     const std::uint8_t* plaintext, size_t size) {
  EnsureSodium();
  Sm4Keys keys;
  DeriveSm4Keys(key, keys);
  gm::Sm4Block iv;
  randombytes_buf(iv.data(), iv.size());
  std::vector<std::uint8_t> ct = gm::Sm4Ctr(keys.enc, iv, {plaintext, size});
  const gm::Sm3Digest tag = Sm4Tag(keys, associated, iv.data(), ct.data(), ct.size());
  std::vector<std::uint8_t> out(kSm4Iv + ct.size() + kSm3Tag);
  std::memcpy(out.data(), iv.data(), kSm4Iv);
  if (!ct.empty()) std::memcpy(out.data() + kSm4Iv, ct.data(), ct.size());
  std::memcpy(out.data() + kSm4Iv + ct.size(), tag.data(), kSm3Tag);
  return out;
}

bool DecryptSm4(const std::uint8_t* key, std::string_view associated,
                const std::vector<std::uint8_t>& box, std::vector<std::uint8_t>& plaintext) {
  if (box.size() < kSm4Iv + kSm3Tag) return false;
  Sm4Keys keys;
  DeriveSm4Keys(key, keys);
  const size_t size = box.size() - kSm4Iv - kSm3Tag;
  const std::uint8_t* ct = box.data() + kSm4Iv;
  const gm::Sm3Digest expected = Sm4Tag(keys, associated, box.data(), ct, size);
  if (!gm::EqualConstantTime(expected, {ct + size, kSm3Tag})) return false;  // MAC first
  gm::Sm4Block iv;
  std::memcpy(iv.data(), box.data(), kSm4Iv);
  plaintext = gm::Sm4Ctr(keys.enc, iv, {ct, size});
  return true;
}

std::vector<std::uint8_t> EncryptWith(Cipher cipher, const std::uint8_t* key,
                                      std::string_view associated, const std::uint8_t* plaintext,
                                      size_t size) {
  return cipher == Cipher::kSm4CtrHmacSm3 ? EncryptSm4(key, associated, plaintext, size)
                                          : Encrypt(key, associated, plaintext, size);
}

bool DecryptWith(Cipher cipher, const std::uint8_t* key, std::string_view associated,
                 const std::vector<std::uint8_t>& box, std::vector<std::uint8_t>& plaintext) {
  return cipher == Cipher::kSm4CtrHmacSm3 ? DecryptSm4(key, associated, box, plaintext)
                                          : Decrypt(key, associated, box, plaintext);
}

std::string_view Marker(Cipher cipher) { return cipher == Cipher::kSm4CtrHmacSm3 ? "s1" : "v1"; }

std::string FieldAssociated(std::string_view context, std::int64_t key_id) {
  return std::string(context) + "|" + std::to_string(key_id);
}

std::string KeyAssociated(Cipher cipher, std::int64_t key_id, std::string_view scope) {
  return "xuanren.data-key." + std::string(Marker(cipher)) + "|" + std::to_string(key_id) + "|" +
         std::string(scope);
}

struct Parsed {
  Cipher cipher = Cipher::kXChaCha20Poly1305;
  std::int64_t key_id = 0;
  std::string_view body;
};

base::Result<Parsed> Parse(std::string_view sealed) {
  const auto bad = [] {
    return base::InvalidArgument("密文格式不正确（应为 v1:密钥编号:base64 或 s1:密钥编号:base64）");
  };
  Parsed parsed;
  if (sealed.starts_with("v1:")) {
    parsed.cipher = Cipher::kXChaCha20Poly1305;
  } else if (sealed.starts_with("s1:")) {
    parsed.cipher = Cipher::kSm4CtrHmacSm3;
  } else {
    return bad();
  }
  std::string_view rest = sealed.substr(3);
  const size_t colon = rest.find(':');
  if (colon == std::string_view::npos || colon == 0) return bad();
  auto [end, error] = std::from_chars(rest.data(), rest.data() + colon, parsed.key_id);
  if (error != std::errc() || end != rest.data() + colon || parsed.key_id <= 0) return bad();
  parsed.body = rest.substr(colon + 1);
  return parsed;
}

}  // namespace

Key RandomKey() {
  EnsureSodium();
  Key key;
  randombytes_buf(key.data(), key.size());
  return key;
}

std::string FieldContext(std::string_view table, std::string_view column, std::int64_t row_id) {
  return std::string(table) + "|" + std::string(column) + "|" + std::to_string(row_id);
}

std::string_view CipherName(Cipher cipher) {
  return cipher == Cipher::kSm4CtrHmacSm3 ? "sm4" : "xchacha20";
}

base::Result<Cipher> ParseCipher(std::string_view name) {
  if (name == "xchacha20") return Cipher::kXChaCha20Poly1305;
  if (name == "sm4") return Cipher::kSm4CtrHmacSm3;
  return base::InvalidArgument(
      "字段加密算法应为 xchacha20（XChaCha20-Poly1305）或 sm4（国密 SM4-CTR + HMAC-SM3），收到“" +
          std::string(name) + "”",
      "field_cipher");
}

std::string Seal(Cipher cipher, const Key& key, std::int64_t key_id, std::string_view context,
                 std::string_view plaintext) {
  auto box = EncryptWith(cipher, key.data(), FieldAssociated(context, key_id),
                         reinterpret_cast<const std::uint8_t*>(plaintext.data()), plaintext.size());
  return std::string(Marker(cipher)) + ":" + std::to_string(key_id) + ":" + ToBase64(box);
}

base::Result<std::int64_t> SealedKeyId(std::string_view sealed) {
  ASSIGN_OR_RETURN(Parsed parsed, Parse(sealed));
  return parsed.key_id;
}

base::Result<Cipher> SealedCipher(std::string_view sealed) {
  ASSIGN_OR_RETURN(Parsed parsed, Parse(sealed));
  return parsed.cipher;
}

bool IsSealed(std::string_view text) { return Parse(text).ok(); }

base::Result<std::string> Open(const Key& key, std::string_view context, std::string_view sealed) {
  ASSIGN_OR_RETURN(Parsed parsed, Parse(sealed));
  std::vector<std::uint8_t> box, plaintext;
  if (!FromBase64(parsed.body, box)) return base::InvalidArgument("密文不是有效的 base64");
  if (!DecryptWith(parsed.cipher, key.data(), FieldAssociated(context, parsed.key_id), box,
                   plaintext)) {
    return base::FailedPrecondition("字段密文无法解密：密钥不符，或密文被改动、被移到了别的记录");
  }
  std::string out(plaintext.begin(), plaintext.end());
  sodium_memzero(plaintext.data(), plaintext.size());
  return out;
}

std::string WrapKey(const Key& master, std::int64_t key_id, std::string_view scope,
                    const Key& data_key, Cipher cipher) {
  const std::string box =
      ToBase64(EncryptWith(cipher, master.data(), KeyAssociated(cipher, key_id, scope),
                           data_key.data(), data_key.size()));
  // XChaCha20-Poly1305 wrappings stay bare base64 (as before the SM4 option existed).
  return cipher == Cipher::kSm4CtrHmacSm3 ? "s1:" + box : box;
}

base::Result<DataKey> UnwrapDataKey(const Key& master, std::int64_t key_id, std::string_view scope,
                                    std::string_view wrapped) {
  DataKey out;
  if (wrapped.starts_with("s1:")) {
    out.cipher = Cipher::kSm4CtrHmacSm3;
    wrapped.remove_prefix(3);
  }
  std::vector<std::uint8_t> box, plaintext;
  if (!FromBase64(wrapped, box) ||
      !DecryptWith(out.cipher, master.data(), KeyAssociated(out.cipher, key_id, scope), box,
                   plaintext) ||
      plaintext.size() != 32) {
    return base::FailedPrecondition("数据密钥 " + std::to_string(key_id) +
                                    " 无法用主密钥解开：主密钥文件不是加密这些数据时所用的，"
                                    "或 data_keys 表被改动");
  }
  std::copy(plaintext.begin(), plaintext.end(), out.key.begin());
  sodium_memzero(plaintext.data(), plaintext.size());
  return out;
}

}  // namespace xr::crypto
