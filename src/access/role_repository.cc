#include "access/role_repository.h"

namespace xr::access {
namespace {

constexpr std::string_view kColumns =
    "SELECT r.name, r.label, r.permissions, r.scope, r.clearance, r.separated_admin, r.builtin, "
    "r.id FROM roles r ";

std::vector<std::string> SplitCommas(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

std::string JoinCommas(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ",") + item;
  return out;
}

}  // namespace

base::Result<std::vector<Role>> RoleRepository::Read(const store::Rows& rows) {
  std::vector<Role> roles;
  for (const store::Row& row : rows) {
    Role role;
    role.name = row.Text(0);
    role.label = row.Text(1);
    role.permissions = SplitCommas(row.Text(2));
    if (!row.IsNull(3)) {
      ASSIGN_OR_RETURN(role.scope, ParseScope(row.Text(3)));
    }
    ASSIGN_OR_RETURN(role.clearance, ParseClearance(row.Text(4)));
    role.separated_admin = row.Bool(5);
    role.builtin = row.Bool(6);
    role.id = row.Int(7);
    roles.push_back(std::move(role));
  }
  return roles;
}

base::Status RoleRepository::Insert(const Role& role, base::Timestamp now) {
  auto inserted = tx_.Execute(
      "INSERT INTO roles (name, label, permissions, scope, clearance, separated_admin, builtin, "
      "created_at) "
      "VALUES (?, ?, ?, ?, ?, 0, 0, ?)",
      {role.name, role.label, JoinCommas(role.permissions),
       role.scope ? store::Value(ToString(*role.scope)) : store::Value(),
       ClearanceName(role.clearance), now});
  if (!inserted.ok() && inserted.status().code() == base::StatusCode::kAlreadyExists) {
    return base::AlreadyExists("角色已存在：" + role.name, "name");
  }
  return inserted.status();
}

base::Result<std::vector<Role>> RoleRepository::FindByNames(const std::vector<std::string>& names) {
  std::vector<Role> found;
  for (const std::string& name : names) {
    ASSIGN_OR_RETURN(store::Rows rows,
                     tx_.Query(std::string(kColumns) + "WHERE r.name = ?", {name}));
    if (rows.empty()) return base::NotFound("角色不存在：" + name, "roles");
    ASSIGN_OR_RETURN(std::vector<Role> role, Read(rows));
    found.push_back(std::move(role.front()));
  }
  return found;
}

base::Result<Role> RoleRepository::FindById(std::int64_t id) {
  ASSIGN_OR_RETURN(store::Rows rows, tx_.Query(std::string(kColumns) + "WHERE r.id = ?", {id}));
  if (rows.empty()) return base::NotFound("角色不存在");
  ASSIGN_OR_RETURN(std::vector<Role> role, Read(rows));
  return std::move(role.front());
}

base::Status RoleRepository::Update(const Role& role) {
  return tx_
      .Execute("UPDATE roles SET label = ?, permissions = ?, scope = ?, clearance = ? WHERE id = ?",
               {role.label, JoinCommas(role.permissions),
                role.scope ? store::Value(ToString(*role.scope)) : store::Value(),
                ClearanceName(role.clearance), role.id})
      .status();
}

base::Result<std::vector<Role>> RoleRepository::List() {
  ASSIGN_OR_RETURN(store::Rows rows,
                   tx_.Query(std::string(kColumns) + "ORDER BY r.builtin DESC, r.id"));
  return Read(rows);
}

base::Result<std::vector<Role>> RoleRepository::OfUser(UserId user) {
  ASSIGN_OR_RETURN(
      store::Rows rows,
      tx_.Query(std::string(kColumns) +
                    "JOIN user_roles ur ON ur.role = r.name WHERE ur.user_id = ? ORDER BY r.name",
                {user}));
  return Read(rows);
}

}  // namespace xr::access
