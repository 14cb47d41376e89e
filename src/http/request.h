#pragma once
// Request: the HTTP request as handlers see it, independent of the server library.
//
// `path` is the raw path from the request line (still percent-encoded, no query string);
// `query` holds the decoded query parameters in order; `path_params` holds the decoded values of
// the router's `{name}` segments. Header and cookie lookups are case-insensitive for header
// names and exact for cookie names.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace xr::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

// "GET", "POST", …; "OTHER" for kOther.
std::string_view MethodName(Method method);
// Exact, upper-case method names; anything else is kOther.
Method ParseMethod(std::string_view name);

struct Request {
  Method method = Method::kGet;
  std::string path;
  std::vector<std::pair<std::string, std::string>> query;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::map<std::string, std::string> path_params;
  std::string remote_address;
  // Set by a handler once it has authenticated the caller; written to the access log.
  std::string user;

  // The first header with this name (case-insensitive), or nullopt.
  std::optional<std::string_view> Header(std::string_view name) const;
  // The value of cookie `name` from the Cookie header(s), or nullopt.
  std::optional<std::string_view> Cookie(std::string_view name) const;
  // The first query parameter with this name, or nullopt.
  std::optional<std::string_view> QueryParam(std::string_view name) const;
  // The path parameter `name` (as declared in the route pattern), or nullopt.
  std::optional<std::string_view> PathParam(std::string_view name) const;
};

// Parses a decimal int64 from a path or query parameter. Errors: InvalidArgument
// "参数 <field> 应为整数" with `field` set.
base::Result<std::int64_t> ParseIntParam(std::string_view text, std::string_view field);

bool EqualsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace xr::http
