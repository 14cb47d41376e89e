#include "access/user.h"

#include <algorithm>

#include "access/password.h"
#include "access/role.h"

namespace xr::access {
namespace {

// Characters, not bytes: display names are Chinese.
size_t Utf8Length(std::string_view s) {
  return size_t(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

}  // namespace

base::Status ValidateNewUser(const NewUser& user) {
  const std::string& name = user.username;
  const bool name_ok =
      name.size() >= 3 && name.size() <= 32 && name[0] >= 'a' && name[0] <= 'z' &&
      std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
      });
  if (!name_ok) {
    return base::InvalidArgument("用户名须为 3–32 位小写字母、数字或 _ . -，并以字母开头",
                                 "username");
  }
  if (Utf8Length(user.display_name) > 32)
    return base::InvalidArgument("姓名最多 32 个字", "display_name");
  if (user.roles.empty()) return base::InvalidArgument("至少指定一个角色", "roles");
  int separated_admins = 0;
  for (size_t i = 0; i < user.roles.size(); ++i) {
    const RoleInfo* role = FindRole(user.roles[i]);
    if (role == nullptr) return base::InvalidArgument("未知角色：" + user.roles[i], "roles");
    if (std::find(user.roles.begin(), user.roles.begin() + long(i), user.roles[i]) !=
        user.roles.begin() + long(i)) {
      return base::InvalidArgument("角色重复：" + user.roles[i], "roles");
    }
    separated_admins += role->separated_admin ? 1 : 0;
  }
  if (separated_admins > 1) {
    return base::InvalidArgument(
        "三员分立：系统管理员、安全保密管理员、安全审计员不得由同一账号兼任", "roles");
  }
  return CheckPasswordPolicy(user.password);
}

Actor ActorFor(const User& user) {
  return Actor{user.id, user.username, user.display_name, user.roles, user.unit_code};
}

}  // namespace xr::access
