#pragma once
// JSON at the HTTP edge. The only header (with routes/*.cc) that brings in nlohmann/json.
//
// Every helper reports bad input as InvalidArgument with a Chinese message for people and
// `field` naming the offending request field, so ErrorResponse() yields a 400 the UI can attach
// to the right form item.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "http/response.h"

namespace xr::http {

using Json = nlohmann::json;

// Nesting deeper than this (objects + arrays) is rejected before parsing.
inline constexpr int kMaxJsonDepth = 64;

// Parses a request body. Errors: InvalidArgument "请求体不是有效的 JSON" (field "body") for
// syntax errors, invalid UTF-8, numbers out of range, an empty body, or nesting deeper than
// kMaxJsonDepth.
base::Result<Json> ParseJson(std::string_view body);
// As ParseJson, and the top level must be an object: "请求体应为 JSON 对象" (field "body").
base::Result<Json> ParseJsonObject(std::string_view body);

// Field getters on an object. Required: missing or null → "缺少必填字段 <name>".
// Wrong type → "字段 <name> 应为字符串" / "应为整数" / "应为布尔值". Integers must be JSON
// integers within int64 (1.0, "1", 1e3 and 2^63 are rejected).
base::Result<std::string> RequiredString(const Json& object, std::string_view name);
base::Result<std::int64_t> RequiredInt(const Json& object, std::string_view name);
base::Result<bool> RequiredBool(const Json& object, std::string_view name);
// Optional: missing or null → nullopt.
base::Result<std::optional<std::string>> OptionalString(const Json& object, std::string_view name);
base::Result<std::optional<std::int64_t>> OptionalInt(const Json& object, std::string_view name);
base::Result<std::optional<bool>> OptionalBool(const Json& object, std::string_view name);

// Serialises with "application/json; charset=utf-8". Invalid UTF-8 in strings is replaced by
// U+FFFD instead of throwing.
Response JsonResponse(int status, const Json& body);
// Compact serialisation with the same invalid-UTF-8 policy.
std::string DumpJson(const Json& value);
// `text` as a quoted JSON string literal ("a\"b" → "\"a\\\"b\""), for hand-built lines.
std::string JsonQuote(std::string_view text);

}  // namespace xr::http
