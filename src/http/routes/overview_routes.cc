#include "http/routes/overview_routes.h"

#include "http/json.h"
#include "http/routes/authenticate.h"

namespace xr::http {

void AddOverviewRoutes(Router& router, access::SessionService& sessions,
                       decision::OverviewService& overview) {
  router.Add(
      Method::kGet, "/api/overview",
      SignedIn(sessions, [&overview](Request&, const Caller& caller) -> base::Result<Response> {
        ASSIGN_OR_RETURN(decision::Overview o, overview.Get(caller.actor));
        Json by_rank = Json::array();
        for (const auto& r : o.cadres_by_rank)
          by_rank.push_back({{"rank", r.rank}, {"count", r.count}});
        return JsonResponse(200, {{"units", o.units},
                                  {"positions", o.positions},
                                  {"cadres", o.cadres},
                                  {"users", o.users},
                                  {"cadres_by_rank", std::move(by_rank)}});
      }));
}

}  // namespace xr::http
