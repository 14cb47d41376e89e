#include "testing/http_client.h"

#include <algorithm>
#include <asio.hpp>
#include <charconv>

namespace xr::testing {
namespace {

bool IEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<std::string> HttpResponse::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (IEquals(k, name)) return v;
  }
  return std::nullopt;
}

struct HttpClient::Impl {
  std::string host;
  std::uint16_t port;
  bool keep_alive = false;
  std::chrono::milliseconds timeout{10000};
  HttpHeaders default_headers;

  asio::io_context io;
  asio::ip::tcp::socket socket{io};
  std::string buffer;  // bytes received but not consumed yet

  // Runs one asynchronous operation to completion or timeout (then the socket is closed).
  template <typename Start>
  asio::error_code Run(Start start) {
    std::optional<asio::error_code> result;
    io.restart();
    start([&result](const asio::error_code& ec, auto&&...) { result = ec; });
    io.run_for(timeout);
    if (!result) {
      asio::error_code ignored;
      socket.close(ignored);
      io.restart();
      io.run();
      return asio::error::timed_out;
    }
    return *result;
  }

  asio::error_code Connect() {
    asio::error_code ec;
    socket.close(ec);
    buffer.clear();
    asio::ip::tcp::resolver resolver(io);
    auto endpoints = resolver.resolve(host, std::to_string(port), ec);
    if (ec) return ec;
    return Run([&](auto handler) { asio::async_connect(socket, endpoints, handler); });
  }

  asio::error_code Write(std::string_view data) {
    return Run([&](auto handler) { asio::async_write(socket, asio::buffer(data), handler); });
  }

  // Appends at least one byte to `buffer`, or fails (asio::error::eof when the peer closed).
  asio::error_code ReadMore() {
    char chunk[16384];
    std::size_t got = 0;
    auto ec = Run([&](auto handler) {
      socket.async_read_some(asio::buffer(chunk),
                             [&got, handler](const asio::error_code& e, std::size_t n) mutable {
                               got = n;
                               handler(e);
                             });
    });
    buffer.append(chunk, got);
    if (got > 0) return {};
    return ec;
  }

  // Reads until `buffer` holds `n` bytes.
  asio::error_code Need(std::size_t n) {
    while (buffer.size() < n) {
      if (auto ec = ReadMore()) return ec;
    }
    return {};
  }

  // Reads until `buffer` contains `delimiter`; returns its position.
  asio::error_code Until(std::string_view delimiter, std::size_t& pos) {
    while ((pos = buffer.find(delimiter)) == std::string::npos) {
      if (auto ec = ReadMore()) return ec;
    }
    return {};
  }

  HttpResponse ReadResponse(bool expect_body, bool& received_any) {
    HttpResponse r;
    received_any = false;
    std::size_t end = 0;
    if (auto ec = Until("\r\n\r\n", end)) {
      received_any = !buffer.empty();
      r.error = "reading response head: " + ec.message();
      return r;
    }
    received_any = true;
    std::string head = buffer.substr(0, end);
    buffer.erase(0, end + 4);
    std::string_view rest = head;
    std::size_t eol = rest.find("\r\n");
    std::string_view status_line = rest.substr(0, eol);
    rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 2);
    std::size_t sp = status_line.find(' ');
    if (status_line.substr(0, 5) != "HTTP/" || sp == std::string_view::npos) {
      r.error = "malformed status line: " + std::string(status_line);
      return r;
    }
    std::string_view code = status_line.substr(sp + 1, 3);
    std::from_chars(code.data(), code.data() + code.size(), r.status);
    while (!rest.empty()) {
      eol = rest.find("\r\n");
      std::string_view line = rest.substr(0, eol);
      rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 2);
      std::size_t colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      r.headers.emplace_back(std::string(Trim(line.substr(0, colon))),
                             std::string(Trim(line.substr(colon + 1))));
    }
    if (!expect_body || r.status == 204 || r.status == 304 || (r.status >= 100 && r.status < 200)) {
      return r;
    }
    auto transfer = r.Header("transfer-encoding");
    auto length = r.Header("content-length");
    if (transfer && IEquals(*transfer, "chunked")) {
      for (;;) {
        std::size_t pos = 0;
        if (auto ec = Until("\r\n", pos)) return Fail(r, "reading chunk size", ec);
        std::size_t size = 0;
        std::from_chars(buffer.data(), buffer.data() + pos, size, 16);
        buffer.erase(0, pos + 2);
        if (auto ec = Need(size + 2)) return Fail(r, "reading chunk", ec);
        r.body.append(buffer, 0, size);
        buffer.erase(0, size + 2);
        if (size == 0) break;
      }
    } else if (length) {
      std::size_t n = 0;
      std::from_chars(length->data(), length->data() + length->size(), n);
      if (auto ec = Need(n)) return Fail(r, "reading body", ec);
      r.body = buffer.substr(0, n);
      buffer.erase(0, n);
    } else {
      for (;;) {
        auto ec = ReadMore();
        if (ec == asio::error::eof) break;
        if (ec) return Fail(r, "reading body", ec);
      }
      r.body = std::move(buffer);
      buffer.clear();
    }
    return r;
  }

  static HttpResponse Fail(HttpResponse& r, std::string_view what, const asio::error_code& ec) {
    r.status = 0;
    r.error = std::string(what) + ": " + ec.message();
    return r;
  }
};

HttpClient::HttpClient(std::string host, std::uint16_t port) : impl_(std::make_unique<Impl>()) {
  impl_->host = std::move(host);
  impl_->port = port;
}
HttpClient::~HttpClient() = default;
HttpClient::HttpClient(HttpClient&&) noexcept = default;
HttpClient& HttpClient::operator=(HttpClient&&) noexcept = default;

void HttpClient::SetKeepAlive(bool keep_alive) { impl_->keep_alive = keep_alive; }
void HttpClient::SetTimeout(std::chrono::milliseconds timeout) { impl_->timeout = timeout; }
void HttpClient::SetDefaultHeader(std::string name, std::string value) {
  impl_->default_headers.emplace_back(std::move(name), std::move(value));
}
void HttpClient::Close() {
  asio::error_code ec;
  impl_->socket.close(ec);
  impl_->buffer.clear();
}

HttpResponse HttpClient::Get(std::string_view path, const HttpHeaders& headers) {
  return Request("GET", path, {}, headers);
}
HttpResponse HttpClient::Head(std::string_view path, const HttpHeaders& headers) {
  return Request("HEAD", path, {}, headers);
}
HttpResponse HttpClient::Delete(std::string_view path, const HttpHeaders& headers) {
  return Request("DELETE", path, {}, headers);
}
HttpResponse HttpClient::Post(std::string_view path, std::string_view body, const HttpHeaders& h) {
  return Request("POST", path, body, h);
}
HttpResponse HttpClient::Put(std::string_view path, std::string_view body, const HttpHeaders& h) {
  return Request("PUT", path, body, h);
}
HttpResponse HttpClient::Patch(std::string_view path, std::string_view body, const HttpHeaders& h) {
  return Request("PATCH", path, body, h);
}

HttpResponse HttpClient::Request(std::string_view method, std::string_view path,
                                 std::string_view body, const HttpHeaders& headers) {
  Impl& c = *impl_;
  auto has = [&](std::string_view name) {
    return std::any_of(headers.begin(), headers.end(),
                       [&](const auto& h) { return IEquals(h.first, name); });
  };
  std::string req;
  req.reserve(256 + body.size());
  req.append(method).append(" ").append(path).append(" HTTP/1.1\r\n");
  req.append("Host: ").append(c.host).append(":").append(std::to_string(c.port)).append("\r\n");
  for (const auto& [k, v] : c.default_headers) {
    if (!has(k)) req.append(k).append(": ").append(v).append("\r\n");
  }
  for (const auto& [k, v] : headers) req.append(k).append(": ").append(v).append("\r\n");
  bool sends_body = !body.empty() || method == "POST" || method == "PUT" || method == "PATCH";
  if (sends_body) {
    if (!has("content-type")) req.append("Content-Type: application/json\r\n");
    if (!has("content-length")) {
      req.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n");
    }
  }
  if (!c.keep_alive && !has("connection")) req.append("Connection: close\r\n");
  req.append("\r\n").append(body);

  bool reused = c.keep_alive && c.socket.is_open();
  for (int attempt = 0; attempt < 2; ++attempt) {
    HttpResponse r;
    if (!reused || attempt > 0) {
      if (auto ec = c.Connect()) {
        r.error = "connecting: " + ec.message();
        return r;
      }
    }
    bool received_any = false;
    if (auto ec = c.Write(req)) {
      r.error = "writing request: " + ec.message();
    } else {
      r = c.ReadResponse(method != "HEAD", received_any);
    }
    // A kept-alive connection the server had already closed: retry once on a new one.
    if (r.status == 0 && reused && attempt == 0 && !received_any) continue;
    auto connection = r.Header("connection");
    if (!c.keep_alive || r.status == 0 || (connection && IEquals(*connection, "close"))) Close();
    return r;
  }
  return HttpResponse{0, "unreachable", {}, {}};
}

HttpResponse HttpClient::SendRaw(std::string_view bytes, bool expect_body) {
  Impl& c = *impl_;
  HttpResponse r;
  if (auto ec = c.Connect()) {
    r.error = "connecting: " + ec.message();
    return r;
  }
  if (auto ec = c.Write(bytes)) {
    r.error = "writing request: " + ec.message();
  } else {
    bool received_any = false;
    r = c.ReadResponse(expect_body, received_any);
  }
  Close();
  return r;
}

}  // namespace xr::testing
