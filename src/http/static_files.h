#pragma once
// Serves the built single-page app (web/dist). No server library involved: files are read into
// the Response (the app is small and the OS page cache does the rest).
//
//  - GET/HEAD of an existing regular file → 200 with its content type;
//    "/assets/…" (content-hashed names) → "Cache-Control: public, max-age=31536000, immutable";
//    index.html → "Cache-Control: no-cache"; other files → "Cache-Control: no-cache".
//  - "/" and SPA routes (not a file, not under /api/, last segment without an extension)
//    → index.html, so client-side routes survive a reload.
//  - Traversal attempts (".." or "." segments, also percent-encoded; backslashes; NUL; malformed
//    escapes; symlinks leading outside the root) → 404 JSON.
//  - Anything else (other methods, "/api/…", missing "x.js") → nullopt: the caller answers.
// HEAD is answered like GET; the server sends the headers (with the GET Content-Length) only.

#include <filesystem>
#include <optional>

#include "http/request.h"
#include "http/response.h"

namespace xr::http {

// "text/html; charset=utf-8" for ".html", …; "application/octet-stream" when unknown.
std::string_view ContentTypeFor(std::string_view extension);

class StaticFiles {
 public:
  // `root` need not exist (then only nullopt or the traversal 404 is returned).
  explicit StaticFiles(std::filesystem::path root);

  std::optional<Response> Serve(const Request& request) const;

 private:
  std::optional<Response> ServeFile(const std::filesystem::path& file, bool assets) const;

  std::filesystem::path root_;
};

}  // namespace xr::http
