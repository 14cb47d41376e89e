#pragma once
// The `xuanren` commands. Each returns the process exit code: 0 on success, 1 after printing one
// line "xuanren: 错误：…" to stderr.

#include <cstdint>
#include <string>
#include <vector>

namespace xr::cli {

struct ServeOptions {
  std::string db;
  std::string listen = "127.0.0.1:8080";
  std::string web;  // built web app; empty = API only
  int threads = 4;
};
int Serve(const ServeOptions& options);

int Migrate(const std::string& db);

struct DemoOptions {
  std::string db;
  int cadres = 500;
  std::uint64_t seed = 20261127;
};
int Demo(const DemoOptions& options);

struct UserAddOptions {
  std::string db;
  std::string username;
  std::string display_name;
  std::vector<std::string> roles{"cadre_officer"};
  std::string unit;
  bool password_stdin = false;
};
int UserAdd(const UserAddOptions& options);

struct RoleAddOptions {
  std::string db;
  std::string name;
  std::string label;
  std::vector<std::string> permissions;
  std::string
      scope;  // all | self | unit:CODE | unit-below:CODE | managed-by:CODE[,CODE]; empty = none
  std::string clearance = "internal";
};
int RoleAdd(const RoleAddOptions& options);

// `xuanren audit verify`: 0 when the record is intact, 1 naming the first bad entry.
struct AuditVerifyOptions {
  std::string db;
  std::string checkpoint;  // an exported checkpoint file; empty = none
  std::string key_file;    // empty = XUANREN_AUDIT_KEY_FILE or data/audit.key
};
int AuditVerify(const AuditVerifyOptions& options);

// `xuanren audit checkpoint`: signs and stores the current head; writes it to `out` (or stdout).
struct AuditCheckpointOptions {
  std::string db;
  std::string out;
  std::string key_file;
};
int AuditCheckpoint(const AuditCheckpointOptions& options);

// `xuanren keys rotate`: re-wraps every data key under a new master key (crypto/keyring.h).
struct KeysRotateOptions {
  std::string db;
  std::string key_file;  // empty = XUANREN_MASTER_KEY_FILE or data/master.key
};
int KeysRotate(const KeysRotateOptions& options);

int Version();

}  // namespace xr::cli
