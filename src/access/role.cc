#include "access/role.h"

namespace xr::access {

const RoleInfo* FindRole(std::string_view code) {
  for (const RoleInfo& role : kRoles) {
    if (role.code == code) return &role;
  }
  return nullptr;
}

}  // namespace xr::access
