#pragma once
// A permission names one capability action ("cadre.read"). Each capability declares its own in
// <capability>_permissions.h; roles grant them by name; services start with Require().

#include <string>
#include <string_view>

#include "access/actor.h"
#include "base/status.h"

namespace xr::access {

struct Permission {
  std::string_view name;   // stable, stored in roles
  std::string_view label;  // 中文说明, for the role editor
};

// PermissionDenied "没有…的权限" unless the actor holds `permission`.
inline base::Status Require(const Actor& actor, Permission permission) {
  if (actor.HasPermission(permission.name)) return base::Status::Ok();
  return base::PermissionDenied("没有“" + std::string(permission.label) + "”的权限");
}

}  // namespace xr::access
