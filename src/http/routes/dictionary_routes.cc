#include "http/routes/dictionary_routes.h"

#include <functional>
#include <map>

#include "cadre/dictionary_permissions.h"
#include "cadre/divisions.h"
#include "http/json.h"
#include "http/routes/authenticate.h"

namespace xr::http {
namespace {

Json ItemJson(const cadre::DictRow& row) {
  return {{"code", row.item.code},
          {"label", row.item.label},
          {"sort_order", row.item.sort_order},
          {"enabled", row.item.enabled},
          {"builtin", row.builtin}};
}

Json DictionaryJson(const cadre::Dictionary& dictionary) {
  Json items = Json::array();
  for (const cadre::DictRow& row : dictionary.items) items.push_back(ItemJson(row));
  return {{"kind", dictionary.kind.kind},
          {"name", dictionary.kind.name},
          {"standard", dictionary.kind.standard},
          {"items", std::move(items)}};
}

// The division table as a tree, serialised once: it is compiled in and never changes while the
// program runs. A division whose parent row is missing hangs under its province, else at the top.
const std::string& DivisionTreeText() {
  static const std::string text = [] {
    std::map<std::string_view, std::vector<cadre::Division>> children;
    std::vector<cadre::Division> roots;
    for (const cadre::Division& division : cadre::Divisions()) {
      std::string_view parent = division.parent_code;
      const std::string province = std::string(division.code.substr(0, 2)) + "0000";
      if (!parent.empty() && !cadre::FindDivision(parent)) {
        auto found = cadre::FindDivision(province);
        parent = found && found->code != division.code ? found->code : std::string_view();
      }
      if (parent.empty()) {
        roots.push_back(division);
      } else {
        children[parent].push_back(division);
      }
    }
    std::function<Json(const cadre::Division&)> node = [&](const cadre::Division& division) {
      Json json = {{"code", division.code}, {"name", division.name}, {"children", Json::array()}};
      if (auto it = children.find(division.code); it != children.end()) {
        for (const cadre::Division& child : it->second) json["children"].push_back(node(child));
      }
      return json;
    };
    Json tree = Json::array();
    for (const cadre::Division& root : roots) tree.push_back(node(root));
    return DumpJson(tree);
  }();
  return text;
}

std::string PathKind(const Request& request) { return std::string(*request.PathParam("kind")); }

base::Result<cadre::NewDictItem> NewItemFromBody(const Json& body) {
  cadre::NewDictItem item;
  ASSIGN_OR_RETURN(item.code, RequiredString(body, "code"));
  ASSIGN_OR_RETURN(item.label, RequiredString(body, "label"));
  ASSIGN_OR_RETURN(item.sort_order, OptionalInt(body, "sort_order"));
  ASSIGN_OR_RETURN(std::optional<bool> enabled, OptionalBool(body, "enabled"));
  item.enabled = enabled.value_or(true);
  return item;
}

// The code names the item in the path and is never changed: a body that states another is
// refused rather than ignored.
base::Result<cadre::DictItemUpdate> UpdateFromBody(const Json& body, std::string_view code) {
  ASSIGN_OR_RETURN(std::optional<std::string> new_code, OptionalString(body, "code"));
  if (new_code && *new_code != code) {
    return base::InvalidArgument("字典项的代码不能修改；如需新代码，请新增一项并停用此项", "code");
  }
  cadre::DictItemUpdate update;
  ASSIGN_OR_RETURN(update.label, OptionalString(body, "label"));
  ASSIGN_OR_RETURN(update.sort_order, OptionalInt(body, "sort_order"));
  ASSIGN_OR_RETURN(update.enabled, OptionalBool(body, "enabled"));
  return update;
}

// A handler that changes a dictionary: refuses callers without dict.manage before reading the
// body (they learn nothing from validation messages).
using WriteHandler = std::function<base::Result<Response>(Request&, const Caller&, const Json&)>;
Handler Writes(access::SessionService& sessions, WriteHandler handler) {
  return SignedIn(sessions,
                  [handler = std::move(handler)](Request& request,
                                                 const Caller& caller) -> base::Result<Response> {
                    RETURN_IF_ERROR(access::Require(caller.actor, cadre::kDictManage));
                    ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
                    return handler(request, caller, body);
                  });
}

}  // namespace

void AddDictionaryRoutes(Router& router, access::SessionService& sessions,
                         cadre::DictionaryService& dictionaries) {
  router.Add(
      Method::kGet, "/api/dictionaries",
      SignedIn(sessions, [&dictionaries](Request&, const Caller& caller) -> base::Result<Response> {
        ASSIGN_OR_RETURN(std::vector<cadre::Dictionary> all, dictionaries.List(caller.actor));
        Json items = Json::array();
        for (const cadre::Dictionary& d : all) items.push_back(DictionaryJson(d));
        return JsonResponse(200, {{"items", std::move(items)}});
      }));
  router.Add(
      Method::kGet, "/api/dictionaries/{kind}",
      SignedIn(sessions,
               [&dictionaries](Request& request, const Caller& caller) -> base::Result<Response> {
                 const std::string kind = PathKind(request);
                 ASSIGN_OR_RETURN(cadre::Dictionary dictionary,
                                  dictionaries.Get(caller.actor, kind));
                 return JsonResponse(200, DictionaryJson(dictionary));
               }));
  router.Add(Method::kPost, "/api/dictionaries/{kind}/items",
             Writes(sessions,
                    [&dictionaries](Request& request, const Caller& caller,
                                    const Json& body) -> base::Result<Response> {
                      const std::string kind = PathKind(request);
                      ASSIGN_OR_RETURN(cadre::NewDictItem item, NewItemFromBody(body));
                      ASSIGN_OR_RETURN(cadre::DictRow row,
                                       dictionaries.AddItem(caller.actor, kind, item));
                      return JsonResponse(201, ItemJson(row));
                    }));
  router.Add(Method::kPatch, "/api/dictionaries/{kind}/items/{code}",
             Writes(sessions,
                    [&dictionaries](Request& request, const Caller& caller,
                                    const Json& body) -> base::Result<Response> {
                      const std::string kind = PathKind(request);
                      const std::string code(*request.PathParam("code"));
                      ASSIGN_OR_RETURN(cadre::DictItemUpdate update, UpdateFromBody(body, code));
                      ASSIGN_OR_RETURN(cadre::DictRow row,
                                       dictionaries.UpdateItem(caller.actor, kind, code, update));
                      return JsonResponse(200, ItemJson(row));
                    }));
  router.Add(Method::kGet, "/api/divisions",
             SignedIn(sessions, [](Request&, const Caller&) -> base::Result<Response> {
               Response response;
               response.content_type = "application/json; charset=utf-8";
               response.body = DivisionTreeText();
               return response;
             }));
}

}  // namespace xr::http
