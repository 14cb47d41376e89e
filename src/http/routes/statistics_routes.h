#pragma once

#include "access/session_service.h"
#include "http/router.h"
#include "statistics/structure_service.h"

namespace xr::http {

// 班子结构分析, docs/api.md "Structure statistics":
//   POST /api/cadres/statistics     {"unit_id", "subtree"} or {"condition"}, "reference_date"?
//   GET  /api/statistics/targets    young-cadre age limits and indicator targets
//   PUT  /api/statistics/targets    replaces them (statistics.manage; 403 before the body is read)
void AddStatisticsRoutes(Router& router, access::SessionService& sessions,
                         statistics::StructureService& statistics);

}  // namespace xr::http
