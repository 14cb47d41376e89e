#pragma once
// Who is calling: the adapter's half of access control (services decide what they may do).
//
// A request is authenticated by the session cookie `xr_session` (browsers) or by
// `Authorization: Bearer <token>` (API clients). Cookie-authenticated requests that change
// state (POST, PUT, PATCH, DELETE) must also carry the session's CSRF token in `X-CSRF-Token`;
// bearer tokens are not sent automatically by browsers, so they need none.

#include <functional>
#include <string>

#include "access/session_service.h"
#include "http/request.h"
#include "http/response.h"
#include "http/router.h"

namespace xr::http {

inline constexpr std::string_view kSessionCookie = "xr_session";

struct Caller {
  access::Actor actor;
  std::string token;
  std::string csrf;
  // Not kNone: the password must be changed before anything but the routes that allow it.
  access::PasswordChange password_change = access::PasswordChange::kNone;
  bool totp_enabled = false;
};

// Unauthenticated without a valid session; PermissionDenied "CSRF 校验失败…" when a
// cookie-authenticated state-changing request lacks the matching token. Sets request.user.
base::Result<Caller> Authenticate(Request& request, access::SessionService& sessions);

// Wraps a handler that needs a signed-in caller: authenticates, then runs `handler`; any error
// from either becomes the mapped JSON error response.
// A caller whose password must change (initial password, or expired) gets 403
// PASSWORD_CHANGE_REQUIRED unless the route passes PendingPasswordChange::kAllow (only GET /api/me,
// POST /api/me/password and DELETE /api/session do).
using CallerHandler = std::function<base::Result<Response>(Request&, const Caller&)>;
enum class PendingPasswordChange { kRefuse, kAllow };
Handler SignedIn(access::SessionService& sessions, CallerHandler handler,
                 PendingPasswordChange pending = PendingPasswordChange::kRefuse);

}  // namespace xr::http
