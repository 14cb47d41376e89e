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

std::int64_t TextToInt(const std::string& s) {
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

double TextToReal(const std::string& s) {
  double d = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ec == std::errc() && end == s.data() + s.size()) return d;
  assert(false && "Row::Real on a text value that is not a number");
  return 0;
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
                        [](double d) -> std::int64_t {
                          if (std::isnan(d)) return 0;
                          if (d >= 9.2233720368547758e18)
                            return std::numeric_limits<std::int64_t>::max();
                          if (d <= -9.2233720368547758e18)
                            return std::numeric_limits<std::int64_t>::min();
                          return static_cast<std::int64_t>(std::llround(d));
                        },
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

}  // namespace xr::store
