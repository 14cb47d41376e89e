#include "http/response.h"

#include "http/request.h"

namespace xr::http {

Response Response::NoContent() { return Response{204, {}, {}, {}}; }

Response Response::Text(int status, std::string text) {
  return Response{status, "text/plain; charset=utf-8", std::move(text), {}};
}

std::optional<std::string_view> Response::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (EqualsIgnoreCase(k, name)) return std::string_view(v);
  }
  return std::nullopt;
}

Response& Response::AddHeader(std::string name, std::string value) {
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

}  // namespace xr::http
