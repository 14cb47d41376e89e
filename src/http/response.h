#pragma once
// Response: what a handler returns. The server adds Content-Length, Date and the security
// headers; JSON responses are built with JsonResponse (http/json.h) and errors with
// ErrorResponse (http/error_mapping.h).

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace xr::http {

struct Response {
  int status = 200;
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  // 204 with no body.
  static Response NoContent();
  // text/plain; charset=utf-8.
  static Response Text(int status, std::string text);

  // The first header with this name (case-insensitive), or nullopt.
  std::optional<std::string_view> Header(std::string_view name) const;
  // Appends a header; returns *this for chaining.
  Response& AddHeader(std::string name, std::string value);
};

}  // namespace xr::http
