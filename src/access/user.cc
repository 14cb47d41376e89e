#include "access/user.h"

#include <algorithm>

#include "access/password.h"

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
  for (size_t i = 0; i < user.roles.size(); ++i) {
    if (std::find(user.roles.begin(), user.roles.begin() + long(i), user.roles[i]) !=
        user.roles.begin() + long(i)) {
      return base::InvalidArgument("角色重复：" + user.roles[i], "roles");
    }
  }
  return CheckPasswordPolicy(user.password);
}

base::Status ValidateUserChange(const UserChange& change) {
  if (change.empty()) return base::InvalidArgument("没有要修改的内容", "body");
  if (change.display_name &&
      (change.display_name->empty() || Utf8Length(*change.display_name) > 32)) {
    return base::InvalidArgument("姓名须为 1–32 个字", "display_name");
  }
  if (change.unit && change.unit->id && change.unit->code) {
    return base::InvalidArgument("unit_id 与 unit_code 只能给出一个", "unit_id");
  }
  if (change.roles) {
    const std::vector<std::string>& roles = *change.roles;
    if (roles.empty()) return base::InvalidArgument("至少指定一个角色", "roles");
    for (size_t i = 0; i < roles.size(); ++i) {
      if (std::find(roles.begin(), roles.begin() + long(i), roles[i]) != roles.begin() + long(i)) {
        return base::InvalidArgument("角色重复：" + roles[i], "roles");
      }
    }
  }
  return base::Status::Ok();
}

base::Status CheckSelfChange(const Actor& actor, UserId target, const UserChange& change) {
  if (!actor.user_id.valid() || actor.user_id != target) return base::Status::Ok();
  if (change.roles)
    return base::Status(base::StatusCode::kPermissionDenied, "不能修改自己账号的角色", "roles");
  if (change.unit)
    return base::Status(base::StatusCode::kPermissionDenied, "不能修改自己账号的所在机构",
                        "unit_id");
  if (change.disabled)
    return base::Status(base::StatusCode::kPermissionDenied, "不能停用或启用自己的账号",
                        "disabled");
  return base::Status::Ok();
}

base::Status CheckNotSelfReset(const Actor& actor, UserId target) {
  if (!actor.user_id.valid() || actor.user_id != target) return base::Status::Ok();
  return base::PermissionDenied("不能重置自己的密码或动态口令，请在个人设置中修改");
}

Actor ActorFor(const User& user) {
  Actor actor;
  actor.user_id = user.id;
  actor.username = user.username;
  actor.display_name = user.display_name;
  actor.roles = user.roles;
  actor.unit_id = user.unit_id;
  actor.unit_code = user.unit_code;
  actor.cadre_id = user.cadre_id;
  Grant(actor, user.grants);
  return actor;
}

}  // namespace xr::access
