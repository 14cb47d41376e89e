#include "access/access_repository.h"

#include "access/role_repository.h"

namespace xr::access {
namespace {

// The unit is referenced by id; its code and name come from the units table as they are now.
constexpr std::string_view kUserColumns =
    "u.id, u.username, u.display_name, un.code, u.disabled, u.created_at, u.cadre_id, "
    "u.unit_id, un.name, u.totp_enabled";
constexpr size_t kUserColumnCount = 10;
constexpr std::string_view kUsersWithUnit = "users u LEFT JOIN units un ON un.id = u.unit_id";

// Reads the kUserColumns block starting at column `first`.
base::Result<User> ReadUser(const store::Row& row, size_t first) {
  User user;
  user.id = row.Id<UserId>(first);
  user.username = row.Text(first + 1);
  user.display_name = row.Text(first + 2);
  user.unit_code = row.OptionalText(first + 3);
  user.disabled = row.Bool(first + 4);
  ASSIGN_OR_RETURN(user.created_at, base::Timestamp::Parse(row.Text(first + 5)));
  user.cadre_id = row.OptionalInt(first + 6);
  user.unit_id = row.OptionalInt(first + 7);
  user.unit_name = row.OptionalText(first + 8);
  user.totp_enabled = row.Bool(first + 9);
  return user;
}

}  // namespace

base::Result<UserId> AccessRepository::InsertUser(const NewUser& user,
                                                  std::string_view password_hash,
                                                  base::Timestamp now) {
  ASSIGN_OR_RETURN(std::optional<std::int64_t> unit_id,
                   ResolveUnit(UnitChoice{user.unit_id, user.unit_code}));
  auto id = tx_.QueryInt(
      "INSERT INTO users (username, display_name, password_hash, unit_id, created_at) "
      "VALUES (?, ?, ?, ?, ?) RETURNING id",
      {user.username, user.display_name.empty() ? user.username : user.display_name,
       std::string(password_hash), unit_id ? store::Value(*unit_id) : store::Value(), now});
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

base::Status AccessRepository::LoadGrants(User& user) {
  ASSIGN_OR_RETURN(user.grants, RoleRepository(tx_).OfUser(user.id));
  user.roles.clear();
  for (const Role& role : user.grants) user.roles.push_back(role.name);
  return base::Status::Ok();
}

base::Result<UserCredentials> AccessRepository::FindCredentials(std::string_view username) {
  ASSIGN_OR_RETURN(store::Row row,
                   tx_.QueryOne("SELECT " + std::string(kUserColumns) +
                                    ", u.password_hash, u.lockout_cleared_at FROM " +
                                    std::string(kUsersWithUnit) + " WHERE u.username = ?",
                                {username}, "用户不存在"));
  UserCredentials out;
  ASSIGN_OR_RETURN(out.user, ReadUser(row, 0));
  out.password_hash = row.Text(kUserColumnCount);
  if (auto cleared = row.OptionalText(kUserColumnCount + 1)) {
    ASSIGN_OR_RETURN(out.lockout_cleared_at, base::Timestamp::Parse(*cleared));
  }
  RETURN_IF_ERROR(LoadGrants(out.user));
  return out;
}

base::Result<std::int64_t> AccessRepository::CountUsers() {
  return tx_.QueryInt("SELECT COUNT(*) FROM users");
}

base::Result<UserPage> AccessRepository::ListUsers(std::int64_t page, std::int64_t page_size) {
  UserPage out;
  ASSIGN_OR_RETURN(out.total, CountUsers());
  ASSIGN_OR_RETURN(store::Rows rows, tx_.Query("SELECT " + std::string(kUserColumns) + " FROM " +
                                                   std::string(kUsersWithUnit) +
                                                   " ORDER BY u.username LIMIT ? OFFSET ?",
                                               {page_size, (page - 1) * page_size}));
  for (const store::Row& row : rows) {
    ASSIGN_OR_RETURN(User user, ReadUser(row, 0));
    ASSIGN_OR_RETURN(
        store::Rows roles,
        tx_.Query("SELECT role FROM user_roles WHERE user_id = ? ORDER BY role", {user.id}));
    for (const store::Row& r : roles) user.roles.push_back(r.Text(0));
    out.items.push_back(std::move(user));
  }
  return out;
}

base::Status AccessRepository::InsertSession(std::string_view token_digest, UserId user,
                                             std::string_view csrf, std::string_view remote_address,
                                             base::Timestamp now, base::Timestamp expires_at,
                                             std::string_view user_agent) {
  return tx_
      .Execute(
          "INSERT INTO sessions (token_digest, user_id, csrf, remote_address, created_at, "
          "last_seen_at, expires_at, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          {token_digest, user, csrf, remote_address, now, now, expires_at,
           user_agent.substr(0, 256)})
      .status();
}

base::Result<StoredSession> AccessRepository::FindSession(std::string_view token_digest) {
  ASSIGN_OR_RETURN(
      store::Row row,
      tx_.QueryOne("SELECT s.csrf, s.last_seen_at, s.expires_at, " + std::string(kUserColumns) +
                       ", s.id FROM sessions s JOIN users u ON u.id = s.user_id "
                       "LEFT JOIN units un ON un.id = u.unit_id WHERE s.token_digest = ?",
                   {token_digest}, "会话不存在"));
  StoredSession out;
  out.csrf = row.Text(0);
  ASSIGN_OR_RETURN(out.last_seen_at, base::Timestamp::Parse(row.Text(1)));
  ASSIGN_OR_RETURN(out.expires_at, base::Timestamp::Parse(row.Text(2)));
  ASSIGN_OR_RETURN(out.user, ReadUser(row, 3));
  out.id = row.Int(row.size() - 1);  // s.id comes last
  RETURN_IF_ERROR(LoadGrants(out.user));
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

base::Result<std::vector<SessionInfo>> AccessRepository::SessionsOf(UserId user) {
  ASSIGN_OR_RETURN(store::Rows rows,
                   tx_.Query("SELECT id, user_id, token_digest, created_at, last_seen_at, "
                             "expires_at, remote_address, user_agent FROM sessions "
                             "WHERE user_id = ? ORDER BY created_at DESC, id DESC",
                             {user}));
  std::vector<SessionInfo> out;
  for (const store::Row& row : rows) {
    SessionInfo info;
    info.id = row.Int(0);
    info.user_id = row.Id<UserId>(1);
    info.token_digest = row.Text(2);
    ASSIGN_OR_RETURN(info.created_at, base::Timestamp::Parse(row.Text(3)));
    ASSIGN_OR_RETURN(info.last_seen_at, base::Timestamp::Parse(row.Text(4)));
    ASSIGN_OR_RETURN(info.expires_at, base::Timestamp::Parse(row.Text(5)));
    info.remote_address = row.Text(6);
    info.user_agent = row.Text(7);
    out.push_back(std::move(info));
  }
  return out;
}

base::Result<std::int64_t> AccessRepository::DeleteSessionOf(UserId user, std::int64_t id) {
  return tx_.Execute("DELETE FROM sessions WHERE id = ? AND user_id = ?", {id, user});
}

base::Result<std::int64_t> AccessRepository::DeleteSessionsOf(UserId user,
                                                              std::string_view keep_digest) {
  return tx_.Execute("DELETE FROM sessions WHERE user_id = ? AND token_digest <> ?",
                     {user, keep_digest});
}

base::Result<User> AccessRepository::FindUser(UserId id) {
  ASSIGN_OR_RETURN(store::Row row, tx_.QueryOne("SELECT " + std::string(kUserColumns) + " FROM " +
                                                    std::string(kUsersWithUnit) + " WHERE u.id = ?",
                                                {id}, "用户不存在"));
  ASSIGN_OR_RETURN(User user, ReadUser(row, 0));
  RETURN_IF_ERROR(LoadGrants(user));
  return user;
}

base::Result<User> AccessRepository::FindUserByName(std::string_view username) {
  ASSIGN_OR_RETURN(store::Row row,
                   tx_.QueryOne("SELECT " + std::string(kUserColumns) + " FROM " +
                                    std::string(kUsersWithUnit) + " WHERE u.username = ?",
                                {username}, "用户不存在：" + std::string(username)));
  ASSIGN_OR_RETURN(User user, ReadUser(row, 0));
  RETURN_IF_ERROR(LoadGrants(user));
  return user;
}

base::Result<std::optional<std::int64_t>> AccessRepository::ResolveUnit(const UnitChoice& unit) {
  const bool by_id = unit.id.has_value();
  if (!by_id && (!unit.code || unit.code->empty())) return std::optional<std::int64_t>();
  const std::string field = by_id ? "unit_id" : "unit_code";
  const std::string named = by_id ? std::to_string(*unit.id) : *unit.code;
  ASSIGN_OR_RETURN(store::Rows rows,
                   tx_.Query(by_id ? "SELECT id, name, abolished_on FROM units WHERE id = ?"
                                   : "SELECT id, name, abolished_on FROM units WHERE code = ?",
                             {by_id ? store::Value(*unit.id) : store::Value(*unit.code)}));
  if (rows.empty()) {
    return base::InvalidArgument((by_id ? "机构不存在：" : "机构编码不存在：") + named, field);
  }
  // An abolished (撤销) unit keeps its history but takes no new members.
  if (rows[0].OptionalText(2)) {
    return base::InvalidArgument(
        "机构已撤销，不能再作为用户所在机构：" + rows[0].Text(1) + "（" + named + "）", field);
  }
  return std::optional<std::int64_t>(rows[0].Int(0));
}

base::Status AccessRepository::UpdateProfile(UserId id, std::string_view display_name,
                                             std::optional<std::int64_t> unit_id, bool disabled) {
  return tx_
      .Execute("UPDATE users SET display_name = ?, unit_id = ?, disabled = ? WHERE id = ?",
               {display_name, unit_id ? store::Value(*unit_id) : store::Value(), disabled, id})
      .status();
}

base::Status AccessRepository::SetRoles(UserId id, const std::vector<std::string>& roles) {
  RETURN_IF_ERROR(tx_.Execute("DELETE FROM user_roles WHERE user_id = ?", {id}));
  for (const std::string& role : roles) {
    RETURN_IF_ERROR(
        tx_.Execute("INSERT INTO user_roles (user_id, role) VALUES (?, ?)", {id, role}));
  }
  return base::Status::Ok();
}

base::Status AccessRepository::ClearLockout(UserId id, base::Timestamp now) {
  return tx_.Execute("UPDATE users SET lockout_cleared_at = ? WHERE id = ?", {now, id}).status();
}

base::Result<std::vector<std::vector<std::string>>> AccessRepository::RolesOfHolders(
    std::string_view role) {
  ASSIGN_OR_RETURN(store::Rows rows, tx_.Query("SELECT u.username, ur2.role FROM user_roles ur "
                                               "JOIN users u ON u.id = ur.user_id "
                                               "JOIN user_roles ur2 ON ur2.user_id = ur.user_id "
                                               "WHERE ur.role = ? ORDER BY u.username, ur2.role",
                                               {role}));
  std::vector<std::vector<std::string>> out;  // [username, role, role, …]
  for (const store::Row& row : rows) {
    if (out.empty() || out.back().front() != row.Text(0)) out.push_back({row.Text(0)});
    out.back().push_back(row.Text(1));
  }
  return out;
}

base::Result<bool> AccessRepository::UserExists(UserId user) {
  ASSIGN_OR_RETURN(std::int64_t count,
                   tx_.QueryInt("SELECT COUNT(*) FROM users WHERE id = ?", {user}));
  return count > 0;
}

}  // namespace xr::access
