#pragma once
// HTTP adapter of Excel export and import (interchange/excel_export.h, excel_import.h;
// docs/api.md "Excel").
//
//   POST /api/cadres/export                    → 202 job whose file is the .xlsx (the list's
//                                                filters, or a 组合查询 condition)
//   POST /api/tables/export                    → 200 the .xlsx
//   GET  /api/cadres/import/template           → the template .xlsx
//   POST /api/cadres/import/excel?name=F.xlsx  (raw body: the file) → 201 upload + mapping
//   GET  /api/cadres/import/excel/{id}         → the upload again
//   POST /api/cadres/import/excel/{id}/check   {"mapping": [...]} → 202 job (summary = report)
//   POST /api/cadres/import/excel/{id}/commit  {"mapping": [...]} → 202 job (summary = report)

#include "access/session_service.h"
#include "http/router.h"
#include "interchange/excel_export.h"
#include "interchange/excel_import.h"
#include "jobs/job_service.h"

namespace xr::http {

void AddExcelRoutes(Router& router, access::SessionService& sessions,
                    interchange::ExcelExport& exports, interchange::ExcelImport& imports,
                    jobs::JobService& jobs);

}  // namespace xr::http
