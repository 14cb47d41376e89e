#pragma once
// What every command shares: opening the database named by --db and reporting errors.

#include <memory>
#include <string>

#include "base/status.h"
#include "store/database.h"

namespace xr::cli {

// Prints "xuanren: 错误：<message>（字段 <field>）" to stderr and returns 1.
int Fail(const base::Status& status);

// Opens the database; the error names the URL (without its password).
base::Result<std::unique_ptr<store::Database>> OpenDatabaseAt(const std::string& url);

}  // namespace xr::cli
