#pragma once
// Permissions defined by the access capability.

#include "access/permission.h"

namespace xr::access {

inline constexpr Permission kUserManage{"user.manage", "管理用户账号"};
inline constexpr Permission kRoleManage{"role.manage", "管理角色、数据范围与密级"};
inline constexpr Permission kSessionManage{"session.manage", "查看和强制下线会话"};
inline constexpr Permission kLoginLogRead{"login_log.read", "查阅登录日志"};

inline constexpr Permission kAccessPermissions[] = {kUserManage, kRoleManage, kSessionManage,
                                                    kLoginLogRead};

}  // namespace xr::access
