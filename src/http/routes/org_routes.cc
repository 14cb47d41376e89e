#include "http/routes/org_routes.h"

#include <functional>
#include <unordered_map>

#include "http/json.h"
#include "http/routes/authenticate.h"
#include "org/org_permissions.h"

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
          {"sort_order", unit.sort_order},
          {"abolished", unit.abolished()},
          {"abolished_on", unit.abolished_on ? Json(unit.abolished_on->ToString()) : Json(nullptr)},
          {"abolish_reason", unit.abolish_reason}};
}

Json PositionJson(const org::Position& position) {
  return {{"id", position.id.value()},
          {"unit_id", position.unit_id.value()},
          {"name", position.name},
          {"headcount", position.headcount},
          {"sort_order", position.sort_order}};
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

template <typename IdType>
base::Result<IdType> PathId(const Request& request) {
  ASSIGN_OR_RETURN(std::int64_t id, ParseIntParam(*request.PathParam("id"), "id"));
  return IdType(id);
}

base::Result<std::optional<org::UnitType>> OptionalType(const Json& body) {
  ASSIGN_OR_RETURN(std::optional<std::string> label, OptionalString(body, "type"));
  if (!label) return std::optional<org::UnitType>();
  ASSIGN_OR_RETURN(org::UnitType type, org::ParseUnitType(*label));
  return std::optional(type);
}

base::Result<std::optional<org::UnitLevel>> OptionalLevel(const Json& body) {
  ASSIGN_OR_RETURN(std::optional<std::string> label, OptionalString(body, "level"));
  if (!label) return std::optional<org::UnitLevel>();
  ASSIGN_OR_RETURN(org::UnitLevel level, org::ParseUnitLevel(*label));
  return std::optional(level);
}

// `parent_id` as sent: a unit id, or null / absent for a root.
base::Result<std::optional<org::UnitId>> OptionalParent(const Json& body) {
  ASSIGN_OR_RETURN(std::optional<std::int64_t> parent, OptionalInt(body, "parent_id"));
  if (!parent) return std::optional<org::UnitId>();
  return std::optional(org::UnitId(*parent));
}

// POST /api/units. Without sort_order the unit goes after its last sibling.
base::Result<std::pair<org::NewUnit, bool>> NewUnitFromBody(const Json& body) {
  org::NewUnit unit;
  ASSIGN_OR_RETURN(unit.parent_id, OptionalParent(body));
  ASSIGN_OR_RETURN(unit.code, RequiredString(body, "code"));
  ASSIGN_OR_RETURN(unit.name, RequiredString(body, "name"));
  ASSIGN_OR_RETURN(std::optional<std::string> short_name, OptionalString(body, "short_name"));
  unit.short_name = short_name.value_or("");
  ASSIGN_OR_RETURN(std::string type, RequiredString(body, "type"));
  ASSIGN_OR_RETURN(unit.type, org::ParseUnitType(type));
  ASSIGN_OR_RETURN(std::string level, RequiredString(body, "level"));
  ASSIGN_OR_RETURN(unit.level, org::ParseUnitLevel(level));
  ASSIGN_OR_RETURN(std::optional<std::int64_t> sort_order, OptionalInt(body, "sort_order"));
  unit.sort_order = sort_order.value_or(0);
  return std::pair(std::move(unit), !sort_order.has_value());
}

base::Result<org::UnitUpdate> UnitUpdateFromBody(const Json& body) {
  org::UnitUpdate update;
  ASSIGN_OR_RETURN(update.code, OptionalString(body, "code"));
  ASSIGN_OR_RETURN(update.name, OptionalString(body, "name"));
  ASSIGN_OR_RETURN(update.short_name, OptionalString(body, "short_name"));
  ASSIGN_OR_RETURN(update.type, OptionalType(body));
  ASSIGN_OR_RETURN(update.level, OptionalLevel(body));
  return update;
}

base::Result<org::UnitMove> MoveFromBody(const Json& body) {
  // parent_id must be stated (null makes the unit a root), so that a forgotten field never
  // moves a unit to the top.
  if (!body.contains("parent_id"))
    return base::InvalidArgument("缺少必填字段 parent_id", "parent_id");
  org::UnitMove move;
  ASSIGN_OR_RETURN(move.parent_id, OptionalParent(body));
  ASSIGN_OR_RETURN(move.index, OptionalInt(body, "index"));
  return move;
}

base::Result<std::vector<org::UnitId>> IdsFromBody(const Json& body) {
  auto it = body.find("ids");
  if (it == body.end() || it->is_null()) return base::InvalidArgument("缺少必填字段 ids", "ids");
  if (!it->is_array()) return base::InvalidArgument("字段 ids 应为整数数组", "ids");
  std::vector<org::UnitId> ids;
  for (const Json& item : *it) {
    if (!item.is_number_integer()) return base::InvalidArgument("字段 ids 应为整数数组", "ids");
    ids.push_back(org::UnitId(item.get<std::int64_t>()));
  }
  return ids;
}

base::Result<org::Abolition> AbolitionFromBody(const Json& body) {
  ASSIGN_OR_RETURN(std::string date, RequiredString(body, "date"));
  ASSIGN_OR_RETURN(std::string reason, RequiredString(body, "reason"));
  ASSIGN_OR_RETURN(base::Date day, base::Date::Parse(date, "date"));
  return org::Abolition{day, std::move(reason)};
}

base::Result<org::Position> NewPositionFromBody(const Json& body, org::UnitId unit) {
  org::Position position;
  position.unit_id = unit;
  ASSIGN_OR_RETURN(position.name, RequiredString(body, "name"));
  ASSIGN_OR_RETURN(position.headcount, RequiredInt(body, "headcount"));
  ASSIGN_OR_RETURN(std::optional<std::int64_t> sort_order, OptionalInt(body, "sort_order"));
  position.sort_order = sort_order.value_or(0);
  return position;
}

base::Result<org::PositionUpdate> PositionUpdateFromBody(const Json& body) {
  org::PositionUpdate update;
  ASSIGN_OR_RETURN(update.name, OptionalString(body, "name"));
  ASSIGN_OR_RETURN(update.headcount, OptionalInt(body, "headcount"));
  ASSIGN_OR_RETURN(update.sort_order, OptionalInt(body, "sort_order"));
  return update;
}

Json HistoryJson(const org::UnitHistoryEntry& entry) {
  Json changes = Json::parse(entry.changes, nullptr, false);
  if (changes.is_discarded()) changes = Json::array();
  return {{"id", entry.id},
          {"unit_id", entry.unit_id.value()},
          {"at", entry.at.ToRfc3339()},
          {"actor", entry.actor},
          {"actor_name", entry.actor_name},
          {"action", entry.action},
          {"changes", std::move(changes)}};
}

// A handler that changes the tree: refuses callers without org.write before reading the body
// (they learn nothing from validation messages), then parses it as a JSON object.
using WriteHandler = std::function<base::Result<Response>(Request&, const Caller&, const Json&)>;
Handler Writes(access::SessionService& sessions, WriteHandler handler, bool needs_body = true) {
  return SignedIn(sessions,
                  [handler = std::move(handler), needs_body](
                      Request& request, const Caller& caller) -> base::Result<Response> {
                    RETURN_IF_ERROR(access::Require(caller.actor, org::kOrgWrite));
                    Json body = Json::object();
                    if (needs_body) {
                      ASSIGN_OR_RETURN(body, ParseJsonObject(request.body));
                    }
                    return handler(request, caller, body);
                  });
}

}  // namespace

void AddOrgRoutes(Router& router, access::SessionService& sessions, org::OrgService& org) {
  router.Add(
      Method::kGet, "/api/units",
      SignedIn(sessions, [&org](Request& request, const Caller& caller) -> base::Result<Response> {
        const auto flag = request.QueryParam("include_abolished");
        const bool include_abolished = flag && (*flag == "1" || *flag == "true");
        ASSIGN_OR_RETURN(std::vector<org::Unit> units,
                         org.ListUnits(caller.actor, include_abolished));
        return JsonResponse(200, {{"items", UnitTree(units)}, {"total", units.size()}});
      }));
  router.Add(
      Method::kGet, "/api/units/{id:int}",
      SignedIn(sessions, [&org](Request& request, const Caller& caller) -> base::Result<Response> {
        ASSIGN_OR_RETURN(org::UnitId id, PathId<org::UnitId>(request));
        ASSIGN_OR_RETURN(org::UnitDetails details, org.GetUnit(caller.actor, id));
        Json json = UnitJson(details.unit);
        json["positions"] = Json::array();
        for (const org::Position& p : details.positions)
          json["positions"].push_back(PositionJson(p));
        return JsonResponse(200, json);
      }));
  router.Add(
      Method::kGet, "/api/units/{id:int}/history",
      SignedIn(sessions, [&org](Request& request, const Caller& caller) -> base::Result<Response> {
        ASSIGN_OR_RETURN(org::UnitId id, PathId<org::UnitId>(request));
        ASSIGN_OR_RETURN(std::vector<org::UnitHistoryEntry> entries, org.History(caller.actor, id));
        Json items = Json::array();
        for (const org::UnitHistoryEntry& e : entries) items.push_back(HistoryJson(e));
        return JsonResponse(200, {{"items", std::move(items)}, {"total", entries.size()}});
      }));
  router.Add(
      Method::kPost, "/api/units",
      Writes(sessions,
             [&org](Request&, const Caller& caller, const Json& body) -> base::Result<Response> {
               ASSIGN_OR_RETURN(auto request, NewUnitFromBody(body));
               ASSIGN_OR_RETURN(org::Unit unit,
                                org.AddUnit(caller.actor, request.first, request.second));
               return JsonResponse(201, UnitJson(unit));
             }));
  router.Add(Method::kPatch, "/api/units/{id:int}",
             Writes(sessions,
                    [&org](Request& request, const Caller& caller,
                           const Json& body) -> base::Result<Response> {
                      ASSIGN_OR_RETURN(org::UnitId id, PathId<org::UnitId>(request));
                      ASSIGN_OR_RETURN(org::UnitUpdate update, UnitUpdateFromBody(body));
                      ASSIGN_OR_RETURN(org::Unit unit, org.UpdateUnit(caller.actor, id, update));
                      return JsonResponse(200, UnitJson(unit));
                    }));
  router.Add(Method::kPost, "/api/units/{id:int}/move",
             Writes(sessions,
                    [&org](Request& request, const Caller& caller,
                           const Json& body) -> base::Result<Response> {
                      ASSIGN_OR_RETURN(org::UnitId id, PathId<org::UnitId>(request));
                      ASSIGN_OR_RETURN(org::UnitMove move, MoveFromBody(body));
                      ASSIGN_OR_RETURN(org::Unit unit, org.MoveUnit(caller.actor, id, move));
                      return JsonResponse(200, UnitJson(unit));
                    }));
  router.Add(Method::kPut, "/api/units/{id:int}/children-order",
             Writes(sessions,
                    [&org](Request& request, const Caller& caller,
                           const Json& body) -> base::Result<Response> {
                      ASSIGN_OR_RETURN(org::UnitId id, PathId<org::UnitId>(request));
                      ASSIGN_OR_RETURN(std::vector<org::UnitId> ids, IdsFromBody(body));
                      RETURN_IF_ERROR(org.ReorderChildren(caller.actor, id, ids));
                      return Response::NoContent();
                    }));
  router.Add(Method::kPost, "/api/units/{id:int}/abolish",
             Writes(sessions,
                    [&org](Request& request, const Caller& caller,
                           const Json& body) -> base::Result<Response> {
                      ASSIGN_OR_RETURN(org::UnitId id, PathId<org::UnitId>(request));
                      ASSIGN_OR_RETURN(org::Abolition abolition, AbolitionFromBody(body));
                      ASSIGN_OR_RETURN(org::Unit unit,
                                       org.AbolishUnit(caller.actor, id, abolition));
                      return JsonResponse(200, UnitJson(unit));
                    }));
  router.Add(Method::kPost, "/api/units/{id:int}/positions",
             Writes(sessions,
                    [&org](Request& request, const Caller& caller,
                           const Json& body) -> base::Result<Response> {
                      ASSIGN_OR_RETURN(org::UnitId unit, PathId<org::UnitId>(request));
                      ASSIGN_OR_RETURN(org::Position position, NewPositionFromBody(body, unit));
                      auto id = org.AddPosition(caller.actor, position);
                      // The unit is the path's `id`.
                      if (!id.ok() && id.status().code() == base::StatusCode::kNotFound) {
                        return base::NotFound(id.status().message(), "id");
                      }
                      if (!id.ok()) return id.status();
                      position.id = *id;
                      return JsonResponse(201, PositionJson(position));
                    }));
  router.Add(Method::kPatch, "/api/positions/{id:int}",
             Writes(sessions,
                    [&org](Request& request, const Caller& caller,
                           const Json& body) -> base::Result<Response> {
                      ASSIGN_OR_RETURN(org::PositionId id, PathId<org::PositionId>(request));
                      ASSIGN_OR_RETURN(org::PositionUpdate update, PositionUpdateFromBody(body));
                      ASSIGN_OR_RETURN(org::Position position,
                                       org.UpdatePosition(caller.actor, id, update));
                      return JsonResponse(200, PositionJson(position));
                    }));
  router.Add(
      Method::kDelete, "/api/positions/{id:int}",
      Writes(
          sessions,
          [&org](Request& request, const Caller& caller, const Json&) -> base::Result<Response> {
            ASSIGN_OR_RETURN(org::PositionId id, PathId<org::PositionId>(request));
            RETURN_IF_ERROR(org.AbolishPosition(caller.actor, id));
            return Response::NoContent();
          },
          false));
}

}  // namespace xr::http
