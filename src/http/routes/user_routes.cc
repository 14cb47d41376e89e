#include "http/routes/user_routes.h"

#include <algorithm>
#include <initializer_list>

#include "access/access_permissions.h"
#include "http/json.h"
#include "http/routes/authenticate.h"

namespace xr::http {
namespace {

Json RoleJson(const access::Role& role) {
  return {{"id", role.id},
          {"name", role.name},
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
          {"unit_id", user.unit_id ? Json(*user.unit_id) : Json(nullptr)},
          {"unit_name", user.unit_name ? Json(*user.unit_name) : Json(nullptr)},
          {"roles", user.roles},
          {"disabled", user.disabled},
          {"totp_enabled", user.totp_enabled},
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
  ASSIGN_OR_RETURN(user.unit_id, OptionalInt(body, "unit_id"));
  // An administrator chose the password: the user replaces it at first sign-in.
  user.must_change_password = true;
  return user;
}

// 400 naming the first key of `body` that is not in `known` (a misspelt field would otherwise
// be silently ignored by a PATCH).
base::Status OnlyKnownFields(const Json& body, std::initializer_list<std::string_view> known) {
  for (auto it = body.begin(); it != body.end(); ++it) {
    if (std::find(known.begin(), known.end(), it.key()) == known.end()) {
      return base::InvalidArgument("不能修改的字段：" + it.key(), it.key());
    }
  }
  return base::Status::Ok();
}

// PATCH /api/users/{id}: display_name, unit_id | unit_code (null: no unit), roles, disabled.
base::Result<access::UserChange> UserChangeFromBody(const Json& body) {
  RETURN_IF_ERROR(
      OnlyKnownFields(body, {"display_name", "unit_id", "unit_code", "roles", "disabled"}));
  access::UserChange change;
  if (body.contains("display_name")) {
    ASSIGN_OR_RETURN(change.display_name, RequiredString(body, "display_name"));
  }
  if (body.contains("unit_id") || body.contains("unit_code")) {
    access::UnitChoice unit;
    ASSIGN_OR_RETURN(unit.id, OptionalInt(body, "unit_id"));
    ASSIGN_OR_RETURN(unit.code, OptionalString(body, "unit_code"));
    if (unit.code && unit.code->empty()) unit.code.reset();
    change.unit = std::move(unit);
  }
  if (body.contains("roles")) {
    ASSIGN_OR_RETURN(change.roles, RequiredStringArray(body, "roles"));
  }
  if (body.contains("disabled")) {
    ASSIGN_OR_RETURN(change.disabled, RequiredBool(body, "disabled"));
  }
  return change;
}

// PATCH /api/roles/{id}: label, permissions, scope (null or "": none), clearance.
base::Result<access::RoleChange> RoleChangeFromBody(const Json& body) {
  RETURN_IF_ERROR(OnlyKnownFields(body, {"label", "permissions", "scope", "clearance"}));
  access::RoleChange change;
  if (body.contains("label")) {
    ASSIGN_OR_RETURN(change.label, RequiredString(body, "label"));
  }
  if (body.contains("permissions")) {
    ASSIGN_OR_RETURN(change.permissions, RequiredStringArray(body, "permissions"));
  }
  if (body.contains("scope")) {
    ASSIGN_OR_RETURN(std::optional<std::string> scope, OptionalString(body, "scope"));
    change.scope.emplace();
    if (scope && !scope->empty()) {
      ASSIGN_OR_RETURN(access::ScopeRule rule, access::ParseScope(*scope));
      *change.scope = std::move(rule);
    }
  }
  if (body.contains("clearance")) {
    ASSIGN_OR_RETURN(std::string clearance, RequiredString(body, "clearance"));
    ASSIGN_OR_RETURN(change.clearance, access::ParseClearance(clearance));
  }
  return change;
}

base::Result<std::int64_t> IdParam(const Request& request) {
  return ParseIntParam(request.PathParam("id").value_or(""), "id");
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
  router.Add(Method::kPatch, "/api/users/{id:int}",
             SignedIn(sessions,
                      [&users](Request& request, const Caller& caller) -> base::Result<Response> {
                        RETURN_IF_ERROR(access::Require(caller.actor, access::kUserManage));
                        ASSIGN_OR_RETURN(std::int64_t id, IdParam(request));
                        ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
                        ASSIGN_OR_RETURN(access::UserChange change, UserChangeFromBody(body));
                        ASSIGN_OR_RETURN(access::User user,
                                         users.Update(caller.actor, access::UserId(id), change));
                        return JsonResponse(200, UserJson(user));
                      }));
  // The new initial password is generated and shown once (the administrator hands it over; the
  // user must replace it at the next sign-in).
  router.Add(Method::kPost, "/api/users/{id:int}/password-reset",
             SignedIn(sessions,
                      [&users](Request& request, const Caller& caller) -> base::Result<Response> {
                        ASSIGN_OR_RETURN(std::int64_t id, IdParam(request));
                        ASSIGN_OR_RETURN(access::PasswordReset reset,
                                         users.ResetPassword(caller.actor, access::UserId(id)));
                        Response response =
                            JsonResponse(200, {{"password", reset.generated_password},
                                               {"sessions_ended", reset.sessions_ended}});
                        response.AddHeader("Cache-Control", "no-store");
                        return response;
                      }));
  router.Add(Method::kPost, "/api/users/{id:int}/totp-reset",
             SignedIn(sessions,
                      [&users](Request& request, const Caller& caller) -> base::Result<Response> {
                        ASSIGN_OR_RETURN(std::int64_t id, IdParam(request));
                        RETURN_IF_ERROR(users.ResetTotp(caller.actor, access::UserId(id)));
                        return Response::NoContent();
                      }));
  router.Add(Method::kPatch, "/api/roles/{id:int}",
             SignedIn(sessions,
                      [&roles](Request& request, const Caller& caller) -> base::Result<Response> {
                        RETURN_IF_ERROR(access::Require(caller.actor, access::kRoleManage));
                        ASSIGN_OR_RETURN(std::int64_t id, IdParam(request));
                        ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
                        ASSIGN_OR_RETURN(access::RoleChange change, RoleChangeFromBody(body));
                        ASSIGN_OR_RETURN(access::Role role, roles.Update(caller.actor, id, change));
                        return JsonResponse(200, RoleJson(role));
                      }));
}

}  // namespace xr::http
