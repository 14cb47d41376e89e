#pragma once
// HttpClient: a small blocking HTTP/1.1 client for tests that talk to a real server on
// loopback (standalone asio underneath; no server library).
//
//   xr::testing::HttpClient client("127.0.0.1", port);
//   auto r = client.Post("/api/session", R"({"username":"a","password":"b"})");
//   ASSERT_EQ(r.status, 200) << r.body;
//   client.SetDefaultHeader("Authorization", "Bearer " + token);
//   auto me = client.Get("/api/me");
//   EXPECT_EQ(me.Header("content-type"), "application/json; charset=utf-8");
//
// - A transport failure (refused, reset, timeout) gives status 0 and a message in `error`;
//   nothing throws.
// - By default every request uses a fresh connection ("Connection: close"). SetKeepAlive(true)
//   reuses one connection and reconnects transparently if the server closed it.
// - Post/Put/Patch send "Content-Type: application/json" unless the caller passes one.
// - The path is sent verbatim (no normalisation), so tests can send "/%2e%2e/etc/passwd".
// - Bodies are read by Content-Length, chunked encoding, or until the server closes.
// Not thread-safe: use one client per thread.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace xr::testing {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpResponse {
  int status = 0;       // 0 = no HTTP response (see error)
  std::string error;    // transport error, empty on success
  HttpHeaders headers;  // in order received
  std::string body;

  // The first header with this name (case-insensitive), or nullopt.
  std::optional<std::string> Header(std::string_view name) const;
};

class HttpClient {
 public:
  HttpClient(std::string host, std::uint16_t port);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;
  HttpClient(HttpClient&&) noexcept;
  HttpClient& operator=(HttpClient&&) noexcept;

  void SetKeepAlive(bool keep_alive);
  void SetTimeout(std::chrono::milliseconds timeout);  // per request; default 10 s
  // Sent with every request (unless the request passes the same header).
  void SetDefaultHeader(std::string name, std::string value);

  HttpResponse Get(std::string_view path, const HttpHeaders& headers = {});
  HttpResponse Head(std::string_view path, const HttpHeaders& headers = {});
  HttpResponse Delete(std::string_view path, const HttpHeaders& headers = {});
  HttpResponse Post(std::string_view path, std::string_view body, const HttpHeaders& headers = {});
  HttpResponse Put(std::string_view path, std::string_view body, const HttpHeaders& headers = {});
  HttpResponse Patch(std::string_view path, std::string_view body, const HttpHeaders& headers = {});
  HttpResponse Request(std::string_view method, std::string_view path, std::string_view body = {},
                       const HttpHeaders& headers = {});
  // Writes `bytes` verbatim on a fresh connection and reads one response (for malformed input).
  HttpResponse SendRaw(std::string_view bytes, bool expect_body = true);

  // Closes the kept-alive connection, if any.
  void Close();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace xr::testing
