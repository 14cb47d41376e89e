// Lockout, the login log, password expiry and forced change, session lists, TOTP — through
// SessionService on both engines, with a FakeClock.

#include <gtest/gtest.h>

#include "access/session_service.h"
#include "access/totp.h"
#include "access/user_service.h"
#include "testing/access_fixtures.h"
#include "testing/test_database.h"

namespace xr::access {
namespace {

using namespace std::chrono_literals;
using base::StatusCode;

constexpr std::string_view kPassword = "Ganbu2026";

class SignInHardeningTest : public xr::testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(xr::testing::SetUpAccess(db(), clock_).ok());
    zhangsan_ = AddUser("zhangsan", false);
    sessions_ = std::make_unique<SessionService>(db(), clock_, xr::testing::TestKeyring());
  }

  UserId AddUser(std::string name, bool must_change) {
    UserService users(db(), clock_, xr::testing::TestKeyring(), *audit_);
    NewUser user{name, "", std::string(kPassword), {"cadre_officer"}, {}};
    user.must_change_password = must_change;
    auto created = users.Add(xr::testing::Operator(), user);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? created->id : UserId();
  }

  base::Result<SignInResult> Attempt(std::string_view username, std::string_view password,
                                     std::string_view address = "10.0.0.1",
                                     SignInRefusal* refusal = nullptr, std::string_view totp = {}) {
    return sessions_->SignIn(SignInRequest{username, password, totp, address, "TestAgent/1.0"},
                             refusal);
  }

  std::vector<std::string> LogResults(std::string_view username) {
    LoginLogFilter filter;
    filter.username = std::string(username);
    filter.page_size = 200;
    auto page = sessions_->SearchLoginLog(Auditor(), filter);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    std::vector<std::string> out;
    if (!page.ok()) return out;
    for (auto it = page->items.rbegin(); it != page->items.rend(); ++it) {
      out.emplace_back(LoginResultName(it->result));
    }
    return out;
  }

  static Actor Auditor() { return xr::testing::MakeActor("auditor", {"login_log.read"}); }
  static Actor Security() {
    return xr::testing::MakeActor("security", {"session.manage", "login_log.read"});
  }

  base::FakeClock clock_{*base::Timestamp::Parse("2026-11-27T06:20:00Z")};  // 14:20 in Shanghai
  std::unique_ptr<audit::AuditLog> audit_ = xr::testing::MakeAuditLog(clock_);
  std::unique_ptr<SessionService> sessions_;
  UserId zhangsan_;
};

TEST_P(SignInHardeningTest, SixthAttemptWithinFifteenMinutesIsLockedEvenWithTheRightPassword) {
  for (int i = 0; i < 5; ++i) {
    SignInRefusal refusal;
    auto wrong = Attempt("zhangsan", "Wrong2026", "10.0.0.1", &refusal);
    EXPECT_EQ(wrong.status().code(), StatusCode::kUnauthenticated) << i;
    EXPECT_EQ(refusal, SignInRefusal::kNone);
    clock_.Advance(1min);
  }
  // The fifth failure was at 14:24; the lock lasts until 14:39.
  SignInRefusal refusal;
  auto locked = Attempt("zhangsan", kPassword, "10.0.0.1", &refusal);
  EXPECT_EQ(locked.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(refusal, SignInRefusal::kLocked);
  EXPECT_EQ(locked.status().message(), "连续登录失败次数过多，账号已锁定，请于 14:39 后再试");
  // Another address does not help: the account is locked.
  EXPECT_EQ(Attempt("zhangsan", kPassword, "10.0.0.2").status().code(),
            StatusCode::kPermissionDenied);
  clock_.Set(*base::Timestamp::Parse("2026-11-27T06:38:59Z"));
  EXPECT_EQ(Attempt("zhangsan", kPassword).status().code(), StatusCode::kPermissionDenied);
  clock_.Set(*base::Timestamp::Parse("2026-11-27T06:39:00Z"));
  EXPECT_TRUE(Attempt("zhangsan", kPassword).ok());
  EXPECT_EQ(LogResults("zhangsan"),
            (std::vector<std::string>{"wrong_password", "wrong_password", "wrong_password",
                                      "wrong_password", "wrong_password", "locked", "locked",
                                      "locked", "success"}));
}

TEST_P(SignInHardeningTest, WindowSlidesAndSuccessResetsTheCount) {
  struct Step {
    std::chrono::minutes advance;
    bool right_password;
    StatusCode expected;
  };
  const StatusCode kOk = StatusCode::kOk, kBad = StatusCode::kUnauthenticated,
                   kLocked = StatusCode::kPermissionDenied;
  const Step steps[] = {
      // Failures at minutes 0–3, then one at minute 16: the first has left the window, so
      // only four count; one more at minute 16 makes five, and the next attempt is locked.
      {0min, false, kBad},  {1min, false, kBad},   {1min, false, kBad}, {1min, false, kBad},
      {13min, false, kBad}, {0min, true, kOk},  // four in the window: the right password works
      {0min, false, kBad},  {0min, false, kBad},   {0min, false, kBad}, {0min, false, kBad},
      {0min, false, kBad},  {0min, true, kLocked}, {15min, true, kOk},  // lock over; success resets
      {0min, false, kBad},  {0min, false, kBad},   {0min, false, kBad}, {0min, false, kBad},
      {0min, true, kOk},  // 4 failures then success: fine
      {0min, false, kBad},  {0min, false, kBad},   {0min, false, kBad}, {0min, false, kBad},
      {0min, true, kOk},  // the count restarted at the last success
  };
  int i = 0;
  for (const Step& step : steps) {
    clock_.Advance(step.advance);
    auto result = Attempt("zhangsan", step.right_password ? kPassword : "Wrong2026");
    EXPECT_EQ(result.status().code(), step.expected) << "step " << i;
    ++i;
  }
}

TEST_P(SignInHardeningTest, UnknownUsersLockLikeRealOnesAndAnswerAlike) {
  for (int i = 0; i < 5; ++i) {
    auto known = Attempt("zhangsan", "Wrong2026", "10.0.0.1");
    auto unknown = Attempt("nobody", "Wrong2026", "10.0.0.2");
    EXPECT_EQ(known.status(), unknown.status());
  }
  auto known = Attempt("zhangsan", kPassword, "10.0.0.1");
  auto unknown = Attempt("nobody", kPassword, "10.0.0.2");
  EXPECT_EQ(known.status(), unknown.status());
  EXPECT_EQ(known.status().code(), StatusCode::kPermissionDenied);
}

TEST_P(SignInHardeningTest, OneAddressSprayingAcrossAccountsIsLocked) {
  for (std::string name : {"a1", "a2", "a3", "a4", "a5"}) {
    EXPECT_EQ(Attempt(name, "Spring2026!", "10.9.9.9").status().code(),
              StatusCode::kUnauthenticated);
  }
  SignInRefusal refusal;
  auto locked = Attempt("zhangsan", kPassword, "10.9.9.9", &refusal);
  EXPECT_EQ(refusal, SignInRefusal::kLocked);
  EXPECT_EQ(locked.status().message(), "本机地址登录失败次数过多，已暂停登录，请于 14:35 后再试");
  EXPECT_TRUE(Attempt("zhangsan", kPassword, "10.0.0.1").ok());  // other addresses unaffected
  clock_.Advance(15min);
  EXPECT_TRUE(Attempt("zhangsan", kPassword, "10.9.9.9").ok());
}

TEST_P(SignInHardeningTest, LoginLogRecordsEveryOutcomeForAuditorsOnly) {
  const UserId wangwu = AddUser("wangwu", false);
  ASSERT_TRUE(
      db().Transact(
              store::TxMode::kWrite,
              [&](store::Transaction& tx) {
                return tx.Execute("UPDATE users SET disabled = 1 WHERE id = ?", {wangwu}).status();
              })
          .ok());
  ASSERT_TRUE(Attempt("zhangsan", kPassword).ok());
  EXPECT_FALSE(Attempt("zhangsan", "Wrong2026").ok());
  EXPECT_FALSE(Attempt("nobody", "Wrong2026").ok());
  EXPECT_FALSE(Attempt("wangwu", kPassword).ok());
  auto all = sessions_->SearchLoginLog(Auditor(), {});
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->total, 4);
  const LoginAttempt& newest = all->items[0];
  EXPECT_EQ(newest.username, "wangwu");
  EXPECT_EQ(newest.result, LoginResult::kDisabled);
  EXPECT_EQ(newest.user_id, wangwu);
  EXPECT_EQ(all->items[1].result, LoginResult::kUnknownUser);
  EXPECT_FALSE(all->items[1].user_id.valid());
  const LoginAttempt& success = all->items[3];
  EXPECT_EQ(success.result, LoginResult::kSuccess);
  EXPECT_EQ(success.user_id, zhangsan_);
  EXPECT_EQ(success.remote_address, "10.0.0.1");
  EXPECT_EQ(success.user_agent, "TestAgent/1.0");
  EXPECT_EQ(success.at, clock_.Now());

  LoginLogFilter failures;
  failures.result = LoginResult::kWrongPassword;
  EXPECT_EQ(sessions_->SearchLoginLog(Security(), failures)->total, 1);
  LoginLogFilter later;
  later.from = clock_.Now().Plus(1s);
  EXPECT_EQ(sessions_->SearchLoginLog(Auditor(), later)->total, 0);
  LoginLogFilter paged;
  paged.page = 2;
  paged.page_size = 3;
  EXPECT_EQ(sessions_->SearchLoginLog(Auditor(), paged)->items.size(), 1u);

  const Actor officer = xr::testing::MakeActor("zhangsan", {"cadre.read"});
  EXPECT_EQ(sessions_->SearchLoginLog(officer, {}).status().code(), StatusCode::kPermissionDenied);
  LoginLogFilter bad;
  bad.page_size = 0;
  EXPECT_EQ(sessions_->SearchLoginLog(Auditor(), bad).status().field(), "page_size");
  bad = {};
  bad.page = 0;
  EXPECT_EQ(sessions_->SearchLoginLog(Auditor(), bad).status().field(), "page");
}

TEST_P(SignInHardeningTest, PasswordsExpireOnDayNinety) {
  struct Case {
    std::chrono::microseconds after_change;
    PasswordChange expected;
  };
  const Case cases[] = {
      {0us, PasswordChange::kNone},
      {std::chrono::days(89), PasswordChange::kNone},
      {std::chrono::days(90) - 1s, PasswordChange::kNone},
      {std::chrono::days(90), PasswordChange::kExpired},
      {std::chrono::days(400), PasswordChange::kExpired},
  };
  const base::Timestamp created = clock_.Now();
  for (const Case& c : cases) {
    clock_.Set(created.Plus(c.after_change));
    auto session = Attempt("zhangsan", kPassword);
    ASSERT_TRUE(session.ok()) << session.status().ToString();
    EXPECT_EQ(session->password_change, c.expected) << c.after_change.count();
    EXPECT_EQ(sessions_->Authenticate(session->token)->password_change, c.expected);
  }
  // Changing it starts a new 90 days.
  auto session = Attempt("zhangsan", kPassword);
  ASSERT_TRUE(session.ok());
  const Actor me = sessions_->Authenticate(session->token)->actor;
  ASSERT_TRUE(sessions_->ChangePassword(me, session->token, kPassword, "Xinmima2027").ok());
  EXPECT_EQ(sessions_->Authenticate(session->token)->password_change, PasswordChange::kNone);
  clock_.Advance(std::chrono::days(90));
  EXPECT_EQ(sessions_->Authenticate(Attempt("zhangsan", "Xinmima2027")->token)->password_change,
            PasswordChange::kExpired);
  // 0 turns expiry off.
  SessionPolicy never;
  never.password_max_age = std::chrono::days(0);
  SessionService lenient(db(), clock_, xr::testing::TestKeyring(), never);
  EXPECT_EQ(lenient.SignIn("zhangsan", "Xinmima2027", "10.0.0.1")->password_change,
            PasswordChange::kNone);
}

TEST_P(SignInHardeningTest, InitialPasswordMustBeChangedAndNotReused) {
  AddUser("lisi", true);
  auto first = Attempt("lisi", kPassword, "10.0.0.1");
  auto second = Attempt("lisi", kPassword, "10.0.0.2");
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->password_change, PasswordChange::kInitial);
  auto me = sessions_->Authenticate(first->token);
  ASSERT_TRUE(me.ok());
  EXPECT_EQ(me->password_change, PasswordChange::kInitial);
  struct Case {
    std::string_view old_password, new_password, field;
  };
  const Case refused[] = {
      {"", "Xinmima2027", "old_password"},          {kPassword, "", "new_password"},
      {"Wrong2026", "Xinmima2027", "old_password"}, {kPassword, kPassword, "new_password"},
      {kPassword, "short", "new_password"},         {kPassword, "alllowercase", "new_password"},
  };
  for (const Case& c : refused) {
    base::Status status =
        sessions_->ChangePassword(me->actor, first->token, c.old_password, c.new_password);
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << c.new_password;
    EXPECT_EQ(status.field(), c.field) << c.new_password;
  }
  ASSERT_TRUE(sessions_->ChangePassword(me->actor, first->token, kPassword, "Xinmima2027").ok());
  EXPECT_EQ(sessions_->Authenticate(first->token)->password_change, PasswordChange::kNone);
  // The other session ended with the old password; the old password no longer works.
  EXPECT_EQ(sessions_->Authenticate(second->token).status().code(), StatusCode::kUnauthenticated);
  EXPECT_FALSE(Attempt("lisi", kPassword).ok());
  EXPECT_TRUE(Attempt("lisi", "Xinmima2027").ok());
}

TEST_P(SignInHardeningTest, OwnSessionsAndForcedLogoutBySecurityAdministrator) {
  auto a = Attempt("zhangsan", kPassword, "10.0.0.1");
  clock_.Advance(1min);
  auto b = Attempt("zhangsan", kPassword, "10.0.0.2");
  ASSERT_TRUE(a.ok() && b.ok());
  const Actor me = sessions_->Authenticate(a->token)->actor;
  auto mine = sessions_->ListOwnSessions(me, a->token);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 2u);
  EXPECT_EQ((*mine)[0].remote_address, "10.0.0.2");  // newest first
  EXPECT_FALSE((*mine)[0].current);
  EXPECT_TRUE((*mine)[1].current);
  EXPECT_EQ((*mine)[1].user_agent, "TestAgent/1.0");

  const UserId lisi = AddUser("lisi", false);
  auto theirs = Attempt("lisi", kPassword, "10.0.0.3");
  ASSERT_TRUE(theirs.ok());
  const std::int64_t their_id = sessions_->ListSessionsOf(Security(), lisi)->at(0).id;
  EXPECT_EQ(sessions_->EndOwnSession(me, their_id).code(), StatusCode::kNotFound);
  ASSERT_TRUE(sessions_->EndOwnSession(me, (*mine)[0].id).ok());
  EXPECT_FALSE(sessions_->Authenticate(b->token).ok());
  EXPECT_TRUE(sessions_->Authenticate(a->token).ok());
  EXPECT_EQ(sessions_->EndOwnSession(me, (*mine)[0].id).code(), StatusCode::kNotFound);

  // Idle sessions are not listed.
  clock_.Advance(31min);
  EXPECT_TRUE(sessions_->ListSessionsOf(Security(), zhangsan_)->empty());

  auto again = Attempt("lisi", kPassword, "10.0.0.3");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(sessions_->ListSessionsOf(me, lisi).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(sessions_->EndSessionsOf(me, lisi).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(sessions_->ListSessionsOf(Security(), UserId(9999)).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(sessions_->EndSessionsOf(Security(), UserId(9999)).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(*sessions_->EndSessionsOf(Security(), lisi), 2);  // the idle one and the new one
  EXPECT_FALSE(sessions_->Authenticate(again->token).ok());
}

TEST_P(SignInHardeningTest, TotpEnrolmentThenSecondFactorAtSignIn) {
  auto session = Attempt("zhangsan", kPassword);
  ASSERT_TRUE(session.ok());
  const Actor me = sessions_->Authenticate(session->token)->actor;
  auto enrolment = sessions_->BeginTotpEnrolment(me);
  ASSERT_TRUE(enrolment.ok()) << enrolment.status().ToString();
  EXPECT_TRUE(
      enrolment->uri.starts_with("otpauth://totp/xuanren:zhangsan?secret=" + enrolment->secret))
      << enrolment->uri;
  const std::string key = *Base32Decode(enrolment->secret);
  const auto bytes = std::span(reinterpret_cast<const unsigned char*>(key.data()), key.size());
  auto code_at = [&](base::Timestamp t) { return TotpCode(bytes, t); };

  // Not enabled until confirmed: sign-in needs no code yet.
  EXPECT_TRUE(Attempt("zhangsan", kPassword).ok());
  EXPECT_EQ(sessions_->ConfirmTotp(me, "").field(), "code");
  const std::string wrong = code_at(clock_.Now()) == "000000" ? "000001" : "000000";
  EXPECT_EQ(sessions_->ConfirmTotp(me, wrong).field(), "code");
  ASSERT_TRUE(sessions_->ConfirmTotp(me, code_at(clock_.Now())).ok());
  EXPECT_TRUE(sessions_->Authenticate(session->token)->totp_enabled);
  EXPECT_EQ(sessions_->BeginTotpEnrolment(me).status().code(), StatusCode::kFailedPrecondition);

  clock_.Advance(30s);
  SignInRefusal refusal;
  auto missing = Attempt("zhangsan", kPassword, "10.0.0.1", &refusal);
  EXPECT_EQ(missing.status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(missing.status().field(), "totp_code");
  EXPECT_EQ(refusal, SignInRefusal::kTotpRequired);
  // A wrong password is still just a wrong password (the factor is not revealed).
  refusal = SignInRefusal::kNone;
  EXPECT_EQ(Attempt("zhangsan", "Wrong2026", "10.0.0.1", &refusal).status().message(),
            "用户名或密码错误");
  EXPECT_EQ(refusal, SignInRefusal::kNone);
  auto bad = Attempt("zhangsan", kPassword, "10.0.0.1", nullptr, wrong);
  EXPECT_EQ(bad.status().message(), "动态口令错误");
  EXPECT_EQ(bad.status().field(), "totp_code");
  const std::string code = code_at(clock_.Now());
  EXPECT_TRUE(Attempt("zhangsan", kPassword, "10.0.0.1", nullptr, code).ok());
  // The same code cannot be used twice.
  EXPECT_EQ(Attempt("zhangsan", kPassword, "10.0.0.1", nullptr, code).status().field(),
            "totp_code");
  // The previous step's code 30 s later is within the window but older than the last used.
  clock_.Advance(30s);
  EXPECT_FALSE(Attempt("zhangsan", kPassword, "10.0.0.1", nullptr, code).ok());
  EXPECT_TRUE(Attempt("zhangsan", kPassword, "10.0.0.1", nullptr, code_at(clock_.Now())).ok());
  EXPECT_EQ(LogResults("zhangsan").back(), "success");
}

INSTANTIATE_TEST_SUITE_P(Engines, SignInHardeningTest,
                         ::testing::ValuesIn(xr::testing::AllEngines()), xr::testing::EngineName);

}  // namespace
}  // namespace xr::access
