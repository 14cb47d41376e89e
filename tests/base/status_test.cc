#include "base/status.h"

#include <gtest/gtest.h>

namespace xr::base {
namespace {

TEST(StatusTest, WireNamesAreStable) {
  const std::pair<Status, std::string_view> cases[] = {
      {InvalidArgument("m"), "INVALID_ARGUMENT"},
      {NotFound("m"), "NOT_FOUND"},
      {AlreadyExists("m"), "ALREADY_EXISTS"},
      {FailedPrecondition("m"), "FAILED_PRECONDITION"},
      {Aborted("m"), "ABORTED"},
      {PermissionDenied("m"), "PERMISSION_DENIED"},
      {Unauthenticated("m"), "UNAUTHENTICATED"},
      {Unavailable("m"), "UNAVAILABLE"},
      {Internal("m"), "INTERNAL"},
  };
  for (const auto& [status, name] : cases) {
    EXPECT_FALSE(status.ok());
    EXPECT_EQ(StatusCodeName(status.code()), name);
  }
  EXPECT_EQ(StatusCodeName(StatusCode::kOk), "OK");
}

TEST(StatusTest, ToStringNamesTheField) {
  EXPECT_EQ(InvalidArgument("姓名不能为空", "name").ToString(),
            "INVALID_ARGUMENT: 姓名不能为空 (name)");
  EXPECT_EQ(Status::Ok().ToString(), "OK");
}

Result<int> Half(int n) {
  if (n % 2 != 0) return InvalidArgument("odd", "n");
  return n / 2;
}

Result<int> Quarter(int n) {
  ASSIGN_OR_RETURN(int half, Half(n));
  ASSIGN_OR_RETURN(int quarter, Half(half));
  return quarter;
}

Status CheckEven(int n) {
  RETURN_IF_ERROR(Half(n));
  return Status::Ok();
}

TEST(ResultTest, MacrosPropagateTheFirstError) {
  EXPECT_EQ(*Quarter(8), 2);
  EXPECT_EQ(Quarter(6).status().field(), "n");
  EXPECT_EQ(Quarter(7).status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(CheckEven(4).ok());
  EXPECT_FALSE(CheckEven(3).ok());
  EXPECT_TRUE(Half(2).status().ok());
}

// A message longer than any small-string buffer, so that reading it from freed memory shows.
Result<std::string> Refused() {
  return InvalidArgument("机构编码不存在：一个足够长、不会放进短字符串缓冲区的机构编码 NOPE",
                         "unit_code");
}

Status CheckThroughStatusOfATemporary() {
  RETURN_IF_ERROR(Refused().status());
  return Status::Ok();
}

TEST(ResultTest, TheStatusOfATemporaryOutlivesIt) {
  const Status status = CheckThroughStatusOfATemporary();
  EXPECT_EQ(status.message(), "机构编码不存在：一个足够长、不会放进短字符串缓冲区的机构编码 NOPE");
  EXPECT_EQ(status.field(), "unit_code");
  Status moved = Result<int>(7).status();
  EXPECT_TRUE(moved.ok());
}

}  // namespace
}  // namespace xr::base
