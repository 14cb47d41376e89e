#pragma once
// The SQLite driver behind store::Database (use store::OpenDatabase("sqlite:PATH")).
//
// WAL journal, foreign_keys=ON, synchronous=NORMAL, busy timeout from OpenOptions. A pool of up
// to pool_size connections, each used by one transaction at a time with its own statement cache.
// kWrite transactions start with BEGIN IMMEDIATE (one writer at a time, so read-then-write is
// serializable); kRead ones with BEGIN, and any statement in them that would write is refused
// before it runs. SQLITE_BUSY / SQLITE_LOCKED become Aborted and the transaction is retried.

#include <memory>
#include <string_view>

#include "base/status.h"
#include "store/database.h"

namespace xr::store::sqlite {

// `path` is a file name (its parent directory is created when missing) or ":memory:", which
// always gets a single connection. Unavailable when the file cannot be opened or created.
base::Result<std::unique_ptr<Database>> Open(std::string_view path, const OpenOptions& options);

}  // namespace xr::store::sqlite
