#pragma once

#include <vector>

#include "store/migrate.h"

namespace xr::org {

// This capability's schema steps (append-only).
std::vector<store::Migration> Migrations();

}  // namespace xr::org
