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
          {"unit_code", user.unit_code ? Json(*user.unit_code) : Json(nullptr)}};
}

// A browser-session cookie (no Max-Age): it ends when the browser closes; the server enforces
// the idle and absolute limits itself. `clear` makes the browser drop it now.
std::string SessionCookie(std::string_view token, bool clear = false) {
  return std::string(kSessionCookie) + "=" + std::string(token) +
         "; Path=/; HttpOnly; SameSite=Strict" + (clear ? "; Max-Age=0" : "");
}

base::Result<Response> SignIn(Request& request, access::SessionService& sessions) {
  ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
  ASSIGN_OR_RETURN(std::string username, RequiredString(body, "username"));
  ASSIGN_OR_RETURN(std::string password, RequiredString(body, "password"));
  ASSIGN_OR_RETURN(access::SignInResult session,
                   sessions.SignIn(username, password, request.remote_address));
  request.user = session.user.username;
  const access::Actor actor = access::ActorFor(session.user);
  Response response = JsonResponse(
      200, {{"token", session.token}, {"csrf", session.csrf}, {"user", UserJson(actor)}});
  response.AddHeader("Set-Cookie", SessionCookie(session.token));
  response.AddHeader("Cache-Control", "no-store");
  return response;
}

}  // namespace

void AddSessionRoutes(Router& router, access::SessionService& sessions) {
  router.Add(Method::kPost, "/api/session", [&sessions](Request& request) {
    auto response = SignIn(request, sessions);
    return response.ok() ? std::move(response).value() : ErrorResponse(response.status());
  });
  router.Add(
      Method::kDelete, "/api/session",
      SignedIn(sessions, [&sessions](Request&, const Caller& caller) -> base::Result<Response> {
        RETURN_IF_ERROR(sessions.SignOut(caller.token));
        Response response = Response::NoContent();
        response.AddHeader("Set-Cookie", SessionCookie("", true));
        return response;
      }));
  router.Add(Method::kGet, "/api/me",
             SignedIn(sessions, [](Request&, const Caller& caller) -> base::Result<Response> {
               // The CSRF token too: a new tab restores its session from the cookie and needs it to
               // sign out. Other origins cannot read this response (no CORS).
               return JsonResponse(200, {{"user", UserJson(caller.actor)}, {"csrf", caller.csrf}});
             }));
}

}  // namespace xr::http
