#include "http/routes/authenticate.h"

#include <sodium.h>

#include "http/error_mapping.h"

namespace xr::http {
namespace {

bool ChangesState(Method method) {
  return method == Method::kPost || method == Method::kPut || method == Method::kPatch ||
         method == Method::kDelete;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

base::Result<Caller> Authenticate(Request& request, access::SessionService& sessions) {
  std::string token;
  bool from_cookie = false;
  if (auto authorization = request.Header("Authorization");
      authorization && authorization->size() > 7 &&
      EqualsIgnoreCase(authorization->substr(0, 7), "Bearer ")) {
    token = std::string(authorization->substr(7));
  } else if (auto cookie = request.Cookie(kSessionCookie)) {
    token = std::string(*cookie);
    from_cookie = true;
  }
  if (token.empty()) return base::Unauthenticated("请先登录");
  ASSIGN_OR_RETURN(access::AuthenticatedSession session, sessions.Authenticate(token));
  request.user = session.actor.username;
  if (from_cookie && ChangesState(request.method)) {
    auto csrf = request.Header("X-CSRF-Token");
    if (!csrf || !ConstantTimeEquals(*csrf, session.csrf)) {
      return base::PermissionDenied("CSRF 校验失败：请求缺少有效的 X-CSRF-Token，请刷新页面后重试");
    }
  }
  return Caller{std::move(session.actor), std::move(token), std::move(session.csrf),
                session.password_change, session.totp_enabled};
}

Handler SignedIn(access::SessionService& sessions, CallerHandler handler,
                 PendingPasswordChange pending) {
  return [&sessions, handler = std::move(handler), pending](Request& request) -> Response {
    auto caller = Authenticate(request, sessions);
    if (!caller.ok()) return ErrorResponse(caller.status());
    if (caller->password_change != access::PasswordChange::kNone &&
        pending == PendingPasswordChange::kRefuse) {
      return ErrorResponse(
          base::PermissionDenied(caller->password_change == access::PasswordChange::kExpired
                                     ? "密码已过期，请先修改密码"
                                     : "首次登录须修改初始密码，请先修改密码"),
          kPasswordChangeRequired);
    }
    auto response = handler(request, *caller);
    return response.ok() ? std::move(response).value() : ErrorResponse(response.status());
  };
}

}  // namespace xr::http
