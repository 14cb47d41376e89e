#include "test_database.h"

#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>

#include "store/postgres/postgres_database.h"

namespace xr::testing {
namespace {

bool SqliteOnly() {
  const char* v = std::getenv("XUANREN_TEST_SQLITE_ONLY");
  return v != nullptr && std::string(v) == "1";
}

constexpr char kHowToRunPostgres[] =
    " Run the tests through ctest (it starts a throwaway server), or start one yourself:\n"
    "  tests/testing/pg_server start /tmp/xr-pg && "
    "export XUANREN_TEST_PG_URL_FILE=/tmp/xr-pg/url\n"
    "or set XUANREN_TEST_SQLITE_ONLY=1 to test on SQLite only.";

base::Result<std::string> ServerUrl() {
  const char* file = std::getenv("XUANREN_TEST_PG_URL_FILE");
  if (file == nullptr || *file == '\0') {
    return base::Unavailable(std::string("PostgreSQL tests need a server but "
                                         "XUANREN_TEST_PG_URL_FILE is not set.") +
                             kHowToRunPostgres);
  }
  std::ifstream in(file);
  std::string url;
  if (!in || !std::getline(in, url) || url.empty()) {
    return base::Unavailable(std::string("cannot read a PostgreSQL URL from ") + file +
                             " (XUANREN_TEST_PG_URL_FILE); is the test server running?" +
                             kHowToRunPostgres);
  }
  while (!url.empty() && std::isspace(static_cast<unsigned char>(url.back()))) url.pop_back();
  return url;
}

// postgresql://user@host:port/OLD?x=y → …/NAME?x=y
std::string WithDatabase(const std::string& url, const std::string& name) {
  size_t start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  size_t slash = url.find('/', start);
  size_t query = url.find('?', start);
  std::string head = url.substr(0, std::min(slash, query));
  std::string tail = query == std::string::npos ? "" : url.substr(query);
  return head + "/" + name + tail;
}

// Drops test databases on a background thread: DROP DATABASE waits (in 100 ms steps) for the
// closed connections' server processes to exit, which would otherwise slow every test down.
// Pending drops finish before the process exits.
class Dropper {
 public:
  static Dropper& Get() {
    static Dropper dropper;
    return dropper;
  }
  void Drop(std::string server, std::string name) {
    std::lock_guard lock(mu_);
    queue_.emplace_back(std::move(server), std::move(name));
    cv_.notify_one();
  }
  ~Dropper() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
      cv_.notify_one();
    }
    thread_.join();
  }

 private:
  Dropper() : thread_([this] { Run(); }) {}
  void Run() {
    std::unique_lock lock(mu_);
    for (;;) {
      cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
      if (queue_.empty()) return;
      auto [server, name] = std::move(queue_.front());
      queue_.pop_front();
      lock.unlock();
      base::Status s = store::postgres::ExecuteAdmin(
          server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      if (!s.ok()) std::cerr << "warning: could not drop " << name << ": " << s.ToString() << "\n";
      lock.lock();
    }
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::pair<std::string, std::string>> queue_;
  bool stop_ = false;
  std::thread thread_;
};

// The Database handed to a test: forwards everything and deletes the storage when destroyed.
class ScratchDatabase final : public store::Database {
 public:
  ScratchDatabase(std::unique_ptr<store::Database> inner, Engine engine, std::string url,
                  std::string cleanup)
      : inner_(std::move(inner)),
        engine_(engine),
        url_(std::move(url)),
        cleanup_(std::move(cleanup)) {}
  ~ScratchDatabase() override {
    inner_->Close();
    inner_.reset();
    if (engine_ == Engine::kSqlite) {
      std::error_code ec;
      std::filesystem::remove_all(cleanup_, ec);
    } else {
      base::Result<std::string> server = ServerUrl();
      if (server.ok()) Dropper::Get().Drop(std::move(server).value(), cleanup_);
    }
  }

  store::Dialect dialect() const override { return inner_->dialect(); }
  std::string description() const override { return inner_->description(); }
  base::Status Transact(store::TxMode mode, const store::TransactionWork& work) override {
    return inner_->Transact(mode, work);
  }
  void Close() override { inner_->Close(); }
  Stats stats() const override { return inner_->stats(); }

  const std::string& url() const { return url_; }

 private:
  std::unique_ptr<store::Database> inner_;
  Engine engine_;
  std::string url_;
  std::string cleanup_;  // SQLite: the temporary directory; PostgreSQL: the database name
};

base::Result<std::unique_ptr<store::Database>> CreateSqlite(const store::OpenOptions& options) {
  std::string pattern = (std::filesystem::temp_directory_path() / "xr-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    return base::Unavailable("cannot create a temporary directory from " + pattern);
  }
  std::string url = "sqlite:" + (std::filesystem::path(pattern) / "test.db").string();
  auto db = store::OpenDatabase(url, options);
  if (!db.ok()) {
    std::error_code ec;
    std::filesystem::remove_all(pattern, ec);
    return db.status();
  }
  return std::unique_ptr<store::Database>(
      std::make_unique<ScratchDatabase>(std::move(db).value(), Engine::kSqlite, url, pattern));
}

base::Result<std::unique_ptr<store::Database>> CreatePostgres(const store::OpenOptions& options) {
  ASSIGN_OR_RETURN(std::string server, ServerUrl());
  Dropper::Get();  // constructed before any ScratchDatabase, so destroyed after all of them
  static std::atomic<int> counter{0};
  std::random_device rd;
  std::ostringstream name;
  name << "xrt_" << getpid() << "_" << counter.fetch_add(1) << "_" << std::hex << (rd() & 0xffff);
  base::Status created = store::postgres::ExecuteAdmin(
      server, "CREATE DATABASE " + name.str() + " TEMPLATE template0 STRATEGY FILE_COPY");
  if (!created.ok()) {
    return base::Unavailable("cannot create a test database on the PostgreSQL test server (" +
                             created.ToString() + ")." + kHowToRunPostgres);
  }
  std::string url = WithDatabase(server, name.str());
  auto db = store::OpenDatabase(url, options);
  if (!db.ok()) {
    (void)store::postgres::ExecuteAdmin(server, "DROP DATABASE IF EXISTS " + name.str());
    return db.status();
  }
  return std::unique_ptr<store::Database>(
      std::make_unique<ScratchDatabase>(std::move(db).value(), Engine::kPostgres, url, name.str()));
}

}  // namespace

std::vector<Engine> AllEngines() {
  if (SqliteOnly()) return {Engine::kSqlite};
  return {Engine::kSqlite, Engine::kPostgres};
}

std::string EngineString(Engine engine) {
  return engine == Engine::kSqlite ? "sqlite" : "postgres";
}

std::string EngineName(const ::testing::TestParamInfo<Engine>& info) {
  return EngineString(info.param);
}

void PrintTo(Engine engine, std::ostream* os) { *os << EngineString(engine); }

base::Result<std::unique_ptr<store::Database>> CreateTestDatabase(
    Engine engine, const store::OpenOptions& options) {
  return engine == Engine::kSqlite ? CreateSqlite(options) : CreatePostgres(options);
}

base::Result<std::unique_ptr<store::Database>> OpenAnotherHandle(
    const store::Database& test_db, const store::OpenOptions& options) {
  const auto* scratch = dynamic_cast<const ScratchDatabase*>(&test_db);
  if (scratch == nullptr) {
    return base::InvalidArgument("OpenAnotherHandle needs a database from CreateTestDatabase");
  }
  return store::OpenDatabase(scratch->url(), options);
}

void DatabaseTest::SetUp() {
  auto db = CreateTestDatabase(GetParam(), options_);
  ASSERT_TRUE(db.ok()) << "no test database for " << EngineString(GetParam()) << ": "
                       << db.status().ToString();
  database_ = std::move(db).value();
}

base::Status DatabaseTest::Script(std::string_view sqlite, std::string_view postgres) {
  return db().Transact(store::TxMode::kWrite, [&](store::Transaction& tx) {
    return tx.ExecuteScript(tx.dialect() == store::Dialect::kSqlite ? sqlite : postgres);
  });
}

std::int64_t DatabaseTest::Count(const std::string& sql) {
  auto n = db().TransactValue<std::int64_t>(
      store::TxMode::kRead, [&](store::Transaction& tx) { return tx.QueryInt(sql); });
  EXPECT_TRUE(n.ok()) << n.status().ToString();
  return n.ok() ? *n : -1;
}

std::vector<std::string> DatabaseTest::AuditDetails(std::string_view action) {
  auto rows = db().TransactValue<store::Rows>(store::TxMode::kRead, [&](store::Transaction& tx) {
    return tx.Query("SELECT details FROM audit_entries WHERE action = ? ORDER BY idx", {action});
  });
  EXPECT_TRUE(rows.ok()) << rows.status().ToString();
  std::vector<std::string> out;
  if (rows.ok()) {
    for (const store::Row& row : *rows) out.push_back(row.Text(0));
  }
  return out;
}

}  // namespace xr::testing
