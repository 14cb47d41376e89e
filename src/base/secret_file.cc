#include "base/secret_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace xr::base {

Result<std::string> ReadSecretFile(const std::string& path, std::string_view what,
                                   std::string_view env_variable) {
  const std::string name(what);
  struct stat info;
  if (::stat(path.c_str(), &info) != 0) {
    if (errno == ENOENT) {
      return NotFound(name + " " + path + " 不存在（可用环境变量 " + std::string(env_variable) +
                      " 指定位置）");
    }
    return Unavailable("无法读取" + name + " " + path + "：" + std::strerror(errno));
  }
  if (info.st_mode & 077) {
    return FailedPrecondition(name + " " + path + " 的权限过宽，其他用户可读；请执行 chmod 600 " +
                              path);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Unavailable("无法读取" + name + " " + path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

Status CreateSecretFile(const std::string& path, std::string_view contents, std::string_view what) {
  const std::string name(what);
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  std::error_code ec;
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  const std::string temp = path + ".tmp." + std::to_string(::getpid()) + "." +
                           std::to_string(std::random_device()() % 1000000);
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Unavailable("无法创建" + name + " " + path + "：" + std::strerror(errno));
  const bool written =
      ::write(fd, contents.data(), contents.size()) == ssize_t(contents.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!written) {
    ::unlink(temp.c_str());
    return Unavailable("无法写入" + name + " " + path);
  }
  const int linked = ::link(temp.c_str(), path.c_str());
  const int link_errno = errno;
  ::unlink(temp.c_str());
  if (linked != 0) {
    if (link_errno == EEXIST) return AlreadyExists(name + " " + path + " 已存在");
    return Unavailable("无法创建" + name + " " + path + "：" + std::strerror(link_errno));
  }
  return Status::Ok();
}

std::string SecretFilePath(std::string_view env_variable, std::string_view default_path) {
  const char* env = std::getenv(std::string(env_variable).c_str());
  if (env && *env) return env;
  return std::string(default_path);
}

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

Result<std::array<std::uint8_t, 32>> KeyFromSecretFile(std::string_view text, std::string_view name,
                                                       std::string_view what,
                                                       std::string_view path) {
  const std::string where = std::string(what) + " " + std::string(path);
  while (!text.empty()) {
    const size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos || line.substr(0, colon) != name) continue;
    std::string_view value = line.substr(colon + 1);
    value.remove_prefix(std::min(value.find_first_not_of(' '), value.size()));
    std::array<std::uint8_t, 32> key{};
    bool ok = value.size() == 64;
    for (size_t i = 0; ok && i < key.size(); ++i) {
      const int hi = HexValue(value[2 * i]), lo = HexValue(value[2 * i + 1]);
      ok = hi >= 0 && lo >= 0;
      key[i] = static_cast<std::uint8_t>((hi << 4) | (lo & 0xf));
    }
    if (!ok) {
      return FailedPrecondition(where + " 的 " + std::string(name) + " 不是 64 位十六进制");
    }
    return key;
  }
  return FailedPrecondition(where + " 缺少 " + std::string(name));
}

}  // namespace xr::base
