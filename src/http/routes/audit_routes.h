#pragma once

#include "access/session_service.h"
#include "audit/audit_service.h"
#include "http/router.h"

namespace xr::http {

// The full-process record (全程记实), docs/api.md:
//   GET /api/audit/checkpoint                       current signed tree head (any signed-in user)
//   GET /api/audit/entries?actor=&action=&object_type=&object_id=&from=&to=&page=&page_size=
//   GET /api/audit/entries/{index}/proof?tree_size=N
//   GET /api/audit/consistency?first=&second=
//   GET /api/audit/timeline?object_type=&object_id=
// All but the first are for the 安全审计员 only (403 otherwise).
void AddAuditRoutes(Router& router, access::SessionService& sessions, audit::AuditService& audit);

}  // namespace xr::http
