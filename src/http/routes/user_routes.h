#pragma once

#include "access/role_service.h"
#include "access/session_service.h"
#include "access/user_service.h"
#include "http/router.h"

namespace xr::http {

// GET /api/roles, POST /api/roles, GET /api/users, POST /api/users (docs/api.md): the account
// and role administration of the system and security administrators (三员分立).
void AddUserRoutes(Router& router, access::SessionService& sessions, access::UserService& users,
                   access::RoleService& roles);

}  // namespace xr::http
