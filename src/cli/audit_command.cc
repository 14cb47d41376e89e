#include <fstream>
#include <iostream>
#include <sstream>

#include "app/application.h"
#include "audit/audit_keys.h"
#include "audit/checkpoint.h"
#include "audit/verify.h"
#include "base/clock.h"
#include "cli/command_support.h"
#include "cli/commands.h"

namespace xr::cli {
namespace {

std::string KeyFile(const std::string& option) {
  return option.empty() ? audit::KeyFilePath() : option;
}

}  // namespace

int AuditVerify(const AuditVerifyOptions& options) {
  // Never creates keys: verifying with a fresh key would call every entry forged.
  auto keys = audit::LoadKeyFile(KeyFile(options.key_file));
  if (!keys.ok()) return Fail(keys.status());
  audit::VerifyOptions verify_options;
  if (!options.checkpoint.empty()) {
    std::ifstream in(options.checkpoint);
    if (!in) {
      return Fail(base::NotFound("无法读取检查点文件 " + options.checkpoint, "checkpoint"));
    }
    std::stringstream text;
    text << in.rdbuf();
    auto checkpoint = audit::ParseCheckpoint(text.str());
    if (!checkpoint.ok()) return Fail(checkpoint.status());
    verify_options.anchored = *checkpoint;
  }
  auto db = OpenDatabaseAt(options.db);
  if (!db.ok()) return Fail(db.status());
  auto report = audit::Verify(**db, *keys, verify_options);
  (*db)->Close();
  if (!report.ok()) return Fail(report.status());
  if (!report->ok) {
    if (report->first_bad_index) {
      return Fail(base::FailedPrecondition("第 " + std::to_string(*report->first_bad_index) +
                                           " 条记录被篡改（" + report->reason + "）"));
    }
    return Fail(base::FailedPrecondition("全程记实不完整（" + report->reason + "）"));
  }
  std::cout << "全程记实完整：" << report->entries_checked << " 条记录，"
            << report->checkpoints_checked << " 个检查点，根哈希 " << audit::ToHex(report->root)
            << (verify_options.anchored ? "；与外部检查点一致"
                                        : "；未提供外部检查点，无法发现尾部截断")
            << std::endl;
  return 0;
}

int AuditCheckpoint(const AuditCheckpointOptions& options) {
  auto db = OpenDatabaseAt(options.db);
  if (!db.ok()) return Fail(db.status());
  base::RealClock clock;
  app::Application application(**db, clock);
  if (auto current = application.CheckSchemaIsCurrent(); !current.ok()) return Fail(current);
  auto keys = audit::LoadOrCreateKeyFile(KeyFile(options.key_file));
  if (!keys.ok()) return Fail(keys.status());
  audit::AuditLog log(*keys, clock);
  auto checkpoint = (*db)->TransactValue<audit::Checkpoint>(
      store::TxMode::kWrite, [&](store::Transaction& tx) { return log.SignHead(tx, true); });
  (*db)->Close();
  if (!checkpoint.ok()) return Fail(checkpoint.status());
  const std::string text = audit::ExportCheckpoint(*checkpoint);
  if (options.out.empty()) {
    std::cout << text;
    return 0;
  }
  std::ofstream out(options.out, std::ios::trunc);
  out << text;
  if (!out.flush()) return Fail(base::Unavailable("无法写入检查点文件 " + options.out));
  std::cout << "已导出检查点：" << checkpoint->size << " 条记录，根哈希 "
            << audit::ToHex(checkpoint->root) << " → " << options.out << std::endl;
  return 0;
}

}  // namespace xr::cli
