#pragma once
// LRMX over HTTP (docs/api.md "LRMX"), over interchange::LrmxService:
//   POST /api/cadres/import/lrmx?unit=CODE[&dry_run=1][&managing_body=…][&name=FILE]
//        body: multipart/form-data with one or more files, or one file (.lrmx, .lrm, .zip) as
//        the raw body named by `name` → 202 job "cadre.import_lrmx"; its summary lists every file
//        (outcome, id, error, warnings) and, for a person already on record, the field diff.
//   POST /api/cadres/import/lrmx/{job}/resolve  {"choices": [{"name", "choice":
//        "keep"|"replace"|"merge", "fields": [...]}]} → 202 job with the same summary shape.
//   GET  /api/cadres/{id}/lrmx → the .lrmx file (attachment).

#include "access/recorder.h"
#include "access/session_service.h"
#include "base/clock.h"
#include "crypto/keyring.h"
#include "http/router.h"
#include "jobs/job_service.h"
#include "store/database.h"

namespace xr::http {

void AddLrmxRoutes(Router& router, access::SessionService& sessions, jobs::JobService& jobs,
                   store::Database& db, const base::Clock& clock,
                   const access::Recorder& recorder, const crypto::Keyring& keyring);

}  // namespace xr::http
