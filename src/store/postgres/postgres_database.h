#pragma once
// The PostgreSQL driver behind store::Database (use store::OpenDatabase("postgresql://…")).
//
// A pool of up to pool_size libpq connections (opened on demand, re-established when broken);
// statements prepared once per connection and cached by SQL text; parameters sent as text (Blob
// as binary bytea), results read as text and typed by column OID.
// kWrite transactions run at SERIALIZABLE, kRead ones at REPEATABLE READ READ ONLY (one snapshot,
// never a serialization failure). SQLSTATE 40001 / 40P01 / 55P03 become Aborted and are retried.
// BEGIN, and statements run with ExecuteDeferred, wait in libpq's pipeline and go out with the
// next statement that reads or with COMMIT: a transaction costs one round trip per reading
// statement, plus COMMIT.

#include <memory>
#include <string_view>

#include "base/status.h"
#include "store/database.h"

namespace xr::store::postgres {

// Unavailable when the server cannot be reached.
base::Result<std::unique_ptr<Database>> Open(std::string_view url, const OpenOptions& options);

// Runs one statement outside any transaction on a short-lived connection (CREATE DATABASE, DROP
// DATABASE): for set-up tools and test harnesses. Errors are mapped as for Transaction::Execute.
base::Status ExecuteAdmin(std::string_view url, std::string_view sql);

}  // namespace xr::store::postgres
