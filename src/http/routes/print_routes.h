#pragma once
// HTTP adapter of the 任免审批表 PDF (print/print_service.h; docs/api.md "任免审批表 PDF"):
//   GET  /api/cadres/{id}/rmb.pdf   one form, as an attachment
//   POST /api/cadres/print/rmb      a batch as a background job: {"cadre_ids": [...]} or
//                                   {"condition": node, "reference_date"?}, "format": "zip"|"pdf"
//                                   → 202 {"job": Job}; the job's file is the zip or the PDF

#include "access/session_service.h"
#include "http/router.h"
#include "jobs/job_service.h"
#include "print/print_service.h"

namespace xr::http {

void AddPrintRoutes(Router& router, access::SessionService& sessions, print::PrintService& print,
                    jobs::JobService& jobs, const base::Clock& clock);

}  // namespace xr::http
