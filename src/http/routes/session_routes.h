#pragma once

#include "access/session_service.h"
#include "http/router.h"

namespace xr::http {

// POST /api/session (sign in), DELETE /api/session (sign out), GET /api/me (user and CSRF token),
// POST /api/me/password, GET /api/sessions, DELETE /api/sessions/{id},
// GET|DELETE /api/users/{id}/sessions, GET /api/login-log, POST /api/me/totp[/confirm],
// GET /api/settings/security (docs/api.md).
void AddSessionRoutes(Router& router, access::SessionService& sessions);

}  // namespace xr::http
