#pragma once
// System endpoints, public (no authentication):
//   GET /healthz      → 200 text "ok" (load balancers, the load script, systemd checks)
//   GET /api/version  → 200 {"version":"0.1.0","commit":"abc1234","built":"2026-11-27T12:00:00Z"}

#include <string>

#include "http/router.h"

namespace xr::http {

struct VersionInfo {
  std::string version;
  std::string commit;
  std::string built;
};

// The values CMake compiled in (PROJECT_VERSION, XR_GIT_COMMIT, configure time in UTC).
VersionInfo CompiledVersionInfo();

void AddSystemRoutes(Router& router, const VersionInfo& version);

}  // namespace xr::http
