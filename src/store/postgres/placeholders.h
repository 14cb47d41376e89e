#pragma once
// `?` → `$n` rewriting for the PostgreSQL driver (no libpq here, so tests can call it directly).

#include <string>
#include <string_view>

namespace xr::store::postgres {

struct RewrittenSql {
  std::string sql;
  int placeholders = 0;
};

// Replaces each `?` by $1, $2, … in order, leaving alone any `?` inside 'string literals' (also
// E'…' with backslash escapes), "quoted identifiers", $tag$ dollar-quoted strings $tag$,
// -- line comments and /* block comments */ (which nest in PostgreSQL).
RewrittenSql RewritePlaceholders(std::string_view sql);

// The URL with any password (user:PASSWORD@ or password=…) removed, for logs and description().
std::string RedactUrl(std::string_view url);

}  // namespace xr::store::postgres
