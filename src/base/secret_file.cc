#include "base/secret_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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

}  // namespace xr::base
