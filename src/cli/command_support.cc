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

base::Result<std::unique_ptr<OpenedApplication>> OpenApplication(const std::string& url) {
  auto opened = std::make_unique<OpenedApplication>();
  ASSIGN_OR_RETURN(opened->db, OpenDatabaseAt(url));
  opened->application = std::make_unique<app::Application>(*opened->db, opened->clock);
  RETURN_IF_ERROR(opened->application->CheckSchemaIsCurrent());
  return opened;
}

base::Result<std::string> PasswordFromStdin(bool password_stdin) {
  if (!password_stdin) {
    return base::InvalidArgument("请用 --password-stdin 从标准输入提供密码（不在命令行上出现）",
                                 "password");
  }
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  return password;
}

}  // namespace xr::cli
