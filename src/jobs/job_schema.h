#pragma once

#include <vector>

#include "store/migrate.h"

namespace xr::jobs {

// The background jobs' schema steps (append-only): the table `jobs` (job_service.h).
std::vector<store::Migration> Migrations();

}  // namespace xr::jobs
