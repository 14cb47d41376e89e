#include "crypto/master_key.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace xr::crypto {
namespace {

std::string Serialize(const Key& key) {
  std::string hex(key.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), key.data(), key.size());
  hex.pop_back();
  std::string text =
      "# xuanren 主密钥：包裹各管理权限的数据密钥。不得放入数据库；请离线备份，丢失后\n"
      "# 加密字段无法再解开。\n"
      "master_key: " +
      hex + "\n";
  sodium_memzero(hex.data(), hex.size());
  return text;
}

base::Result<Key> Parse(const std::string& text, const std::string& path) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const size_t colon = line.find(':');
    if (colon == std::string::npos || line.substr(0, colon) != "master_key") continue;
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    Key key;
    size_t length = 0;
    if (value.size() != 64 ||
        sodium_hex2bin(key.data(), key.size(), value.data(), value.size(), nullptr, &length,
                       nullptr) != 0 ||
        length != 32) {
      return base::FailedPrecondition("主密钥文件 " + path + " 的 master_key 不是 64 位十六进制");
    }
    return key;
  }
  return base::FailedPrecondition("主密钥文件 " + path + " 缺少 master_key");
}

}  // namespace

std::string MasterKeyFilePath() {
  const char* env = std::getenv(std::string(kMasterKeyFileEnvironment).c_str());
  if (env && *env) return env;
  return std::string(kDefaultMasterKeyFile);
}

base::Result<Key> LoadMasterKeyFile(const std::string& path) {
  struct stat info;
  if (::stat(path.c_str(), &info) != 0) {
    if (errno == ENOENT) {
      return base::NotFound("主密钥文件 " + path + " 不存在（可用环境变量 " +
                            std::string(kMasterKeyFileEnvironment) + " 指定位置）");
    }
    return base::Unavailable("无法读取主密钥文件 " + path + "：" + std::strerror(errno));
  }
  if (info.st_mode & 077) {
    return base::FailedPrecondition("主密钥文件 " + path +
                                    " 的权限过宽，其他用户可读；请执行 chmod 600 " + path);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return base::Unavailable("无法读取主密钥文件 " + path);
  std::stringstream text;
  text << in.rdbuf();
  std::string contents = text.str();
  auto key = Parse(contents, path);
  sodium_memzero(contents.data(), contents.size());
  return key;
}

base::Status WriteMasterKeyFile(const std::string& path, const Key& key) {
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  std::error_code ec;
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  // Written under a temporary name and linked into place, so a reader never sees half a file
  // and a concurrent creator loses cleanly (link fails with EEXIST).
  const std::string temp = path + ".tmp." + std::to_string(::getpid()) + "." +
                           std::to_string(randombytes_uniform(1000000));
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    return base::Unavailable("无法创建主密钥文件 " + path + "：" + std::strerror(errno));
  }
  std::string text = Serialize(key);
  bool written = ::write(fd, text.data(), text.size()) == ssize_t(text.size()) && ::fsync(fd) == 0;
  sodium_memzero(text.data(), text.size());
  ::close(fd);
  if (!written) {
    ::unlink(temp.c_str());
    return base::Unavailable("无法写入主密钥文件 " + path);
  }
  int linked = ::link(temp.c_str(), path.c_str());
  int link_errno = errno;
  ::unlink(temp.c_str());
  if (linked != 0) {
    if (link_errno == EEXIST) return base::AlreadyExists("主密钥文件 " + path + " 已存在");
    return base::Unavailable("无法创建主密钥文件 " + path + "：" + std::strerror(link_errno));
  }
  return base::Status::Ok();
}

base::Result<Key> LoadOrCreateMasterKeyFile(const std::string& path) {
  auto loaded = LoadMasterKeyFile(path);
  if (loaded.ok() || loaded.status().code() != base::StatusCode::kNotFound) return loaded;
  Key fresh = RandomKey();
  base::Status written = WriteMasterKeyFile(path, fresh);
  sodium_memzero(fresh.data(), fresh.size());
  if (!written.ok() && written.code() != base::StatusCode::kAlreadyExists) return written;
  return LoadMasterKeyFile(path);
}

}  // namespace xr::crypto
