#include <algorithm>
#include <chrono>
#include <iostream>

#include "app/application.h"
#include "base/clock.h"
#include "cli/command_support.h"
#include "cli/commands.h"
#include "http/server.h"

namespace xr::cli {
namespace {

// "HOST:PORT" (IPv6 as "[::1]:8080").
base::Status ParseListen(const std::string& listen, http::ServerOptions& out) {
  const auto colon = listen.rfind(':');
  const auto bad = base::InvalidArgument(
      "--listen 应为 主机:端口，如 127.0.0.1:8080，收到“" + listen + "”", "listen");
  if (colon == std::string::npos || colon == 0 || colon + 1 == listen.size()) return bad;
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  int port = 0;
  for (char c : listen.substr(colon + 1)) {
    if (c < '0' || c > '9' || (port = port * 10 + (c - '0')) > 65535) return bad;
  }
  out.host = host;
  out.port = std::uint16_t(port);
  return base::Status::Ok();
}

}  // namespace

int Serve(const ServeOptions& options) {
  http::ServerOptions server_options;
  if (auto parsed = ParseListen(options.listen, server_options); !parsed.ok()) return Fail(parsed);
  if (options.threads < 1 || options.threads > 256)
    return Fail(base::InvalidArgument("--threads 须在 1–256 之间", "threads"));
  server_options.threads = size_t(options.threads);
  server_options.web_dir = options.web;
  auto field_cipher = crypto::ParseCipher(options.field_cipher);
  if (!field_cipher.ok()) return Fail(field_cipher.status());
  access::SessionPolicy policy;
  policy.password_max_age = std::chrono::days(options.password_max_age_days);
  policy.idle_timeout = std::chrono::minutes(options.idle_timeout_minutes);
  policy.account_lockout.max_failures = options.lockout_failures;
  policy.account_lockout.lock_duration = std::chrono::minutes(options.lockout_minutes);
  policy.address_lockout.lock_duration = std::chrono::minutes(options.lockout_minutes);
  if (auto valid = access::ValidateSessionPolicy(policy); !valid.ok()) {
    // Name the flag, as the operator typed it.
    std::string flag = "--" + valid.field();
    std::replace(flag.begin(), flag.end(), '_', '-');
    return Fail(base::InvalidArgument(flag + "：" + valid.message(), valid.field()));
  }

  auto db = OpenDatabaseAt(options.db);
  if (!db.ok()) return Fail(db.status());
  base::RealClock clock;
  app::Application application(**db, clock, policy);
  if (auto current = application.CheckSchemaIsCurrent(); !current.ok()) return Fail(current);
  application.SetFieldCipher(*field_cipher);
  // TOTP secrets left in plaintext by an older version are sealed before serving.
  if (auto sealed = application.CompleteStoredData(); !sealed.ok()) {
    return Fail(sealed.status());
  } else if (*sealed > 0) {
    std::cout << "已加密旧版本以明文保存的 " << *sealed << " 个动态口令密钥" << std::endl;
  }

  // Jobs a stopped server left queued or running are marked failed; expired ones go.
  if (auto recovered = application.jobs().RecoverAfterRestart(); !recovered.ok()) {
    return Fail(recovered);
  }

  http::Router router;
  application.AddRoutes(router);
  http::Server server(server_options, router);
  const std::string description = (*db)->description();
  base::Status status = server.Run([&](std::uint16_t port) {
    std::cout << "xuanren 已启动：http://" << server_options.host << ":" << port << "  （数据库 "
              << description << "）" << std::endl;
  });
  (*db)->Close();
  if (!status.ok()) return Fail(status);
  std::cout << "xuanren 已停止" << std::endl;
  return 0;
}

}  // namespace xr::cli
