#pragma once
// The `xuanren` commands. Each returns the process exit code: 0 on success, 1 after printing one
// line "xuanren: 错误：…" to stderr.

#include <cstdint>
#include <string>
#include <vector>

namespace xr::cli {

struct ServeOptions {
  std::string db;
  std::string listen = "127.0.0.1:8080";
  std::string web;  // built web app; empty = API only
  int threads = 4;
};
int Serve(const ServeOptions& options);

int Migrate(const std::string& db);

struct DemoOptions {
  std::string db;
  int cadres = 500;
  std::uint64_t seed = 20261127;
};
int Demo(const DemoOptions& options);

struct UserAddOptions {
  std::string db;
  std::string username;
  std::string display_name;
  std::vector<std::string> roles{"cadre_officer"};
  std::string unit;
  bool password_stdin = false;
};
int UserAdd(const UserAddOptions& options);

int Version();

}  // namespace xr::cli
