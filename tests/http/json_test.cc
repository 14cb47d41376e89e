#include "http/json.h"

#include <gtest/gtest.h>

#include "http/error_mapping.h"
#include "http/request.h"
#include "http/url.h"

namespace xr::http {
namespace {

using base::StatusCode;

TEST(JsonTest, ParsesObjects) {
  auto j = ParseJsonObject(R"({"username":"张三","page":2,"active":true,"note":null})");
  ASSERT_TRUE(j.ok()) << j.status().ToString();
  EXPECT_EQ(*RequiredString(*j, "username"), "张三");
  EXPECT_EQ(*RequiredInt(*j, "page"), 2);
  EXPECT_TRUE(*RequiredBool(*j, "active"));
  EXPECT_EQ(*OptionalString(*j, "note"), std::nullopt);  // null = absent
  EXPECT_EQ(*OptionalInt(*j, "missing"), std::nullopt);
  EXPECT_EQ(*OptionalBool(*j, "active"), true);
}

TEST(JsonTest, HostileBodiesAreInvalidArgumentOnBody) {
  const std::vector<std::string> bodies = {
      "",
      "   ",
      "{",
      "{\"a\":1,}",
      "{'a':1}",
      "{\"a\":\"\xff\xfe\"}",      // invalid UTF-8
      "{\"a\":\"\xc0\xaf\"}",      // overlong encoding
      "{\"a\":\"\xed\xa0\x80\"}",  // UTF-16 surrogate in UTF-8
      "{\"a\":\"\\ud800\"}",       // lone surrogate escape
      "{\"a\":1e400}",             // out of double range
      "{\"a\":-1e400}",
      std::string(100000, '[') + std::string(100000, ']'),  // deep nesting
      std::string(65, '[') + std::string(65, ']'),
      "{\"a\":1} trailing",
      std::string("{\"a\":\"x\0y\"}", 12),  // raw NUL inside a string
      "NaN",
  };
  for (const auto& body : bodies) {
    auto r = ParseJson(body);
    ASSERT_FALSE(r.ok()) << body.substr(0, 40);
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().message(), "请求体不是有效的 JSON");
    EXPECT_EQ(r.status().field(), "body");
  }
  EXPECT_TRUE(ParseJson(std::string(64, '[') + std::string(64, ']')).ok());
  // Brackets inside strings do not count as nesting.
  EXPECT_TRUE(ParseJson("{\"a\":\"" + std::string(1000, '[') + "\"}").ok());
}

TEST(JsonTest, TopLevelMustBeAnObject) {
  for (const char* body : {"[]", "1", "\"x\"", "null", "true"}) {
    auto r = ParseJsonObject(body);
    ASSERT_FALSE(r.ok()) << body;
    EXPECT_EQ(r.status().message(), "请求体应为 JSON 对象");
    EXPECT_EQ(r.status().field(), "body");
  }
}

TEST(JsonTest, FieldErrorsNameTheField) {
  auto j = *ParseJsonObject(
      R"({"s":1,"i":"1","f":1.5,"one":1.0,"exp":1e3,"big":9223372036854775808,)"
      R"("max":9223372036854775807,"min":-9223372036854775808,"huge":123456789012345678901234567890,)"
      R"("b":"true","arr":[1],"obj":{}})");
  auto expect_error = [](const base::Status& s, std::string message, std::string field) {
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(s.message(), message);
    EXPECT_EQ(s.field(), field);
  };
  expect_error(RequiredString(j, "username").status(), "缺少必填字段 username", "username");
  expect_error(RequiredInt(j, "page").status(), "缺少必填字段 page", "page");
  expect_error(RequiredBool(j, "flag").status(), "缺少必填字段 flag", "flag");
  expect_error(RequiredString(j, "s").status(), "字段 s 应为字符串", "s");
  expect_error(RequiredString(j, "arr").status(), "字段 arr 应为字符串", "arr");
  expect_error(OptionalString(j, "obj").status(), "字段 obj 应为字符串", "obj");
  for (const char* f : {"i", "f", "one", "exp", "big", "huge", "b", "arr"}) {
    expect_error(RequiredInt(j, f).status(), std::string("字段 ") + f + " 应为整数", f);
    expect_error(OptionalInt(j, f).status(), std::string("字段 ") + f + " 应为整数", f);
  }
  EXPECT_EQ(*RequiredInt(j, "max"), INT64_MAX);
  EXPECT_EQ(*RequiredInt(j, "min"), INT64_MIN);
  expect_error(RequiredBool(j, "b").status(), "字段 b 应为布尔值", "b");
  expect_error(OptionalBool(j, "s").status(), "字段 s 应为布尔值", "s");
  // Getters on a non-object behave as "missing".
  expect_error(RequiredString(Json::array(), "x").status(), "缺少必填字段 x", "x");
}

TEST(JsonTest, ResponsesReplaceInvalidUtf8) {
  Response r = JsonResponse(201, Json{{"name", std::string("a\xff")}});
  EXPECT_EQ(r.status, 201);
  EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
  EXPECT_EQ(r.body, "{\"name\":\"a\xef\xbf\xbd\"}");
  EXPECT_EQ(JsonQuote("a\"b\n"), "\"a\\\"b\\n\"");
}

struct ErrorCase {
  base::Status status;
  int http;
  std::string body;
};

TEST(ErrorMappingTest, EveryCode) {
  const std::vector<ErrorCase> cases = {
      {base::InvalidArgument("字段 page 应为整数", "page"), 400,
       R"({"error":{"code":"INVALID_ARGUMENT","field":"page","message":"字段 page 应为整数"}})"},
      {base::NotFound("干部不存在"), 404,
       R"({"error":{"code":"NOT_FOUND","message":"干部不存在"}})"},
      {base::AlreadyExists("用户名已存在", "username"), 409,
       R"({"error":{"code":"ALREADY_EXISTS","field":"username","message":"用户名已存在"}})"},
      {base::FailedPrecondition("状态不允许"), 409,
       R"({"error":{"code":"FAILED_PRECONDITION","message":"状态不允许"}})"},
      {base::Aborted("并发修改，请重试"), 409,
       R"({"error":{"code":"ABORTED","message":"并发修改，请重试"}})"},
      {base::PermissionDenied("无权操作"), 403,
       R"({"error":{"code":"PERMISSION_DENIED","message":"无权操作"}})"},
      {base::Unauthenticated("请先登录"), 401,
       R"({"error":{"code":"UNAUTHENTICATED","message":"请先登录"}})"},
      {base::Unavailable("数据库不可用"), 503,
       R"({"error":{"code":"UNAVAILABLE","message":"数据库不可用"}})"},
      {base::Internal("sqlite: disk I/O error at /var/lib/x.db"), 500,
       R"({"error":{"code":"INTERNAL","message":"服务器内部错误"}})"},
      {base::Status(), 500, R"({"error":{"code":"INTERNAL","message":"服务器内部错误"}})"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.status.ToString());
    Response r = ErrorResponse(c.status);
    EXPECT_EQ(r.status, c.http);
    EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
    EXPECT_EQ(Json::parse(r.body), Json::parse(c.body));
  }
}

TEST(RequestTest, HeadersCookiesQueryAndInts) {
  Request r;
  r.headers = {{"Content-Type", "application/json"},
               {"Cookie", "a=1; session=\"abc\"; theme=dark"},
               {"cookie", "late=2"}};
  r.query = ParseQuery("page=2&q=%E5%BC%A0+%E4%B8%89&flag&bad=%zz");
  EXPECT_EQ(r.Header("content-type"), "application/json");
  EXPECT_EQ(r.Header("CONTENT-TYPE"), "application/json");
  EXPECT_EQ(r.Header("x-missing"), std::nullopt);
  EXPECT_EQ(r.Cookie("session"), "abc");
  EXPECT_EQ(r.Cookie("theme"), "dark");
  EXPECT_EQ(r.Cookie("late"), "2");
  EXPECT_EQ(r.Cookie("Session"), std::nullopt);
  EXPECT_EQ(r.QueryParam("q"), "张 三");
  EXPECT_EQ(r.QueryParam("flag"), "");
  EXPECT_EQ(r.QueryParam("bad"), "%zz");
  EXPECT_EQ(*ParseIntParam("42", "id"), 42);
  EXPECT_EQ(*ParseIntParam("-7", "id"), -7);
  for (const char* bad : {"", "4x", "99999999999999999999", "1.0", " 1", "+"}) {
    auto v = ParseIntParam(bad, "page");
    ASSERT_FALSE(v.ok()) << bad;
    EXPECT_EQ(v.status().message(), "参数 page 应为整数");
    EXPECT_EQ(v.status().field(), "page");
  }
  EXPECT_EQ(SplitTarget("/a/b?x=1#frag").first, "/a/b");
  EXPECT_EQ(SplitTarget("/a/b?x=1#frag").second, "x=1");
}

}  // namespace
}  // namespace xr::http
