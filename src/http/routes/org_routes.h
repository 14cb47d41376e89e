#pragma once

#include "access/session_service.h"
#include "http/router.h"
#include "org/org_service.h"

namespace xr::http {

// GET /api/units — the whole unit tree as a flat list (tree order: parents before children).
void AddOrgRoutes(Router& router, access::SessionService& sessions, org::OrgService& org);

}  // namespace xr::http
