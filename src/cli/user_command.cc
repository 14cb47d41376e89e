#include <iostream>
#include <string>

#include "app/application.h"
#include "base/clock.h"
#include "cli/command_support.h"
#include "cli/commands.h"

namespace xr::cli {

int UserAdd(const UserAddOptions& options) {
  if (!options.password_stdin) {
    return Fail(base::InvalidArgument(
        "请用 --password-stdin 从标准输入提供密码（不在命令行上出现）", "password"));
  }
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();

  auto db = OpenDatabaseAt(options.db);
  if (!db.ok()) return Fail(db.status());
  base::RealClock clock;
  app::Application application(**db, clock);
  const access::Actor operator_actor = app::CliOperator();
  if (auto current = application.CheckSchemaIsCurrent(); !current.ok()) return Fail(current);

  access::NewUser user{options.username, options.display_name, password, options.roles,
                       std::nullopt};
  if (!options.unit.empty()) {
    auto unit = application.org().FindUnitByCode(operator_actor, options.unit);
    if (!unit.ok()) return Fail(unit.status());
    user.unit_code = options.unit;
  }
  auto created = application.users().Add(operator_actor, std::move(user));
  (*db)->Close();
  if (!created.ok()) return Fail(created.status());
  std::cout << "已创建用户 " << created->username << "（编号 " << created->id.value() << "）"
            << std::endl;
  return 0;
}

}  // namespace xr::cli
