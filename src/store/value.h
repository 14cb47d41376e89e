#pragma once
// Value: one SQL parameter or column value. Row: one result row with typed access.
// Dates, months and timestamps travel as their canonical text forms (base/date.h).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/date.h"
#include "base/id.h"
#include "base/timestamp.h"

namespace xr::store {

struct Blob {
  std::vector<std::uint8_t> bytes;
  friend bool operator==(const Blob&, const Blob&) = default;
};

class Value {
 public:
  using Storage = std::variant<std::monostate, std::int64_t, double, std::string, Blob>;

  Value() = default;  // NULL
  // Out of line on purpose: inlined std::variant copies from `{x, y}` parameter lists trip g++ 12's
  // -Wmaybe-uninitialized false positive under -O2 -Werror.
  Value(const Value& other);
  Value(Value&& other) noexcept;
  Value& operator=(const Value& other);
  Value& operator=(Value&& other) noexcept;
  ~Value();
  Value(std::nullopt_t) {}
  Value(int v) : data_(std::int64_t{v}) {}
  Value(long v) : data_(std::int64_t{v}) {}
  Value(long long v) : data_(std::int64_t{v}) {}
  Value(bool v) : data_(std::int64_t{v ? 1 : 0}) {}
  Value(double v) : data_(v) {}
  Value(std::string v) : data_(std::move(v)) {}
  Value(std::string_view v) : data_(std::string(v)) {}
  Value(const char* v) : data_(std::string(v)) {}
  Value(Blob v) : data_(std::move(v)) {}
  Value(const base::Date& d) : data_(d.ToString()) {}
  Value(const base::YearMonth& m) : data_(m.ToString()) {}
  Value(const base::Timestamp& t) : data_(t.ToRfc3339()) {}
  template <typename Tag>
  Value(base::Id<Tag> id) : data_(id.value()) {}
  template <typename T>
  Value(const std::optional<T>& v) {
    if (v) *this = Value(*v);
  }

  bool is_null() const { return std::holds_alternative<std::monostate>(data_); }
  const Storage& storage() const { return data_; }
  friend bool operator==(const Value&, const Value&) = default;

 private:
  Storage data_;
};

using Params = std::vector<Value>;

// A materialised result row. Accessors take a 0-based column index; asking for the wrong type
// is a programming error (asserts in debug, returns a zero value otherwise). Integers read from
// text columns and vice versa are converted, so both drivers behave alike.
class Row {
 public:
  Row() = default;
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}

  size_t size() const { return values_.size(); }
  bool IsNull(size_t column) const { return values_.at(column).is_null(); }
  std::int64_t Int(size_t column) const;
  double Real(size_t column) const;
  bool Bool(size_t column) const { return Int(column) != 0; }
  std::string Text(size_t column) const;
  Blob Bytes(size_t column) const;
  std::optional<std::int64_t> OptionalInt(size_t column) const;
  std::optional<std::string> OptionalText(size_t column) const;
  template <typename IdType>
  IdType Id(size_t column) const {
    return IdType(Int(column));
  }
  const Value& at(size_t column) const { return values_.at(column); }

 private:
  std::vector<Value> values_;
};

using Rows = std::vector<Row>;

}  // namespace xr::store
