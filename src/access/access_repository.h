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
};

struct StoredSession {
  std::string csrf;
  base::Timestamp last_seen_at;
  base::Timestamp expires_at;
  User user;
};

class AccessRepository {
 public:
  explicit AccessRepository(store::Transaction& tx) : tx_(tx) {}

  // AlreadyExists (field "username") when the username is taken.
  base::Result<UserId> InsertUser(const NewUser& user, std::string_view password_hash,
                                  base::Timestamp now);
  base::Result<UserCredentials> FindCredentials(std::string_view username);  // NotFound
  base::Result<std::int64_t> CountUsers();

  base::Status InsertSession(std::string_view token_digest, UserId user, std::string_view csrf,
                             std::string_view remote_address, base::Timestamp now,
                             base::Timestamp expires_at);
  base::Result<StoredSession> FindSession(std::string_view token_digest);  // NotFound
  base::Status TouchSession(std::string_view token_digest, base::Timestamp now);
  // Returns the number of sessions deleted.
  base::Result<std::int64_t> DeleteSession(std::string_view token_digest);
  base::Result<std::int64_t> DeleteSessionsExpiredBefore(base::Timestamp now);

 private:
  base::Result<std::vector<std::string>> RolesOf(UserId user);
  store::Transaction& tx_;
};

}  // namespace xr::access
