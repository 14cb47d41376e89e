#pragma once

#include <vector>

#include "store/migrate.h"

namespace xr::cadre {

// This capability's schema steps (append-only).
std::vector<store::Migration> Migrations();

}  // namespace xr::cadre
