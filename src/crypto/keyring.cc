#include "crypto/keyring.h"

#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>

#include "crypto/master_key.h"

namespace xr::crypto {

std::string ScopeForManagingUnit(std::optional<std::int64_t> managing_unit_id) {
  return managing_unit_id ? "unit:" + std::to_string(*managing_unit_id) : "none";
}

Keyring::Keyring(std::string key_file) : key_file_(std::move(key_file)) {}
Keyring::Keyring(const Key& master) : master_(master) {}
Keyring::~Keyring() {
  if (master_) sodium_memzero(master_->data(), master_->size());
}

base::Result<Key> Keyring::Master() const {
  std::lock_guard lock(mutex_);
  if (!master_) {
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
  for (auto& [id, key] : cache_) sodium_memzero(key.data(), key.size());
}

base::Result<Key> DataKeys::ById(std::int64_t id) {
  if (auto it = cache_.find(id); it != cache_.end()) return it->second;
  ASSIGN_OR_RETURN(store::Row row, tx_.QueryOne("SELECT scope, wrapped FROM data_keys WHERE id = ?",
                                                {id}, "数据密钥不存在"));
  ASSIGN_OR_RETURN(Key master, keyring_.Master());
  auto key = UnwrapKey(master, id, row.Text(0), row.Text(1));
  if (!key.ok()) {
    // The key file may have been rotated under a running server: read it once more.
    keyring_.Reload();
    ASSIGN_OR_RETURN(master, keyring_.Master());
    key = UnwrapKey(master, id, row.Text(0), row.Text(1));
  }
  sodium_memzero(master.data(), master.size());
  if (!key.ok()) return key.status();
  cache_[id] = *key;
  return *key;
}

base::Result<std::int64_t> DataKeys::IdForScope(std::string_view scope) {
  ASSIGN_OR_RETURN(store::Rows rows,
                   tx_.Query("SELECT id FROM data_keys WHERE scope = ?", {scope}));
  if (!rows.empty()) return rows[0].Int(0);
  ASSIGN_OR_RETURN(Key master, keyring_.Master());
  // The wrapping binds the key id, which the database assigns: insert, then store the wrapping.
  ASSIGN_OR_RETURN(
      std::int64_t id,
      tx_.QueryInt("INSERT INTO data_keys (scope, wrapped) VALUES (?, '') RETURNING id", {scope}));
  Key data_key = RandomKey();
  auto updated = tx_.Execute("UPDATE data_keys SET wrapped = ? WHERE id = ?",
                             {WrapKey(master, id, scope, data_key), id});
  sodium_memzero(master.data(), master.size());
  if (!updated.ok()) return updated.status();
  cache_[id] = data_key;
  sodium_memzero(data_key.data(), data_key.size());
  return id;
}

base::Result<std::string> DataKeys::Seal(std::string_view scope, std::string_view context,
                                         std::string_view plaintext) {
  ASSIGN_OR_RETURN(std::int64_t id, IdForScope(scope));
  ASSIGN_OR_RETURN(Key key, ById(id));
  std::string sealed = crypto::Seal(key, id, context, plaintext);
  sodium_memzero(key.data(), key.size());
  return sealed;
}

base::Result<std::string> DataKeys::Open(std::string_view context, std::string_view sealed) {
  ASSIGN_OR_RETURN(std::int64_t id, SealedKeyId(sealed));
  ASSIGN_OR_RETURN(Key key, ById(id));
  auto plaintext = crypto::Open(key, context, sealed);
  sodium_memzero(key.data(), key.size());
  return plaintext;
}

base::Result<std::int64_t> RewrapAll(store::Transaction& tx, const Key& old_master,
                                     const Key& new_master) {
  ASSIGN_OR_RETURN(store::Rows rows,
                   tx.Query("SELECT id, scope, wrapped FROM data_keys ORDER BY id"));
  for (const store::Row& row : rows) {
    const std::int64_t id = row.Int(0);
    const std::string scope = row.Text(1);
    ASSIGN_OR_RETURN(Key key, UnwrapKey(old_master, id, scope, row.Text(2)));
    auto updated = tx.Execute("UPDATE data_keys SET wrapped = ? WHERE id = ?",
                              {WrapKey(new_master, id, scope, key), id});
    sodium_memzero(key.data(), key.size());
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
