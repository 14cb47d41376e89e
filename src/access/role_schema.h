#pragma once

#include <vector>

#include "store/migrate.h"

namespace xr::access {

// Schema steps for roles, data scopes and clearances (append-only).
std::vector<store::Migration> RoleMigrations();

}  // namespace xr::access
