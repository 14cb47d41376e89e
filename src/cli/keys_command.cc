#include <iostream>

#include "app/application.h"
#include "base/clock.h"
#include "cli/command_support.h"
#include "cli/commands.h"
#include "crypto/keyring.h"
#include "crypto/master_key.h"

namespace xr::cli {

int KeysRotate(const KeysRotateOptions& options) {
  const std::string key_file =
      options.key_file.empty() ? crypto::MasterKeyFilePath() : options.key_file;
  auto db = OpenDatabaseAt(options.db);
  if (!db.ok()) return Fail(db.status());
  base::RealClock clock;
  app::Application application(**db, clock);
  if (base::Status current = application.CheckSchemaIsCurrent(); !current.ok()) {
    return Fail(current);
  }
  const access::Actor actor = app::CliOperator();
  auto report =
      crypto::RotateMasterKey(**db, key_file, [&](store::Transaction& tx, std::int64_t count) {
        return application.audit_log().Write(tx, actor, "keys.rotate", "master_key", "master",
                                             {{"data_keys", std::to_string(count)}});
      });
  (*db)->Close();
  if (!report.ok()) return Fail(report.status());
  std::cout << "主密钥已轮换：" << report->data_keys
            << " 个数据密钥已用新主密钥重新包裹，新主密钥在 " << key_file << std::endl;
  if (!report->retired_file.empty()) {
    std::cout << "旧主密钥保存在 " << report->retired_file
              << "（仅用于恢复轮换前的备份；确认不再需要后请安全销毁）" << std::endl;
  }
  return 0;
}

}  // namespace xr::cli
