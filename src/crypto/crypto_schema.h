#pragma once
// Schema of the wrapped data keys.

#include <vector>

#include "store/migrate.h"

namespace xr::crypto {

std::vector<store::Migration> Migrations();

}  // namespace xr::crypto
