#pragma once

#include "access/session_service.h"
#include "http/router.h"
#include "search/cadre_query_service.h"

namespace xr::http {

// 组合查询 (docs/api.md "Compound query"): GET /api/cadres/query/fields, POST /api/cadres/query,
// GET/POST /api/saved-queries, PUT/DELETE /api/saved-queries/{id}.
void AddQueryRoutes(Router& router, access::SessionService& sessions,
                    search::CadreQueryService& queries);

}  // namespace xr::http
