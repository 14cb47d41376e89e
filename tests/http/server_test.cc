#include "http/server.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>
#include <thread>

#include "http/access_log.h"
#include "http/json.h"
#include "http/routes/system_routes.h"
#include "testing/http_client.h"

namespace xr::http {
namespace {

using testing::HttpClient;
using testing::HttpResponse;
using namespace std::chrono_literals;

// Runs a Server on a free port in a background thread.
class RunningServer {
 public:
  RunningServer(const Router& router, ServerOptions options = {}) {
    options.port = 0;
    server_ = std::make_unique<Server>(options, router);
    std::promise<std::uint16_t> listening;
    auto port = listening.get_future();
    thread_ = std::thread([this, &listening] {
      result_ = server_->Run([&listening](std::uint16_t p) { listening.set_value(p); });
      if (!result_.ok()) listening.set_value(0);
    });
    port_ = port.get();
  }
  ~RunningServer() {
    server_->Stop();
    if (thread_.joinable()) thread_.join();
  }
  std::uint16_t port() const { return port_; }
  Server& server() { return *server_; }
  base::Status Join() {
    thread_.join();
    return result_;
  }

 private:
  std::unique_ptr<Server> server_;
  std::thread thread_;
  std::uint16_t port_ = 0;
  base::Status result_;
};

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    AddSystemRoutes(router_, VersionInfo{"0.1.0", "abc1234", "2026-11-27T12:00:00Z"});
    router_.Add(Method::kPost, "/api/echo", [](Request& r) {
      return Response{200, "application/octet-stream", r.body, {}};
    });
    router_.Add(Method::kGet, "/api/me", [](Request& r) {
      r.user = "zhangsan";
      return JsonResponse(200, Json{{"username", r.user}, {"q", r.QueryParam("q").value_or("")}});
    });
    router_.Add(Method::kGet, "/api/boom", [](Request&) -> Response {
      throw std::runtime_error("sqlite password=hunter2 at /var/lib/db");
    });
    router_.Add(Method::kGet, "/api/slow", [this](Request&) {
      slow_started_ = true;
      std::this_thread::sleep_for(300ms);
      return Response::Text(200, "slow done");
    });
    router_.Add(Method::kGet, "/api/cadres/{id:int}",
                [](Request& r) { return Response::Text(200, "cadre " + r.path_params["id"]); });
    log_sink_ = std::make_shared<spdlog::sinks::ostream_sink_mt>(log_);
    log_sink_->set_pattern("%v");
    AccessLogger()->sinks().push_back(log_sink_);
  }
  void TearDown() override {
    auto& sinks = AccessLogger()->sinks();
    sinks.erase(std::remove(sinks.begin(), sinks.end(), log_sink_), sinks.end());
  }

  static Json Body(const HttpResponse& r) { return Json::parse(r.body); }

  Router router_;
  std::atomic<bool> slow_started_{false};
  std::ostringstream log_;
  std::shared_ptr<spdlog::sinks::ostream_sink_mt> log_sink_;
};

TEST_F(ServerTest, HealthzAndVersion) {
  RunningServer s(router_);
  ASSERT_NE(s.port(), 0);
  HttpClient c("127.0.0.1", s.port());
  HttpResponse h = c.Get("/healthz");
  ASSERT_EQ(h.status, 200) << h.error;
  EXPECT_EQ(h.body, "ok");
  EXPECT_EQ(h.Header("content-type"), "text/plain; charset=utf-8");
  EXPECT_EQ(h.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(h.Header("x-frame-options"), "DENY");
  EXPECT_EQ(h.Header("referrer-policy"), "same-origin");
  EXPECT_TRUE(h.Header("date").has_value());
  HttpResponse v = c.Get("/api/version");
  ASSERT_EQ(v.status, 200);
  EXPECT_EQ(Body(v),
            (Json{{"version", "0.1.0"}, {"commit", "abc1234"}, {"built", "2026-11-27T12:00:00Z"}}));
}

TEST_F(ServerTest, CompiledVersionComesFromCMake) {
  VersionInfo v = CompiledVersionInfo();
  EXPECT_EQ(v.version, "0.1.0");
  EXPECT_FALSE(v.commit.empty());
  EXPECT_EQ(v.built.size(), 20u);
}

TEST_F(ServerTest, ErrorsAreJson) {
  RunningServer s(router_);
  HttpClient c("127.0.0.1", s.port());
  HttpResponse nf = c.Get("/api/nothing/here");
  EXPECT_EQ(nf.status, 404);
  EXPECT_EQ(nf.Header("content-type"), "application/json; charset=utf-8");
  EXPECT_EQ(Body(nf)["error"]["code"], "NOT_FOUND");
  // Without a web directory, page paths are 404 JSON as well.
  EXPECT_EQ(c.Get("/cadres").status, 404);
  HttpResponse na = c.Delete("/api/version");
  EXPECT_EQ(na.status, 405);
  EXPECT_EQ(na.Header("allow"), "GET, HEAD");
  EXPECT_EQ(Body(na)["error"]["code"], "METHOD_NOT_ALLOWED");
  HttpResponse boom = c.Get("/api/boom");
  EXPECT_EQ(boom.status, 500);
  EXPECT_EQ(Body(boom), Json::parse(R"({"error":{"code":"INTERNAL","message":"服务器内部错误"}})"));
  EXPECT_EQ(boom.body.find("hunter2"), std::string::npos);
  EXPECT_EQ(c.Get("/api/cadres/17").body, "cadre 17");
}

TEST_F(ServerTest, BodyLimit) {
  ServerOptions options;
  options.max_body_hard_bytes = 16 << 20;
  RunningServer s(router_, options);
  HttpClient c("127.0.0.1", s.port());
  std::string ok(1 << 20, 'x');
  HttpResponse small = c.Post("/api/echo", ok, {{"Content-Type", "application/octet-stream"}});
  ASSERT_EQ(small.status, 200) << small.error;
  EXPECT_EQ(small.body.size(), ok.size());
  HttpResponse big = c.Post("/api/echo", ok + "y");
  ASSERT_EQ(big.status, 413) << big.error;
  EXPECT_EQ(Body(big)["error"]["code"], "INVALID_ARGUMENT");
  EXPECT_EQ(Body(big)["error"]["message"], "请求体过大（上限 1 MiB）");
  // Far beyond the hard limit the server does not buffer the body: the connection is dropped.
  HttpResponse huge = c.Post("/api/echo", std::string(40 << 20, 'z'));
  EXPECT_EQ(huge.status, 0);
  EXPECT_EQ(c.Get("/healthz").status, 200);
  // Uploads (LRMX files, zips, workbooks) may be larger than the general limit: past the size
  // check, this one reaches the router, which has no such route.
  HttpClient upload("127.0.0.1", s.port());
  EXPECT_EQ(upload.Post("/api/cadres/import/none", std::string(2 << 20, 'u')).status, 404);
}

TEST(ServerOptionsTest, UploadsFitUnderTheHardLimit) {
  EXPECT_GT(ServerOptions{}.max_body_hard_bytes, kUploadMaxBodyBytes);
}

TEST_F(ServerTest, HeadAndKeepAlive) {
  RunningServer s(router_);
  HttpClient c("127.0.0.1", s.port());
  c.SetKeepAlive(true);
  for (int i = 0; i < 5; ++i) {
    HttpResponse r = c.Get("/api/me?q=" + std::to_string(i));
    ASSERT_EQ(r.status, 200) << r.error;
    EXPECT_EQ(Body(r)["q"], std::to_string(i));
  }
  HttpResponse head = c.Head("/api/version");
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  EXPECT_NE(head.Header("content-length"), "0");
  EXPECT_EQ(c.Get("/healthz").body, "ok");
}

TEST_F(ServerTest, AccessLogHasOneLinePerRequestWithoutSecrets) {
  RunningServer s(router_);
  HttpClient c("127.0.0.1", s.port());
  log_.str("");
  HttpResponse r = c.Get("/api/me?token=querysecret",
                         {{"Authorization", "Bearer tokensecret"}, {"Cookie", "sid=cookiesecret"}});
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(c.Get("/api/nothing").status, 404);
  std::string text = log_.str();
  std::vector<Json> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(Json::parse(line));
  ASSERT_EQ(lines.size(), 2u) << text;
  EXPECT_EQ(lines[0]["method"], "GET");
  EXPECT_EQ(lines[0]["path"], "/api/me");
  EXPECT_EQ(lines[0]["status"], 200);
  EXPECT_EQ(lines[0]["user"], "zhangsan");
  EXPECT_EQ(lines[0]["ip"], "127.0.0.1");
  EXPECT_TRUE(lines[0]["ms"].is_number());
  EXPECT_EQ(lines[0]["t"].get<std::string>().size(), 24u);
  EXPECT_EQ(lines[1]["status"], 404);
  EXPECT_TRUE(lines[1]["user"].is_null());
  for (const char* secret : {"querysecret", "tokensecret", "cookiesecret", "Bearer"}) {
    EXPECT_EQ(text.find(secret), std::string::npos) << secret;
  }
}

TEST_F(ServerTest, ServesWebDirectory) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("xr_web_" + std::to_string(::getpid()));
  fs::create_directories(dir / "assets");
  std::ofstream(dir / "index.html") << "<html>spa</html>";
  std::ofstream(dir / "assets" / "app-1.js") << "js";
  ServerOptions options;
  options.web_dir = dir.string();
  {
    RunningServer s(router_, options);
    HttpClient c("127.0.0.1", s.port());
    HttpResponse page = c.Get("/cadres/42");
    EXPECT_EQ(page.status, 200);
    EXPECT_EQ(page.body, "<html>spa</html>");
    EXPECT_EQ(page.Header("cache-control"), "no-cache");
    HttpResponse js = c.Get("/assets/app-1.js");
    EXPECT_EQ(js.Header("cache-control"), "public, max-age=31536000, immutable");
    EXPECT_EQ(js.Header("content-type"), "text/javascript; charset=utf-8");
    HttpResponse head = c.Head("/assets/app-1.js");
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.Header("content-length"), "2");
    EXPECT_TRUE(head.body.empty());
    EXPECT_EQ(c.Get("/%2e%2e/%2e%2e/etc/passwd").status, 404);
    EXPECT_EQ(c.Get("/../../etc/passwd").status, 404);
    HttpResponse api = c.Get("/api/unknown");
    EXPECT_EQ(api.status, 404);
    EXPECT_EQ(Body(api)["error"]["code"], "NOT_FOUND");
    EXPECT_EQ(c.Get("/missing.js").status, 404);
  }
  fs::remove_all(dir);
}

void ExpectGracefulShutdown(ServerTest* t, RunningServer& s, const std::function<void()>& stop,
                            std::atomic<bool>& slow_started) {
  auto slow = std::async(std::launch::async, [port = s.port()] {
    HttpClient c("127.0.0.1", port);
    return c.Get("/api/slow");
  });
  while (!slow_started) std::this_thread::sleep_for(1ms);
  auto stop_requested = std::chrono::steady_clock::now();
  stop();
  std::this_thread::sleep_for(100ms);  // the slow handler is still sleeping
  HttpClient late("127.0.0.1", s.port());
  late.SetTimeout(2s);
  HttpResponse refused = late.Get("/healthz");
  EXPECT_EQ(refused.status, 0) << "new connection accepted after Stop()";
  HttpResponse done = slow.get();
  EXPECT_EQ(done.status, 200) << done.error;
  EXPECT_EQ(done.body, "slow done");
  EXPECT_EQ(done.Header("connection"), "close");
  EXPECT_TRUE(s.Join().ok());
  EXPECT_LT(std::chrono::steady_clock::now() - stop_requested, 5s);
  (void)t;
}

TEST_F(ServerTest, GracefulShutdownOnStop) {
  RunningServer s(router_);
  ExpectGracefulShutdown(
      this, s, [&] { s.server().Stop(); }, slow_started_);
}

TEST_F(ServerTest, GracefulShutdownOnSigterm) {
  RunningServer s(router_);
  ExpectGracefulShutdown(
      this, s, [] { ::kill(::getpid(), SIGTERM); }, slow_started_);
}

TEST_F(ServerTest, HandlersOnIoThreadsModeWorks) {
  ServerOptions options;
  options.handlers_on_io_threads = true;
  options.threads = 2;
  RunningServer s(router_, options);
  HttpClient c("127.0.0.1", s.port());
  EXPECT_EQ(c.Get("/healthz").body, "ok");
  EXPECT_EQ(c.Get("/api/boom").status, 500);
}

TEST_F(ServerTest, PortInUseIsUnavailable) {
  RunningServer first(router_);
  ServerOptions options;
  options.port = first.port();
  options.handle_signals = false;
  Server second(options, router_);
  base::Status st = second.Run();
  EXPECT_EQ(st.code(), base::StatusCode::kUnavailable) << st.ToString();
  EXPECT_EQ(second.Run().code(), base::StatusCode::kFailedPrecondition);
}

TEST_F(ServerTest, MalformedRequestDoesNotKillServer) {
  RunningServer s(router_);
  HttpClient c("127.0.0.1", s.port());
  HttpResponse r = c.SendRaw("GARBAGE\r\n\r\n");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(c.Get("/healthz").status, 200);
}

}  // namespace
}  // namespace xr::http
