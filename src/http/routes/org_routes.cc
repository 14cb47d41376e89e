#include "http/routes/org_routes.h"

#include <functional>
#include <unordered_map>

#include "http/json.h"
#include "http/routes/authenticate.h"

namespace xr::http {
namespace {

Json UnitJson(const org::Unit& unit) {
  return {{"id", unit.id.value()},
          {"parent_id", unit.parent_id ? Json(unit.parent_id->value()) : Json(nullptr)},
          {"code", unit.code},
          {"name", unit.name},
          {"short_name", unit.short_name},
          {"type", org::Label(unit.type)},
          {"level", org::Label(unit.level)},
          {"sort_order", unit.sort_order}};
}

// The roots, each with its `children` nested, in tree order. `units` comes in tree order
// (parents first), so every child's parent has been seen when the child is.
Json UnitTree(const std::vector<org::Unit>& units) {
  std::unordered_map<std::int64_t, std::vector<size_t>> children;
  std::vector<size_t> roots;
  for (size_t i = 0; i < units.size(); ++i) {
    if (units[i].parent_id) {
      children[units[i].parent_id->value()].push_back(i);
    } else {
      roots.push_back(i);
    }
  }
  std::function<Json(size_t)> node = [&](size_t i) {
    Json json = UnitJson(units[i]);
    json["children"] = Json::array();
    if (auto it = children.find(units[i].id.value()); it != children.end()) {
      for (size_t child : it->second) json["children"].push_back(node(child));
    }
    return json;
  };
  Json out = Json::array();
  for (size_t root : roots) out.push_back(node(root));
  return out;
}

}  // namespace

void AddOrgRoutes(Router& router, access::SessionService& sessions, org::OrgService& org) {
  router.Add(Method::kGet, "/api/units",
             SignedIn(sessions, [&org](Request&, const Caller& caller) -> base::Result<Response> {
               ASSIGN_OR_RETURN(std::vector<org::Unit> units, org.ListUnits(caller.actor));
               return JsonResponse(200, {{"items", UnitTree(units)}, {"total", units.size()}});
             }));
}

}  // namespace xr::http
