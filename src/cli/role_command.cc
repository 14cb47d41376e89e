#include <iostream>

#include "app/application.h"
#include "cli/command_support.h"
#include "cli/commands.h"

namespace xr::cli {

int RoleAdd(const RoleAddOptions& options) {
  access::Role role;
  role.name = options.name;
  role.label = options.label.empty() ? options.name : options.label;
  role.permissions = options.permissions;
  if (!options.scope.empty() && options.scope != "none") {
    auto scope = access::ParseScope(options.scope);
    if (!scope.ok()) return Fail(scope.status());
    role.scope = *scope;
  }
  auto clearance = access::ParseClearance(options.clearance);
  if (!clearance.ok()) return Fail(clearance.status());
  role.clearance = *clearance;

  auto opened = OpenApplication(options.db);
  if (!opened.ok()) return Fail(opened.status());
  store::Database& db = *(*opened)->db;
  app::Application& application = *(*opened)->application;
  base::Status added = application.roles().Add(app::CliOperator(), role);
  db.Close();
  if (!added.ok()) return Fail(added);
  std::cout << "已创建角色 " << role.name << "（" << role.label << "）：数据范围 "
            << (role.scope ? access::ToString(*role.scope) : "无") << "，密级 "
            << access::ClearanceLabel(role.clearance) << std::endl;
  return 0;
}

}  // namespace xr::cli
