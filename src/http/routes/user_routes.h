#pragma once

#include "access/role_service.h"
#include "access/session_service.h"
#include "access/user_service.h"
#include "http/router.h"

namespace xr::http {

// GET|POST /api/roles, PATCH /api/roles/{id}, GET|POST /api/users, PATCH /api/users/{id},
// POST /api/users/{id}/password-reset, POST /api/users/{id}/totp-reset (docs/api.md): the
// account and role administration of the system and security administrators (三员分立).
void AddUserRoutes(Router& router, access::SessionService& sessions, access::UserService& users,
                   access::RoleService& roles);

}  // namespace xr::http
