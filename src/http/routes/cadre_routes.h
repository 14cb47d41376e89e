#pragma once

#include "access/session_service.h"
#include "cadre/cadre_service.h"
#include "http/router.h"

namespace xr::http {

// GET /api/cadres?unit_id=&q=&sort=&page=&page_size= (the single dossier: dossier_routes.h)
void AddCadreRoutes(Router& router, access::SessionService& sessions, cadre::CadreService& cadres);

}  // namespace xr::http
