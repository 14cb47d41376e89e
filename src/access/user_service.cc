#include "access/user_service.h"

#include <algorithm>

#include "access/access_permissions.h"
#include "access/access_repository.h"
#include "access/credentials.h"
#include "access/password.h"
#include "access/role_repository.h"

namespace xr::access {

base::Result<User> UserService::Add(const Actor& actor, NewUser request) {
  RETURN_IF_ERROR(Require(actor, kUserManage));
  if (request.display_name.empty()) request.display_name = request.username;
  RETURN_IF_ERROR(ValidateNewUser(request));
  if (request.unit_id && request.unit_code) {
    return base::InvalidArgument("unit_id 与 unit_code 只能给出一个", "unit_id");
  }
  // Hash outside the transaction: it takes tens of milliseconds and needs no lock.
  ASSIGN_OR_RETURN(std::string hash, HashPassword(request.password));
  const base::Timestamp now = clock_.Now();
  return db_.TransactValue<User>(
      store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Result<User> {
        AccessRepository users(tx);
        // The unit first, so that a bad unit is named before anything else is written.
        RETURN_IF_ERROR(users.ResolveUnit({request.unit_id, request.unit_code}).status());
        ASSIGN_OR_RETURN(std::vector<Role> grants, RoleRepository(tx).FindByNames(request.roles));
        RETURN_IF_ERROR(CheckSeparationOfDuties(grants));
        ASSIGN_OR_RETURN(UserId id, users.InsertUser(request, hash, now));
        RETURN_IF_ERROR(CredentialRepository(tx, keyring_)
                            .SetMustChangePassword(id, request.must_change_password));
        Recorder::Details details;
        for (const std::string& role : request.roles) details.emplace_back("role", role);
        RETURN_IF_ERROR(
            recorder_.Write(tx, actor, "user.create", "user", std::to_string(id.value()), details));
        return users.FindUser(id);
      });
}

base::Result<User> UserService::Update(const Actor& actor, UserId id, const UserChange& change) {
  RETURN_IF_ERROR(Require(actor, kUserManage));
  RETURN_IF_ERROR(ValidateUserChange(change));
  RETURN_IF_ERROR(CheckSelfChange(actor, id, change));
  return db_.TransactValue<User>(
      store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Result<User> {
        AccessRepository users(tx);
        ASSIGN_OR_RETURN(User before, users.FindUser(id));
        Recorder::Details details;
        std::string display_name = before.display_name;
        if (change.display_name && *change.display_name != before.display_name) {
          display_name = *change.display_name;
          details.emplace_back("field", "display_name");
        }
        std::optional<std::int64_t> unit_id = before.unit_id;
        if (change.unit) {
          ASSIGN_OR_RETURN(unit_id, users.ResolveUnit(*change.unit));
          if (unit_id != before.unit_id) {
            details.emplace_back("field", "unit");
            details.emplace_back("unit_id", unit_id ? std::to_string(*unit_id) : "none");
          }
        }
        if (change.roles) {
          ASSIGN_OR_RETURN(std::vector<Role> grants, RoleRepository(tx).FindByNames(*change.roles));
          RETURN_IF_ERROR(CheckSeparationOfDuties(grants));
          std::vector<std::string> sorted = *change.roles;
          std::sort(sorted.begin(), sorted.end());
          if (sorted != before.roles) {  // before.roles come ordered by name
            RETURN_IF_ERROR(users.SetRoles(id, *change.roles));
            details.emplace_back("field", "roles");
            for (const std::string& role : sorted) details.emplace_back("role", role);
          }
        }
        const bool disabled = change.disabled.value_or(before.disabled);
        if (disabled != before.disabled) {
          details.emplace_back("field", "disabled");
          details.emplace_back("disabled", disabled ? "true" : "false");
        }
        if (details.empty()) return before;  // nothing changed: nothing to record
        RETURN_IF_ERROR(users.UpdateProfile(id, display_name, unit_id, disabled));
        if (disabled && !before.disabled) {
          // A disabled account keeps no session.
          ASSIGN_OR_RETURN(std::int64_t ended, users.DeleteSessionsOf(id));
          details.emplace_back("sessions_ended", std::to_string(ended));
        }
        RETURN_IF_ERROR(
            recorder_.Write(tx, actor, "user.update", "user", std::to_string(id.value()), details));
        return users.FindUser(id);
      });
}

base::Result<PasswordReset> UserService::ResetPassword(const Actor& actor, UserId id,
                                                       std::optional<std::string> password) {
  RETURN_IF_ERROR(Require(actor, kUserManage));
  RETURN_IF_ERROR(CheckNotSelfReset(actor, id));
  PasswordReset out;
  if (password) {
    RETURN_IF_ERROR(CheckPasswordPolicy(*password));
  } else {
    out.generated_password = GeneratePassword();
    password = out.generated_password;
  }
  ASSIGN_OR_RETURN(std::string hash, HashPassword(*password));
  const base::Timestamp now = clock_.Now();
  RETURN_IF_ERROR(db_.Transact(store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Status {
    AccessRepository users(tx);
    ASSIGN_OR_RETURN(bool exists, users.UserExists(id));
    if (!exists) return base::NotFound("用户不存在");
    CredentialRepository credentials(tx, keyring_);
    RETURN_IF_ERROR(credentials.SetPassword(id, hash, now));
    RETURN_IF_ERROR(credentials.SetMustChangePassword(id, true));
    RETURN_IF_ERROR(users.ClearLockout(id, now));
    ASSIGN_OR_RETURN(out.sessions_ended, users.DeleteSessionsOf(id));
    return recorder_.Write(tx, actor, "user.password_reset", "user", std::to_string(id.value()),
                           {{"generated", out.generated_password.empty() ? "false" : "true"},
                            {"sessions_ended", std::to_string(out.sessions_ended)}});
  }));
  return out;
}

base::Status UserService::ResetTotp(const Actor& actor, UserId id) {
  RETURN_IF_ERROR(Require(actor, kUserManage));
  RETURN_IF_ERROR(CheckNotSelfReset(actor, id));
  return db_.Transact(store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Status {
    ASSIGN_OR_RETURN(bool exists, AccessRepository(tx).UserExists(id));
    if (!exists) return base::NotFound("用户不存在");
    CredentialRepository credentials(tx, keyring_);
    ASSIGN_OR_RETURN(CredentialState state, credentials.Find(id));
    RETURN_IF_ERROR(credentials.DisableTotp(id));
    return recorder_.Write(tx, actor, "user.totp_reset", "user", std::to_string(id.value()),
                           {{"was_enabled", state.totp_enabled ? "true" : "false"}});
  });
}

base::Result<User> UserService::FindByUsername(const Actor& actor, std::string_view username) {
  RETURN_IF_ERROR(Require(actor, kUserManage));
  return db_.TransactValue<User>(store::TxMode::kRead, [&](store::Transaction& tx) {
    return AccessRepository(tx).FindUserByName(username);
  });
}

base::Result<std::int64_t> UserService::Count(const Actor&) {
  // Any signed-in user may know how many accounts exist (shown on the home page).
  return db_.TransactValue<std::int64_t>(store::TxMode::kRead, [](store::Transaction& tx) {
    return AccessRepository(tx).CountUsers();
  });
}

base::Result<UserPage> UserService::List(const Actor& actor, std::int64_t page,
                                         std::int64_t page_size) {
  if (!actor.HasPermission(kUserManage.name) && !actor.HasPermission(kRoleManage.name)) {
    return base::PermissionDenied("没有“" + std::string(kUserManage.label) + "”的权限");
  }
  if (page < 1) return base::InvalidArgument("页码须大于等于 1", "page");
  if (page_size < 1 || page_size > 200) {
    return base::InvalidArgument("每页条数须在 1–200 之间", "page_size");
  }
  return db_.TransactValue<UserPage>(store::TxMode::kRead, [&](store::Transaction& tx) {
    return AccessRepository(tx).ListUsers(page, page_size);
  });
}

}  // namespace xr::access
