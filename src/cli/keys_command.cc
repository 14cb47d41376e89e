#include <iostream>

#include "app/application.h"
#include "base/clock.h"
#include "cli/command_support.h"
#include "cli/commands.h"
#include "crypto/keyring.h"
#include "crypto/master_key.h"
#include "crypto/rotation.h"

namespace xr::cli {

int KeysRotate(const KeysRotateOptions& options) {
  if (crypto::Keyring().FromEnvironment()) {
    return Fail(base::FailedPrecondition(
        "主密钥来自环境变量 XUANREN_MASTER_KEY，本命令只能轮换密钥文件中的主密钥；请按 "
        "docs/security.md 改用密钥文件轮换，或在密钥管理系统中轮换后重新包裹"));
  }
  const std::string key_file =
      options.key_file.empty() ? crypto::MasterKeyFilePath() : options.key_file;
  auto opened = OpenApplication(options.db);
  if (!opened.ok()) return Fail(opened.status());
  store::Database& db = *(*opened)->db;
  app::Application& application = *(*opened)->application;
  const access::Actor actor = app::CliOperator();
  auto report =
      crypto::RotateMasterKey(db, key_file, [&](store::Transaction& tx, std::int64_t count) {
        return application.audit_log().Write(tx, actor, "keys.rotate", "master_key", "master",
                                             {{"data_keys", std::to_string(count)}});
      });
  db.Close();
  if (!report.ok()) return Fail(report.status());
  std::cout << "主密钥已轮换：" << report->data_keys
            << " 个数据密钥已用新主密钥重新包裹，新主密钥在 " << key_file << std::endl;
  if (!report->retired_file.empty()) {
    std::cout << "旧主密钥保存在 " << report->retired_file
              << "（仅用于恢复轮换前的备份；确认不再需要后请安全销毁）" << std::endl;
  }
  return 0;
}

int KeysRotateData(const KeysRotateDataOptions& options) {
  if (options.all == !options.scopes.empty()) {
    return Fail(base::InvalidArgument("请指定 --scope 范围（可多次）或 --all 之一", "scope"));
  }
  auto cipher = crypto::ParseCipher(options.field_cipher);
  if (!cipher.ok()) return Fail(cipher.status());
  auto opened = OpenApplication(options.db);
  if (!opened.ok()) return Fail(opened.status());
  store::Database& db = *(*opened)->db;
  app::Application& application = *(*opened)->application;
  const access::Actor actor = app::CliOperator();
  crypto::DataKeyRotationOptions rotation;
  rotation.scopes = options.scopes;
  rotation.batch_size = options.batch;
  rotation.cipher = *cipher;
  crypto::DataKeyRotationHooks hooks;
  hooks.progress = [](const crypto::RotationProgress& p) {
    std::cout << "已重新加密 " << p.done << "/" << p.total << "（范围 " << p.scope << "）"
              << std::endl;
  };
  hooks.record = [&](store::Transaction& tx, const crypto::RotationEvent& e) {
    const bool start = e.kind == crypto::RotationEvent::Kind::kStart;
    if (start) {
      std::cout << "开始轮换范围 " << e.scope << " 的数据密钥：旧密钥 " << e.old_key_id
                << " → 新密钥 " << e.new_key_id << "（" << crypto::CipherName(e.cipher)
                << "），待重新加密 " << e.values << " 个字段值" << std::endl;
    }
    return application.audit_log().Write(
        tx, actor, start ? "keys.rotate_data.start" : "keys.rotate_data.finish", "data_key",
        e.scope,
        {{"old_key", std::to_string(e.old_key_id)},
         {"new_key", std::to_string(e.new_key_id)},
         {"cipher", std::string(crypto::CipherName(e.cipher))},
         {"values", std::to_string(e.values)}});
  };
  auto report =
      crypto::RotateDataKeys(db, application.keyring(), (*opened)->clock, rotation, hooks);
  db.Close();
  if (!report.ok()) {
    const int code = Fail(report.status());
    if (report.status().field().empty()) {  // not bad input: a rotation may be under way
      std::cerr << "已完成的批次均已保存；排除原因后重新运行同一命令即从中断处继续" << std::endl;
    }
    return code;
  }
  if (report->resumed > 0) {
    std::cout << "已继续并完成此前中断的 " << report->resumed
              << " 个数据密钥轮换（本次未开始新的轮换；如需轮换其他范围请再次运行）" << std::endl;
  }
  if (report->resumed == 0 && report->started == 0) {
    std::cout << "没有数据密钥，无需轮换" << std::endl;
    return 0;
  }
  std::cout << "数据密钥轮换完成：" << report->finished << " 个范围，本次重新加密 "
            << report->reencrypted << " 个字段值；旧数据密钥已删除" << std::endl;
  return 0;
}

int KeysList(const std::string& url) {
  auto opened = OpenApplication(url);
  if (!opened.ok()) return Fail(opened.status());
  store::Database& db = *(*opened)->db;
  auto keys = db.TransactValue<std::vector<crypto::DataKeyInfo>>(
      store::TxMode::kRead, [](store::Transaction& tx) { return crypto::ListDataKeys(tx); });
  db.Close();
  if (!keys.ok()) return Fail(keys.status());
  if (keys->empty()) {
    std::cout << "没有数据密钥（尚无加密字段）" << std::endl;
    return 0;
  }
  std::cout << "编号\t范围\t算法\t字段值\t轮换" << std::endl;
  for (const crypto::DataKeyInfo& key : *keys) {
    std::cout << key.id << "\t" << key.label << "\t" << crypto::CipherName(key.cipher) << "\t"
              << key.values << "\t";
    if (key.rotation) {
      std::cout << "未完成 " << key.rotation->done << "/" << key.rotation->total;
    } else {
      std::cout << "-";
    }
    std::cout << std::endl;
  }
  return 0;
}

}  // namespace xr::cli
