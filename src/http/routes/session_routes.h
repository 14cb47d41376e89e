#pragma once

#include "access/session_service.h"
#include "http/router.h"

namespace xr::http {

// POST /api/session (sign in), DELETE /api/session (sign out), GET /api/me (user and CSRF token).
void AddSessionRoutes(Router& router, access::SessionService& sessions);

}  // namespace xr::http
