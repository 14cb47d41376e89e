#include <string>

#include "store/database.h"
#include "store/postgres/postgres_database.h"
#include "store/sqlite/sqlite_database.h"

namespace xr::store {

base::Result<std::unique_ptr<Database>> OpenDatabase(std::string_view url,
                                                     const OpenOptions& options) {
  if (url.starts_with("sqlite:")) return sqlite::Open(url.substr(7), options);
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return postgres::Open(url, options);
  }
  std::string shown(url.substr(0, url.find(':')));
  return base::InvalidArgument("unknown database URL scheme \"" + shown +
                               "\": use sqlite:PATH or postgresql://user@host:port/db");
}

}  // namespace xr::store
