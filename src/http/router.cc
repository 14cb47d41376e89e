#include "http/router.h"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

#include "http/url.h"

namespace xr::http {
namespace {

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};

struct Route {
  Method method;
  Handler handler;
  std::vector<std::string> param_names;
  std::string pattern;
};

bool IsIntSegment(std::string_view s) {
  if (s.empty() || s.size() > 18) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> segments;
  if (path == "/") return segments;
  path.remove_prefix(1);
  while (true) {
    size_t slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

}  // namespace

struct Router::Node {
  std::unordered_map<std::string, std::unique_ptr<Node>, StringHash, std::equal_to<>> literals;
  std::unique_ptr<Node> int_child;
  std::unique_ptr<Node> any_child;
  std::vector<Route> routes;
};

Router::Router() : root_(std::make_unique<Node>()) {}
Router::~Router() = default;

void Router::Add(Method method, std::string_view pattern, Handler handler) {
  auto fail = [&](std::string_view why) {
    throw std::invalid_argument("route " + std::string(MethodName(method)) + " " +
                                std::string(pattern) + ": " + std::string(why));
  };
  if (pattern.empty() || pattern.front() != '/') fail("pattern must start with '/'");
  if (pattern.find_first_of("?#%") != std::string_view::npos) fail("'?', '#', '%' not allowed");
  if (!handler) fail("empty handler");
  Node* node = root_.get();
  std::vector<std::string> names;
  for (std::string_view seg : SplitPath(pattern)) {
    if (seg.empty()) fail("empty segment (trailing or double slash)");
    if (seg.front() == '{') {
      if (seg.back() != '}' || seg.size() < 3) fail("malformed parameter");
      std::string_view inner = seg.substr(1, seg.size() - 2);
      bool is_int = false;
      if (size_t colon = inner.find(':'); colon != std::string_view::npos) {
        if (inner.substr(colon + 1) != "int") fail("unknown parameter type (only :int)");
        inner = inner.substr(0, colon);
        is_int = true;
      }
      if (inner.empty() || inner.find_first_of("{}:/") != std::string_view::npos) {
        fail("malformed parameter name");
      }
      if (std::find(names.begin(), names.end(), inner) != names.end()) {
        fail("duplicate parameter name");
      }
      names.emplace_back(inner);
      auto& child = is_int ? node->int_child : node->any_child;
      if (!child) child = std::make_unique<Node>();
      node = child.get();
    } else {
      if (seg.find_first_of("{}") != std::string_view::npos) fail("braces inside a literal");
      auto it = node->literals.find(seg);
      if (it == node->literals.end()) {
        it = node->literals.emplace(std::string(seg), std::make_unique<Node>()).first;
      }
      node = it->second.get();
    }
  }
  for (const Route& r : node->routes) {
    if (r.method == method) fail("conflicts with existing route " + r.pattern);
  }
  node->routes.push_back(Route{method, std::move(handler), std::move(names), std::string(pattern)});
  routes_.push_back({method, std::string(pattern)});
}

namespace {

struct Search {
  Method method;
  const std::vector<std::string_view>* segments;
  std::vector<std::string_view> values;  // parameter values along the current branch
  const Route* found = nullptr;
  std::vector<std::string_view> found_values;
  unsigned allowed_mask = 0;
};

const Route* PickRoute(const std::vector<Route>& routes, Method method) {
  for (const Route& r : routes) {
    if (r.method == method) return &r;
  }
  if (method == Method::kHead) {
    for (const Route& r : routes) {
      if (r.method == Method::kGet) return &r;
    }
  }
  return nullptr;
}

// Depth-first in precedence order; stops at the first route for `method`, otherwise records
// which methods the matching paths do accept (for 405 + Allow).
bool Visit(const Router::Node& node, size_t index, Search& s) {
  const auto& segs = *s.segments;
  if (index == segs.size()) {
    if (node.routes.empty()) return false;
    if (const Route* r = PickRoute(node.routes, s.method)) {
      s.found = r;
      s.found_values = s.values;
      return true;
    }
    for (const Route& r : node.routes) s.allowed_mask |= 1u << unsigned(r.method);
    return false;
  }
  std::string_view seg = segs[index];
  if (seg.empty()) return false;
  if (!node.literals.empty()) {
    auto it = node.literals.find(seg);
    if (it != node.literals.end() && Visit(*it->second, index + 1, s)) return true;
  }
  if (node.int_child && IsIntSegment(seg)) {
    s.values.push_back(seg);
    if (Visit(*node.int_child, index + 1, s)) return true;
    s.values.pop_back();
  }
  if (node.any_child) {
    s.values.push_back(seg);
    if (Visit(*node.any_child, index + 1, s)) return true;
    s.values.pop_back();
  }
  return false;
}
}  // namespace

RouteMatch Router::Match(Method method, std::string_view path) const {
  RouteMatch result;
  if (path.empty() || path.front() != '/') return result;
  std::vector<std::string_view> segments = SplitPath(path);
  // Decode only segments that need it; `decoded` never reallocates, so views stay valid.
  std::vector<std::string> decoded;
  decoded.reserve(segments.size());
  for (auto& seg : segments) {
    if (seg.find('%') == std::string_view::npos) continue;
    auto d = PercentDecode(seg);
    if (!d) return result;
    decoded.push_back(std::move(*d));
    seg = decoded.back();
  }
  Search s{method, &segments, {}, nullptr, {}, 0};
  if (Visit(*root_, 0, s)) {
    result.kind = RouteMatch::Kind::kFound;
    result.handler = &s.found->handler;
    result.pattern = s.found->pattern;
    for (size_t i = 0; i < s.found->param_names.size(); ++i) {
      result.params.emplace(s.found->param_names[i], std::string(s.found_values[i]));
    }
    return result;
  }
  if (s.allowed_mask != 0) {
    result.kind = RouteMatch::Kind::kMethodNotAllowed;
    if (s.allowed_mask & (1u << unsigned(Method::kGet)))
      s.allowed_mask |= 1u << unsigned(Method::kHead);
    for (Method m : {Method::kGet, Method::kHead, Method::kPost, Method::kPut, Method::kPatch,
                     Method::kDelete, Method::kOptions}) {
      if (!(s.allowed_mask & (1u << unsigned(m)))) continue;
      if (!result.allow.empty()) result.allow += ", ";
      result.allow += MethodName(m);
    }
  }
  return result;
}

}  // namespace xr::http
