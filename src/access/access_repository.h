#pragma once
// SQL for users and sessions. Each repository works inside a transaction it is given.

#include <optional>
#include <string>

#include "access/user.h"
#include "store/database.h"

namespace xr::access {

struct UserCredentials {
  User user;
  std::string password_hash;
  // Set when an administrator reset the password: failures before it no longer lock the account.
  std::optional<base::Timestamp> lockout_cleared_at;
};

// One page of accounts, ordered by username.
struct UserPage {
  std::vector<User> items;  // roles filled (names only, not grants)
  std::int64_t total = 0;
};

struct StoredSession {
  std::int64_t id = 0;
  std::string csrf;
  base::Timestamp last_seen_at;
  base::Timestamp expires_at;
  User user;
};

// A session as listed to its owner or a security administrator (never the token or its digest
// outside the service).
struct SessionInfo {
  std::int64_t id = 0;
  UserId user_id;
  std::string token_digest;
  base::Timestamp created_at;
  base::Timestamp last_seen_at;
  base::Timestamp expires_at;
  std::string remote_address;
  std::string user_agent;
};

class AccessRepository {
 public:
  explicit AccessRepository(store::Transaction& tx) : tx_(tx) {}

  // AlreadyExists (field "username") when the username is taken; InvalidArgument (field
  // "unit_id" / "unit_code") when the unit does not exist.
  base::Result<UserId> InsertUser(const NewUser& user, std::string_view password_hash,
                                  base::Timestamp now);
  base::Result<UserCredentials> FindCredentials(std::string_view username);  // NotFound
  base::Result<std::int64_t> CountUsers();
  // Accounts ordered by username; `page` from 1.
  base::Result<UserPage> ListUsers(std::int64_t page, std::int64_t page_size);

  base::Status InsertSession(std::string_view token_digest, UserId user, std::string_view csrf,
                             std::string_view remote_address, base::Timestamp now,
                             base::Timestamp expires_at, std::string_view user_agent = {});
  base::Result<StoredSession> FindSession(std::string_view token_digest);  // NotFound
  base::Status TouchSession(std::string_view token_digest, base::Timestamp now);
  // Returns the number of sessions deleted.
  base::Result<std::int64_t> DeleteSession(std::string_view token_digest);
  base::Result<std::int64_t> DeleteSessionsExpiredBefore(base::Timestamp now);
  // Every stored session of `user`, newest first (the caller filters out idle-expired ones).
  base::Result<std::vector<SessionInfo>> SessionsOf(UserId user);
  // Deletes session `id` only if it belongs to `user`; returns the number deleted (0 or 1).
  base::Result<std::int64_t> DeleteSessionOf(UserId user, std::int64_t id);
  // Deletes every session of `user` except the one with `keep_digest` (none when empty).
  base::Result<std::int64_t> DeleteSessionsOf(UserId user, std::string_view keep_digest = {});
  base::Result<bool> UserExists(UserId user);
  // One account with its grants; NotFound "用户不存在".
  base::Result<User> FindUser(UserId id);
  base::Result<User> FindUserByName(std::string_view username);
  // The unit's id (nullopt for "no unit"); InvalidArgument (field "unit_id" or "unit_code")
  // when it does not exist or has been abolished (撤销).
  base::Result<std::optional<std::int64_t>> ResolveUnit(const UnitChoice& unit);
  base::Status UpdateProfile(UserId id, std::string_view display_name,
                             std::optional<std::int64_t> unit_id, bool disabled);
  base::Status SetRoles(UserId id, const std::vector<std::string>& roles);
  // Failed sign-ins before `now` no longer count toward the account's lockout.
  base::Status ClearLockout(UserId id, base::Timestamp now);
  // For every account holding `role`: {username, every role it holds…}, by username.
  base::Result<std::vector<std::vector<std::string>>> RolesOfHolders(std::string_view role);

 private:
  // Fills user.grants (and user.roles) from the roles the user holds.
  base::Status LoadGrants(User& user);
  store::Transaction& tx_;
};

}  // namespace xr::access
