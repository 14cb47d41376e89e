#include "http/routes/query_routes.h"

#include "cadre/cadre_permissions.h"
#include "http/error_mapping.h"
#include "http/json.h"
#include "http/routes/authenticate.h"
#include "http/routes/cadre_routes.h"
#include "search/condition_json.h"

namespace xr::http {
namespace {

constexpr WireCode kNameTaken{409, "NAME_TAKEN"};

base::Result<search::QueryRequest> QueryFromBody(const Json& body) {
  search::QueryRequest request;
  if (!body.contains("condition") || body["condition"].is_null()) {
    return base::InvalidArgument("缺少查询条件", "condition");
  }
  ASSIGN_OR_RETURN(request.condition, search::DecodeCondition(body["condition"], "condition"));
  ASSIGN_OR_RETURN(std::optional<std::string> reference, OptionalString(body, "reference_date"));
  if (reference && !reference->empty()) {
    auto date = base::Date::Parse(*reference, "reference_date");
    if (!date.ok()) return base::InvalidArgument("参考日期须为 YYYY-MM-DD", "reference_date");
    request.reference_date = *date;
  }
  ASSIGN_OR_RETURN(std::optional<std::int64_t> page, OptionalInt(body, "page"));
  ASSIGN_OR_RETURN(std::optional<std::int64_t> page_size, OptionalInt(body, "page_size"));
  if (page) {
    if (*page < 1 || *page > 1000000) return base::InvalidArgument("页码须为正整数", "page");
    request.page = int(*page);
  }
  if (page_size) {
    if (*page_size < 1 || *page_size > search::kMaxQueryPageSize) {
      return base::InvalidArgument("每页条数须在 1–500 之间", "page_size");
    }
    request.page_size = int(*page_size);
  }
  ASSIGN_OR_RETURN(std::optional<std::string> sort, OptionalString(body, "sort"));
  if (sort && !sort->empty()) {
    // "name" orders by name as lists do: 姓氏笔画.
    auto parsed = *sort == "name" ? std::optional(cadre::CadreSort::kStroke)
                                  : cadre::CadreSortFromName(*sort);
    if (!parsed) {
      return base::InvalidArgument("排序方式须为 position、stroke、age、post_start 或 name",
                                   "sort");
    }
    request.sort = *parsed;
  }
  ASSIGN_OR_RETURN(std::optional<std::string> order, OptionalString(body, "order"));
  if (order && !order->empty()) {
    if (*order != "asc" && *order != "desc") {
      return base::InvalidArgument("排序方向须为 asc 或 desc", "order");
    }
    request.descending = *order == "desc";
  }
  return request;
}

base::Result<search::SavedQueryInput> SavedFromBody(const Json& body) {
  search::SavedQueryInput input;
  ASSIGN_OR_RETURN(input.name, RequiredString(body, "name"));
  if (!body.contains("condition") || body["condition"].is_null()) {
    return base::InvalidArgument("缺少查询条件", "condition");
  }
  input.condition_json = body["condition"].dump();
  ASSIGN_OR_RETURN(std::optional<bool> shared, OptionalBool(body, "shared"));
  input.shared = shared.value_or(false);
  return input;
}

Json SavedJson(const search::SavedQuery& q, const access::Actor& actor) {
  return {{"id", q.id},
          {"name", q.name},
          {"condition", Json::parse(q.condition_json, nullptr, false)},
          {"shared", q.shared},
          {"owner", q.owner},
          {"mine", q.owner_user_id == actor.user_id.value()},
          {"updated_at", q.updated_at.ToRfc3339()}};
}

base::Result<std::int64_t> IdParam(const Request& request) {
  return ParseIntParam(request.PathParam("id").value_or(""), "id");
}

Response SavedError(const base::Status& status) {
  if (status.code() == base::StatusCode::kAlreadyExists) return ErrorResponse(status, kNameTaken);
  return ErrorResponse(status);
}

}  // namespace

void AddQueryRoutes(Router& router, access::SessionService& sessions,
                    search::CadreQueryService& queries) {
  router.Add(Method::kGet, "/api/cadres/query/fields",
             SignedIn(sessions, [](Request&, const Caller& caller) -> base::Result<Response> {
               RETURN_IF_ERROR(access::Require(caller.actor, cadre::kCadreRead));
               static const Json catalog = search::FieldCatalogJson();
               return JsonResponse(200, catalog);
             }));
  router.Add(
      Method::kPost, "/api/cadres/query",
      SignedIn(sessions,
               [&queries](Request& request, const Caller& caller) -> base::Result<Response> {
                 // Refused before the body is read: validation messages would tell a caller
                 // without the right which fields exist.
                 RETURN_IF_ERROR(access::Require(caller.actor, cadre::kCadreRead));
                 ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
                 ASSIGN_OR_RETURN(search::QueryRequest query, QueryFromBody(body));
                 ASSIGN_OR_RETURN(search::QueryResult result, queries.Query(caller.actor, query));
                 Json items = Json::array();
                 for (const cadre::Cadre& c : result.page.items) {
                   items.push_back(CadreListItemJson(c, caller.actor));
                 }
                 return JsonResponse(200, {{"items", std::move(items)},
                                           {"total", result.page.total},
                                           {"page", query.page},
                                           {"page_size", query.page_size},
                                           {"reference_date", result.reference_date.ToString()}});
               }));
  router.Add(Method::kGet, "/api/saved-queries",
             SignedIn(sessions, [&queries](Request&, const Caller& caller) -> base::Result<Response> {
               ASSIGN_OR_RETURN(std::vector<search::SavedQuery> list,
                                queries.ListSaved(caller.actor));
               Json items = Json::array();
               for (const search::SavedQuery& q : list) items.push_back(SavedJson(q, caller.actor));
               return JsonResponse(200, {{"items", std::move(items)}});
             }));
  router.Add(Method::kPost, "/api/saved-queries",
             SignedIn(sessions,
                      [&queries](Request& request, const Caller& caller) -> base::Result<Response> {
                        RETURN_IF_ERROR(access::Require(caller.actor, cadre::kCadreRead));
                        ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
                        ASSIGN_OR_RETURN(search::SavedQueryInput input, SavedFromBody(body));
                        auto saved = queries.Save(caller.actor, input);
                        if (!saved.ok()) return SavedError(saved.status());
                        return JsonResponse(201, SavedJson(*saved, caller.actor));
                      }));
  router.Add(Method::kPut, "/api/saved-queries/{id:int}",
             SignedIn(sessions,
                      [&queries](Request& request, const Caller& caller) -> base::Result<Response> {
                        RETURN_IF_ERROR(access::Require(caller.actor, cadre::kCadreRead));
                        ASSIGN_OR_RETURN(std::int64_t id, IdParam(request));
                        ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
                        ASSIGN_OR_RETURN(search::SavedQueryInput input, SavedFromBody(body));
                        auto saved = queries.UpdateSaved(caller.actor, id, input);
                        if (!saved.ok()) return SavedError(saved.status());
                        return JsonResponse(200, SavedJson(*saved, caller.actor));
                      }));
  router.Add(Method::kDelete, "/api/saved-queries/{id:int}",
             SignedIn(sessions,
                      [&queries](Request& request, const Caller& caller) -> base::Result<Response> {
                        ASSIGN_OR_RETURN(std::int64_t id, IdParam(request));
                        RETURN_IF_ERROR(queries.DeleteSaved(caller.actor, id));
                        return Response::NoContent();
                      }));
}

}  // namespace xr::http
