#pragma once

#include "access/session_service.h"
#include "http/router.h"
#include "org/org_service.h"

namespace xr::http {

// GET /api/units — the unit tree: the roots in `items`, each with its `children` nested (siblings
// by sort_order); `total` counts every unit.
void AddOrgRoutes(Router& router, access::SessionService& sessions, org::OrgService& org);

}  // namespace xr::http
