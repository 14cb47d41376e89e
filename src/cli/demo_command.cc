#include <iomanip>
#include <iostream>

#include "access/password.h"
#include "access/role.h"
#include "app/application.h"
#include "base/clock.h"
#include "cli/command_support.h"
#include "cli/commands.h"
#include "demo/demo_city.h"

namespace xr::cli {
namespace {

struct DemoAccount {
  const char* username;
  const char* display_name;
  const char* role;
  bool in_organization_department;
};

constexpr DemoAccount kAccounts[] = {
    {"admin", "系统管理员", "sysadmin", false},
    {"security", "安全保密管理员", "secadmin", false},
    {"auditor", "安全审计员", "auditadmin", false},
    {"ganbuke", "干部科科员", "cadre_officer", true},
    {"lingdao", "部领导", "leader", true},
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
  auto db = OpenDatabaseAt(options.db);
  if (!db.ok()) return Fail(db.status());
  base::RealClock clock;
  if (auto migrated = store::Migrate(**db, app::AllMigrations(), clock); !migrated.ok())
    return Fail(migrated.status());

  const demo::DemoCity city =
      demo::BuildDemoCity(options.cadres, options.seed, clock.Now().ShanghaiDate());
  auto summary = demo::SeedDemoCity(**db, city);
  if (!summary.ok()) return Fail(summary.status());

  app::Application application(**db, clock);
  std::cout << "演示数据已写入 " << (*db)->description() << "：机构 " << summary->units
            << " 个，职位 " << summary->positions << " 个，干部 " << summary->cadres << " 人"
            << std::endl;
  std::cout << "演示账号（密码只显示这一次，请妥善保存）：" << std::endl;
  for (const DemoAccount& account : kAccounts) {
    access::NewUser user{
        account.username, account.display_name, RandomPassword(), {account.role}, std::nullopt};
    if (account.in_organization_department) user.unit_code = city.organization_department_code;
    auto created = application.users().Add(access::CliOperator(), user);
    if (!created.ok()) return Fail(created.status());
    std::cout << "  " << std::left << std::setw(10) << account.username << "  " << std::setw(18)
              << user.password << "  " << access::FindRole(account.role)->label << std::endl;
  }
  (*db)->Close();
  return 0;
}

}  // namespace xr::cli
