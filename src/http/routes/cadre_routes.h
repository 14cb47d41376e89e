#pragma once

#include "access/session_service.h"
#include "cadre/cadre_service.h"
#include "http/router.h"

namespace xr::http {

// GET /api/cadres?unit_id=&name=&page=&page_size=   GET /api/cadres/{id}
void AddCadreRoutes(Router& router, access::SessionService& sessions, cadre::CadreService& cadres);

}  // namespace xr::http
