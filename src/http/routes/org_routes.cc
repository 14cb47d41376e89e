#include "http/routes/org_routes.h"

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

}  // namespace

void AddOrgRoutes(Router& router, access::SessionService& sessions, org::OrgService& org) {
  router.Add(Method::kGet, "/api/units",
             SignedIn(sessions, [&org](Request&, const Caller& caller) -> base::Result<Response> {
               ASSIGN_OR_RETURN(std::vector<org::Unit> units, org.ListUnits(caller.actor));
               Json items = Json::array();
               for (const org::Unit& unit : units) items.push_back(UnitJson(unit));
               return JsonResponse(200, {{"items", std::move(items)}, {"total", units.size()}});
             }));
}

}  // namespace xr::http
