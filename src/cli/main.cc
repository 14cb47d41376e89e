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
                   "角色名，逗号分隔（内置三员角色 sysadmin、secadmin、auditadmin；其余由 xuanren "
                   "role add 创建）")
      ->delimiter(',');
  add_command->add_option("--unit", user_add.unit, "所在机构编码");
  add_command->add_flag("--password-stdin", user_add.password_stdin, "从标准输入读取密码")
      ->required();

  xr::cli::RoleAddOptions role_add;
  role_add.db = kDefaultDb;
  auto* role_command = app.add_subcommand("role", "角色管理（权限、数据范围、密级）");
  role_command->require_subcommand(1);
  auto* role_add_command = role_command->add_subcommand("add", "创建角色");
  AddDbOption(role_add_command, role_add.db);
  role_add_command->add_option("--name", role_add.name, "角色名（小写字母、数字、_）")->required();
  role_add_command->add_option("--label", role_add.label, "中文名称");
  role_add_command
      ->add_option("--permissions", role_add.permissions, "权限，逗号分隔，如 cadre.read,org.read")
      ->delimiter(',');
  role_add_command->add_option(
      "--scope", role_add.scope,
      "数据范围：all | self | unit:编码 | unit-below:编码 | managed-by:编码[,编码]");
  role_add_command
      ->add_option("--clearance", role_add.clearance,
                   "密级：public | internal | confidential | secret")
      ->capture_default_str();

  xr::cli::AuditVerifyOptions audit_verify;
  audit_verify.db = kDefaultDb;
  xr::cli::AuditCheckpointOptions audit_checkpoint;
  audit_checkpoint.db = kDefaultDb;
  auto* audit_command = app.add_subcommand("audit", "全程记实（审计日志）");
  audit_command->require_subcommand(1);
  auto* audit_verify_command =
      audit_command->add_subcommand("verify", "离线校验全程记实，指出第一条被篡改的记录");
  AddDbOption(audit_verify_command, audit_verify.db);
  audit_verify_command->add_option("--checkpoint", audit_verify.checkpoint,
                                   "已导出（留存于系统外）的检查点文件，用于发现尾部截断");
  audit_verify_command->add_option("--key-file", audit_verify.key_file, "审计密钥文件")
      ->envname("XUANREN_AUDIT_KEY_FILE");
  auto* audit_checkpoint_command =
      audit_command->add_subcommand("checkpoint", "签署当前检查点并导出，供会议纪要或上级备案");
  AddDbOption(audit_checkpoint_command, audit_checkpoint.db);
  audit_checkpoint_command->add_option("--out", audit_checkpoint.out, "写入文件（默认标准输出）");
  audit_checkpoint_command->add_option("--key-file", audit_checkpoint.key_file, "审计密钥文件")
      ->envname("XUANREN_AUDIT_KEY_FILE");

  xr::cli::KeysRotateOptions keys_rotate;
  keys_rotate.db = kDefaultDb;
  auto* keys_command = app.add_subcommand("keys", "加密字段的密钥管理");
  keys_command->require_subcommand(1);
  auto* keys_rotate_command = keys_command->add_subcommand(
      "rotate", "生成新主密钥，并在一个事务中用它重新包裹全部数据密钥");
  AddDbOption(keys_rotate_command, keys_rotate.db);
  keys_rotate_command->add_option("--key-file", keys_rotate.key_file, "主密钥文件")
      ->envname("XUANREN_MASTER_KEY_FILE");

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
  if (role_add_command->parsed()) return xr::cli::RoleAdd(role_add);
  if (audit_verify_command->parsed()) return xr::cli::AuditVerify(audit_verify);
  if (audit_checkpoint_command->parsed()) return xr::cli::AuditCheckpoint(audit_checkpoint);
  if (keys_rotate_command->parsed()) return xr::cli::KeysRotate(keys_rotate);
  if (version_command->parsed()) return xr::cli::Version();
  return 1;
}
