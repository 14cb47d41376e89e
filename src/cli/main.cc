// xuanren: the command-line entry point. Flags may also come from environment variables
// (XUANREN_DB, XUANREN_LISTEN, XUANREN_WEB, XUANREN_THREADS).

#include <CLI/CLI.hpp>
#include <sstream>

#include "cli/commands.h"

namespace {

constexpr const char* kDefaultDb = "sqlite:data/xuanren.db";

CLI::Option* AddDbOption(CLI::App* command, std::string& db) {
  return command->add_option("--db", db, "数据库：sqlite:路径 或 postgresql://…")
      ->envname("XUANREN_DB")
      ->default_str(kDefaultDb);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"xuanren（选任）干部选拔任用管理平台", "xuanren"};
  app.require_subcommand(1);

  xr::cli::ServeOptions serve;
  serve.db = kDefaultDb;
  auto* serve_command = app.add_subcommand("serve", "启动 HTTP 服务");
  AddDbOption(serve_command, serve.db);
  serve_command->add_option("--listen", serve.listen, "监听地址 主机:端口")
      ->envname("XUANREN_LISTEN");
  serve_command->add_option("--web", serve.web, "前端构建目录（如 web/dist）")
      ->envname("XUANREN_WEB");
  serve_command->add_option("--threads", serve.threads, "请求处理线程数")
      ->envname("XUANREN_THREADS");

  std::string migrate_db = kDefaultDb;
  auto* migrate_command = app.add_subcommand("migrate", "升级数据库结构");
  AddDbOption(migrate_command, migrate_db);

  xr::cli::DemoOptions demo;
  demo.db = kDefaultDb;
  auto* demo_command = app.add_subcommand("demo", "向空库写入演示城市（江华市）与演示账号");
  AddDbOption(demo_command, demo.db);
  demo_command->add_option("--cadres", demo.cadres, "干部人数")->capture_default_str();
  demo_command->add_option("--seed", demo.seed, "随机种子（相同种子生成相同数据）")
      ->capture_default_str();

  xr::cli::UserAddOptions user_add;
  user_add.db = kDefaultDb;
  auto* user_command = app.add_subcommand("user", "账号管理");
  user_command->require_subcommand(1);
  auto* add_command = user_command->add_subcommand("add", "创建账号");
  AddDbOption(add_command, user_add.db);
  add_command->add_option("--username", user_add.username, "用户名")->required();
  add_command->add_option("--display-name", user_add.display_name, "姓名");
  add_command
      ->add_option("--roles", user_add.roles,
                   "角色，逗号分隔：sysadmin,secadmin,auditadmin,cadre_officer,leader")
      ->delimiter(',');
  add_command->add_option("--unit", user_add.unit, "所在机构编码");
  add_command->add_flag("--password-stdin", user_add.password_stdin, "从标准输入读取密码")
      ->required();

  auto* version_command = app.add_subcommand("version", "显示版本");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  if (serve_command->parsed()) return xr::cli::Serve(serve);
  if (migrate_command->parsed()) return xr::cli::Migrate(migrate_db);
  if (demo_command->parsed()) return xr::cli::Demo(demo);
  if (add_command->parsed()) return xr::cli::UserAdd(user_add);
  if (version_command->parsed()) return xr::cli::Version();
  return 1;
}
