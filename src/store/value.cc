#include "store/value.h"

#include <cassert>
#include <charconv>
#include <cmath>
#include <limits>

namespace xr::store {
namespace {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

std::int64_t TextToInt(std::string_view s) {
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec == std::errc() && end == s.data() + s.size()) return v;
  // "3.0" from a numeric column, or a PostgreSQL boolean.
  double d = 0;
  auto [dend, dec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (dec == std::errc() && dend == s.data() + s.size()) return static_cast<std::int64_t>(d);
  if (s == "t" || s == "true") return 1;
  if (s == "f" || s == "false") return 0;
  assert(false && "Row::Int on a text value that is not a number");
  return 0;
}

double TextToReal(std::string_view s) {
  double d = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ec == std::errc() && end == s.data() + s.size()) return d;
  assert(false && "Row::Real on a text value that is not a number");
  return 0;
}

std::int64_t RealToInt(double d) {
  if (std::isnan(d)) return 0;
  if (d >= 9.2233720368547758e18) return std::numeric_limits<std::int64_t>::max();
  if (d <= -9.2233720368547758e18) return std::numeric_limits<std::int64_t>::min();
  return static_cast<std::int64_t>(std::llround(d));
}

std::string RealToText(double d) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  return ec == std::errc() ? std::string(buf, end) : std::string();
}

}  // namespace

Value::Value(const Value& other) = default;
Value::Value(Value&& other) noexcept = default;
Value& Value::operator=(const Value& other) = default;
Value& Value::operator=(Value&& other) noexcept = default;
Value::~Value() = default;

std::int64_t Row::Int(size_t column) const {
  return std::visit(Overloaded{
                        [](std::monostate) -> std::int64_t { return 0; },
                        [](std::int64_t v) { return v; },
                        [](double d) { return RealToInt(d); },
                        [](const std::string& s) { return TextToInt(s); },
                        [](const Blob&) -> std::int64_t {
                          assert(false && "Row::Int on a blob");
                          return 0;
                        },
                    },
                    values_.at(column).storage());
}

double Row::Real(size_t column) const {
  return std::visit(Overloaded{
                        [](std::monostate) { return 0.0; },
                        [](std::int64_t v) { return static_cast<double>(v); },
                        [](double d) { return d; },
                        [](const std::string& s) { return TextToReal(s); },
                        [](const Blob&) {
                          assert(false && "Row::Real on a blob");
                          return 0.0;
                        },
                    },
                    values_.at(column).storage());
}

std::string Row::Text(size_t column) const {
  return std::visit(Overloaded{
                        [](std::monostate) { return std::string(); },
                        [](std::int64_t v) { return std::to_string(v); },
                        [](double d) { return RealToText(d); },
                        [](const std::string& s) { return s; },
                        [](const Blob& b) { return std::string(b.bytes.begin(), b.bytes.end()); },
                    },
                    values_.at(column).storage());
}

Blob Row::Bytes(size_t column) const {
  return std::visit(
      Overloaded{
          [](std::monostate) { return Blob{}; },
          [](std::int64_t) {
            assert(false && "Row::Bytes on an integer");
            return Blob{};
          },
          [](double) {
            assert(false && "Row::Bytes on a real");
            return Blob{};
          },
          [](const std::string& s) { return Blob{std::vector<std::uint8_t>(s.begin(), s.end())}; },
          [](const Blob& b) { return b; },
      },
      values_.at(column).storage());
}

std::optional<std::int64_t> Row::OptionalInt(size_t column) const {
  if (IsNull(column)) return std::nullopt;
  return Int(column);
}

std::optional<std::string> Row::OptionalText(size_t column) const {
  if (IsNull(column)) return std::nullopt;
  return Text(column);
}

std::int64_t RowView::Int(size_t column) const {
  const Cell& c = cells_.at(column);
  switch (c.kind) {
    case Kind::kNull:
      return 0;
    case Kind::kInt:
      return c.i;
    case Kind::kReal:
      return RealToInt(c.d);
    case Kind::kText:
      return TextToInt(std::string_view(c.data, c.size));
    case Kind::kBlob:
      break;
  }
  assert(false && "RowView::Int on a blob");
  return 0;
}

double RowView::Real(size_t column) const {
  const Cell& c = cells_.at(column);
  switch (c.kind) {
    case Kind::kNull:
      return 0.0;
    case Kind::kInt:
      return static_cast<double>(c.i);
    case Kind::kReal:
      return c.d;
    case Kind::kText:
      return TextToReal(std::string_view(c.data, c.size));
    case Kind::kBlob:
      break;
  }
  assert(false && "RowView::Real on a blob");
  return 0.0;
}

std::string_view RowView::Text(size_t column) const {
  const Cell& c = cells_.at(column);
  switch (c.kind) {
    case Kind::kNull:
      return {};
    case Kind::kText:
    case Kind::kBlob:
      return std::string_view(c.data, c.size);
    case Kind::kInt:
    case Kind::kReal:
      break;
  }
  if (buffers_.size() < cells_.size()) buffers_.resize(cells_.size());
  std::string& buffer = buffers_[column];
  buffer = c.kind == Kind::kInt ? std::to_string(c.i) : RealToText(c.d);
  return buffer;
}

std::span<const std::uint8_t> RowView::Bytes(size_t column) const {
  const Cell& c = cells_.at(column);
  switch (c.kind) {
    case Kind::kNull:
      return {};
    case Kind::kText:
    case Kind::kBlob:
      return {reinterpret_cast<const std::uint8_t*>(c.data), c.size};
    case Kind::kInt:
    case Kind::kReal:
      break;
  }
  assert(false && "RowView::Bytes on a number");
  return {};
}

std::optional<std::int64_t> RowView::OptionalInt(size_t column) const {
  if (IsNull(column)) return std::nullopt;
  return Int(column);
}

std::optional<std::string_view> RowView::OptionalText(size_t column) const {
  if (IsNull(column)) return std::nullopt;
  return Text(column);
}

Row RowView::ToRow() const {
  std::vector<Value> values;
  values.reserve(cells_.size());
  for (const Cell& c : cells_) {
    switch (c.kind) {
      case Kind::kNull:
        values.emplace_back();
        break;
      case Kind::kInt:
        values.emplace_back(static_cast<long long>(c.i));
        break;
      case Kind::kReal:
        values.emplace_back(c.d);
        break;
      case Kind::kText:
        values.emplace_back(std::string(c.data, c.size));
        break;
      case Kind::kBlob: {
        Blob blob;
        const auto* p = reinterpret_cast<const std::uint8_t*>(c.data);
        if (c.size > 0) blob.bytes.assign(p, p + c.size);
        values.emplace_back(std::move(blob));
        break;
      }
    }
  }
  return Row(std::move(values));
}

}  // namespace xr::store
