#pragma once
// The `xuanren` commands. Each returns the process exit code: 0 on success, 1 after printing one
// line "xuanren: 错误：…" to stderr.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace xr::cli {

struct ServeOptions {
  std::string db;
  std::string listen = "127.0.0.1:8080";
  std::string web;  // built web app; empty = API only
  int threads = 4;
  std::string field_cipher = "xchacha20";  // of data keys created from now on: xchacha20 | sm4
  // Sign-in and session policy (access::SessionPolicy; bounds in ValidateSessionPolicy).
  int password_max_age_days = 90;
  int idle_timeout_minutes = 30;
  int lockout_failures = 5;
  int lockout_minutes = 15;
};
int Serve(const ServeOptions& options);

int Migrate(const std::string& db);

// `xuanren maintain fulltext`: chooses full text's common bigrams again from the postings now and
// rewrites the masks that change (cadre/common_bigrams.h); prints the set, one bigram a line as
// BIT<TAB>BIGRAM<TAB>CADRES.
int MaintainFulltext(const std::string& db);

struct DemoOptions {
  std::string db;
  int cadres = 500;
  std::uint64_t seed = 20261127;
  std::string field_cipher = "xchacha20";
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

// `xuanren user set`: edits an account; only the options given change.
struct UserSetOptions {
  std::string db;
  std::string username;
  std::optional<std::string> display_name;
  std::optional<std::string> unit;  // a unit code; "" = no unit
  std::optional<std::vector<std::string>> roles;
  bool disable = false;
  bool enable = false;
};
int UserSet(const UserSetOptions& options);

// `xuanren user reset-password` (new initial password from stdin) and `xuanren user reset-totp`.
struct UserResetOptions {
  std::string db;
  std::string username;
  bool password_stdin = false;
};
int UserResetPassword(const UserResetOptions& options);
int UserResetTotp(const UserResetOptions& options);

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

// `xuanren keys rotate-data`: a new data key per scope, every sealed value re-encrypted under it
// in batches that resume after a crash; the old key is deleted once unused (crypto/rotation.h).
struct KeysRotateDataOptions {
  std::string db;
  std::vector<std::string> scopes;  // --scope (repeatable); or all
  bool all = false;
  std::int64_t batch = 500;
  std::string field_cipher = "xchacha20";  // cipher of the new keys: xchacha20 | sm4
};
int KeysRotateData(const KeysRotateDataOptions& options);
// `xuanren keys list`: every data key with its scope, cipher, number of values and any
// unfinished rotation.
int KeysList(const std::string& db);

int Version();

// `xuanren print rmb --cadre ID --out FILE.pdf`: the 干部任免审批表 of one cadre as a PDF
// (print/print_service.h), as the console operator.
struct PrintRmbOptions {
  std::string db;
  std::int64_t cadre = 0;
  std::string out;
};
int PrintRmb(const PrintRmbOptions& options);

// `xuanren import lrmx FILE… --unit CODE [--dry-run] [--replace]`: one line per file on standard
// output, "FILE\tok\tID" (dry run: "-" for a new person) or "FILE\terror\tMESSAGE"; exit 0 only
// when every file is ok. A person already on record (same ID number) is an error line unless
// --replace.
struct ImportLrmxOptions {
  std::string db;
  std::vector<std::string> files;
  std::string unit;
  std::string managing_body;
  bool dry_run = false;
  bool replace = false;
};
int ImportLrmx(const ImportLrmxOptions& options);
// `xuanren export lrmx --cadre ID --out FILE`.
struct ExportLrmxOptions {
  std::string db;
  std::int64_t cadre = 0;
  std::string out;
};
int ExportLrmx(const ExportLrmxOptions& options);

// `xuanren export excel --out F.xlsx [--columns a,b] [--condition JSON | --unit-id N --status S]
// [--sort S]`: the 干部名册 or a 组合查询 result as an .xlsx (interchange/excel_export.h), as the
// console operator; prints "N 人 → F（T 秒）".
struct ExportExcelOptions {
  std::string db;
  std::string out;
  std::string columns = "gender,birth_month,ethnicity,party,unit_name,post,rank,managing_body";
  std::string condition;  // JSON condition node; empty = the list
  std::int64_t unit_id = 0;
  std::string status = "在职";
  std::string sort = "position";
  std::string title = "干部名册";
};
int ExportExcel(const ExportExcelOptions& options);

}  // namespace xr::cli
