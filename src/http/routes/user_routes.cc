#include "http/routes/user_routes.h"

#include "access/access_permissions.h"
#include "http/json.h"
#include "http/routes/authenticate.h"

namespace xr::http {
namespace {

Json RoleJson(const access::Role& role) {
  return {{"name", role.name},
          {"label", role.label},
          {"permissions", role.permissions},
          {"scope", role.scope ? Json(access::ToString(*role.scope)) : Json(nullptr)},
          {"clearance", access::ClearanceName(role.clearance)},
          {"clearance_label", access::ClearanceLabel(role.clearance)},
          {"builtin", role.builtin},
          {"separated_admin", role.separated_admin}};
}

Json UserJson(const access::User& user) {
  return {{"id", user.id.value()},
          {"username", user.username},
          {"display_name", user.display_name},
          {"unit_code", user.unit_code ? Json(*user.unit_code) : Json(nullptr)},
          {"roles", user.roles},
          {"disabled", user.disabled},
          {"created_at", user.created_at.ToRfc3339()}};
}

// A required array of strings: "缺少必填字段 <name>" / "字段 <name> 应为字符串数组".
base::Result<std::vector<std::string>> RequiredStringArray(const Json& object,
                                                           std::string_view name) {
  const std::string key(name);
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    return base::InvalidArgument("缺少必填字段 " + key, key);
  }
  if (!it->is_array()) return base::InvalidArgument("字段 " + key + " 应为字符串数组", key);
  std::vector<std::string> out;
  for (const Json& item : *it) {
    if (!item.is_string()) return base::InvalidArgument("字段 " + key + " 应为字符串数组", key);
    out.push_back(item.get<std::string>());
  }
  return out;
}

base::Result<access::Role> RoleFromBody(const Json& body) {
  access::Role role;
  ASSIGN_OR_RETURN(role.name, RequiredString(body, "name"));
  ASSIGN_OR_RETURN(role.label, RequiredString(body, "label"));
  ASSIGN_OR_RETURN(role.permissions, RequiredStringArray(body, "permissions"));
  ASSIGN_OR_RETURN(std::optional<std::string> scope, OptionalString(body, "scope"));
  if (scope && !scope->empty()) {
    ASSIGN_OR_RETURN(access::ScopeRule rule, access::ParseScope(*scope));
    role.scope = std::move(rule);
  }
  ASSIGN_OR_RETURN(std::optional<std::string> clearance, OptionalString(body, "clearance"));
  role.clearance = access::Clearance::kInternal;
  if (clearance && !clearance->empty()) {
    ASSIGN_OR_RETURN(role.clearance, access::ParseClearance(*clearance));
  }
  return role;
}

base::Result<access::NewUser> NewUserFromBody(const Json& body) {
  access::NewUser user;
  ASSIGN_OR_RETURN(user.username, RequiredString(body, "username"));
  ASSIGN_OR_RETURN(std::optional<std::string> display_name, OptionalString(body, "display_name"));
  user.display_name = display_name.value_or("");
  ASSIGN_OR_RETURN(user.password, RequiredString(body, "password"));
  ASSIGN_OR_RETURN(user.roles, RequiredStringArray(body, "roles"));
  ASSIGN_OR_RETURN(std::optional<std::string> unit_code, OptionalString(body, "unit_code"));
  if (unit_code && !unit_code->empty()) user.unit_code = std::move(*unit_code);
  // An administrator chose the password: the user replaces it at first sign-in.
  user.must_change_password = true;
  return user;
}

base::Result<std::int64_t> IntQuery(const Request& request, std::string_view name,
                                    std::int64_t fallback) {
  auto value = request.QueryParam(name);
  if (!value || value->empty()) return fallback;
  return ParseIntParam(*value, name);
}

}  // namespace

void AddUserRoutes(Router& router, access::SessionService& sessions, access::UserService& users,
                   access::RoleService& roles) {
  router.Add(Method::kGet, "/api/roles",
             SignedIn(sessions, [&roles](Request&, const Caller& caller) -> base::Result<Response> {
               ASSIGN_OR_RETURN(std::vector<access::Role> list, roles.List(caller.actor));
               Json items = Json::array();
               for (const access::Role& role : list) items.push_back(RoleJson(role));
               return JsonResponse(200, {{"items", std::move(items)}, {"total", list.size()}});
             }));
  router.Add(Method::kPost, "/api/roles",
             SignedIn(sessions,
                      [&roles](Request& request, const Caller& caller) -> base::Result<Response> {
                        // Refuse before reading the body: a caller without the right learns
                        // nothing from validation messages.
                        RETURN_IF_ERROR(access::Require(caller.actor, access::kRoleManage));
                        ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
                        ASSIGN_OR_RETURN(access::Role role, RoleFromBody(body));
                        RETURN_IF_ERROR(roles.Add(caller.actor, role));
                        return JsonResponse(201, RoleJson(role));
                      }));
  router.Add(
      Method::kGet, "/api/users",
      SignedIn(sessions,
               [&users](Request& request, const Caller& caller) -> base::Result<Response> {
                 ASSIGN_OR_RETURN(std::int64_t page, IntQuery(request, "page", 1));
                 ASSIGN_OR_RETURN(std::int64_t page_size, IntQuery(request, "page_size", 20));
                 ASSIGN_OR_RETURN(access::UserPage list, users.List(caller.actor, page, page_size));
                 Json items = Json::array();
                 for (const access::User& user : list.items) items.push_back(UserJson(user));
                 return JsonResponse(200, {{"items", std::move(items)}, {"total", list.total}});
               }));
  router.Add(Method::kPost, "/api/users",
             SignedIn(sessions,
                      [&users](Request& request, const Caller& caller) -> base::Result<Response> {
                        RETURN_IF_ERROR(access::Require(caller.actor, access::kUserManage));
                        ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
                        ASSIGN_OR_RETURN(access::NewUser request_user, NewUserFromBody(body));
                        ASSIGN_OR_RETURN(access::User user,
                                         users.Add(caller.actor, std::move(request_user)));
                        return JsonResponse(201, UserJson(user));
                      }));
}

}  // namespace xr::http
