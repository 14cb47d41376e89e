#pragma once
// Running the xuanren binary from a test as an operator would — its combined output and exit
// code — in a workspace of its own (a directory with a SQLite database, the key files and demo
// data), so no test touches data/ of the working directory.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>

namespace xr::testing {

struct CommandRun {
  int exit_code = 0;
  std::string output;  // standard output, and standard error unless discarded
};

enum class Stderr { kMerged, kDiscarded };

// `binary args`, with `prefix` before it (environment assignments, "printf … |"); standard
// input is empty unless the prefix pipes something in. kDiscarded keeps standard output alone,
// for commands whose output lines are a contract (progress goes to standard error).
inline CommandRun RunCommand(const std::string& binary, const std::string& args,
                             const std::string& prefix = "", Stderr stderr_to = Stderr::kMerged) {
  const std::string command = prefix + " " + binary + " " + args +
                              (stderr_to == Stderr::kMerged ? " 2>&1" : " 2>/dev/null") +
                              (prefix.find('|') == std::string::npos ? " </dev/null" : "");
  CommandRun run;
  FILE* pipe = popen(command.c_str(), "r");
  std::array<char, 4096> buffer;
  while (size_t n = fread(buffer.data(), 1, buffer.size(), pipe)) {
    run.output.append(buffer.data(), n);
  }
  run.exit_code = WEXITSTATUS(pclose(pipe));
  return run;
}

inline std::string ReadFileBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// A fresh directory under the system temp directory named `name`-<pid>-`suffix`, the
// `--db sqlite:…` option for a database in it, and the audit and master key files pointed there.
struct CliWorkspace {
  std::filesystem::path dir;
  std::string db;  // "--db sqlite:DIR/x.db"

  void Create(const std::string& name, const std::string& suffix = "") {
    dir = std::filesystem::temp_directory_path() /
          (name + "-" + std::to_string(::getpid()) + (suffix.empty() ? "" : "-" + suffix));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    db = "--db sqlite:" + (dir / "x.db").string();
    ::setenv("XUANREN_AUDIT_KEY_FILE", (dir / "audit.key").c_str(), 1);
    ::setenv("XUANREN_MASTER_KEY_FILE", (dir / "master.key").c_str(), 1);
  }
  // Create, then `xuanren demo --cadres N` into the database (a test failure when it fails).
  void CreateWithDemo(const std::string& binary, const std::string& name, int cadres,
                      const std::string& suffix = "") {
    Create(name, suffix);
    const CommandRun demo =
        RunCommand(binary, "demo --cadres " + std::to_string(cadres) + " " + db);
    ASSERT_EQ(demo.exit_code, 0) << demo.output;
  }
  void Remove() const { std::filesystem::remove_all(dir); }
};

// The current test's name, for per-test workspaces.
inline std::string CurrentTestName() {
  return ::testing::UnitTest::GetInstance()->current_test_info()->name();
}

// A fixture whose every test gets its own workspace with `cadres` demo cadres (dir_, db_),
// removed afterwards.
class CliWorkspaceTest : public ::testing::Test {
 protected:
  CliWorkspaceTest(std::string binary, std::string name, int cadres)
      : binary_(std::move(binary)), name_(std::move(name)), cadres_(cadres) {}
  void SetUp() override {
    workspace_.CreateWithDemo(binary_, name_, cadres_, CurrentTestName());
    dir_ = workspace_.dir;
    db_ = workspace_.db;
  }
  void TearDown() override { workspace_.Remove(); }

  std::filesystem::path dir_;
  std::string db_;

 private:
  std::string binary_;
  std::string name_;
  int cadres_;
  CliWorkspace workspace_;
};

}  // namespace xr::testing
