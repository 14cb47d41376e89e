#pragma once
// Roles known to the system. Grants are data (user_roles rows); this list only names the roles
// that exist and says which of them are the three separated administrator roles (三员分立).

#include <span>
#include <string_view>

namespace xr::access {

struct RoleInfo {
  std::string_view code;   // stored and sent over the API
  std::string_view label;  // 中文名称
  bool separated_admin;    // one of 三员: no account may hold two of these
};

inline constexpr RoleInfo kRoles[] = {
    {"sysadmin", "系统管理员", true},   {"secadmin", "安全保密管理员", true},
    {"auditadmin", "安全审计员", true}, {"cadre_officer", "干部工作人员", false},
    {"leader", "领导", false},
};

// nullptr when `code` is not a known role.
const RoleInfo* FindRole(std::string_view code);

}  // namespace xr::access
