#pragma once
// The key hierarchy in use: master key (key file or XUANREN_MASTER_KEY, never in the database) →
// one random data key per scope, stored only wrapped in `data_keys` → field values sealed with
// the data key of the record's scope (sealed.h), in that key's cipher.
//
// Scopes: "unit:<id>" for cadres managed by that unit (an organization department, or a
// department for 部门管理), "none" for cadres whose managing body is outside the unit tree,
// "system" for secrets of the system itself (users' TOTP secrets).
//
// data_keys(id, scope, wrapped): `scope` is the key's label. The active key of a scope is
// labelled with the scope itself; while a data-key rotation (rotation.h) re-encrypts the values
// of the old key, that key is labelled "<scope>#retiring" (its wrapping is bound to the label).

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "base/status.h"
#include "crypto/sealed.h"
#include "store/database.h"

namespace xr::crypto {

// "unit:<id>" or "none".
std::string ScopeForManagingUnit(std::optional<std::int64_t> managing_unit_id);

// The scope of the system's own secrets (TOTP secrets).
inline constexpr std::string_view kSystemScope = "system";
// The label of a scope's key while a rotation retires it.
std::string RetiringLabel(std::string_view scope);
// The label of the key of blind indexes (DataKeys::BlindIndex). It is never replaced: data-key
// rotation leaves it out (a new key would invalidate every stored index); master-key rotation
// re-wraps it like every data key.
inline constexpr std::string_view kIndexKeyLabel = "index";

// Where the master key comes from, and the cipher of data keys created from now on. Thread-safe;
// the key is read (a missing key file created with mode 0600) on first use, not at construction.
class Keyring {
 public:
  // As configured: XUANREN_MASTER_KEY when set (no file is touched), else the key file
  // MasterKeyFilePath() (XUANREN_MASTER_KEY_FILE or data/master.key).
  Keyring();
  // Only this key file.
  explicit Keyring(std::string key_file);
  // A fixed key (tests).
  explicit Keyring(const Key& master);
  ~Keyring();
  Keyring(const Keyring&) = delete;
  Keyring& operator=(const Keyring&) = delete;

  // Errors of MasterKeyFromEnvironment / LoadOrCreateMasterKeyFile.
  base::Result<Key> Master() const;
  // Forgets a key loaded from a file so the next use reads the file again (after
  // `xuanren keys rotate`).
  void Reload() const;
  // Whether the key comes from XUANREN_MASTER_KEY (then `xuanren keys rotate` cannot replace it).
  bool FromEnvironment() const;

  // The cipher of data keys created from now on (default XChaCha20-Poly1305; `--field-cipher`,
  // XUANREN_FIELD_CIPHER). Existing keys keep theirs until a data-key rotation replaces them.
  Cipher new_key_cipher() const { return new_key_cipher_.load(); }
  void set_new_key_cipher(Cipher cipher) const { new_key_cipher_.store(cipher); }

 private:
  bool configured_ = false;  // Keyring(): XUANREN_MASTER_KEY may apply
  std::string key_file_;
  mutable std::mutex mutex_;
  mutable std::optional<Key> master_;
  mutable std::atomic<Cipher> new_key_cipher_{Cipher::kXChaCha20Poly1305};
};

// Data keys within one transaction; unwrapped keys, and which key is active for a scope, are
// cached for this object's life only. Make one per transaction attempt (inside the work given to
// Database::Transact, never across attempts) and share it among that transaction's reads and
// writes of sealed values. The cache sees the keys this object found, created or relabelled;
// a change of `data_keys` in the same transaction by other means (another DataKeys, plain SQL)
// is not seen.
class DataKeys {
 public:
  DataKeys(store::Transaction& tx, const Keyring& keyring) : tx_(tx), keyring_(keyring) {}
  ~DataKeys();

  // Seals `plaintext` for `context` (FieldContext) with the active data key of `scope`, creating
  // that key (in the keyring's new_key_cipher) when it does not exist yet (needs a write
  // transaction then).
  base::Result<std::string> Seal(std::string_view scope, std::string_view context,
                                 std::string_view plaintext);
  // Seals with the data key `key_id`, in its cipher.
  base::Result<std::string> SealWith(std::int64_t key_id, std::string_view context,
                                     std::string_view plaintext);
  // Opens sealed text with the key it names. NotFound when that key does not exist;
  // FailedPrecondition when the master key or the text does not match (sealed.h), or when the
  // text's marker is not the cipher of that key.
  base::Result<std::string> Open(std::string_view context, std::string_view sealed);

  // The id of the key labelled `scope`; NotFound when there is none. Asks the database once per
  // label and object (a NotFound is not remembered: the key may be created later); the same
  // statement brings the wrapped key, so sealing or indexing with it next asks nothing more.
  base::Result<std::int64_t> ActiveKeyId(std::string_view scope);
  // A new random data key labelled `label`, wrapped in `cipher`; its id. AlreadyExists when a key
  // has that label.
  base::Result<std::int64_t> Create(std::string_view label, Cipher cipher);
  // Gives key `key_id` the label `label`, re-wrapping it (the wrapping is bound to the label).
  base::Status Relabel(std::int64_t key_id, std::string_view label);
  // The cipher of key `key_id`.
  base::Result<Cipher> CipherOf(std::int64_t key_id);

  // A blind index of `text`: a keyed hash, as 64 lowercase hex characters, with which a sealed
  // value can be found by equality without opening every row. `label` names the use (e.g.
  // "cadres.id_number") so equal texts in different uses do not match; it must not contain a
  // NUL. The key is the data key labelled kIndexKeyLabel, created on first use in the keyring's
  // new_key_cipher (needs a write transaction then): keyed BLAKE2b-256 for an XChaCha20-Poly1305
  // key, HMAC-SM3 for an SM4 key (国密). Errors as Seal.
  base::Result<std::string> BlindIndex(std::string_view label, std::string_view text);
  // As BlindIndex, but NotFound when the index key does not exist yet (no index was ever
  // computed, so no stored one can match); never writes.
  base::Result<std::string> ExistingBlindIndex(std::string_view label, std::string_view text);

 private:
  base::Result<DataKey> ById(std::int64_t id);
  base::Result<std::string> BlindIndexWith(std::int64_t key_id, std::string_view label,
                                           std::string_view text);

  store::Transaction& tx_;
  const Keyring& keyring_;
  std::map<std::int64_t, DataKey> cache_;
  std::map<std::string, std::int64_t, std::less<>> active_;  // label → key id
  // Rows of data_keys read by ActiveKeyId and not unwrapped yet: key id → (scope, wrapped).
  std::map<std::int64_t, std::pair<std::string, std::string>> wrapped_;
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
