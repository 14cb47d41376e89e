#include "http/static_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

namespace xr::http {
namespace {
namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() / ("xr_static_" + std::to_string(std::random_device()()));
    root_ = base_ / "dist";
    fs::create_directories(root_ / "assets");
    fs::create_directories(root_ / "img");
    Write(root_ / "index.html", "<!doctype html><title>选人</title>");
    Write(root_ / "assets" / "index-3f9a1c.js", "console.log(1)");
    Write(root_ / "assets" / "index-77aa.css", "body{}");
    Write(root_ / "assets" / "font-1.woff2", "wOF2");
    Write(root_ / "assets" / "index-3f9a1c.js.map", "{}");
    Write(root_ / "favicon.ico", "ico");
    Write(root_ / "img" / "logo.svg", "<svg/>");
    Write(root_ / "img" / "a b.png", "png");
    Write(root_ / "manifest.json", "{}");
    Write(base_ / "secret.txt", "top secret");
    fs::create_symlink(base_ / "secret.txt", root_ / "leak.txt");
  }
  void TearDown() override { fs::remove_all(base_); }

  static void Write(const fs::path& p, const std::string& data) { std::ofstream(p) << data; }

  std::optional<Response> Get(std::string path, Method method = Method::kGet) {
    Request r;
    r.method = method;
    r.path = std::move(path);
    return StaticFiles(root_).Serve(r);
  }

  fs::path base_, root_;
};

TEST_F(StaticFilesTest, ContentTypesAndCacheHeaders) {
  struct Case {
    std::string path, type, cache, body;
  };
  const std::string immutable = "public, max-age=31536000, immutable";
  const std::vector<Case> cases = {
      {"/", "text/html; charset=utf-8", "no-cache", "<!doctype html><title>选人</title>"},
      {"/index.html", "text/html; charset=utf-8", "no-cache", "<!doctype html><title>选人</title>"},
      {"/assets/index-3f9a1c.js", "text/javascript; charset=utf-8", immutable, "console.log(1)"},
      {"/assets/index-77aa.css", "text/css; charset=utf-8", immutable, "body{}"},
      {"/assets/font-1.woff2", "font/woff2", immutable, "wOF2"},
      {"/assets/index-3f9a1c.js.map", "application/json; charset=utf-8", immutable, "{}"},
      {"/favicon.ico", "image/x-icon", "no-cache", "ico"},
      {"/img/logo.svg", "image/svg+xml", "no-cache", "<svg/>"},
      {"/img/a%20b.png", "image/png", "no-cache", "png"},
      {"/manifest.json", "application/json; charset=utf-8", "no-cache", "{}"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.path);
    auto r = Get(c.path);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->content_type, c.type);
    EXPECT_EQ(r->Header("cache-control"), c.cache);
    EXPECT_EQ(r->body, c.body);
  }
}

TEST_F(StaticFilesTest, SpaFallbackOnlyForPageRoutes) {
  for (const char* page : {"/cadres", "/cadres/42/edit", "/login", "/%E5%B9%B2%E9%83%A8"}) {
    auto r = Get(page);
    ASSERT_TRUE(r.has_value()) << page;
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->content_type, "text/html; charset=utf-8");
    EXPECT_EQ(r->Header("cache-control"), "no-cache");
  }
  // Not pages: missing files with an extension, missing assets, the API, other methods.
  for (const char* other : {"/missing.js", "/assets/gone", "/assets/gone.js", "/api/cadres", "/api",
                            "/%61pi/cadres", "/img/x.png"}) {
    EXPECT_FALSE(Get(other).has_value()) << other;
  }
  EXPECT_FALSE(Get("/cadres", Method::kPost).has_value());
  EXPECT_FALSE(Get("/index.html", Method::kDelete).has_value());
}

TEST_F(StaticFilesTest, HeadIsAnsweredLikeGet) {
  auto r = Get("/assets/index-3f9a1c.js", Method::kHead);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "console.log(1)");  // the server sends only the headers
}

TEST_F(StaticFilesTest, TraversalIsRefusedWith404) {
  for (const char* evil :
       {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt",
        "/assets/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt", "/%2e%2e%2fsecret.txt",
        "/assets/..%5c..%5csecret.txt", "/..\\secret.txt", "/index.html%00.png", "/./index.html",
        "/%zz", "/assets/%"}) {
    SCOPED_TRACE(evil);
    auto r = Get(evil);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->status, 404);
    EXPECT_EQ(r->body.find("secret"), std::string::npos);
  }
  // A symlink leading outside the root is not followed.
  auto leak = Get("/leak.txt");
  EXPECT_FALSE(leak.has_value() && leak->body == "top secret");
}

TEST_F(StaticFilesTest, MissingRootServesNothing) {
  Request r;
  r.path = "/";
  EXPECT_FALSE(StaticFiles(base_ / "nope").Serve(r).has_value());
}

TEST(ContentTypeTest, UnknownIsOctetStream) {
  EXPECT_EQ(ContentTypeFor(".exe"), "application/octet-stream");
  EXPECT_EQ(ContentTypeFor(".HTML"), "text/html; charset=utf-8");
}

}  // namespace
}  // namespace xr::http
