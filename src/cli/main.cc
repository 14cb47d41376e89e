// xuanren: the command-line entry point. Flags may also come from environment variables
// (XUANREN_DB, XUANREN_LISTEN, XUANREN_WEB, XUANREN_THREADS, and the policy settings of serve:
// XUANREN_PASSWORD_MAX_AGE_DAYS, XUANREN_IDLE_TIMEOUT_MINUTES, XUANREN_LOCKOUT_FAILURES,
// XUANREN_LOCKOUT_MINUTES).

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

// The cipher of data keys created from now on (existing keys keep theirs).
CLI::Option* AddFieldCipherOption(CLI::App* command, std::string& cipher) {
  return command
      ->add_option("--field-cipher", cipher,
                   "新数据密钥的字段加密算法：xchacha20（XChaCha20-Poly1305）| sm4（国密 "
                   "SM4-CTR + HMAC-SM3）")
      ->envname("XUANREN_FIELD_CIPHER")
      ->capture_default_str();
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
  AddFieldCipherOption(serve_command, serve.field_cipher);
  serve_command
      ->add_option("--password-max-age-days", serve.password_max_age_days,
                   "密码有效期（天，0 = 永不过期）")
      ->envname("XUANREN_PASSWORD_MAX_AGE_DAYS")
      ->capture_default_str();
  serve_command
      ->add_option("--idle-timeout-minutes", serve.idle_timeout_minutes,
                   "会话空闲超时（分钟，5–480）")
      ->envname("XUANREN_IDLE_TIMEOUT_MINUTES")
      ->capture_default_str();
  serve_command
      ->add_option("--lockout-failures", serve.lockout_failures,
                   "连续登录失败多少次锁定账号（3–20）")
      ->envname("XUANREN_LOCKOUT_FAILURES")
      ->capture_default_str();
  serve_command->add_option("--lockout-minutes", serve.lockout_minutes, "锁定时长（分钟，1–1440）")
      ->envname("XUANREN_LOCKOUT_MINUTES")
      ->capture_default_str();

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
  AddFieldCipherOption(demo_command, demo.field_cipher);

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

  xr::cli::UserSetOptions user_set;
  user_set.db = kDefaultDb;
  auto* user_set_command = user_command->add_subcommand("set", "修改账号（只改给出的项）");
  AddDbOption(user_set_command, user_set.db);
  user_set_command->add_option("--username", user_set.username, "用户名")->required();
  std::string set_display_name, set_unit;
  std::vector<std::string> set_roles;
  auto* set_display_name_option =
      user_set_command->add_option("--display-name", set_display_name, "姓名");
  auto* set_unit_option =
      user_set_command->add_option("--unit", set_unit, "所在机构编码（空字符串 = 不属于任何机构）");
  auto* set_roles_option =
      user_set_command->add_option("--roles", set_roles, "角色名，逗号分隔（替换原有角色）")
          ->delimiter(',');
  auto* disable_flag =
      user_set_command->add_flag("--disable", user_set.disable, "停用（并结束其全部会话）");
  user_set_command->add_flag("--enable", user_set.enable, "启用")->excludes(disable_flag);

  xr::cli::UserResetOptions user_reset_password;
  user_reset_password.db = kDefaultDb;
  auto* reset_password_command = user_command->add_subcommand(
      "reset-password", "重置密码：新的初始密码从标准输入读取，下次登录须修改");
  AddDbOption(reset_password_command, user_reset_password.db);
  reset_password_command->add_option("--username", user_reset_password.username, "用户名")
      ->required();
  reset_password_command
      ->add_flag("--password-stdin", user_reset_password.password_stdin, "从标准输入读取密码")
      ->required();

  xr::cli::UserResetOptions user_reset_totp;
  user_reset_totp.db = kDefaultDb;
  auto* reset_totp_command =
      user_command->add_subcommand("reset-totp", "重置双因素：清除动态口令，用户重新绑定");
  AddDbOption(reset_totp_command, user_reset_totp.db);
  reset_totp_command->add_option("--username", user_reset_totp.username, "用户名")->required();

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

  std::string maintain_db = kDefaultDb;
  auto* maintain_command = app.add_subcommand("maintain", "数据库维护");
  maintain_command->require_subcommand(1);
  auto* maintain_fulltext_command = maintain_command->add_subcommand(
      "fulltext", "按当前数据重新选出全文检索的常用字组，并重写干部的常用字组标记");
  AddDbOption(maintain_fulltext_command, maintain_db);

  xr::cli::KeysRotateOptions keys_rotate;
  keys_rotate.db = kDefaultDb;
  auto* keys_command = app.add_subcommand("keys", "加密字段的密钥管理");
  keys_command->require_subcommand(1);
  auto* keys_rotate_command = keys_command->add_subcommand(
      "rotate", "生成新主密钥，并在一个事务中用它重新包裹全部数据密钥");
  AddDbOption(keys_rotate_command, keys_rotate.db);
  keys_rotate_command->add_option("--key-file", keys_rotate.key_file, "主密钥文件")
      ->envname("XUANREN_MASTER_KEY_FILE");
  xr::cli::KeysRotateDataOptions keys_rotate_data;
  keys_rotate_data.db = kDefaultDb;
  auto* keys_rotate_data_command = keys_command->add_subcommand(
      "rotate-data",
      "为范围生成新数据密钥，分批重新加密其全部字段值（中断后重新运行即继续），完成后删除旧密钥");
  AddDbOption(keys_rotate_data_command, keys_rotate_data.db);
  auto* scope_option = keys_rotate_data_command->add_option(
      "--scope", keys_rotate_data.scopes,
      "范围，可多次给出：unit:机构编号（该机构管理的干部）| none | system（系统密钥，如动态口令）");
  keys_rotate_data_command->add_flag("--all", keys_rotate_data.all, "轮换全部范围")
      ->excludes(scope_option);
  keys_rotate_data_command
      ->add_option("--batch", keys_rotate_data.batch, "每批（每个事务）重新加密的数量")
      ->capture_default_str();
  AddFieldCipherOption(keys_rotate_data_command, keys_rotate_data.field_cipher);
  std::string keys_list_db = kDefaultDb;
  auto* keys_list_command =
      keys_command->add_subcommand("list", "列出数据密钥：范围、算法、字段值数量、未完成的轮换");
  AddDbOption(keys_list_command, keys_list_db);

  auto* version_command = app.add_subcommand("version", "显示版本");

  xr::cli::ImportLrmxOptions import_lrmx;
  import_lrmx.db = kDefaultDb;
  auto* import_command = app.add_subcommand("import", "导入");
  auto* import_lrmx_command =
      import_command->add_subcommand("lrmx", "导入任免审批表（.lrmx、.lrm 或其 zip 压缩包）");
  AddDbOption(import_lrmx_command, import_lrmx.db);
  import_lrmx_command->add_option("FILE", import_lrmx.files, "文件")->required();
  import_lrmx_command->add_option("--unit", import_lrmx.unit, "所在单位的机构编码")->required();
  import_lrmx_command->add_option("--managing-body", import_lrmx.managing_body,
                                  "新建档案的管理权限（默认“待确认”）");
  import_lrmx_command->add_flag("--dry-run", import_lrmx.dry_run, "只检查，不写入");
  import_lrmx_command->add_flag("--replace", import_lrmx.replace,
                                "身份证号相同的干部已在库中时，以文件内容替换表上各项");
  xr::cli::ExportLrmxOptions export_lrmx;
  export_lrmx.db = kDefaultDb;
  auto* export_command = app.add_subcommand("export", "导出");
  auto* export_lrmx_command = export_command->add_subcommand("lrmx", "导出任免审批表（.lrmx）");
  AddDbOption(export_lrmx_command, export_lrmx.db);
  export_lrmx_command->add_option("--cadre", export_lrmx.cadre, "干部 ID")->required();
  export_lrmx_command->add_option("--out", export_lrmx.out, "输出文件")->required();
  xr::cli::ExportExcelOptions export_excel;
  export_excel.db = kDefaultDb;
  auto* export_excel_command =
      export_command->add_subcommand("excel", "导出干部名册或组合查询结果（.xlsx）");
  AddDbOption(export_excel_command, export_excel.db);
  export_excel_command->add_option("--out", export_excel.out, "输出的 .xlsx 文件")->required();
  export_excel_command->add_option("--columns", export_excel.columns,
                                   "导出的列（逗号分隔，干部名册的列名；姓名总在第一列）");
  export_excel_command->add_option("--condition", export_excel.condition,
                                   "组合查询条件（JSON）；不给则按名册筛选");
  export_excel_command->add_option("--unit-id", export_excel.unit_id, "所在单位（含下级）");
  export_excel_command->add_option("--status", export_excel.status, "人员状态，all 为全部");
  export_excel_command->add_option("--sort", export_excel.sort,
                                   "排序：position、stroke、age、post_start");
  export_excel_command->add_option("--title", export_excel.title, "工作表名");

  xr::cli::PrintRmbOptions print_rmb;
  print_rmb.db = kDefaultDb;
  auto* print_command = app.add_subcommand("print", "打印");
  print_command->require_subcommand(1);
  auto* print_rmb_command =
      print_command->add_subcommand("rmb", "生成干部任免审批表 PDF（中组部版式，A4 两页）");
  AddDbOption(print_rmb_command, print_rmb.db);
  print_rmb_command->add_option("--cadre", print_rmb.cadre, "干部 ID")->required();
  print_rmb_command->add_option("--out", print_rmb.out, "输出的 PDF 文件")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  if (serve_command->parsed()) return xr::cli::Serve(serve);
  if (migrate_command->parsed()) return xr::cli::Migrate(migrate_db);
  if (demo_command->parsed()) return xr::cli::Demo(demo);
  if (add_command->parsed()) return xr::cli::UserAdd(user_add);
  if (user_set_command->parsed()) {
    if (set_display_name_option->count() > 0) user_set.display_name = set_display_name;
    if (set_unit_option->count() > 0) user_set.unit = set_unit;
    if (set_roles_option->count() > 0) user_set.roles = set_roles;
    return xr::cli::UserSet(user_set);
  }
  if (reset_password_command->parsed()) return xr::cli::UserResetPassword(user_reset_password);
  if (reset_totp_command->parsed()) return xr::cli::UserResetTotp(user_reset_totp);
  if (role_add_command->parsed()) return xr::cli::RoleAdd(role_add);
  if (audit_verify_command->parsed()) return xr::cli::AuditVerify(audit_verify);
  if (audit_checkpoint_command->parsed()) return xr::cli::AuditCheckpoint(audit_checkpoint);
  if (maintain_fulltext_command->parsed()) return xr::cli::MaintainFulltext(maintain_db);
  if (keys_rotate_command->parsed()) return xr::cli::KeysRotate(keys_rotate);
  if (keys_rotate_data_command->parsed()) return xr::cli::KeysRotateData(keys_rotate_data);
  if (keys_list_command->parsed()) return xr::cli::KeysList(keys_list_db);
  if (version_command->parsed()) return xr::cli::Version();
  if (print_rmb_command->parsed()) return xr::cli::PrintRmb(print_rmb);
  if (import_lrmx_command->parsed()) return xr::cli::ImportLrmx(import_lrmx);
  if (export_lrmx_command->parsed()) return xr::cli::ExportLrmx(export_lrmx);
  if (export_excel_command->parsed()) return xr::cli::ExportExcel(export_excel);
  return 1;
}
