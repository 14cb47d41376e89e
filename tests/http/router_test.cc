#include "http/router.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace xr::http {
namespace {

Handler Named(std::string name) {
  return [name](Request&) { return Response::Text(200, name); };
}

std::string Call(const RouteMatch& m) {
  Request r;
  return (*m.handler)(r).body;
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Add(Method::kGet, "/", Named("root"));
    router_.Add(Method::kGet, "/api/cadres", Named("list"));
    router_.Add(Method::kPost, "/api/cadres", Named("create"));
    router_.Add(Method::kGet, "/api/cadres/search", Named("search"));
    router_.Add(Method::kGet, "/api/cadres/{id:int}", Named("get-int"));
    router_.Add(Method::kPut, "/api/cadres/{id:int}", Named("put-int"));
    router_.Add(Method::kDelete, "/api/cadres/{id:int}", Named("delete-int"));
    router_.Add(Method::kGet, "/api/cadres/{code}", Named("get-code"));
    router_.Add(Method::kGet, "/api/units/{unit}/positions/{position}", Named("position"));
    router_.Add(Method::kGet, "/api/units/{unit}/cadres", Named("unit-cadres"));
    router_.Add(Method::kGet, "/api/files/{name}", Named("file"));
  }
  Router router_;
};

struct MatchCase {
  Method method;
  std::string path;
  RouteMatch::Kind kind;
  std::string handler;  // body of the matched handler
  std::map<std::string, std::string> params;
  std::string allow;
};

TEST_F(RouterTest, Table) {
  using K = RouteMatch::Kind;
  const std::vector<MatchCase> cases = {
      {Method::kGet, "/", K::kFound, "root", {}, ""},
      {Method::kGet, "/api/cadres", K::kFound, "list", {}, ""},
      {Method::kPost, "/api/cadres", K::kFound, "create", {}, ""},
      {Method::kGet, "/api/cadres/search", K::kFound, "search", {}, ""},
      {Method::kGet, "/api/cadres/42", K::kFound, "get-int", {{"id", "42"}}, ""},
      {Method::kPut, "/api/cadres/42", K::kFound, "put-int", {{"id", "42"}}, ""},
      {Method::kGet, "/api/cadres/A-17", K::kFound, "get-code", {{"code", "A-17"}}, ""},
      // 19 digits do not fit the :int constraint → falls back to {code}.
      {Method::kGet,
       "/api/cadres/1234567890123456789",
       K::kFound,
       "get-code",
       {{"code", "1234567890123456789"}},
       ""},
      {Method::kGet,
       "/api/units/7/positions/9",
       K::kFound,
       "position",
       {{"unit", "7"}, {"position", "9"}},
       ""},
      {Method::kGet, "/api/units/7/cadres", K::kFound, "unit-cadres", {{"unit", "7"}}, ""},
      // Percent-decoding of parameters.
      {Method::kGet, "/api/files/%E5%BC%A0%E4%B8%89", K::kFound, "file", {{"name", "张三"}}, ""},
      {Method::kGet, "/api/files/a%2Fb", K::kFound, "file", {{"name", "a/b"}}, ""},
      {Method::kGet, "/api/files/a+b", K::kFound, "file", {{"name", "a+b"}}, ""},
      {Method::kGet, "/api/files/%41", K::kFound, "file", {{"name", "A"}}, ""},
      // HEAD falls back to GET.
      {Method::kHead, "/api/cadres", K::kFound, "list", {}, ""},
      // 404: unknown paths, trailing slash (strict), empty segments, bad escapes.
      {Method::kGet, "/api/nothing", K::kNotFound, "", {}, ""},
      {Method::kGet, "/api/cadres/", K::kNotFound, "", {}, ""},
      {Method::kGet, "/api//cadres", K::kNotFound, "", {}, ""},
      {Method::kGet, "/api/cadres/42/", K::kNotFound, "", {}, ""},
      {Method::kGet, "/api/files/%zz", K::kNotFound, "", {}, ""},
      {Method::kGet, "/api/files/%4", K::kNotFound, "", {}, ""},
      {Method::kGet, "/API/cadres", K::kNotFound, "", {}, ""},
      {Method::kGet, "", K::kNotFound, "", {}, ""},
      {Method::kGet, "api/cadres", K::kNotFound, "", {}, ""},
      {Method::kGet, "/api/units/7/positions", K::kNotFound, "", {}, ""},
      // 405 with Allow.
      {Method::kDelete, "/api/cadres", K::kMethodNotAllowed, "", {}, "GET, HEAD, POST"},
      {Method::kPost, "/api/cadres/42", K::kMethodNotAllowed, "", {}, "GET, HEAD, PUT, DELETE"},
      {Method::kPost, "/api/cadres/abc", K::kMethodNotAllowed, "", {}, "GET, HEAD"},
      {Method::kPatch, "/", K::kMethodNotAllowed, "", {}, "GET, HEAD"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(MethodName(c.method)) + " " + c.path);
    RouteMatch m = router_.Match(c.method, c.path);
    ASSERT_EQ(m.kind, c.kind);
    if (c.kind == K::kFound) {
      EXPECT_EQ(Call(m), c.handler);
      EXPECT_EQ(m.params, c.params);
    }
    EXPECT_EQ(m.allow, c.allow);
  }
}

TEST_F(RouterTest, ExplicitHeadRouteWins) {
  router_.Add(Method::kHead, "/api/cadres", Named("head"));
  EXPECT_EQ(Call(router_.Match(Method::kHead, "/api/cadres")), "head");
}

TEST_F(RouterTest, BacktracksFromLiteralToParameter) {
  Router r;
  r.Add(Method::kGet, "/a/b/c", Named("abc"));
  r.Add(Method::kGet, "/a/{x}/d", Named("axd"));
  RouteMatch m = r.Match(Method::kGet, "/a/b/d");
  ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(Call(m), "axd");
  EXPECT_EQ(m.params.at("x"), "b");
  EXPECT_EQ(m.pattern, "/a/{x}/d");
}

TEST_F(RouterTest, ConflictsAndMalformedPatternsThrow) {
  // Same method and shape, whatever the parameter names.
  EXPECT_THROW(router_.Add(Method::kGet, "/api/cadres/{other:int}", Named("x")),
               std::invalid_argument);
  EXPECT_THROW(router_.Add(Method::kGet, "/api/cadres/{x}", Named("x")), std::invalid_argument);
  EXPECT_THROW(router_.Add(Method::kGet, "/api/cadres", Named("x")), std::invalid_argument);
  // Different method or constraint: fine.
  EXPECT_NO_THROW(router_.Add(Method::kPatch, "/api/cadres/{id:int}", Named("x")));
  for (const char* bad : {"", "api", "/api/", "/a//b", "/a/{", "/a/{}", "/a/{x:uuid}", "/a/{x}/{x}",
                          "/a/b{x}", "/a?x", "/a/%41"}) {
    EXPECT_THROW(router_.Add(Method::kGet, bad, Named("x")), std::invalid_argument) << bad;
  }
  EXPECT_THROW(router_.Add(Method::kGet, "/ok", Handler()), std::invalid_argument);
}

TEST_F(RouterTest, CountsRoutes) { EXPECT_EQ(router_.size(), 11u); }

}  // namespace
}  // namespace xr::http
