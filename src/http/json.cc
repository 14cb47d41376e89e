#include "http/json.h"

#include <cmath>
#include <limits>
#include <vector>

namespace xr::http {
namespace {

constexpr char kInvalidBody[] = "请求体不是有效的 JSON";

// Cheap pre-scan so hostile nesting never reaches the parser.
bool NestingWithin(std::string_view text, int limit) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"')
      in_string = true;
    else if (c == '[' || c == '{') {
      if (++depth > limit) return false;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return true;
}

const Json* Find(const Json& object, std::string_view name) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(name);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

base::Status Missing(std::string_view name) {
  return base::InvalidArgument("缺少必填字段 " + std::string(name), std::string(name));
}
base::Status WrongType(std::string_view name, std::string_view type) {
  return base::InvalidArgument("字段 " + std::string(name) + " 应为" + std::string(type),
                               std::string(name));
}

base::Result<std::string> AsString(const Json& v, std::string_view name) {
  if (!v.is_string()) return WrongType(name, "字符串");
  return v.get<std::string>();
}
base::Result<std::int64_t> AsInt(const Json& v, std::string_view name) {
  if (v.is_number_integer() && !v.is_number_unsigned()) return v.get<std::int64_t>();
  if (v.is_number_unsigned()) {
    auto u = v.get<std::uint64_t>();
    if (u <= std::uint64_t(std::numeric_limits<std::int64_t>::max())) return std::int64_t(u);
  }
  return WrongType(name, "整数");
}
base::Result<bool> AsBool(const Json& v, std::string_view name) {
  if (!v.is_boolean()) return WrongType(name, "布尔值");
  return v.get<bool>();
}

}  // namespace

base::Result<Json> ParseJson(std::string_view body) {
  if (!NestingWithin(body, kMaxJsonDepth)) return base::InvalidArgument(kInvalidBody, "body");
  Json value = Json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return base::InvalidArgument(kInvalidBody, "body");
  // nlohmann turns out-of-range numbers (1e400) into ±inf; treat them as invalid input.
  bool finite = true;
  std::vector<const Json*> stack{&value};
  while (!stack.empty()) {
    const Json* v = stack.back();
    stack.pop_back();
    if (v->is_number_float() && !std::isfinite(v->get<double>())) finite = false;
    if (v->is_structured()) {
      for (const auto& child : *v) stack.push_back(&child);
    }
  }
  if (!finite) return base::InvalidArgument(kInvalidBody, "body");
  return value;
}

base::Result<Json> ParseJsonObject(std::string_view body) {
  ASSIGN_OR_RETURN(Json value, ParseJson(body));
  if (!value.is_object()) return base::InvalidArgument("请求体应为 JSON 对象", "body");
  return value;
}

base::Result<std::string> RequiredString(const Json& object, std::string_view name) {
  const Json* v = Find(object, name);
  if (!v) return Missing(name);
  return AsString(*v, name);
}
base::Result<std::int64_t> RequiredInt(const Json& object, std::string_view name) {
  const Json* v = Find(object, name);
  if (!v) return Missing(name);
  return AsInt(*v, name);
}
base::Result<bool> RequiredBool(const Json& object, std::string_view name) {
  const Json* v = Find(object, name);
  if (!v) return Missing(name);
  return AsBool(*v, name);
}

base::Result<std::optional<std::string>> OptionalString(const Json& object, std::string_view name) {
  const Json* v = Find(object, name);
  if (!v) return std::optional<std::string>();
  ASSIGN_OR_RETURN(std::string s, AsString(*v, name));
  return std::optional<std::string>(std::move(s));
}
base::Result<std::optional<std::int64_t>> OptionalInt(const Json& object, std::string_view name) {
  const Json* v = Find(object, name);
  if (!v) return std::optional<std::int64_t>();
  ASSIGN_OR_RETURN(std::int64_t i, AsInt(*v, name));
  return std::optional<std::int64_t>(i);
}
base::Result<std::optional<bool>> OptionalBool(const Json& object, std::string_view name) {
  const Json* v = Find(object, name);
  if (!v) return std::optional<bool>();
  ASSIGN_OR_RETURN(bool b, AsBool(*v, name));
  return std::optional<bool>(b);
}

std::string DumpJson(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Response JsonResponse(int status, const Json& body) {
  return Response{status, "application/json; charset=utf-8", DumpJson(body), {}};
}

std::string JsonQuote(std::string_view text) { return DumpJson(Json(std::string(text))); }

}  // namespace xr::http
