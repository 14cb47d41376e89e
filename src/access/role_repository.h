#pragma once
// SQL for roles and users' grants.

#include <vector>

#include "access/actor.h"
#include "access/role.h"
#include "store/database.h"

namespace xr::access {

class RoleRepository {
 public:
  explicit RoleRepository(store::Transaction& tx) : tx_(tx) {}

  // AlreadyExists (field "name") when the name is taken.
  base::Status Insert(const Role& role, base::Timestamp now);
  // The roles with these names, in the given order; NotFound (field "roles") naming the first
  // unknown one.
  base::Result<std::vector<Role>> FindByNames(const std::vector<std::string>& names);
  base::Result<std::vector<Role>> List();
  base::Result<Role> FindById(std::int64_t id);  // NotFound "角色不存在"
  // Stores label, permissions, scope and clearance of the role with `role.id`.
  base::Status Update(const Role& role);
  // The roles granted to a user, by name.
  base::Result<std::vector<Role>> OfUser(UserId user);

 private:
  base::Result<std::vector<Role>> Read(const store::Rows& rows);
  store::Transaction& tx_;
};

}  // namespace xr::access
