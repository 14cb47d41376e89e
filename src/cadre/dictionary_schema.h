#pragma once

#include <vector>

#include "store/migrate.h"

namespace xr::cadre {

// The dictionaries' schema steps (append-only): the table `dict_items` seeded with the national
// code tables, and the permission dict.manage granted to the built-in system administrator.
// Needs the access schema (roles) applied before it.
std::vector<store::Migration> DictionaryMigrations();

}  // namespace xr::cadre
