#pragma once
// Files that hold keys (the audit keys, the master key): readable only by their owner, created
// atomically, never half-written. `what` names the file in messages, e.g. "审计密钥文件".

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace xr::base {

// The file's contents. NotFound when it does not exist (the message names `env_variable`, which
// can point elsewhere); FailedPrecondition when group or others may read it (with the chmod that
// fixes it); Unavailable when it cannot be read.
Result<std::string> ReadSecretFile(const std::string& path, std::string_view what,
                                   std::string_view env_variable);

// Creates `path` (and its directory) with mode 0600 holding `contents`: written under a
// temporary name, synced, then linked into place, so a reader never sees half a file and of two
// concurrent creators exactly one wins. AlreadyExists when the file exists.
Status CreateSecretFile(const std::string& path, std::string_view contents, std::string_view what);

// The 32-byte key on the line "<name>: <64 hex digits>" of a key file's `text` (lines starting
// with '#' are comments; CRLF is accepted). FailedPrecondition naming `what`, `path` and `name`
// when the line is missing or its value is not 64 hex digits.
Result<std::array<std::uint8_t, 32>> KeyFromSecretFile(std::string_view text, std::string_view name,
                                                       std::string_view what,
                                                       std::string_view path);

// `env_variable` when set and not empty, else `default_path`.
std::string SecretFilePath(std::string_view env_variable, std::string_view default_path);

}  // namespace xr::base
