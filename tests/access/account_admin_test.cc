// Account administration after creation: editing users (display name, unit, roles, enabled),
// password and second-factor resets, editing roles, sign-out in the record, the server's
// configurable policy — through the services on both engines, with a FakeClock and the real
// full-process record.

#include <gtest/gtest.h>

#include <algorithm>

#include "access/access_schema.h"
#include "access/password.h"
#include "access/role_schema.h"
#include "access/role_service.h"
#include "access/session_service.h"
#include "access/user_service.h"
#include "audit/audit_entry.h"
#include "audit/audit_schema.h"
#include "cadre/cadre_schema.h"
#include "org/org_schema.h"
#include "store/migrate.h"
#include "testing/access_fixtures.h"
#include "testing/test_database.h"

namespace xr::access {
namespace {

using namespace std::chrono_literals;
using base::StatusCode;

constexpr std::string_view kPassword = "Ganbu2026";
const std::vector<std::string_view> kKnownPermissions = {
    "cadre.read",  "cadre.write", "cadre.export",   "org.read",   "org.write",
    "user.manage", "role.manage", "session.manage", "audit.read", "login_log.read"};

// A unit row (the org capability's table) with a materialised path, for tests of access alone.
base::Result<std::int64_t> InsertUnit(store::Database& db, std::string code, std::string name,
                                      std::optional<std::int64_t> parent = std::nullopt) {
  return db.TransactValue<std::int64_t>(
      store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Result<std::int64_t> {
        std::string parent_path = "/";
        if (parent) {
          ASSIGN_OR_RETURN(store::Row row, tx.QueryOne("SELECT path FROM units WHERE id = ?",
                                                       {*parent}, "机构不存在"));
          parent_path = row.Text(0);
        }
        ASSIGN_OR_RETURN(
            std::int64_t id,
            tx.QueryInt("INSERT INTO units (parent_id, code, name, short_name, type, level, path, "
                        "sort_key) VALUES (?, ?, ?, ?, 'government', 'municipal', '-', '-') "
                        "RETURNING id",
                        {parent ? store::Value(*parent) : store::Value(), code, name, name}));
        const std::string path = parent_path + std::to_string(id) + "/";
        RETURN_IF_ERROR(
            tx.Execute("UPDATE units SET path = ?, sort_key = ? WHERE id = ?", {path, path, id}));
        return id;
      });
}

class AccountAdminTest : public xr::testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(xr::testing::SetUpAccess(db(), clock_).ok());
    city_ = *InsertUnit(db(), "JH", "江华市");
    bureau_ = *InsertUnit(db(), "JH01", "江华市财政局", city_);
    users_ = std::make_unique<UserService>(db(), clock_, xr::testing::TestKeyring(), *audit_);
    roles_ = std::make_unique<RoleService>(
        db(), clock_, *audit_, kKnownPermissions,
        [](store::Transaction& tx, std::string_view code) -> base::Result<bool> {
          ASSIGN_OR_RETURN(std::int64_t n,
                           tx.QueryInt("SELECT COUNT(*) FROM units WHERE code = ?", {code}));
          return n > 0;
        });
    sessions_ = std::make_unique<SessionService>(db(), clock_, xr::testing::TestKeyring(),
                                                 SessionPolicy{}, audit_.get());
    ASSERT_TRUE(roles_
                    ->Add(xr::testing::Operator(),
                          {"reader", "查阅", {"cadre.read"}, ScopeRule{}, Clearance::kInternal})
                    .ok());
    admin_ = AddUser("admin", {"sysadmin"});
    security_ = AddUser("security", {"secadmin"});
    zhangsan_ = AddUser("zhangsan", {"reader"}, "JH01");
  }

  UserId AddUser(std::string name, std::vector<std::string> roles,
                 std::optional<std::string> unit = std::nullopt) {
    NewUser user{name, "", std::string(kPassword), std::move(roles), std::move(unit)};
    user.must_change_password = false;
    auto created = users_->Add(xr::testing::Operator(), user);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? created->id : UserId();
  }

  // The actor a signed-in account acts as (built from the stored roles, as every request is).
  Actor ActorOf(std::string_view username) {
    auto session = sessions_->SignIn(username, kPassword, "10.0.0.1");
    EXPECT_TRUE(session.ok()) << username << ": " << session.status().ToString();
    if (!session.ok()) return Actor{};
    auto me = sessions_->Authenticate(session->token);
    EXPECT_TRUE(me.ok());
    return me.ok() ? me->actor : Actor{};
  }

  std::int64_t RoleId(std::string_view name) {
    auto list = roles_->List(xr::testing::Operator());
    for (const Role& role : *list) {
      if (role.name == name) return role.id;
    }
    ADD_FAILURE() << "no role " << name;
    return 0;
  }

  // The details of the newest record entry with `action` (the record keeps them sorted).
  audit::Details LastDetails(std::string_view action) {
    auto rows = db().TransactValue<store::Rows>(store::TxMode::kRead, [&](store::Transaction& tx) {
      return tx.Query("SELECT details FROM audit_entries WHERE action = ? ORDER BY idx DESC",
                      {action});
    });
    EXPECT_TRUE(rows.ok());
    if (!rows.ok() || rows->empty()) return {{"<no entry>", ""}};
    auto details = audit::DecodeDetails((*rows)[0].Text(0));
    EXPECT_TRUE(details.ok());
    return details.ok() ? *details : audit::Details{};
  }
  static audit::Details Sorted(audit::Details details) {
    std::sort(details.begin(), details.end());
    return details;
  }

  base::FakeClock clock_{*base::Timestamp::Parse("2026-11-27T06:00:00Z")};
  std::unique_ptr<audit::AuditLog> audit_ = xr::testing::MakeAuditLog(clock_);
  std::unique_ptr<UserService> users_;
  std::unique_ptr<RoleService> roles_;
  std::unique_ptr<SessionService> sessions_;
  std::int64_t city_ = 0, bureau_ = 0;
  UserId admin_, security_, zhangsan_;
};

TEST_P(AccountAdminTest, WhoMayEditWhat) {
  const Actor admin = ActorOf("admin");
  const Actor security = ActorOf("security");
  const Actor officer = ActorOf("zhangsan");
  const Actor auditor = xr::testing::MakeActor("auditor", {"audit.read", "login_log.read"});
  const UserId lisi = AddUser("lisi", {"reader"});
  UserChange rename;
  rename.display_name = "李四";
  RoleChange relabel;
  relabel.label = "查阅人员";
  struct Case {
    std::string_view what;
    const Actor& actor;
    StatusCode edit_user, reset_password, reset_totp, edit_role;
  };
  const Case cases[] = {
      {"系统管理员", admin, StatusCode::kOk, StatusCode::kOk, StatusCode::kOk,
       StatusCode::kPermissionDenied},
      {"安全保密管理员", security, StatusCode::kPermissionDenied, StatusCode::kPermissionDenied,
       StatusCode::kPermissionDenied, StatusCode::kOk},
      {"安全审计员", auditor, StatusCode::kPermissionDenied, StatusCode::kPermissionDenied,
       StatusCode::kPermissionDenied, StatusCode::kPermissionDenied},
      {"干部工作人员 (holds the role)", officer, StatusCode::kPermissionDenied,
       StatusCode::kPermissionDenied, StatusCode::kPermissionDenied, StatusCode::kPermissionDenied},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(users_->Update(c.actor, lisi, rename).status().code(), c.edit_user) << c.what;
    EXPECT_EQ(users_->ResetPassword(c.actor, lisi).status().code(), c.reset_password) << c.what;
    EXPECT_EQ(users_->ResetTotp(c.actor, lisi).code(), c.reset_totp) << c.what;
    EXPECT_EQ(roles_->Update(c.actor, RoleId("reader"), relabel).status().code(), c.edit_role)
        << c.what;
  }
  // Unknown objects: 404-like, after the permission check.
  EXPECT_EQ(users_->Update(admin, UserId(9999), rename).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(users_->ResetPassword(admin, UserId(9999)).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(users_->ResetTotp(admin, UserId(9999)).code(), StatusCode::kNotFound);
  EXPECT_EQ(roles_->Update(security, 9999, relabel).status().code(), StatusCode::kNotFound);
}

TEST_P(AccountAdminTest, AdministratorsCannotEditThemselvesIntoMorePower) {
  const Actor admin = ActorOf("admin");
  struct Case {
    std::string_view what;
    UserChange change;
    StatusCode code;
    std::string field;
  };
  UserChange more_roles, unit, disable, name;
  more_roles.roles = {"sysadmin", "reader"};
  unit.unit = UnitChoice{bureau_, std::nullopt};
  disable.disabled = true;
  name.display_name = "系统管理员甲";
  const Case cases[] = {
      {"own roles", more_roles, StatusCode::kPermissionDenied, "roles"},
      {"own unit", unit, StatusCode::kPermissionDenied, "unit_id"},
      {"disable self", disable, StatusCode::kPermissionDenied, "disabled"},
      {"own display name", name, StatusCode::kOk, ""},
  };
  for (const Case& c : cases) {
    auto result = users_->Update(admin, admin_, c.change);
    EXPECT_EQ(result.status().code(), c.code) << c.what;
    EXPECT_EQ(result.status().field(), c.field) << c.what;
  }
  EXPECT_EQ(users_->ResetPassword(admin, admin_).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(users_->ResetTotp(admin, admin_).code(), StatusCode::kPermissionDenied);
  // Still exactly the role it had.
  EXPECT_EQ(ActorOf("admin").roles, std::vector<std::string>{"sysadmin"});

  // The security administrator may not widen a role they hold themselves.
  ASSERT_TRUE(users_
                  ->Update(admin, security_,
                           {std::nullopt, std::nullopt,
                            std::vector<std::string>{"secadmin", "reader"}, std::nullopt})
                  .ok());
  RoleChange wider;
  wider.clearance = Clearance::kSecret;
  EXPECT_EQ(roles_->Update(ActorOf("security"), RoleId("reader"), wider).status().code(),
            StatusCode::kPermissionDenied);
}

TEST_P(AccountAdminTest, SeparationOfDutiesHoldsOnEveryChange) {
  const Actor admin = ActorOf("admin");
  const Actor security = ActorOf("security");
  // A custom role carrying the security administrator's permission.
  ASSERT_TRUE(roles_->Add(security, {"keeper", "密钥员", {"session.manage"}, {}, {}}).ok());
  struct Case {
    std::vector<std::string> roles;
    StatusCode code;
  };
  const Case cases[] = {
      {{"sysadmin", "auditadmin"}, StatusCode::kInvalidArgument},
      {{"secadmin", "sysadmin"}, StatusCode::kInvalidArgument},
      {{"sysadmin", "keeper"}, StatusCode::kInvalidArgument},  // the same breach, by permission
      {{"secadmin", "keeper"}, StatusCode::kOk},               // one duty
      {{"auditadmin", "reader"}, StatusCode::kOk},
      {{"nosuchrole"}, StatusCode::kNotFound},
      {{}, StatusCode::kInvalidArgument},
      {{"reader", "reader"}, StatusCode::kInvalidArgument},
  };
  const UserId lisi = AddUser("lisi", {"reader"});
  for (const Case& c : cases) {
    UserChange change;
    change.roles = c.roles;
    auto result = users_->Update(admin, lisi, change);
    EXPECT_EQ(result.status().code(), c.code) << ::testing::PrintToString(c.roles);
    if (!result.ok()) {
      EXPECT_EQ(result.status().field(), "roles") << ::testing::PrintToString(c.roles);
    }
  }
  // A role may not span two duties, and an edit may not make any holder hold two.
  EXPECT_EQ(roles_->Add(security, {"both", "两者", {"user.manage", "audit.read"}, {}, {}}).field(),
            "permissions");
  UserChange grant;
  grant.roles = {"sysadmin", "reader"};
  ASSERT_TRUE(users_->Update(admin, lisi, grant).ok());
  RoleChange audit;
  audit.permissions = {"cadre.read", "audit.read"};
  auto breach = roles_->Update(security, RoleId("reader"), audit);
  EXPECT_EQ(breach.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(breach.status().field(), "permissions");
  EXPECT_NE(breach.status().message().find("lisi"), std::string::npos) << breach.status().message();
  // Nothing was written by the refused edit.
  EXPECT_FALSE(ActorOf("zhangsan").HasPermission("audit.read"));
}

TEST_P(AccountAdminTest, DisablingEndsSessionsAndRefusesSignInClearly) {
  const Actor admin = ActorOf("admin");
  auto session = sessions_->SignIn("zhangsan", kPassword, "10.0.0.2");
  ASSERT_TRUE(session.ok());
  UserChange disable;
  disable.disabled = true;
  auto disabled = users_->Update(admin, zhangsan_, disable);
  ASSERT_TRUE(disabled.ok()) << disabled.status().ToString();
  EXPECT_TRUE(disabled->disabled);
  EXPECT_EQ(sessions_->Authenticate(session->token).status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(LastDetails("user.update"),
            Sorted({{"field", "disabled"}, {"disabled", "true"}, {"sessions_ended", "1"}}));

  SignInRefusal refusal = SignInRefusal::kNone;
  auto refused = sessions_->SignIn({"zhangsan", kPassword, {}, "10.0.0.2", {}}, &refusal);
  EXPECT_EQ(refused.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(refused.status().message(), "账号已停用，请联系系统管理员");
  EXPECT_EQ(refusal, SignInRefusal::kDisabled);
  // Without the right password the answer is the common one: the state is not revealed.
  auto guess = sessions_->SignIn({"zhangsan", "Wrong2026", {}, "10.0.0.2", {}}, &refusal);
  EXPECT_EQ(guess.status().message(), "用户名或密码错误");
  EXPECT_EQ(refusal, SignInRefusal::kNone);

  UserChange enable;
  enable.disabled = false;
  ASSERT_TRUE(users_->Update(admin, zhangsan_, enable).ok());
  EXPECT_TRUE(sessions_->SignIn("zhangsan", kPassword, "10.0.0.2").ok());
}

TEST_P(AccountAdminTest, PasswordResetForcesAChangeEndsSessionsAndClearsTheLock) {
  const Actor admin = ActorOf("admin");
  auto session = sessions_->SignIn("zhangsan", kPassword, "10.0.0.3");
  ASSERT_TRUE(session.ok());
  // Six wrong passwords from different addresses lock the account.
  for (int i = 0; i < 6; ++i) {
    (void)sessions_->SignIn("zhangsan", "Wrong2026", "10.1.0." + std::to_string(i));
  }
  SignInRefusal refusal = SignInRefusal::kNone;
  (void)sessions_->SignIn({"zhangsan", kPassword, {}, "10.0.0.3", {}}, &refusal);
  ASSERT_EQ(refusal, SignInRefusal::kLocked);

  clock_.Advance(1min);
  auto reset = users_->ResetPassword(admin, zhangsan_);
  ASSERT_TRUE(reset.ok()) << reset.status().ToString();
  EXPECT_EQ(reset->sessions_ended, 1);
  ASSERT_EQ(reset->generated_password.size(), 12u);
  EXPECT_TRUE(CheckPasswordPolicy(reset->generated_password).ok());
  EXPECT_EQ(sessions_->Authenticate(session->token).status().code(), StatusCode::kUnauthenticated);
  // The old password no longer works; the new one does (no lock), and must be changed.
  EXPECT_FALSE(sessions_->SignIn("zhangsan", kPassword, "10.0.0.3").ok());
  auto fresh = sessions_->SignIn("zhangsan", reset->generated_password, "10.0.0.3");
  ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
  EXPECT_EQ(fresh->password_change, PasswordChange::kInitial);
  // The record says a generated password was set, never which.
  EXPECT_EQ(LastDetails("user.password_reset"),
            Sorted({{"generated", "true"}, {"sessions_ended", "1"}}));

  // An administrator-typed password is checked against the policy.
  auto weak = users_->ResetPassword(admin, zhangsan_, std::string("short"));
  EXPECT_EQ(weak.status().field(), "password");
  auto typed = users_->ResetPassword(admin, zhangsan_, std::string("Chosen2026"));
  ASSERT_TRUE(typed.ok());
  EXPECT_TRUE(typed->generated_password.empty());
  EXPECT_EQ(sessions_->SignIn("zhangsan", "Chosen2026", "10.0.0.3")->password_change,
            PasswordChange::kInitial);
}

TEST_P(AccountAdminTest, TotpResetLetsTheUserSignInWithoutACodeAndEnrolAgain) {
  const Actor admin = ActorOf("admin");
  const Actor zhangsan = ActorOf("zhangsan");
  auto enrolment = sessions_->BeginTotpEnrolment(zhangsan);
  ASSERT_TRUE(enrolment.ok());
  ASSERT_TRUE(db().Transact(store::TxMode::kWrite,
                            [&](store::Transaction& tx) {
                              return tx
                                  .Execute("UPDATE users SET totp_enabled = 1 WHERE id = ?",
                                           {zhangsan_})
                                  .status();
                            })
                  .ok());
  SignInRefusal refusal = SignInRefusal::kNone;
  (void)sessions_->SignIn({"zhangsan", kPassword, {}, "10.0.0.4", {}}, &refusal);
  ASSERT_EQ(refusal, SignInRefusal::kTotpRequired);
  ASSERT_TRUE(users_->ResetTotp(admin, zhangsan_).ok());
  EXPECT_EQ(LastDetails("user.totp_reset"), Sorted({{"was_enabled", "true"}}));
  EXPECT_TRUE(sessions_->SignIn("zhangsan", kPassword, "10.0.0.4").ok());
  EXPECT_TRUE(sessions_->BeginTotpEnrolment(zhangsan).ok());  // may enrol again
}

TEST_P(AccountAdminTest, EditsRecordTheChangedFieldsOnly) {
  const Actor admin = ActorOf("admin");
  struct Case {
    std::string_view what;
    UserChange change;
    audit::Details details;  // empty = no entry (nothing changed)
  };
  std::vector<Case> cases;
  {
    UserChange c;
    c.display_name = "张三";
    cases.push_back({"name", c, {{"field", "display_name"}}});
  }
  {
    UserChange c;
    c.unit = UnitChoice{city_, std::nullopt};
    cases.push_back({"unit by id", c, {{"field", "unit"}, {"unit_id", std::to_string(city_)}}});
  }
  {
    UserChange c;
    c.unit = UnitChoice{std::nullopt, std::string("JH01")};
    cases.push_back({"unit by code", c, {{"field", "unit"}, {"unit_id", std::to_string(bureau_)}}});
  }
  {
    UserChange c;
    c.roles = {"reader", "auditadmin"};
    cases.push_back({"roles", c, {{"field", "roles"}, {"role", "auditadmin"}, {"role", "reader"}}});
  }
  {
    UserChange c;
    c.roles = {"auditadmin", "reader"};
    c.display_name = "张三";
    cases.push_back({"the same again", c, {}});
  }
  {
    UserChange c;
    c.unit = UnitChoice{};
    c.display_name = "张老三";
    cases.push_back({"no unit, new name",
                     c,
                     {{"field", "display_name"}, {"field", "unit"}, {"unit_id", "none"}}});
  }
  for (const Case& c : cases) {
    const auto before = xr::testing::RecordedObjects(db(), "user.update").size();
    auto updated = users_->Update(admin, zhangsan_, c.change);
    ASSERT_TRUE(updated.ok()) << c.what << ": " << updated.status().ToString();
    const auto after = xr::testing::RecordedObjects(db(), "user.update").size();
    if (c.details.empty()) {
      EXPECT_EQ(after, before) << c.what;
    } else {
      ASSERT_EQ(after, before + 1) << c.what;
      EXPECT_EQ(LastDetails("user.update"), Sorted(c.details)) << c.what;
    }
  }
  // Errors name the field.
  UserChange bad_unit, bad_code, empty_name, nothing;
  bad_unit.unit = UnitChoice{987654, std::nullopt};
  bad_code.unit = UnitChoice{std::nullopt, std::string("NOSUCH")};
  empty_name.display_name = "";
  EXPECT_EQ(users_->Update(admin, zhangsan_, bad_unit).status().field(), "unit_id");
  EXPECT_EQ(users_->Update(admin, zhangsan_, bad_code).status().field(), "unit_code");
  EXPECT_EQ(users_->Update(admin, zhangsan_, empty_name).status().field(), "display_name");
  EXPECT_EQ(users_->Update(admin, zhangsan_, nothing).status().field(), "body");
}

TEST_P(AccountAdminTest, TheUnitIsAReferenceTheActorCarries) {
  const Actor zhangsan = ActorOf("zhangsan");
  EXPECT_EQ(zhangsan.unit_id, bureau_);
  EXPECT_EQ(zhangsan.unit_code, "JH01");
  // Re-coding the unit does not detach the user from it.
  ASSERT_TRUE(
      db().Transact(store::TxMode::kWrite,
                    [&](store::Transaction& tx) {
                      return tx.Execute("UPDATE units SET code = 'JH01X' WHERE id = ?", {bureau_})
                          .status();
                    })
          .ok());
  const Actor again = ActorOf("zhangsan");
  EXPECT_EQ(again.unit_id, bureau_);
  EXPECT_EQ(again.unit_code, "JH01X");
  auto page = users_->List(ActorOf("admin"), 1, 50);
  ASSERT_TRUE(page.ok());
  for (const User& user : page->items) {
    if (user.username == "zhangsan") {
      EXPECT_EQ(user.unit_name, "江华市财政局");
    }
  }
}

TEST_P(AccountAdminTest, AnAbolishedUnitTakesNoNewMembers) {
  const std::int64_t abolished = *InsertUnit(db(), "JH09", "江华市原粮食局", city_);
  ASSERT_TRUE(
      db().Transact(store::TxMode::kWrite,
                    [&](store::Transaction& tx) {
                      return tx
                          .Execute(
                              "UPDATE units SET abolished_on = '2026-01-01', abolish_reason = "
                              "'机构改革' WHERE id = ?",
                              {abolished})
                          .status();
                    })
          .ok());
  const UserId lisi = AddUser("lisi", {"reader"});
  const Actor admin = ActorOf("admin");
  struct Case {
    std::string_view what;
    UnitChoice unit;
    std::string field;
  };
  const Case cases[] = {
      {"by id", {abolished, std::nullopt}, "unit_id"},
      {"by code", {std::nullopt, "JH09"}, "unit_code"},
  };
  for (const Case& c : cases) {
    UserChange change;
    change.unit = c.unit;
    auto result = users_->Update(admin, lisi, change);
    EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument) << c.what;
    EXPECT_EQ(result.status().field(), c.field) << c.what;
    EXPECT_NE(result.status().message().find("机构已撤销"), std::string::npos) << c.what;
  }
  EXPECT_FALSE(ActorOf("lisi").unit_id.has_value());
  // A live unit is still accepted.
  UserChange to_bureau;
  to_bureau.unit = UnitChoice{bureau_, std::nullopt};
  ASSERT_TRUE(users_->Update(admin, lisi, to_bureau).ok());
  EXPECT_EQ(ActorOf("lisi").unit_id, bureau_);
}

TEST_P(AccountAdminTest, RoleChangesTakeEffectOnTheNextRequest) {
  auto session = sessions_->SignIn("zhangsan", kPassword, "10.0.0.5");
  ASSERT_TRUE(session.ok());
  auto before = sessions_->Authenticate(session->token);
  ASSERT_TRUE(before.ok());
  EXPECT_FALSE(before->actor.HasPermission("cadre.export"));
  EXPECT_EQ(before->actor.clearance, Clearance::kInternal);

  RoleChange change;
  change.permissions = {"cadre.read", "cadre.export"};
  change.clearance = Clearance::kConfidential;
  change.scope = ScopeRule{ScopeRule::Kind::kUnitsBelow, {"JH01"}};
  auto updated = roles_->Update(ActorOf("security"), RoleId("reader"), change);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(LastDetails("role.update"), Sorted({{"field", "permissions"},
                                                {"permission", "cadre.read"},
                                                {"permission", "cadre.export"},
                                                {"field", "scope"},
                                                {"scope", "unit-below:JH01"},
                                                {"field", "clearance"},
                                                {"clearance", "confidential"}}));

  // The same session, no sign-in again.
  auto after = sessions_->Authenticate(session->token);
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->actor.HasPermission("cadre.export"));
  EXPECT_EQ(after->actor.clearance, Clearance::kConfidential);
  EXPECT_EQ(after->actor.scopes,
            (std::vector<ScopeRule>{{ScopeRule::Kind::kUnitsBelow, {"JH01"}}}));
  // No scope at all is a valid edit.
  RoleChange none;
  none.scope = std::optional<ScopeRule>();
  ASSERT_TRUE(roles_->Update(ActorOf("security"), RoleId("reader"), none).ok());
  EXPECT_TRUE(sessions_->Authenticate(session->token)->actor.scopes.empty());
}

TEST_P(AccountAdminTest, RoleEditErrorsNameTheField) {
  const Actor security = ActorOf("security");
  struct Case {
    std::string_view what;
    RoleChange change;
    StatusCode code;
    std::string field;
  };
  std::vector<Case> cases;
  auto with = [](auto set) {
    RoleChange c;
    set(c);
    return c;
  };
  cases.push_back({"empty label", with([](RoleChange& c) { c.label = ""; }),
                   StatusCode::kInvalidArgument, "label"});
  cases.push_back({"unknown permission", with([](RoleChange& c) { c.permissions = {"cadre.fly"}; }),
                   StatusCode::kInvalidArgument, "permissions"});
  cases.push_back({"unknown scope unit", with([](RoleChange& c) {
                     c.scope = ScopeRule{ScopeRule::Kind::kUnits, {"NOSUCH"}};
                   }),
                   StatusCode::kInvalidArgument, "scope"});
  cases.push_back({"nothing", RoleChange{}, StatusCode::kInvalidArgument, "body"});
  for (const Case& c : cases) {
    auto result = roles_->Update(security, RoleId("reader"), c.change);
    EXPECT_EQ(result.status().code(), c.code) << c.what;
    EXPECT_EQ(result.status().field(), c.field) << c.what;
  }
  // Built-in roles are not editable.
  for (std::string_view builtin : {"sysadmin", "secadmin", "auditadmin"}) {
    EXPECT_EQ(
        roles_->Update(security, RoleId(builtin), with([](RoleChange& c) { c.label = "改名"; }))
            .status()
            .code(),
        StatusCode::kFailedPrecondition)
        << builtin;
  }
}

TEST_P(AccountAdminTest, SignOutIsRecorded) {
  auto session = sessions_->SignIn("zhangsan", kPassword, "10.0.0.6");
  ASSERT_TRUE(session.ok());
  auto me = sessions_->Authenticate(session->token);
  ASSERT_TRUE(me.ok());
  ASSERT_TRUE(sessions_->SignOut(me->actor, session->token).ok());
  EXPECT_EQ(xr::testing::RecordedObjects(db(), "session.sign_out"),
            std::vector<std::string>{"user:" + std::to_string(zhangsan_.value())});
  // Signing out an ended session again is fine and records nothing more.
  ASSERT_TRUE(sessions_->SignOut(me->actor, session->token).ok());
  EXPECT_EQ(xr::testing::RecordedObjects(db(), "session.sign_out").size(), 1u);
}

TEST_P(AccountAdminTest, ThePolicyIsReadBySecurityAdministratorsOnly) {
  SessionPolicy policy;
  policy.idle_timeout = 10min;
  SessionService configured(db(), clock_, xr::testing::TestKeyring(), policy, audit_.get());
  auto read = configured.Policy(ActorOf("security"));
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->idle_timeout, 10min);
  EXPECT_EQ(configured.Policy(ActorOf("admin")).status().code(), StatusCode::kPermissionDenied);
  // And it is the one enforced: 11 quiet minutes end a session.
  auto session = configured.SignIn("zhangsan", kPassword, "10.0.0.7");
  ASSERT_TRUE(session.ok());
  clock_.Advance(11min);
  EXPECT_FALSE(configured.Authenticate(session->token).ok());
}

INSTANTIATE_TEST_SUITE_P(Engines, AccountAdminTest, ::testing::ValuesIn(xr::testing::AllEngines()),
                         xr::testing::EngineName);

// The migration carries each user's unit code over to the unit's id.
class UnitMigrationTest : public xr::testing::DatabaseTest {};

TEST_P(UnitMigrationTest, UnitCodesBecomeReferences) {
  base::FakeClock clock(*base::Timestamp::Parse("2026-11-27T06:00:00Z"));
  std::vector<store::Migration> all =
      store::InVersionOrder({access::Migrations(), access::RoleMigrations(), org::Migrations(),
                             cadre::Migrations(), audit::Migrations()});
  std::vector<store::Migration> before;
  for (const store::Migration& m : all) {
    if (m.version < 2026112860) before.push_back(m);
  }
  ASSERT_TRUE(store::Migrate(db(), before, clock).ok());
  const std::int64_t unit = *InsertUnit(db(), "JH02", "江华市教育局");
  ASSERT_TRUE(
      db().Transact(store::TxMode::kWrite,
                    [&](store::Transaction& tx) -> base::Status {
                      RETURN_IF_ERROR(tx.Execute(
                          "INSERT INTO users (username, display_name, password_hash, unit_code, "
                          "created_at) VALUES ('a', 'A', 'x', 'JH02', '2026-11-27T00:00:00Z'), "
                          "('b', 'B', 'x', NULL, '2026-11-27T00:00:00Z')"));
                      return base::Status::Ok();
                    })
          .ok());
  auto migrated = store::Migrate(db(), all, clock);
  ASSERT_TRUE(migrated.ok()) << migrated.status().ToString();
  auto rows = db().TransactValue<store::Rows>(store::TxMode::kRead, [](store::Transaction& tx) {
    return tx.Query("SELECT username, unit_id FROM users ORDER BY username");
  });
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].OptionalInt(1), unit);
  EXPECT_FALSE((*rows)[1].OptionalInt(1).has_value());
}

INSTANTIATE_TEST_SUITE_P(Engines, UnitMigrationTest, ::testing::ValuesIn(xr::testing::AllEngines()),
                         xr::testing::EngineName);

// The bounds of the configurable policy.
TEST(SessionPolicyTest, BoundsNameTheSetting) {
  struct Case {
    std::string_view what;
    void (*set)(SessionPolicy&);
    std::string field;  // "" = valid
  };
  const Case cases[] = {
      {"defaults", [](SessionPolicy&) {}, ""},
      {"idle 5", [](SessionPolicy& p) { p.idle_timeout = 5min; }, ""},
      {"idle 480", [](SessionPolicy& p) { p.idle_timeout = 480min; }, ""},
      {"idle 4", [](SessionPolicy& p) { p.idle_timeout = 4min; }, "idle_timeout_minutes"},
      {"idle 481", [](SessionPolicy& p) { p.idle_timeout = 481min; }, "idle_timeout_minutes"},
      {"age 0 (never)", [](SessionPolicy& p) { p.password_max_age = std::chrono::days(0); }, ""},
      {"age -1", [](SessionPolicy& p) { p.password_max_age = std::chrono::days(-1); },
       "password_max_age_days"},
      {"age 3651", [](SessionPolicy& p) { p.password_max_age = std::chrono::days(3651); },
       "password_max_age_days"},
      {"failures 0 (no lockout)", [](SessionPolicy& p) { p.account_lockout.max_failures = 0; },
       "lockout_failures"},
      {"failures 3", [](SessionPolicy& p) { p.account_lockout.max_failures = 3; }, ""},
      {"failures 21", [](SessionPolicy& p) { p.account_lockout.max_failures = 21; },
       "lockout_failures"},
      {"lock 0", [](SessionPolicy& p) { p.account_lockout.lock_duration = 0min; },
       "lockout_minutes"},
      {"lock 1440", [](SessionPolicy& p) { p.account_lockout.lock_duration = 1440min; }, ""},
  };
  for (const Case& c : cases) {
    SessionPolicy policy;
    c.set(policy);
    EXPECT_EQ(ValidateSessionPolicy(policy).field(), c.field) << c.what;
  }
}

}  // namespace
}  // namespace xr::access
