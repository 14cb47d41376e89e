#include "http/routes/cadre_routes.h"

#include "cadre/cadre_fields.h"
#include "http/json.h"
#include "http/routes/authenticate.h"
#include "http/routes/redaction.h"

namespace xr::http {

Json CadreListItemJson(const cadre::Cadre& c, const access::Actor& actor) {
  Json id_number = RedactedMarker(cadre::kIdNumberField);
  if (cadre::MayRead(actor, cadre::kIdNumberField)) {
    id_number = c.id_number ? Json(*c.id_number) : Json(nullptr);
  }
  return {{"id", c.id.value()},
          {"name", c.name},
          {"gender", c.gender},
          {"birth_month", c.birth_month.ToString()},
          {"ethnicity", c.ethnicity},
          {"party", c.party},
          {"unit_id", c.unit_id.value()},
          {"unit_name", c.unit_name},
          {"post", c.post},
          {"rank", c.rank},
          {"managing_body", c.managing_body},
          {"id_number", std::move(id_number)}};
}

namespace {

// Reads an optional integer query parameter into `out`.
base::Status ReadIntParam(const Request& request, std::string_view name, int& out) {
  auto text = request.QueryParam(name);
  if (!text || text->empty()) return base::Status::Ok();
  ASSIGN_OR_RETURN(std::int64_t value, ParseIntParam(*text, name));
  if (value < 1 || value > 1000000)
    return base::InvalidArgument("参数 " + std::string(name) + " 超出范围", std::string(name));
  out = int(value);
  return base::Status::Ok();
}

base::Result<cadre::CadreQuery> ParseQuery(const Request& request) {
  cadre::CadreQuery query;
  if (auto unit = request.QueryParam("unit_id"); unit && !unit->empty()) {
    ASSIGN_OR_RETURN(std::int64_t id, ParseIntParam(*unit, "unit_id"));
    query.unit_id = org::UnitId(id);
  }
  if (auto name = request.QueryParam("name")) query.name_contains = std::string(*name);
  if (auto q = request.QueryParam("q")) query.q = std::string(*q);
  if (auto sort = request.QueryParam("sort"); sort && !sort->empty()) {
    auto parsed = cadre::CadreSortFromName(*sort);
    if (!parsed) {
      return base::InvalidArgument("排序方式须为 position、stroke、age 或 post_start", "sort");
    }
    query.sort = *parsed;
  }
  if (auto order = request.QueryParam("order"); order && !order->empty()) {
    if (*order != "asc" && *order != "desc")
      return base::InvalidArgument("排序方向须为 asc 或 desc", "order");
    query.descending = *order == "desc";
  }
  if (auto status = request.QueryParam("status"); status && !status->empty()) {
    query.status = std::string(*status);
  }
  RETURN_IF_ERROR(ReadIntParam(request, "page", query.page));
  RETURN_IF_ERROR(ReadIntParam(request, "page_size", query.page_size));
  return query;
}

}  // namespace

void AddCadreRoutes(Router& router, access::SessionService& sessions, cadre::CadreService& cadres) {
  router.Add(
      Method::kGet, "/api/cadres",
      SignedIn(sessions,
               [&cadres](Request& request, const Caller& caller) -> base::Result<Response> {
                 ASSIGN_OR_RETURN(cadre::CadreQuery query, ParseQuery(request));
                 ASSIGN_OR_RETURN(cadre::CadrePage page, cadres.List(caller.actor, query));
                 Json items = Json::array();
                 for (const cadre::Cadre& c : page.items)
                   items.push_back(CadreListItemJson(c, caller.actor));
                 return JsonResponse(200, {{"items", std::move(items)}, {"total", page.total}});
               }));
}

}  // namespace xr::http
