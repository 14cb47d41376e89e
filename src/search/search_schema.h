#pragma once

#include <vector>

#include "store/migrate.h"

namespace xr::search {

// saved_queries (2026112951) and an index for managed-by scopes (2026112952), extended to
// cover the list orders (2026112990).
std::vector<store::Migration> Migrations();

}  // namespace xr::search
