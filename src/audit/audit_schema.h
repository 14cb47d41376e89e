#pragma once

#include <vector>

#include "store/migrate.h"

namespace xr::audit {

// This capability's schema steps (append-only). The composition root adds them to
// app::AllMigrations().
std::vector<store::Migration> Migrations();

}  // namespace xr::audit
