#pragma once
// The master key: 32 bytes outside the database — in a key file, or in the environment variable
// XUANREN_MASTER_KEY (base64) — which wraps the data keys (keyring.h). A copy of the database
// alone therefore reveals no confidential value.
//
// Key file (text, mode 0600), created on first use by the server or CLI:
//   # comment lines
//   master_key: <64 hex>

#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "crypto/sealed.h"

namespace xr::crypto {

inline constexpr std::string_view kDefaultMasterKeyFile = "data/master.key";
inline constexpr std::string_view kMasterKeyFileEnvironment = "XUANREN_MASTER_KEY_FILE";
// Holds the key itself (standard base64 of the 32 bytes, e.g. from a secrets manager or
// `openssl rand -base64 32`); when set and not empty it is used instead of any key file, and no
// file is read or created.
inline constexpr std::string_view kMasterKeyEnvironment = "XUANREN_MASTER_KEY";

// The key from XUANREN_MASTER_KEY; nullopt when it is unset or empty. FailedPrecondition when it
// is not the base64 of exactly 32 bytes (the message never contains the value).
base::Result<std::optional<Key>> MasterKeyFromEnvironment();

// XUANREN_MASTER_KEY_FILE when set and not empty, else data/master.key (relative to the working
// directory, beside the default database).
std::string MasterKeyFilePath();

// NotFound when the file does not exist; FailedPrecondition when group or others may read it
// (fix: chmod 600) or it is malformed.
base::Result<Key> LoadMasterKeyFile(const std::string& path);
// Writes `key` to a new file with mode 0600 (parent directories created); AlreadyExists when the
// file exists. The file appears complete or not at all.
base::Status WriteMasterKeyFile(const std::string& path, const Key& key);
// As LoadMasterKeyFile, but a missing file is created with a fresh random key; two processes
// racing to create it end up with the same key.
base::Result<Key> LoadOrCreateMasterKeyFile(const std::string& path);

}  // namespace xr::crypto
