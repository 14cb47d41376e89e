#pragma once

#include <vector>

#include "store/migrate.h"

namespace xr::statistics {

// The structure statistics' schema steps (append-only): the targets (young-cadre age limits by
// rank level, indicator targets) with their defaults, and statistics.manage granted to the
// business roles that hold cadre.write. Needs the access schema (roles) applied before it.
std::vector<store::Migration> Migrations();

}  // namespace xr::statistics
