#include "cli/command_support.h"

#include <iostream>

namespace xr::cli {

int Fail(const base::Status& status) {
  std::cerr << "xuanren: 错误：" << status.message();
  if (!status.field().empty()) std::cerr << "（字段 " << status.field() << "）";
  std::cerr << std::endl;
  return 1;
}

base::Result<std::unique_ptr<store::Database>> OpenDatabaseAt(const std::string& url) {
  auto db = store::OpenDatabase(url);
  if (!db.ok()) {
    return base::Status(db.status().code(), "无法打开数据库 " + url + "：" + db.status().message(),
                        "db");
  }
  return db;
}

}  // namespace xr::cli
