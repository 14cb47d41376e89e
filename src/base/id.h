#pragma once
// Id<Tag>: a strongly typed int64 identifier (CadreId, UnitId, …) with no implicit conversions,
// so a unit id can never be passed where a cadre id is expected.

#include <compare>
#include <cstdint>
#include <functional>

namespace xr::base {

template <typename Tag>
class Id {
 public:
  constexpr Id() = default;
  constexpr explicit Id(std::int64_t value) : value_(value) {}
  constexpr std::int64_t value() const { return value_; }
  // 0 is never assigned by the store; a default-constructed Id means "none".
  constexpr bool valid() const { return value_ > 0; }
  friend constexpr auto operator<=>(Id, Id) = default;

 private:
  std::int64_t value_ = 0;
};

}  // namespace xr::base

template <typename Tag>
struct std::hash<xr::base::Id<Tag>> {
  std::size_t operator()(xr::base::Id<Tag> id) const noexcept {
    return std::hash<std::int64_t>()(id.value());
  }
};
