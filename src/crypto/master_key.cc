#include "crypto/master_key.h"

#include <sodium.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

#include "base/secret_file.h"

namespace xr::crypto {
namespace {

std::string Serialize(const Key& key) {
  std::string hex(key.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), key.data(), key.size());
  hex.pop_back();
  std::string text =
      "# xuanren 主密钥：包裹各管理权限的数据密钥。不得放入数据库；请离线备份，丢失后\n"
      "# 加密字段无法再解开。\n"
      "master_key: " +
      hex + "\n";
  sodium_memzero(hex.data(), hex.size());
  return text;
}

base::Result<Key> Parse(const std::string& text, const std::string& path) {
  return base::KeyFromSecretFile(text, "master_key", "主密钥文件", path);
}

}  // namespace

base::Result<std::optional<Key>> MasterKeyFromEnvironment() {
  const char* value = std::getenv(std::string(kMasterKeyEnvironment).c_str());
  if (value == nullptr || *value == '\0') return std::optional<Key>();
  const std::string_view text(value);
  std::vector<std::uint8_t> bytes(text.size());
  size_t length = 0;
  const bool decoded =
      sodium_base642bin(bytes.data(), bytes.size(), text.data(), text.size(), " \t\r\n", &length,
                        nullptr, sodium_base64_VARIANT_ORIGINAL) == 0;
  std::optional<Key> key;
  if (decoded && length == 32) {
    key.emplace();
    std::copy(bytes.begin(), bytes.begin() + 32, key->begin());
  }
  sodium_memzero(bytes.data(), bytes.size());
  if (!key) {
    return base::FailedPrecondition(
        "环境变量 XUANREN_MASTER_KEY 应为 32 字节主密钥的 base64（如 openssl rand -base64 32 "
        "的输出）");
  }
  return key;
}

std::string MasterKeyFilePath() {
  return base::SecretFilePath(kMasterKeyFileEnvironment, kDefaultMasterKeyFile);
}

base::Result<Key> LoadMasterKeyFile(const std::string& path) {
  ASSIGN_OR_RETURN(std::string contents,
                   base::ReadSecretFile(path, "主密钥文件", kMasterKeyFileEnvironment));
  auto key = Parse(contents, path);
  sodium_memzero(contents.data(), contents.size());
  return key;
}

base::Status WriteMasterKeyFile(const std::string& path, const Key& key) {
  std::string text = Serialize(key);
  base::Status created = base::CreateSecretFile(path, text, "主密钥文件");
  sodium_memzero(text.data(), text.size());
  return created;
}

base::Result<Key> LoadOrCreateMasterKeyFile(const std::string& path) {
  auto loaded = LoadMasterKeyFile(path);
  if (loaded.ok() || loaded.status().code() != base::StatusCode::kNotFound) return loaded;
  Key fresh = RandomKey();
  base::Status written = WriteMasterKeyFile(path, fresh);
  sodium_memzero(fresh.data(), fresh.size());
  if (!written.ok() && written.code() != base::StatusCode::kAlreadyExists) return written;
  return LoadMasterKeyFile(path);
}

}  // namespace xr::crypto
