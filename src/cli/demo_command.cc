#include <chrono>
#include <iomanip>
#include <iostream>

#include "access/password.h"
#include "app/application.h"
#include "base/clock.h"
#include "cli/command_support.h"
#include "cli/commands.h"
#include "demo/demo_city.h"
#include "demo/demo_seed.h"

namespace xr::cli {
namespace {

struct DemoAccount {
  const char* username;
  const char* display_name;
  const char* role;
  const char* role_label;
  enum class Home { kNone, kCityOrganization, kDistrictOrganization } home;
};

constexpr DemoAccount kAccounts[] = {
    {"admin", "系统管理员", "sysadmin", "系统管理员", DemoAccount::Home::kNone},
    {"security", "安全保密管理员", "secadmin", "安全保密管理员", DemoAccount::Home::kNone},
    {"auditor", "安全审计员", "auditadmin", "安全审计员", DemoAccount::Home::kNone},
    {"ganbuke", "干部科科员", "cadre_officer", "干部工作人员（全市）",
     DemoAccount::Home::kCityOrganization},
    {"dongcheng", "东城区干部科科员", "district_officer", "区委组织部干部工作人员（东城区委管理）",
     DemoAccount::Home::kDistrictOrganization},
    {"lingdao", "部领导", "leader", "领导", DemoAccount::Home::kCityOrganization},
};

std::string RandomPassword() {
  for (;;) {
    std::string candidate = access::RandomToken(9);  // 12 URL-safe characters
    if (access::CheckPasswordPolicy(candidate).ok()) return candidate;
  }
}

}  // namespace

int Demo(const DemoOptions& options) {
  if (options.cadres < 0 || options.cadres > 1000000) {
    return Fail(base::InvalidArgument("--cadres 须在 0–1000000 之间", "cadres"));
  }
  auto field_cipher = crypto::ParseCipher(options.field_cipher);
  if (!field_cipher.ok()) return Fail(field_cipher.status());
  auto db = OpenDatabaseAt(options.db);
  if (!db.ok()) return Fail(db.status());
  base::RealClock clock;
  if (auto migrated = store::Migrate(**db, app::AllMigrations(), clock); !migrated.ok())
    return Fail(migrated.status());

  const demo::DemoCity city =
      demo::BuildDemoCity(options.cadres, options.seed, clock.Now().ShanghaiDate());
  app::Application application(**db, clock);
  application.SetFieldCipher(*field_cipher);
  demo::SeedOptions seeding;
  // A large demo takes minutes: say how far it has got, every tenth.
  const auto started = std::chrono::steady_clock::now();
  std::int64_t next_report = options.cadres >= 100000 ? options.cadres / 10 : options.cadres + 1;
  seeding.progress = [&](std::int64_t written, std::int64_t total) {
    if (written < next_report) return;
    next_report += total / 10;
    const auto seconds =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started)
            .count();
    std::cerr << "已生成并写入干部档案 " << written << " / " << total << "（" << seconds << " 秒）"
              << std::endl;
  };
  auto summary = demo::SeedDemoCity(**db, city, clock.Now(), application.audit_log(),
                                    app::CliOperator(), &application.keyring(), seeding);
  if (!summary.ok()) return Fail(summary.status());
  std::cout << "演示数据已写入 " << (*db)->description() << "：机构 " << summary->units
            << " 个，职位 " << summary->positions << " 个，干部 " << summary->cadres << " 人"
            << std::endl;
  std::cout << "演示账号（密码只显示这一次，请妥善保存）：" << std::endl;
  for (const DemoAccount& account : kAccounts) {
    access::NewUser user{
        account.username, account.display_name, RandomPassword(), {account.role}, std::nullopt};
    // Demo accounts are for trying the system out; their random passwords are shown once to the
    // operator who is also their user. Accounts for real people come from `xuanren user add`.
    user.must_change_password = false;
    if (account.home == DemoAccount::Home::kCityOrganization)
      user.unit_code = city.organization_department_code;
    if (account.home == DemoAccount::Home::kDistrictOrganization)
      user.unit_code = city.district_organization_code;
    auto created = application.users().Add(app::CliOperator(), user);
    if (!created.ok()) return Fail(created.status());
    std::cout << "  " << std::left << std::setw(10) << account.username << "  " << std::setw(18)
              << user.password << "  " << account.role_label << std::endl;
  }
  (*db)->Close();
  return 0;
}

}  // namespace xr::cli
