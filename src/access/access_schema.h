#pragma once

#include <vector>

#include "store/migrate.h"

namespace xr::access {

// This capability's schema steps (append-only).
std::vector<store::Migration> Migrations();

}  // namespace xr::access
