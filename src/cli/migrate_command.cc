#include <iostream>

#include "app/application.h"
#include "base/clock.h"
#include "cli/command_support.h"
#include "cli/commands.h"

namespace xr::cli {

int Migrate(const std::string& url) {
  auto db = OpenDatabaseAt(url);
  if (!db.ok()) return Fail(db.status());
  base::RealClock clock;
  auto report = store::Migrate(**db, app::AllMigrations(), clock);
  // TOTP secrets left in plaintext by an older version are sealed (needs the master key only
  // when there are any).
  base::Result<std::int64_t> sealed = std::int64_t{0};
  if (report.ok()) sealed = app::Application(**db, clock).CompleteStoredData();
  (*db)->Close();
  if (!report.ok()) return Fail(report.status());
  if (!sealed.ok()) return Fail(sealed.status());
  if (*sealed > 0) {
    std::cout << "已加密旧版本以明文保存的 " << *sealed << " 个动态口令密钥" << std::endl;
  }
  if (report->applied.empty()) {
    std::cout << "数据库结构已是最新（版本 " << report->current_version << "）" << std::endl;
  } else {
    std::cout << "已应用 " << report->applied.size() << " 步迁移，当前版本 "
              << report->current_version << std::endl;
  }
  return 0;
}

}  // namespace xr::cli
