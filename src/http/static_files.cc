#include "http/static_files.h"

#include <fstream>
#include <sstream>
#include <string>

#include "http/error_mapping.h"
#include "http/url.h"

namespace xr::http {
namespace fs = std::filesystem;

std::string_view ContentTypeFor(std::string_view ext) {
  struct Entry {
    std::string_view ext, type;
  };
  static constexpr Entry kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".htm", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".map", "application/json; charset=utf-8"},
      {".webmanifest", "application/manifest+json; charset=utf-8"},
      {".txt", "text/plain; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".ttf", "font/ttf"},
      {".otf", "font/otf"},
      {".pdf", "application/pdf"},
      {".wasm", "application/wasm"},
      {".xml", "application/xml"},
  };
  for (const auto& e : kTypes) {
    if (EqualsIgnoreCase(e.ext, ext)) return e.type;
  }
  return "application/octet-stream";
}

StaticFiles::StaticFiles(fs::path root) : root_(std::move(root)) {
  std::error_code ec;
  fs::path canonical = fs::canonical(root_, ec);
  if (!ec) root_ = canonical;
}

namespace {

Response Refused() { return ErrorResponse(404, "NOT_FOUND", "资源不存在"); }

bool Within(const fs::path& root, const fs::path& p) {
  auto r = root.begin(), i = p.begin();
  for (; r != root.end(); ++r, ++i) {
    if (i == p.end() || *r != *i) return false;
  }
  return true;
}

}  // namespace

std::optional<Response> StaticFiles::ServeFile(const fs::path& file, bool assets) const {
  std::error_code ec;
  fs::path real = fs::canonical(file, ec);
  if (ec || !Within(root_, real) || !fs::is_regular_file(real, ec)) return std::nullopt;
  std::ifstream in(real, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream data;
  data << in.rdbuf();
  Response r;
  r.status = 200;
  r.content_type = std::string(ContentTypeFor(real.extension().string()));
  r.body = std::move(data).str();
  r.headers.emplace_back("Cache-Control",
                         assets ? "public, max-age=31536000, immutable" : "no-cache");
  return r;
}

std::optional<Response> StaticFiles::Serve(const Request& request) const {
  if (request.method != Method::kGet && request.method != Method::kHead) return std::nullopt;
  std::string_view raw = request.path;
  if (raw.empty() || raw.front() != '/') return Refused();
  if (raw == "/api" || raw.rfind("/api/", 0) == 0) return std::nullopt;
  if (raw.find('\\') != std::string_view::npos) return Refused();
  auto decoded = PercentDecode(raw);
  if (!decoded) return Refused();
  std::string_view path = *decoded;
  if (path.find('\0') != std::string_view::npos || path.find('\\') != std::string_view::npos) {
    return Refused();
  }
  // Decoded path again under /api? (e.g. "/%61pi/x") — still an API path, not a page.
  if (path == "/api" || path.rfind("/api/", 0) == 0) return std::nullopt;

  fs::path relative;
  std::string_view last;
  std::string_view rest = path.substr(1);
  while (!rest.empty()) {
    size_t slash = rest.find('/');
    std::string_view seg = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (seg == "." || seg == "..") return Refused();
    if (seg.empty()) continue;
    relative /= std::string(seg);
    last = seg;
  }
  if (!relative.empty()) {
    bool assets = path.rfind("/assets/", 0) == 0;
    if (auto r = ServeFile(root_ / relative, assets)) return r;
    // Missing files with an extension ("/x.js") and missing assets are real 404s.
    if (assets || last.find('.') != std::string_view::npos) return std::nullopt;
  }
  return ServeFile(root_ / "index.html", false);
}

}  // namespace xr::http
