#pragma once

#include <vector>

#include "store/migrate.h"

namespace xr::search {

// saved_queries (2026112951) and the indexes the compound query's plans use (2026112952).
std::vector<store::Migration> Migrations();

}  // namespace xr::search
