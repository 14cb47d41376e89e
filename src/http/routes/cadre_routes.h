#pragma once

#include "access/session_service.h"
#include "cadre/cadre_service.h"
#include "http/json.h"
#include "http/router.h"

namespace xr::http {

// GET /api/cadres?unit_id=&q=&sort=&page=&page_size= (the single dossier: dossier_routes.h)
void AddCadreRoutes(Router& router, access::SessionService& sessions, cadre::CadreService& cadres);

// One item of the 干部名册 list as GET /api/cadres returns it (id_number redacted unless the
// actor is cleared); the compound query's results use the same.
Json CadreListItemJson(const cadre::Cadre& c, const access::Actor& actor);

}  // namespace xr::http
