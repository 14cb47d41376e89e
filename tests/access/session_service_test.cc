#include "access/session_service.h"

#include <gtest/gtest.h>

#include "access/access_schema.h"
#include "access/user_service.h"
#include "testing/access_fixtures.h"
#include "testing/test_database.h"

namespace xr::access {
namespace {

using namespace std::chrono_literals;

class SessionServiceTest : public xr::testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(xr::testing::SetUpAccess(db(), clock_).ok());
    // The user's unit is a reference: the unit must exist.
    ASSERT_TRUE(
        db().Transact(store::TxMode::kWrite,
                      [](store::Transaction& tx) {
                        return tx
                            .Execute(
                                "INSERT INTO units (code, name, short_name, type, level, path, "
                                "sort_key) VALUES ('JH0102', '江华市财政局办公室', '办公室', "
                                "'government', 'municipal', '/1/', '/1/')")
                            .status();
                      })
            .ok());
    UserService users(db(), clock_, xr::testing::TestKeyring(), *audit_);
    ASSERT_TRUE(users
                    .Add(xr::testing::Operator(),
                         {"zhangsan", "张三", "Ganbu2026", {"cadre_officer"}, "JH0102"})
                    .ok());
    sessions_ = std::make_unique<SessionService>(db(), clock_, xr::testing::TestKeyring());
  }

  base::FakeClock clock_{*base::Timestamp::Parse("2026-11-27T01:00:00Z")};
  std::unique_ptr<audit::AuditLog> audit_ = xr::testing::MakeAuditLog(clock_);
  std::unique_ptr<SessionService> sessions_;
};

TEST_P(SessionServiceTest, SignInThenAuthenticateThenSignOut) {
  auto session = sessions_->SignIn("zhangsan", "Ganbu2026", "127.0.0.1");
  ASSERT_TRUE(session.ok()) << session.status().ToString();
  EXPECT_EQ(session->user.display_name, "张三");
  EXPECT_EQ(session->user.unit_code, "JH0102");
  auto me = sessions_->Authenticate(session->token);
  ASSERT_TRUE(me.ok());
  EXPECT_EQ(me->actor.username, "zhangsan");
  EXPECT_TRUE(me->actor.HasRole("cadre_officer"));
  EXPECT_EQ(me->csrf, session->csrf);
  ASSERT_TRUE(sessions_->SignOut(session->token).ok());
  EXPECT_EQ(sessions_->Authenticate(session->token).status().code(),
            base::StatusCode::kUnauthenticated);
  EXPECT_TRUE(sessions_->SignOut(session->token).ok());  // idempotent
}

TEST_P(SessionServiceTest, WrongPasswordAndUnknownUserGetTheSameAnswer) {
  auto wrong = sessions_->SignIn("zhangsan", "Ganbu2025", "127.0.0.1");
  auto unknown = sessions_->SignIn("lisi", "Ganbu2026", "127.0.0.1");
  EXPECT_EQ(wrong.status(), unknown.status());
  EXPECT_EQ(wrong.status().code(), base::StatusCode::kUnauthenticated);
  EXPECT_EQ(wrong.status().message(), "用户名或密码错误");
  EXPECT_EQ(sessions_->SignIn("", "x", "").status().field(), "username");
  EXPECT_EQ(sessions_->SignIn("zhangsan", "", "").status().field(), "password");
}

TEST_P(SessionServiceTest, SessionsEndAfterIdleTimeoutAndAbsoluteLifetime) {
  auto session = sessions_->SignIn("zhangsan", "Ganbu2026", "127.0.0.1");
  ASSERT_TRUE(session.ok());
  // Activity every 20 minutes keeps it alive past the 30-minute idle limit…
  for (int i = 0; i < 6; ++i) {
    clock_.Advance(20min);
    ASSERT_TRUE(sessions_->Authenticate(session->token).ok()) << "after " << (i + 1) * 20 << " min";
  }
  // …but 31 quiet minutes end it.
  clock_.Advance(31min);
  EXPECT_EQ(sessions_->Authenticate(session->token).status().code(),
            base::StatusCode::kUnauthenticated);

  auto day = sessions_->SignIn("zhangsan", "Ganbu2026", "127.0.0.1");
  ASSERT_TRUE(day.ok());
  for (int i = 0; i < 35; ++i) {  // 35 × 20 min = 11 h 40 min: still inside the 12-hour day
    clock_.Advance(20min);
    ASSERT_TRUE(sessions_->Authenticate(day->token).ok());
  }
  clock_.Advance(20min);  // 12 h: over
  EXPECT_FALSE(sessions_->Authenticate(day->token).ok());
}

TEST_P(SessionServiceTest, GarbageTokensAreUnauthenticated) {
  for (std::string_view token : {"", "x", "' OR 1=1 --", "\xff\xfe"}) {
    EXPECT_EQ(sessions_->Authenticate(token).status().code(), base::StatusCode::kUnauthenticated)
        << token;
  }
}

TEST_P(SessionServiceTest, UserServiceChecksRolesAndDuplicates) {
  UserService users(db(), clock_, xr::testing::TestKeyring(), *audit_);
  Actor officer = xr::testing::MakeActor("zhangsan", {"cadre.read", "org.read"});
  EXPECT_EQ(users.Add(officer, {"lisi", "李四", "Ganbu2026", {"leader"}, {}}).status().code(),
            base::StatusCode::kPermissionDenied);
  auto duplicate =
      users.Add(xr::testing::Operator(), {"zhangsan", "张三", "Ganbu2026", {"leader"}, {}});
  EXPECT_EQ(duplicate.status().code(), base::StatusCode::kAlreadyExists);
  EXPECT_EQ(duplicate.status().field(), "username");
  EXPECT_EQ(*users.Count(officer), 1);
  auto lisi = users.Add(xr::testing::Operator(), {"lisi", "", "Ganbu2026", {"leader"}, {}});
  ASSERT_TRUE(lisi.ok());
  EXPECT_EQ(lisi->display_name, "lisi");
  EXPECT_EQ(*users.Count(officer), 2);
}

TEST_P(SessionServiceTest, GrantsComeFromTheStoredRoles) {
  UserService users(db(), clock_, xr::testing::TestKeyring(), *audit_);
  // Unknown roles and two of the three separated administrator roles are refused.
  auto unknown =
      users.Add(xr::testing::Operator(), {"wangwu", "王五", "Ganbu2026", {"superuser"}, {}});
  EXPECT_EQ(unknown.status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(unknown.status().field(), "roles");
  for (auto pair : {std::vector<std::string>{"sysadmin", "secadmin"},
                    {"sysadmin", "auditadmin"},
                    {"secadmin", "auditadmin"}}) {
    auto both = users.Add(xr::testing::Operator(), {"wangwu", "王五", "Ganbu2026", pair, {}});
    EXPECT_EQ(both.status().code(), base::StatusCode::kInvalidArgument)
        << pair[0] << "+" << pair[1];
    EXPECT_EQ(both.status().field(), "roles");
  }
  ASSERT_TRUE(
      users
          .Add(xr::testing::Operator(), {"wangwu", "王五", "Ganbu2026", {"sysadmin", "leader"}, {}})
          .ok());
  auto session = sessions_->SignIn("wangwu", "Ganbu2026", "10.0.0.8");
  ASSERT_TRUE(session.ok()) << session.status().ToString();
  auto me = sessions_->Authenticate(session->token);
  ASSERT_TRUE(me.ok());
  // sysadmin grants user.manage and org.*; leader grants cadre.read with scope all and 机密.
  EXPECT_TRUE(me->actor.HasPermission("user.manage"));
  EXPECT_TRUE(me->actor.HasPermission("cadre.read"));
  EXPECT_FALSE(me->actor.HasPermission("cadre.write"));
  EXPECT_TRUE(me->actor.SeesEveryCadre());
  EXPECT_EQ(me->actor.clearance, Clearance::kSecret);
  EXPECT_EQ(me->actor.roles, (std::vector<std::string>{"leader", "sysadmin"}));
}

INSTANTIATE_TEST_SUITE_P(Engines, SessionServiceTest,
                         ::testing::ValuesIn(xr::testing::AllEngines()), xr::testing::EngineName);

}  // namespace
}  // namespace xr::access
