#include "access/access_repository.h"

namespace xr::access {
namespace {

constexpr std::string_view kUserColumns =
    "u.id, u.username, u.display_name, u.unit_code, u.disabled, u.created_at";

// Reads the kUserColumns block starting at column `first`.
base::Result<User> ReadUser(const store::Row& row, size_t first) {
  User user;
  user.id = row.Id<UserId>(first);
  user.username = row.Text(first + 1);
  user.display_name = row.Text(first + 2);
  user.unit_code = row.OptionalText(first + 3);
  user.disabled = row.Bool(first + 4);
  ASSIGN_OR_RETURN(user.created_at, base::Timestamp::Parse(row.Text(first + 5)));
  return user;
}

}  // namespace

base::Result<UserId> AccessRepository::InsertUser(const NewUser& user,
                                                  std::string_view password_hash,
                                                  base::Timestamp now) {
  auto id = tx_.QueryInt(
      "INSERT INTO users (username, display_name, password_hash, unit_code, created_at) "
      "VALUES (?, ?, ?, ?, ?) RETURNING id",
      {user.username, user.display_name.empty() ? user.username : user.display_name,
       std::string(password_hash), user.unit_code, now});
  if (!id.ok()) {
    if (id.status().code() == base::StatusCode::kAlreadyExists) {
      return base::AlreadyExists("用户名已存在：" + user.username, "username");
    }
    return id.status();
  }
  for (const std::string& role : user.roles) {
    RETURN_IF_ERROR(
        tx_.Execute("INSERT INTO user_roles (user_id, role) VALUES (?, ?)", {*id, role}));
  }
  return UserId(*id);
}

base::Result<std::vector<std::string>> AccessRepository::RolesOf(UserId user) {
  ASSIGN_OR_RETURN(
      store::Rows rows,
      tx_.Query("SELECT role FROM user_roles WHERE user_id = ? ORDER BY role", {user}));
  std::vector<std::string> roles;
  for (const store::Row& row : rows) roles.push_back(row.Text(0));
  return roles;
}

base::Result<UserCredentials> AccessRepository::FindCredentials(std::string_view username) {
  ASSIGN_OR_RETURN(store::Row row,
                   tx_.QueryOne("SELECT " + std::string(kUserColumns) +
                                    ", u.password_hash FROM users u WHERE u.username = ?",
                                {username}, "用户不存在"));
  UserCredentials out;
  ASSIGN_OR_RETURN(out.user, ReadUser(row, 0));
  out.password_hash = row.Text(6);
  ASSIGN_OR_RETURN(out.user.roles, RolesOf(out.user.id));
  return out;
}

base::Result<std::int64_t> AccessRepository::CountUsers() {
  return tx_.QueryInt("SELECT COUNT(*) FROM users");
}

base::Status AccessRepository::InsertSession(std::string_view token_digest, UserId user,
                                             std::string_view csrf, std::string_view remote_address,
                                             base::Timestamp now, base::Timestamp expires_at) {
  return tx_
      .Execute(
          "INSERT INTO sessions (token_digest, user_id, csrf, remote_address, created_at, "
          "last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
          {token_digest, user, csrf, remote_address, now, now, expires_at})
      .status();
}

base::Result<StoredSession> AccessRepository::FindSession(std::string_view token_digest) {
  ASSIGN_OR_RETURN(
      store::Row row,
      tx_.QueryOne("SELECT s.csrf, s.last_seen_at, s.expires_at, " + std::string(kUserColumns) +
                       " FROM sessions s JOIN users u ON u.id = s.user_id "
                       "WHERE s.token_digest = ?",
                   {token_digest}, "会话不存在"));
  StoredSession out;
  out.csrf = row.Text(0);
  ASSIGN_OR_RETURN(out.last_seen_at, base::Timestamp::Parse(row.Text(1)));
  ASSIGN_OR_RETURN(out.expires_at, base::Timestamp::Parse(row.Text(2)));
  ASSIGN_OR_RETURN(out.user, ReadUser(row, 3));
  ASSIGN_OR_RETURN(out.user.roles, RolesOf(out.user.id));
  return out;
}

base::Status AccessRepository::TouchSession(std::string_view token_digest, base::Timestamp now) {
  return tx_
      .Execute("UPDATE sessions SET last_seen_at = ? WHERE token_digest = ?", {now, token_digest})
      .status();
}

base::Result<std::int64_t> AccessRepository::DeleteSession(std::string_view token_digest) {
  return tx_.Execute("DELETE FROM sessions WHERE token_digest = ?", {token_digest});
}

base::Result<std::int64_t> AccessRepository::DeleteSessionsExpiredBefore(base::Timestamp now) {
  return tx_.Execute("DELETE FROM sessions WHERE expires_at < ?", {now});
}

}  // namespace xr::access
