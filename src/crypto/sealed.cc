#include "crypto/sealed.h"

#include <sodium.h>

#include <charconv>
#include <vector>

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

std::string FieldAssociated(std::string_view context, std::int64_t key_id) {
  return std::string(context) + "|" + std::to_string(key_id);
}

std::string KeyAssociated(std::int64_t key_id, std::string_view scope) {
  return "xuanren.data-key.v1|" + std::to_string(key_id) + "|" + std::string(scope);
}

struct Parsed {
  std::int64_t key_id = 0;
  std::string_view body;
};

base::Result<Parsed> Parse(std::string_view sealed) {
  const auto bad = [] {
    return base::InvalidArgument("密文格式不正确（应为 v1:密钥编号:base64）");
  };
  if (!sealed.starts_with("v1:")) return bad();
  std::string_view rest = sealed.substr(3);
  const size_t colon = rest.find(':');
  if (colon == std::string_view::npos || colon == 0) return bad();
  Parsed parsed;
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

std::string Seal(const Key& key, std::int64_t key_id, std::string_view context,
                 std::string_view plaintext) {
  auto box = Encrypt(key.data(), FieldAssociated(context, key_id),
                     reinterpret_cast<const std::uint8_t*>(plaintext.data()), plaintext.size());
  return "v1:" + std::to_string(key_id) + ":" + ToBase64(box);
}

base::Result<std::int64_t> SealedKeyId(std::string_view sealed) {
  ASSIGN_OR_RETURN(Parsed parsed, Parse(sealed));
  return parsed.key_id;
}

base::Result<std::string> Open(const Key& key, std::string_view context, std::string_view sealed) {
  ASSIGN_OR_RETURN(Parsed parsed, Parse(sealed));
  std::vector<std::uint8_t> box, plaintext;
  if (!FromBase64(parsed.body, box)) return base::InvalidArgument("密文不是有效的 base64");
  if (!Decrypt(key.data(), FieldAssociated(context, parsed.key_id), box, plaintext)) {
    return base::FailedPrecondition("字段密文无法解密：密钥不符，或密文被改动、被移到了别的记录");
  }
  std::string out(plaintext.begin(), plaintext.end());
  sodium_memzero(plaintext.data(), plaintext.size());
  return out;
}

std::string WrapKey(const Key& master, std::int64_t key_id, std::string_view scope,
                    const Key& data_key) {
  return ToBase64(
      Encrypt(master.data(), KeyAssociated(key_id, scope), data_key.data(), data_key.size()));
}

base::Result<Key> UnwrapKey(const Key& master, std::int64_t key_id, std::string_view scope,
                            std::string_view wrapped) {
  std::vector<std::uint8_t> box, plaintext;
  if (!FromBase64(wrapped, box) ||
      !Decrypt(master.data(), KeyAssociated(key_id, scope), box, plaintext) ||
      plaintext.size() != 32) {
    return base::FailedPrecondition("数据密钥 " + std::to_string(key_id) +
                                    " 无法用主密钥解开：主密钥文件不是加密这些数据时所用的，"
                                    "或 data_keys 表被改动");
  }
  Key key;
  std::copy(plaintext.begin(), plaintext.end(), key.begin());
  sodium_memzero(plaintext.data(), plaintext.size());
  return key;
}

}  // namespace xr::crypto
