#pragma once
// Router: maps (method, path) to a handler. Pure: no I/O, no server library.
//
// Pattern syntax (ARCHITECTURE.md §2, routes/<capability>_routes.cc):
//   "/api/cadres"            literal segments, matched exactly (case-sensitive)
//   "/api/cadres/{id}"       a parameter: any non-empty segment, percent-decoded into
//                            Request::path_params["id"] ("%E5%BC%A0" → "张", "%2F" → "/")
//   "/api/cadres/{id:int}"   a parameter restricted to 1–18 ASCII digits (fits int64)
// Precedence at each segment: literal, then {x:int}, then {x}; the router backtracks, so
// "/api/cadres/search" and "/api/cadres/{id}" coexist.
//
// Trailing-slash policy: strict. "/api/cadres/" does not match "/api/cadres" (404), and empty
// segments ("//") never match. A malformed escape ("%zz") in the path is a 404.
// HEAD falls back to the GET handler when no HEAD route exists (the server drops the body).
//
// Add() is called once at start-up from the composition root; a malformed pattern or a route
// that conflicts with an existing one (same method, same shape — parameter names do not matter)
// is a programming error and throws std::invalid_argument naming both patterns.
// Match() is thread-safe once all routes are added.

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "http/request.h"
#include "http/response.h"

namespace xr::http {

using Handler = std::function<Response(Request&)>;

struct RouteMatch {
  enum class Kind { kFound, kNotFound, kMethodNotAllowed };
  Kind kind = Kind::kNotFound;
  const Handler* handler = nullptr;  // set when kFound; owned by the Router
  std::string_view pattern;          // the matched route's pattern when kFound
  std::map<std::string, std::string> params;
  std::string allow;  // for kMethodNotAllowed: "GET, HEAD, POST" (the Allow header value)
};

class Router {
 public:
  Router();
  ~Router();
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  void Add(Method method, std::string_view pattern, Handler handler);
  RouteMatch Match(Method method, std::string_view path) const;
  size_t size() const { return routes_.size(); }

  struct RouteInfo {
    Method method;
    std::string pattern;
  };
  // Every route added, in order (for the access-matrix test that wants a row per endpoint).
  const std::vector<RouteInfo>& routes() const { return routes_; }

  struct Node;

 private:
  std::unique_ptr<Node> root_;
  std::vector<RouteInfo> routes_;
};

}  // namespace xr::http
