// A stand-alone server for comparing handler dispatch modes with wrk (no database):
//   bench_http_server PORT pool|inline [THREADS]
// Routes: /api/version (cheap), /api/db (handler blocks 2 ms, like a database query).
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <thread>

#include "http/routes/system_routes.h"
#include "http/server.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: bench_http_server PORT pool|inline [THREADS]\n";
    return 2;
  }
  xr::http::Router router;
  xr::http::AddSystemRoutes(router, xr::http::CompiledVersionInfo());
  router.Add(xr::http::Method::kGet, "/api/db", [](xr::http::Request&) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    return xr::http::Response::Text(200, "row");
  });
  xr::http::ServerOptions options;
  options.port = static_cast<std::uint16_t>(std::atoi(argv[1]));
  options.handlers_on_io_threads = std::strcmp(argv[2], "inline") == 0;
  if (argc > 3) options.threads = std::strtoul(argv[3], nullptr, 10);
  auto status = xr::http::Server(options, router).Run();
  if (!status.ok()) std::cerr << status.ToString() << "\n";
  return status.ok() ? 0 : 1;
}
