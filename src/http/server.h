#pragma once
// Server: the HTTP server (RESTinio on standalone asio, hidden in server.cc).
//
// Run() listens, then blocks until Stop() or SIGTERM/SIGINT. Each request is parsed on an I/O
// thread and handed to a pool of `threads` handler threads (handlers are synchronous and may
// block on the database); the response is written back asynchronously. See Dispatcher for what
// a request gets (routes, static files, 404/405/413/500, security headers, access log).
//
// Graceful shutdown: on Stop()/signal the listening socket is closed at once (new connections
// are refused), requests already received run to completion and their responses are written
// (with "Connection: close"), bounded by `shutdown_grace`; then Run() returns OK so the caller
// can close the database. A Server runs at most once.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "base/status.h"
#include "http/dispatcher.h"
#include "http/router.h"

namespace xr::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 = any free port (reported to on_listening)
  std::string web_dir;        // built SPA (web/dist); empty = API only
  std::size_t max_body_bytes = kDefaultMaxBodyBytes;  // larger → 413 JSON
  // Bodies above this are not even buffered: the connection is closed once the headers arrive
  // (RESTinio limit). Between max_body_bytes and this, the client gets the 413 JSON answer.
  std::size_t max_body_hard_bytes = kUploadMaxBodyBytes + (1 << 20);
  std::chrono::seconds read_timeout{30};    // idle keep-alive / slow request upload
  std::chrono::seconds handle_timeout{60};  // handler must answer within this
  std::chrono::seconds write_timeout{30};
  std::chrono::seconds shutdown_grace{10};  // wait for in-flight requests on Stop()
  std::size_t threads = 4;                  // handler threads
  std::size_t io_threads = 1;               // asio threads (parsing, writing)
  // Benchmark switch: run handlers directly on `threads` I/O threads instead of a separate
  // pool (see bench/README.md for why the pool is the default).
  bool handlers_on_io_threads = false;
  bool handle_signals = true;  // SIGTERM/SIGINT → Stop()
};

class Server {
 public:
  // `router` must outlive the server and not change while it runs.
  Server(ServerOptions options, const Router& router);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Blocks. on_listening(port) is called once the socket listens. Errors: Unavailable when the
  // address cannot be bound; FailedPrecondition on a second Run().
  base::Status Run(std::function<void(std::uint16_t bound_port)> on_listening = {});
  // Thread-safe and idempotent; may be called before Run() (then Run() returns right after
  // listening).
  void Stop();

  class Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace xr::http
