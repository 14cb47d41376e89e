#pragma once
// A real xuanren server on loopback over a fresh database (each engine), with the demo city,
// its roles, and one signed-in account per role — for tests of the HTTP API as users see it.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <thread>

#include "app/application.h"
#include "demo/demo_city.h"
#include "http/server.h"
#include "testing/http_client.h"
#include "testing/test_database.h"

namespace xr::testing {

class ServerTest : public DatabaseTest {
 protected:
  static constexpr const char* kPassword = "Ganbu2026!";
  // username → role of the accounts every ServerTest has (none must change its password).
  static const std::map<std::string, std::string>& Accounts();

  void SetUp() override;
  void TearDown() override;

  HttpClient Client() { return HttpClient("127.0.0.1", port_); }
  // A bearer token for `username`, signed in once per test.
  std::string TokenFor(const std::string& username);
  // A client that sends `username`'s bearer token; anonymous for "".
  HttpClient ClientAs(const std::string& username);

  base::FakeClock clock_{*base::Timestamp::Parse("2026-11-27T01:00:00Z")};
  demo::DemoCity city_;
  std::unique_ptr<app::Application> application_;
  http::Router router_;
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
  std::uint16_t port_ = 0;
  std::map<std::string, std::string> tokens_;
};

}  // namespace xr::testing
