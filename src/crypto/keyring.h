#pragma once
// The key hierarchy in use: master key (key file, never in the database) → one random data key
// per 管理权限 scope, stored only wrapped in `data_keys` → field values sealed with the data key
// of the record's scope (sealed.h).
//
// Scopes: "unit:<id>" for cadres managed by that unit (an organization department, or a
// department for 部门管理), "none" for cadres whose managing body is outside the unit tree.

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "crypto/sealed.h"
#include "store/database.h"

namespace xr::crypto {

// "unit:<id>" or "none".
std::string ScopeForManagingUnit(std::optional<std::int64_t> managing_unit_id);

// Where the master key comes from. Thread-safe; the key file is read (and created with mode 0600
// when missing) on first use, not at construction.
class Keyring {
 public:
  explicit Keyring(std::string key_file);
  // A fixed key (tests).
  explicit Keyring(const Key& master);
  ~Keyring();
  Keyring(const Keyring&) = delete;
  Keyring& operator=(const Keyring&) = delete;

  // Errors of LoadOrCreateMasterKeyFile.
  base::Result<Key> Master() const;
  // Forgets a loaded key so the next use reads the file again (after `xuanren keys rotate`).
  void Reload() const;

 private:
  std::string key_file_;
  mutable std::mutex mutex_;
  mutable std::optional<Key> master_;
};

// Data keys within one transaction; unwrapped keys are cached for this object's life only.
class DataKeys {
 public:
  DataKeys(store::Transaction& tx, const Keyring& keyring) : tx_(tx), keyring_(keyring) {}
  ~DataKeys();

  // Seals `plaintext` for `context` (FieldContext) with the data key of `scope`, creating that
  // key when it does not exist yet (needs a write transaction then).
  base::Result<std::string> Seal(std::string_view scope, std::string_view context,
                                 std::string_view plaintext);
  // Opens sealed text with the key it names. NotFound when that key does not exist;
  // FailedPrecondition when the master key or the text does not match (sealed.h).
  base::Result<std::string> Open(std::string_view context, std::string_view sealed);

 private:
  base::Result<Key> ById(std::int64_t id);
  base::Result<std::int64_t> IdForScope(std::string_view scope);

  store::Transaction& tx_;
  const Keyring& keyring_;
  std::map<std::int64_t, Key> cache_;
};

// Re-wraps every data key from `old_master` to `new_master` within `tx`; returns how many.
// FailedPrecondition when a key does not unwrap under `old_master` (nothing should then be
// committed).
base::Result<std::int64_t> RewrapAll(store::Transaction& tx, const Key& old_master,
                                     const Key& new_master);

struct RotationReport {
  std::int64_t data_keys = 0;
  std::string retired_file;  // where the old master key was kept
};

// `xuanren keys rotate`: reads the current master key from `key_file`, writes a fresh one to
// `<key_file>.new` (0600), re-wraps all data keys in one transaction, then atomically renames the
// new file over the old one (the old key stays as `<key_file>.old-<unix time>` for the backup
// that must then be destroyed). When the transaction fails, `.new` is removed and nothing
// changes. FailedPrecondition when `<key_file>.new` already exists (an interrupted rotation:
// see docs/security.md) or the current key does not unwrap the stored keys.
// `record` runs inside the same transaction after the re-wrapping (the caller's audit entry),
// with the number of keys re-wrapped.
base::Result<RotationReport> RotateMasterKey(
    store::Database& db, const std::string& key_file,
    const std::function<base::Status(store::Transaction&, std::int64_t)>& record = {});

}  // namespace xr::crypto
