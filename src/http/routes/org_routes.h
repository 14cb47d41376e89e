#pragma once

#include "access/session_service.h"
#include "http/router.h"
#include "org/org_service.h"

namespace xr::http {

// The organization tree (机构管理), docs/api.md:
//   GET    /api/units[?include_abolished=1]  the tree: roots in `items`, `children` nested
//   GET    /api/units/{id}                   a unit with its positions
//   POST   /api/units                        create (201)
//   PATCH  /api/units/{id}                   name, short_name, type, level (code is fixed)
//   POST   /api/units/{id}/move              {parent_id, index?}
//   PUT    /api/units/{id}/children-order    {ids: [...]} (204)
//   POST   /api/units/{id}/abolish           {date, reason}
//   GET    /api/units/{id}/history           newest first
//   POST   /api/units/{id}/positions         create a position (201)
//   PATCH  /api/positions/{id}               name, headcount, sort_order
//   DELETE /api/positions/{id}               abolish (204)
// Reads need org.read, changes org.write (403); unknown ids 404; bad input 400 with `field`.
void AddOrgRoutes(Router& router, access::SessionService& sessions, org::OrgService& org);

}  // namespace xr::http
