#pragma once
// Value: one SQL parameter or column value. Row: one result row with typed access.
// Dates, months and timestamps travel as their canonical text forms (base/date.h).

#include <cstdint>
#include <optional>
#include <span>
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

namespace internal {
class RowViewAccess;  // the drivers' way of filling a RowView (store/row_view_access.h)
}

// One row of a streamed result (Transaction::ForEachRow), read in place from the engine's
// buffers: text and blobs are views, nothing is copied and nothing is allocated per row.
//
// LIFETIME: a RowView, and every string_view / span obtained from it, is valid only during the
// callback that receives it; the driver overwrites it with the next row. Copy what you keep
// (std::string(view.Text(i)), or ToRow() for the whole row).
//
// The accessors are Row's, with the same conversions so that both engines behave alike (integer
// text reads as Int, a number reads as Text, PostgreSQL bool as 0/1, bytea as bytes); asking for
// the wrong type is a programming error (asserts in debug, a zero value otherwise). Text and
// Bytes of a number return a view of a buffer inside the RowView, with the same lifetime.
class RowView {
 public:
  enum class Kind : std::uint8_t { kNull, kInt, kReal, kText, kBlob };

  RowView() = default;
  RowView(const RowView&) = delete;
  RowView& operator=(const RowView&) = delete;

  size_t size() const { return cells_.size(); }
  Kind kind(size_t column) const { return cells_.at(column).kind; }
  bool IsNull(size_t column) const { return kind(column) == Kind::kNull; }
  std::int64_t Int(size_t column) const;
  double Real(size_t column) const;
  bool Bool(size_t column) const { return Int(column) != 0; }
  // The text (or a blob's bytes) in place; "" for NULL.
  std::string_view Text(size_t column) const;
  // The blob (or a text's bytes) in place; empty for NULL.
  std::span<const std::uint8_t> Bytes(size_t column) const;
  std::optional<std::int64_t> OptionalInt(size_t column) const;
  std::optional<std::string_view> OptionalText(size_t column) const;
  template <typename IdType>
  IdType Id(size_t column) const {
    return IdType(Int(column));
  }
  // A materialised copy: the Row that Transaction::Query would have returned for this row.
  Row ToRow() const;

 private:
  friend class internal::RowViewAccess;
  struct Cell {
    Kind kind = Kind::kNull;
    std::int64_t i = 0;          // kInt
    double d = 0;                // kReal
    const char* data = nullptr;  // kText / kBlob: `size` bytes, not NUL-terminated
    size_t size = 0;
  };
  std::vector<Cell> cells_;
  // Per column: Text() of a number, or bytes a driver had to decode (PostgreSQL bytea).
  mutable std::vector<std::string> buffers_;
};

}  // namespace xr::store
