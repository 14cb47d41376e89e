#include "http/routes/session_routes.h"

#include "http/error_mapping.h"
#include "http/json.h"
#include "http/routes/authenticate.h"

namespace xr::http {
namespace {

Json UserJson(const access::Actor& user) {
  return {{"id", user.user_id.value()},
          {"username", user.username},
          {"display_name", user.display_name},
          {"roles", user.roles},
          // What the roles grant, so the UI shows only what the user may use (the server
          // checks again on every call).
          {"permissions", user.permissions},
          {"clearance", access::ClearanceName(user.clearance)},
          {"unit_code", user.unit_code ? Json(*user.unit_code) : Json(nullptr)},
          {"unit_id", user.unit_id ? Json(*user.unit_id) : Json(nullptr)}};
}

// A disabled account that gave the right password (403; the message says whom to ask).
constexpr WireCode kAccountDisabled{403, "ACCOUNT_DISABLED"};

// A browser-session cookie (no Max-Age): it ends when the browser closes; the server enforces
// the idle and absolute limits itself. `clear` makes the browser drop it now.
std::string SessionCookie(std::string_view token, bool clear = false) {
  return std::string(kSessionCookie) + "=" + std::string(token) +
         "; Path=/; HttpOnly; SameSite=Strict" + (clear ? "; Max-Age=0" : "");
}

Response SignIn(Request& request, access::SessionService& sessions) {
  auto body = ParseJsonObject(request.body);
  if (!body.ok()) return ErrorResponse(body.status());
  auto username = RequiredString(*body, "username");
  if (!username.ok()) return ErrorResponse(username.status());
  auto password = RequiredString(*body, "password");
  if (!password.ok()) return ErrorResponse(password.status());
  auto totp_code = OptionalString(*body, "totp_code");
  if (!totp_code.ok()) return ErrorResponse(totp_code.status());
  const std::string code = totp_code->value_or("");
  access::SignInRefusal refusal = access::SignInRefusal::kNone;
  auto session =
      sessions.SignIn(access::SignInRequest{*username, *password, code, request.remote_address,
                                            request.Header("User-Agent").value_or("")},
                      &refusal);
  if (!session.ok()) {
    switch (refusal) {
      case access::SignInRefusal::kLocked:
        return ErrorResponse(session.status(), kLocked);
      case access::SignInRefusal::kTotpRequired:
        return ErrorResponse(session.status(), kTotpRequired);
      case access::SignInRefusal::kDisabled:
        return ErrorResponse(session.status(), kAccountDisabled);
      case access::SignInRefusal::kNone:
        break;
    }
    return ErrorResponse(session.status());
  }
  request.user = session->user.username;
  const access::Actor actor = access::ActorFor(session->user);
  const bool must_change = session->password_change != access::PasswordChange::kNone;
  Response response = JsonResponse(
      200, {{"token", session->token},
            {"csrf", session->csrf},
            {"user", UserJson(actor)},
            {"must_change_password", must_change},
            {"password_change_reason", access::PasswordChangeName(session->password_change)}});
  response.AddHeader("Set-Cookie", SessionCookie(session->token));
  response.AddHeader("Cache-Control", "no-store");
  return response;
}

Json SessionsJson(const std::vector<access::SessionView>& sessions) {
  Json items = Json::array();
  for (const access::SessionView& s : sessions) {
    items.push_back({{"id", s.id},
                     {"created_at", s.created_at.ToRfc3339()},
                     {"last_seen_at", s.last_seen_at.ToRfc3339()},
                     {"remote_address", s.remote_address},
                     {"user_agent", s.user_agent},
                     {"current", s.current}});
  }
  const size_t total = items.size();
  return {{"items", std::move(items)}, {"total", total}};
}

// "2026-11-27T08:00:00Z" or a Shanghai calendar day "2026-11-27" (its midnight).
base::Result<base::Timestamp> ParseTimeParam(std::string_view text, std::string_view field) {
  if (text.size() == 10) {
    return base::Timestamp::Parse(std::string(text) + "T00:00:00+08:00", field);
  }
  return base::Timestamp::Parse(text, field);
}

base::Result<access::LoginLogFilter> LoginLogFilterFrom(const Request& request) {
  access::LoginLogFilter filter;
  if (auto username = request.QueryParam("username"); username && !username->empty()) {
    filter.username = std::string(*username);
  }
  if (auto result = request.QueryParam("result"); result && !result->empty()) {
    filter.result = access::ParseLoginResult(*result);
    if (!filter.result) {
      return base::InvalidArgument(
          "参数 result 应为 success、wrong_password、unknown_user、disabled、locked、"
          "totp_required 或 wrong_totp",
          "result");
    }
  }
  if (auto from = request.QueryParam("from"); from && !from->empty()) {
    ASSIGN_OR_RETURN(filter.from, ParseTimeParam(*from, "from"));
  }
  if (auto to = request.QueryParam("to"); to && !to->empty()) {
    ASSIGN_OR_RETURN(filter.to, ParseTimeParam(*to, "to"));
  }
  if (auto page = request.QueryParam("page")) {
    ASSIGN_OR_RETURN(filter.page, ParseIntParam(*page, "page"));
  }
  if (auto page_size = request.QueryParam("page_size")) {
    ASSIGN_OR_RETURN(filter.page_size, ParseIntParam(*page_size, "page_size"));
  }
  return filter;
}

base::Result<access::UserId> UserIdParam(const Request& request) {
  ASSIGN_OR_RETURN(std::int64_t id, ParseIntParam(request.PathParam("id").value_or(""), "id"));
  return access::UserId(id);
}

}  // namespace

void AddSessionRoutes(Router& router, access::SessionService& sessions) {
  constexpr auto kAllow = PendingPasswordChange::kAllow;
  router.Add(Method::kPost, "/api/session",
             [&sessions](Request& request) { return SignIn(request, sessions); });
  router.Add(Method::kDelete, "/api/session",
             SignedIn(
                 sessions,
                 [&sessions](Request&, const Caller& caller) -> base::Result<Response> {
                   RETURN_IF_ERROR(sessions.SignOut(caller.actor, caller.token));
                   Response response = Response::NoContent();
                   response.AddHeader("Set-Cookie", SessionCookie("", true));
                   return response;
                 },
                 kAllow));
  router.Add(
      Method::kGet, "/api/me",
      SignedIn(
          sessions,
          [](Request&, const Caller& caller) -> base::Result<Response> {
            // The CSRF token too: a new tab restores its session from the cookie and needs
            // it to sign out. Other origins cannot read this response (no CORS).
            return JsonResponse(
                200,
                {{"user", UserJson(caller.actor)},
                 {"csrf", caller.csrf},
                 {"must_change_password", caller.password_change != access::PasswordChange::kNone},
                 {"password_change_reason", access::PasswordChangeName(caller.password_change)},
                 {"totp_enabled", caller.totp_enabled}});
          },
          kAllow));
  router.Add(Method::kPost, "/api/me/password",
             SignedIn(
                 sessions,
                 [&sessions](Request& request, const Caller& caller) -> base::Result<Response> {
                   ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
                   ASSIGN_OR_RETURN(std::string old_password, RequiredString(body, "old_password"));
                   ASSIGN_OR_RETURN(std::string new_password, RequiredString(body, "new_password"));
                   RETURN_IF_ERROR(sessions.ChangePassword(caller.actor, caller.token, old_password,
                                                           new_password));
                   return Response::NoContent();
                 },
                 kAllow));
  router.Add(
      Method::kGet, "/api/sessions",
      SignedIn(sessions, [&sessions](Request&, const Caller& caller) -> base::Result<Response> {
        ASSIGN_OR_RETURN(auto list, sessions.ListOwnSessions(caller.actor, caller.token));
        return JsonResponse(200, SessionsJson(list));
      }));
  router.Add(
      Method::kDelete, "/api/sessions/{id:int}",
      SignedIn(sessions,
               [&sessions](Request& request, const Caller& caller) -> base::Result<Response> {
                 ASSIGN_OR_RETURN(std::int64_t id,
                                  ParseIntParam(request.PathParam("id").value_or(""), "id"));
                 RETURN_IF_ERROR(sessions.EndOwnSession(caller.actor, id));
                 return Response::NoContent();
               }));
  router.Add(
      Method::kGet, "/api/users/{id:int}/sessions",
      SignedIn(sessions,
               [&sessions](Request& request, const Caller& caller) -> base::Result<Response> {
                 ASSIGN_OR_RETURN(access::UserId user, UserIdParam(request));
                 ASSIGN_OR_RETURN(auto list, sessions.ListSessionsOf(caller.actor, user));
                 return JsonResponse(200, SessionsJson(list));
               }));
  router.Add(
      Method::kDelete, "/api/users/{id:int}/sessions",
      SignedIn(sessions,
               [&sessions](Request& request, const Caller& caller) -> base::Result<Response> {
                 ASSIGN_OR_RETURN(access::UserId user, UserIdParam(request));
                 ASSIGN_OR_RETURN(std::int64_t ended, sessions.EndSessionsOf(caller.actor, user));
                 return JsonResponse(200, {{"ended", ended}});
               }));
  router.Add(
      Method::kGet, "/api/login-log",
      SignedIn(
          sessions, [&sessions](Request& request, const Caller& caller) -> base::Result<Response> {
            ASSIGN_OR_RETURN(access::LoginLogFilter filter, LoginLogFilterFrom(request));
            ASSIGN_OR_RETURN(access::LoginLogPage page,
                             sessions.SearchLoginLog(caller.actor, filter));
            Json items = Json::array();
            for (const access::LoginAttempt& a : page.items) {
              items.push_back({{"id", a.id},
                               {"at", a.at.ToRfc3339()},
                               {"username", a.username},
                               {"user_id", a.user_id.valid() ? Json(a.user_id.value()) : Json()},
                               {"remote_address", a.remote_address},
                               {"result", access::LoginResultName(a.result)},
                               {"user_agent", a.user_agent}});
            }
            return JsonResponse(200, {{"items", std::move(items)}, {"total", page.total}});
          }));
  router.Add(
      Method::kGet, "/api/settings/security",
      SignedIn(sessions, [&sessions](Request&, const Caller& caller) -> base::Result<Response> {
        ASSIGN_OR_RETURN(access::SessionPolicy policy, sessions.Policy(caller.actor));
        return JsonResponse(
            200, {{"idle_timeout_minutes", policy.idle_timeout.count()},
                  {"session_lifetime_hours", policy.absolute_lifetime.count()},
                  {"password_max_age_days", policy.password_max_age.count()},
                  {"lockout_failures", policy.account_lockout.max_failures},
                  {"lockout_window_minutes", policy.account_lockout.window.count()},
                  {"lockout_minutes", policy.account_lockout.lock_duration.count()},
                  {"address_lockout_usernames", policy.address_lockout.max_failures},
                  {"address_lockout_minutes", policy.address_lockout.lock_duration.count()}});
      }));
  router.Add(
      Method::kPost, "/api/me/totp",
      SignedIn(sessions, [&sessions](Request&, const Caller& caller) -> base::Result<Response> {
        ASSIGN_OR_RETURN(access::TotpEnrolment enrolment,
                         sessions.BeginTotpEnrolment(caller.actor));
        Response response =
            JsonResponse(200, {{"secret", enrolment.secret}, {"uri", enrolment.uri}});
        response.AddHeader("Cache-Control", "no-store");
        return response;
      }));
  router.Add(
      Method::kPost, "/api/me/totp/confirm",
      SignedIn(sessions,
               [&sessions](Request& request, const Caller& caller) -> base::Result<Response> {
                 ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
                 ASSIGN_OR_RETURN(std::string code, RequiredString(body, "code"));
                 RETURN_IF_ERROR(sessions.ConfirmTotp(caller.actor, code));
                 return Response::NoContent();
               }));
}

}  // namespace xr::http
