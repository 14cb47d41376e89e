#include "app/server_fixture.h"

#include <unistd.h>

#include <future>
#include <nlohmann/json.hpp>

namespace xr::testing {

const std::map<std::string, std::string>& ServerTest::Accounts() {
  static const std::map<std::string, std::string> kAccounts = {
      {"admin", "sysadmin"},      {"security", "secadmin"},          {"auditor", "auditadmin"},
      {"ganbu", "cadre_officer"}, {"dongcheng", "district_officer"}, {"lingdao", "leader"},
  };
  return kAccounts;
}

void ServerTest::SetUp() {
  DatabaseTest::SetUp();
  if (HasFatalFailure()) return;
  ASSERT_TRUE(store::Migrate(db(), app::AllMigrations(), clock_).ok());
  // The record's keys for this process: a temporary file, never data/.
  ::setenv("XUANREN_AUDIT_KEY_FILE",
           ("/tmp/xr-server-test-audit-" + std::to_string(::getpid()) + ".key").c_str(), 1);
  ::setenv("XUANREN_MASTER_KEY_FILE",
           ("/tmp/xr-server-test-master-" + std::to_string(::getpid()) + ".key").c_str(), 1);
  application_ = std::make_unique<app::Application>(db(), clock_);
  city_ = demo::BuildDemoCity(200, 1, clock_.Now().ShanghaiDate());
  ASSERT_TRUE(demo::SeedDemoCity(db(), city_, clock_.Now(), application_->audit_log(),
                                 app::CliOperator(), &application_->keyring())
                  .ok());
  for (const auto& [name, role] : Accounts()) {
    access::NewUser user{name, "", kPassword, {role}, std::nullopt, false};
    ASSERT_TRUE(application_->users().Add(app::CliOperator(), user).ok()) << name;
  }
  application_->AddRoutes(router_);
  http::ServerOptions options;
  options.port = 0;
  options.handle_signals = false;
  server_ = std::make_unique<http::Server>(options, router_);
  std::promise<std::uint16_t> listening;
  thread_ = std::thread([&] {
    base::Status status = server_->Run([&](std::uint16_t port) { listening.set_value(port); });
    if (!status.ok()) listening.set_value(0);
  });
  port_ = listening.get_future().get();
  ASSERT_NE(port_, 0);
}

void ServerTest::TearDown() {
  if (server_) server_->Stop();
  if (thread_.joinable()) thread_.join();
  // Before the database: stopping the application waits for its background jobs.
  application_.reset();
  DatabaseTest::TearDown();
}

std::string ServerTest::TokenFor(const std::string& username) {
  if (auto it = tokens_.find(username); it != tokens_.end()) return it->second;
  HttpClient client = Client();
  HttpResponse r = client.Post(
      "/api/session", nlohmann::json{{"username", username}, {"password", kPassword}}.dump());
  EXPECT_EQ(r.status, 200) << username << ": " << r.body;
  if (r.status != 200) return "";
  return tokens_[username] = nlohmann::json::parse(r.body)["token"].get<std::string>();
}

HttpClient ServerTest::ClientAs(const std::string& username) {
  HttpClient client = Client();
  if (!username.empty()) client.SetDefaultHeader("Authorization", "Bearer " + TokenFor(username));
  return client;
}

}  // namespace xr::testing
