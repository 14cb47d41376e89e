#include "access/user.h"

#include <gtest/gtest.h>

namespace xr::access {
namespace {

TEST(ValidateNewUserTest, Table) {
  struct Case {
    NewUser user;
    std::string_view field;  // empty = valid
  };
  const std::string good = "Ganbu2026";
  const Case cases[] = {
      {{"zhangsan", "张三", good, {"cadre_officer"}, {}}, ""},
      {{"zs", "张三", good, {"cadre_officer"}, {}}, "username"},
      {{"Zhangsan", "张三", good, {"cadre_officer"}, {}}, "username"},
      {{"1zhang", "张三", good, {"cadre_officer"}, {}}, "username"},
      {{"zhang san", "张三", good, {"cadre_officer"}, {}}, "username"},
      {{"zhang.san-01", "张三", good, {"leader", "cadre_officer"}, {}}, ""},
      {{"zhangsan", std::string(33 * 3, 'x'), good, {"cadre_officer"}, {}}, "display_name"},
      {{"zhangsan", "张三", good, {}, {}}, "roles"},
      {{"zhangsan", "张三", good, {"leader", "leader"}, {}}, "roles"},
      // Whether roles exist and 三员分立 are checked against the stored roles (user service).
      {{"admin", "管理员", good, {"sysadmin", "cadre_officer"}, {}}, ""},
      {{"zhangsan", "张三", "short1A", {"cadre_officer"}, {}}, "password"},
  };
  for (const Case& c : cases) {
    base::Status status = ValidateNewUser(c.user);
    EXPECT_EQ(status.field(), c.field) << c.user.username << ": " << status.ToString();
    EXPECT_EQ(status.ok(), c.field.empty());
  }
}

}  // namespace
}  // namespace xr::access
