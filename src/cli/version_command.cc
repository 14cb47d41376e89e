#include <iostream>

#include "cli/commands.h"
#include "http/routes/system_routes.h"

namespace xr::cli {

int Version() {
  const http::VersionInfo v = http::CompiledVersionInfo();
  std::cout << "xuanren " << v.version << " (" << v.commit << ", built " << v.built << ")"
            << std::endl;
  return 0;
}

}  // namespace xr::cli
