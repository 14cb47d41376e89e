// The only translation unit that includes RESTinio (≈25 s to compile): keep it small.
#include "http/server.h"

#include <spdlog/spdlog.h>

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <future>
#include <mutex>
#include <restinio/all.hpp>
#include <thread>
#include <vector>

#include "http/url.h"

namespace xr::http {
namespace {

using Traits = restinio::default_traits_t;  // thread-safe (strands): several I/O threads
using RestinioRequest = restinio::request_handle_t;

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 206:
      return "Partial Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 307:
      return "Temporary Redirect";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 413:
      return "Payload Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Entity";
    case 423:
      return "Locked";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    default:
      return "Status";
  }
}

Method ToMethod(restinio::http_method_id_t m) {
  if (m == restinio::http_method_get()) return Method::kGet;
  if (m == restinio::http_method_head()) return Method::kHead;
  if (m == restinio::http_method_post()) return Method::kPost;
  if (m == restinio::http_method_put()) return Method::kPut;
  if (m == restinio::http_method_patch()) return Method::kPatch;
  if (m == restinio::http_method_delete()) return Method::kDelete;
  if (m == restinio::http_method_options()) return Method::kOptions;
  return Method::kOther;
}

}  // namespace

class Server::Impl {
 public:
  Impl(ServerOptions options, const Router& router)
      : options_(std::move(options)),
        dispatcher_(router, options_.web_dir, options_.max_body_bytes) {}

  base::Status Run(const std::function<void(std::uint16_t)>& on_listening);
  void Stop() {
    std::lock_guard lock(mutex_);
    stop_requested_ = true;
    cv_.notify_all();
  }

 private:
  restinio::request_handling_status_t OnRequest(RestinioRequest req);
  void Respond(const RestinioRequest& req, std::chrono::steady_clock::time_point received);
  void Finished() {
    std::lock_guard lock(mutex_);
    if (--in_flight_ == 0) cv_.notify_all();
  }

  ServerOptions options_;
  Dispatcher dispatcher_;
  std::unique_ptr<asio::thread_pool> pool_;
  std::atomic<bool> stopping_{false};
  bool ran_ = false;

  std::mutex mutex_;
  std::condition_variable cv_;
  bool stop_requested_ = false;
  std::size_t in_flight_ = 0;
};

restinio::request_handling_status_t Server::Impl::OnRequest(RestinioRequest req) {
  auto received = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(mutex_);
    ++in_flight_;
  }
  if (pool_) {
    asio::post(*pool_, [this, req = std::move(req), received] { Respond(req, received); });
  } else {
    Respond(req, received);
  }
  return restinio::request_accepted();
}

void Server::Impl::Respond(const RestinioRequest& req,
                           std::chrono::steady_clock::time_point received) {
  bool finish_pending = true;
  try {
    Request request;
    const auto& header = req->header();
    request.method = ToMethod(header.method());
    auto [path, query] = SplitTarget(header.request_target());
    request.path = std::string(path);
    request.query = ParseQuery(query);
    request.headers.reserve(header.fields_count());
    header.for_each_field(
        [&](const auto& f) { request.headers.emplace_back(f.name(), f.value()); });
    request.body = req->body();
    request.remote_address = req->remote_endpoint().address().to_string();

    Response response = dispatcher_.Handle(request, received);

    auto builder = req->create_response<restinio::user_controlled_output_t>(
        restinio::http_status_line_t(restinio::http_status_code_t(std::uint16_t(response.status)),
                                     std::string(ReasonPhrase(response.status))));
    builder.append_header_date_field();
    if (!response.content_type.empty()) {
      builder.append_header(restinio::http_field::content_type, response.content_type);
    }
    for (auto& [name, value] : response.headers) builder.append_header(name, value);
    bool no_body =
        request.method == Method::kHead || response.status == 204 || response.status == 304;
    builder.set_content_length(response.status == 204 ? 0 : response.body.size());
    if (!no_body) builder.set_body(std::move(response.body));
    if (stopping_.load()) builder.connection_close();
    finish_pending = false;
    builder.done([this](const asio::error_code&) { Finished(); });
  } catch (const std::exception& e) {
    spdlog::error("HTTP response failed: {}", e.what());
    if (finish_pending) Finished();
  }
}

base::Status Server::Impl::Run(const std::function<void(std::uint16_t)>& on_listening) {
  {
    std::lock_guard lock(mutex_);
    if (ran_) return base::FailedPrecondition("服务器只能运行一次");
    ran_ = true;
  }
  asio::io_context io_context;
  std::uint16_t bound_port = 0;

  restinio::server_settings_t<Traits> settings;
  settings.address(options_.host)
      .port(options_.port)
      .read_next_http_message_timelimit(options_.read_timeout)
      .write_http_response_timelimit(options_.write_timeout)
      .handle_request_timeout(options_.handle_timeout)
      .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}.max_body_size(
          std::max(options_.max_body_hard_bytes, options_.max_body_bytes)))
      .acceptor_post_bind_hook(
          [&bound_port](asio::ip::tcp::acceptor& a) { bound_port = a.local_endpoint().port(); })
      .request_handler([this](RestinioRequest req) { return OnRequest(std::move(req)); });

  restinio::http_server_t<Traits> server(restinio::external_io_context(io_context),
                                         std::move(settings));
  try {
    server.open_sync();
  } catch (const std::exception& e) {
    return base::Unavailable("无法监听 " + options_.host + ":" + std::to_string(options_.port) +
                             "：" + e.what());
  }

  asio::signal_set signals(io_context);
  if (options_.handle_signals) {
    signals.add(SIGTERM);
    signals.add(SIGINT);
    signals.async_wait([this](const asio::error_code& ec, int signal) {
      if (ec) return;
      spdlog::info("received signal {}, shutting down", signal);
      Stop();
    });
  }

  std::size_t handler_threads = std::max<std::size_t>(1, options_.threads);
  std::size_t io_threads = options_.handlers_on_io_threads
                               ? handler_threads
                               : std::max<std::size_t>(1, options_.io_threads);
  if (!options_.handlers_on_io_threads)
    pool_ = std::make_unique<asio::thread_pool>(handler_threads);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < io_threads; ++i) {
    threads.emplace_back([&io_context] {
      for (;;) {
        try {
          io_context.run();
          return;
        } catch (const std::exception& e) {
          spdlog::error("HTTP I/O thread: {}", e.what());
        }
      }
    });
  }
  spdlog::info("listening on http://{}:{}", options_.host, bound_port);
  if (on_listening) on_listening(bound_port);

  std::unique_lock lock(mutex_);
  cv_.wait(lock, [&] { return stop_requested_; });
  lock.unlock();

  // 1. Refuse new connections.
  stopping_ = true;
  std::promise<void> closed;
  server.close_async([&closed] { closed.set_value(); },
                     [&closed](std::exception_ptr) { closed.set_value(); });
  closed.get_future().wait();
  signals.cancel();
  // 2. Let requests already received finish, within the grace period.
  lock.lock();
  bool drained = cv_.wait_for(lock, options_.shutdown_grace, [&] { return in_flight_ == 0; });
  std::size_t abandoned = in_flight_;
  lock.unlock();
  if (!drained)
    spdlog::warn("shutdown: {} request(s) still running after the grace period", abandoned);
  // 3. Stop I/O and the handler pool.
  io_context.stop();
  for (auto& t : threads) t.join();
  if (pool_) {
    pool_->stop();
    pool_->join();
  }
  spdlog::info("HTTP server stopped");
  return base::Status::Ok();
}

Server::Server(ServerOptions options, const Router& router)
    : impl_(std::make_unique<Impl>(std::move(options), router)) {}
Server::~Server() { Stop(); }

base::Status Server::Run(std::function<void(std::uint16_t)> on_listening) {
  return impl_->Run(on_listening);
}

void Server::Stop() { impl_->Stop(); }

}  // namespace xr::http
