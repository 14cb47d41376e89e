#include <iostream>
#include <string>

#include "cli/command_support.h"
#include "cli/commands.h"

namespace xr::cli {

int UserAdd(const UserAddOptions& options) {
  auto password = PasswordFromStdin(options.password_stdin);
  if (!password.ok()) return Fail(password.status());
  auto opened = OpenApplication(options.db);
  if (!opened.ok()) return Fail(opened.status());
  OpenedApplication& command = **opened;
  access::NewUser user{options.username, options.display_name, *password, options.roles,
                       std::nullopt};
  if (!options.unit.empty()) user.unit_code = options.unit;
  auto created = command.application->users().Add(command.actor, std::move(user));
  command.db->Close();
  if (!created.ok()) return Fail(created.status());
  std::cout << "已创建用户 " << created->username << "（编号 " << created->id.value() << "）"
            << std::endl;
  return 0;
}

int UserSet(const UserSetOptions& options) {
  access::UserChange change;
  change.display_name = options.display_name;
  if (options.unit) change.unit = access::UnitChoice{std::nullopt, *options.unit};
  if (options.unit && options.unit->empty()) change.unit = access::UnitChoice{};
  change.roles = options.roles;
  if (options.disable) change.disabled = true;
  if (options.enable) change.disabled = false;
  if (change.empty()) {
    return Fail(base::InvalidArgument(
        "请至少给出 --display-name、--unit、--roles、--disable 或 --enable 之一", "body"));
  }
  auto opened = OpenApplication(options.db);
  if (!opened.ok()) return Fail(opened.status());
  OpenedApplication& command = **opened;
  access::UserService& users = command.application->users();
  auto user = users.FindByUsername(command.actor, options.username);
  if (!user.ok()) return Fail(user.status());
  auto updated = users.Update(command.actor, user->id, change);
  command.db->Close();
  if (!updated.ok()) return Fail(updated.status());
  std::string roles;
  for (const std::string& role : updated->roles) roles += (roles.empty() ? "" : ",") + role;
  std::cout << "已修改用户 " << updated->username << "：姓名 " << updated->display_name << "，机构 "
            << updated->unit_code.value_or("无") << "，角色 " << roles << "，"
            << (updated->disabled ? "已停用" : "启用中") << std::endl;
  return 0;
}

int UserResetPassword(const UserResetOptions& options) {
  auto password = PasswordFromStdin(options.password_stdin);
  if (!password.ok()) return Fail(password.status());
  auto opened = OpenApplication(options.db);
  if (!opened.ok()) return Fail(opened.status());
  OpenedApplication& command = **opened;
  access::UserService& users = command.application->users();
  auto user = users.FindByUsername(command.actor, options.username);
  if (!user.ok()) return Fail(user.status());
  auto reset = users.ResetPassword(command.actor, user->id, *password);
  command.db->Close();
  if (!reset.ok()) return Fail(reset.status());
  std::cout << "已重置用户 " << user->username << " 的密码：下次登录须修改；结束会话 "
            << reset->sessions_ended << " 个，登录锁定已解除" << std::endl;
  return 0;
}

int UserResetTotp(const UserResetOptions& options) {
  auto opened = OpenApplication(options.db);
  if (!opened.ok()) return Fail(opened.status());
  OpenedApplication& command = **opened;
  access::UserService& users = command.application->users();
  auto user = users.FindByUsername(command.actor, options.username);
  if (!user.ok()) return Fail(user.status());
  base::Status reset = users.ResetTotp(command.actor, user->id);
  command.db->Close();
  if (!reset.ok()) return Fail(reset);
  std::cout << "已清除用户 " << user->username << " 的动态口令，请其登录后重新绑定" << std::endl;
  return 0;
}

}  // namespace xr::cli
