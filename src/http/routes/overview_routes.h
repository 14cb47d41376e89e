#pragma once

#include "access/session_service.h"
#include "decision/overview_service.h"
#include "http/router.h"

namespace xr::http {

// GET /api/overview — the home-page counts.
void AddOverviewRoutes(Router& router, access::SessionService& sessions,
                       decision::OverviewService& overview);

}  // namespace xr::http
