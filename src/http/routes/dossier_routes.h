#pragma once

#include "access/session_service.h"
#include "base/clock.h"
#include "cadre/dossier_service.h"
#include "http/router.h"

namespace xr::http {

// The full dossier (docs/api.md, "Cadre dossier"):
//   POST /api/cadres                  GET /api/cadres/{id}[?as_of=YYYY-MM-DD]
//   PATCH /api/cadres/{id}            GET /api/cadres/{id}/history
//   GET|PUT /api/cadres/{id}/photo
// `clock` gives the day that ages and warnings are computed for.
void AddDossierRoutes(Router& router, access::SessionService& sessions,
                      cadre::DossierService& dossiers, const base::Clock& clock);

}  // namespace xr::http
