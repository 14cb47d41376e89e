#include "crypto/keyring.h"

#include <sodium.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "crypto/gm.h"
#include "crypto/master_key.h"

namespace xr::crypto {

std::string ScopeForManagingUnit(std::optional<std::int64_t> managing_unit_id) {
  return managing_unit_id ? "unit:" + std::to_string(*managing_unit_id) : "none";
}

std::string RetiringLabel(std::string_view scope) { return std::string(scope) + "#retiring"; }

Keyring::Keyring() : configured_(true), key_file_(MasterKeyFilePath()) {}
Keyring::Keyring(std::string key_file) : key_file_(std::move(key_file)) {}
Keyring::Keyring(const Key& master) : master_(master) {}
Keyring::~Keyring() {
  if (master_) sodium_memzero(master_->data(), master_->size());
}

bool Keyring::FromEnvironment() const {
  if (!configured_) return false;
  const char* value = std::getenv(std::string(kMasterKeyEnvironment).c_str());
  return value != nullptr && *value != '\0';
}

base::Result<Key> Keyring::Master() const {
  std::lock_guard lock(mutex_);
  if (!master_) {
    if (configured_) {
      ASSIGN_OR_RETURN(std::optional<Key> from_environment, MasterKeyFromEnvironment());
      if (from_environment) {
        master_ = *from_environment;
        sodium_memzero(from_environment->data(), from_environment->size());
        return *master_;
      }
    }
    ASSIGN_OR_RETURN(Key key, LoadOrCreateMasterKeyFile(key_file_));
    master_ = key;
    sodium_memzero(key.data(), key.size());
  }
  return *master_;
}

void Keyring::Reload() const {
  std::lock_guard lock(mutex_);
  if (key_file_.empty() || !master_) return;
  sodium_memzero(master_->data(), master_->size());
  master_.reset();
}

DataKeys::~DataKeys() {
  for (auto& [id, key] : cache_) sodium_memzero(key.key.data(), key.key.size());
}

base::Result<DataKey> DataKeys::ById(std::int64_t id) {
  if (auto it = cache_.find(id); it != cache_.end()) return it->second;
  std::optional<std::pair<std::string, std::string>> row;  // scope, wrapped
  bool prefetched = false;
  if (auto it = wrapped_.find(id); it != wrapped_.end()) {
    row = std::move(it->second);
    wrapped_.erase(it);
    prefetched = true;
  }
  for (;;) {
    if (!row) {
      ASSIGN_OR_RETURN(store::Row stored,
                       tx_.QueryOne("SELECT scope, wrapped FROM data_keys WHERE id = ?", {id},
                                    "数据密钥不存在"));
      row.emplace(stored.Text(0), stored.Text(1));
    }
    ASSIGN_OR_RETURN(Key master, keyring_.Master());
    auto key = UnwrapDataKey(master, id, row->first, row->second);
    if (!key.ok()) {
      // The key file may have been rotated under a running server: read it once more.
      keyring_.Reload();
      ASSIGN_OR_RETURN(master, keyring_.Master());
      key = UnwrapDataKey(master, id, row->first, row->second);
    }
    sodium_memzero(master.data(), master.size());
    if (!key.ok() && prefetched) {
      // The row ActiveKeyId read may have been re-wrapped since (a rotation in this
      // transaction): read it again before giving up.
      prefetched = false;
      row.reset();
      continue;
    }
    if (!key.ok()) return key.status();
    cache_[id] = *key;
    return *key;
  }
}

base::Result<std::int64_t> DataKeys::ActiveKeyId(std::string_view scope) {
  if (auto it = active_.find(scope); it != active_.end()) return it->second;
  // The wrapped key comes along: a seal or an index with it (ById) usually follows, and on
  // PostgreSQL each statement is a round trip.
  ASSIGN_OR_RETURN(store::Row row,
                   tx_.QueryOne("SELECT id, scope, wrapped FROM data_keys WHERE scope = ?", {scope},
                                "该范围没有数据密钥"));
  const std::int64_t id = row.Int(0);
  active_.emplace(std::string(scope), id);
  if (!cache_.contains(id)) wrapped_[id] = {row.Text(1), row.Text(2)};
  return id;
}

base::Result<std::int64_t> DataKeys::Create(std::string_view label, Cipher cipher) {
  ASSIGN_OR_RETURN(Key master, keyring_.Master());
  // The wrapping binds the key id, which the database assigns: insert, then store the wrapping.
  auto inserted =
      tx_.QueryInt("INSERT INTO data_keys (scope, wrapped) VALUES (?, '') RETURNING id", {label});
  if (!inserted.ok()) {
    sodium_memzero(master.data(), master.size());
    return inserted.status();
  }
  const std::int64_t id = *inserted;
  DataKey data_key{RandomKey(), cipher};
  auto updated = tx_.Execute("UPDATE data_keys SET wrapped = ? WHERE id = ?",
                             {WrapKey(master, id, label, data_key.key, cipher), id});
  sodium_memzero(master.data(), master.size());
  if (updated.ok()) cache_[id] = data_key;
  sodium_memzero(data_key.key.data(), data_key.key.size());
  if (!updated.ok()) return updated.status();
  active_[std::string(label)] = id;
  return id;
}

base::Status DataKeys::Relabel(std::int64_t key_id, std::string_view label) {
  ASSIGN_OR_RETURN(DataKey data_key, ById(key_id));
  ASSIGN_OR_RETURN(Key master, keyring_.Master());
  const std::string wrapped = WrapKey(master, key_id, label, data_key.key, data_key.cipher);
  sodium_memzero(master.data(), master.size());
  sodium_memzero(data_key.key.data(), data_key.key.size());
  RETURN_IF_ERROR(tx_.Execute("UPDATE data_keys SET scope = ?, wrapped = ? WHERE id = ?",
                              {label, wrapped, key_id})
                      .status());
  // The key's old label names no key now; `label` names this one.
  std::erase_if(active_, [&](const auto& entry) { return entry.second == key_id; });
  active_[std::string(label)] = key_id;
  return base::Status::Ok();
}

base::Result<Cipher> DataKeys::CipherOf(std::int64_t key_id) {
  ASSIGN_OR_RETURN(DataKey data_key, ById(key_id));
  sodium_memzero(data_key.key.data(), data_key.key.size());
  return data_key.cipher;
}

base::Result<std::string> DataKeys::Seal(std::string_view scope, std::string_view context,
                                         std::string_view plaintext) {
  auto id = ActiveKeyId(scope);
  if (!id.ok() && id.status().code() == base::StatusCode::kNotFound) {
    id = Create(scope, keyring_.new_key_cipher());
  }
  if (!id.ok()) return id.status();
  return SealWith(*id, context, plaintext);
}

base::Result<std::string> DataKeys::SealWith(std::int64_t key_id, std::string_view context,
                                             std::string_view plaintext) {
  ASSIGN_OR_RETURN(DataKey key, ById(key_id));
  std::string sealed = crypto::Seal(key.cipher, key.key, key_id, context, plaintext);
  sodium_memzero(key.key.data(), key.key.size());
  return sealed;
}

base::Result<std::string> DataKeys::BlindIndex(std::string_view label, std::string_view text) {
  auto id = ActiveKeyId(kIndexKeyLabel);
  if (!id.ok() && id.status().code() == base::StatusCode::kNotFound) {
    id = Create(kIndexKeyLabel, keyring_.new_key_cipher());
  }
  if (!id.ok()) return id.status();
  return BlindIndexWith(*id, label, text);
}

base::Result<std::string> DataKeys::ExistingBlindIndex(std::string_view label,
                                                       std::string_view text) {
  ASSIGN_OR_RETURN(std::int64_t id, ActiveKeyId(kIndexKeyLabel));
  return BlindIndexWith(id, label, text);
}

base::Result<std::string> DataKeys::BlindIndexWith(std::int64_t key_id, std::string_view label,
                                                   std::string_view text) {
  ASSIGN_OR_RETURN(DataKey key, ById(key_id));
  std::string message(label);
  message += '\0';
  message.append(text);
  std::array<std::uint8_t, 32> digest{};
  if (key.cipher == Cipher::kSm4CtrHmacSm3) {
    digest = gm::HmacSm3(key.key, gm::Bytes(message));
  } else {
    crypto_generichash(digest.data(), digest.size(),
                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       key.key.data(), key.key.size());
  }
  sodium_memzero(key.key.data(), key.key.size());
  sodium_memzero(message.data(), message.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(digest.size() * 2);
  for (std::uint8_t byte : digest) {
    hex += kHex[byte >> 4];
    hex += kHex[byte & 0xF];
  }
  return hex;
}

base::Result<std::string> DataKeys::Open(std::string_view context, std::string_view sealed) {
  ASSIGN_OR_RETURN(std::int64_t id, SealedKeyId(sealed));
  ASSIGN_OR_RETURN(Cipher marked, SealedCipher(sealed));
  ASSIGN_OR_RETURN(DataKey key, ById(id));
  if (key.cipher != marked) {
    sodium_memzero(key.key.data(), key.key.size());
    return base::FailedPrecondition("字段密文无法解密：密文所标算法与数据密钥 " +
                                    std::to_string(id) + " 的算法不符");
  }
  auto plaintext = crypto::Open(key.key, context, sealed);
  sodium_memzero(key.key.data(), key.key.size());
  return plaintext;
}

base::Result<std::int64_t> RewrapAll(store::Transaction& tx, const Key& old_master,
                                     const Key& new_master) {
  ASSIGN_OR_RETURN(store::Rows rows,
                   tx.Query("SELECT id, scope, wrapped FROM data_keys ORDER BY id"));
  for (const store::Row& row : rows) {
    const std::int64_t id = row.Int(0);
    const std::string scope = row.Text(1);
    ASSIGN_OR_RETURN(DataKey key, UnwrapDataKey(old_master, id, scope, row.Text(2)));
    auto updated = tx.Execute("UPDATE data_keys SET wrapped = ? WHERE id = ?",
                              {WrapKey(new_master, id, scope, key.key, key.cipher), id});
    sodium_memzero(key.key.data(), key.key.size());
    if (!updated.ok()) return updated.status();
  }
  return std::int64_t(rows.size());
}

base::Result<RotationReport> RotateMasterKey(
    store::Database& db, const std::string& key_file,
    const std::function<base::Status(store::Transaction&, std::int64_t)>& record) {
  ASSIGN_OR_RETURN(Key old_master, LoadMasterKeyFile(key_file));
  const std::string next_file = key_file + ".new";
  if (std::filesystem::exists(next_file)) {
    return base::FailedPrecondition(
        "发现未完成的轮换留下的 " + next_file +
        "；请按 docs/security.md 判断数据密钥由哪一个主密钥包裹后再处理");
  }
  Key new_master = RandomKey();
  RETURN_IF_ERROR(WriteMasterKeyFile(next_file, new_master));
  RotationReport report;
  base::Status status = db.Transact(store::TxMode::kWrite, [&](store::Transaction& tx) {
    ASSIGN_OR_RETURN(report.data_keys, RewrapAll(tx, old_master, new_master));
    return record ? record(tx, report.data_keys) : base::Status::Ok();
  });
  sodium_memzero(old_master.data(), old_master.size());
  sodium_memzero(new_master.data(), new_master.size());
  if (!status.ok()) {
    ::unlink(next_file.c_str());
    return status;
  }
  // Committed: the database now needs the new key. Keep the old one under a dated name (so a
  // restore of an older backup stays readable) and swap the new file in with one rename(2).
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
  report.retired_file = key_file + ".old-" + std::to_string(seconds);
  if (::link(key_file.c_str(), report.retired_file.c_str()) != 0) report.retired_file.clear();
  if (::rename(next_file.c_str(), key_file.c_str()) != 0) {
    return base::Unavailable("数据密钥已用新主密钥包裹，但无法把 " + next_file + " 换为 " +
                             key_file + "（" + std::strerror(errno) + "）；请手工执行 mv " +
                             next_file + " " + key_file);
  }
  return report;
}

}  // namespace xr::crypto
