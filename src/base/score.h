#pragma once
// Score: a fixed-point decimal with four fraction digits (1 unit = 0.0001), used for scores,
// weights and ratios so that tallies are exact and identical on every machine.
//
// Rounding rule (the only one in the project): results that fall between two representable
// values round half away from zero (四舍五入), e.g. 2.00005 → 2.0001, -2.00005 → -2.0001.

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace xr::base {

class Score {
 public:
  static constexpr std::int64_t kScale = 10000;

  constexpr Score() = default;
  static constexpr Score FromUnits(std::int64_t units) { return Score(units); }
  static constexpr Score FromInt(std::int64_t whole) { return Score(whole * kScale); }
  // Accepts "87", "87.5", "-0.25", "100.0000"; more than four fraction digits is an error
  // rather than a silent rounding.
  static Result<Score> Parse(std::string_view text, std::string_view field = "score");
  // numerator/denominator rounded half away from zero; denominator must not be 0.
  static Score Ratio(std::int64_t numerator, std::int64_t denominator);

  constexpr std::int64_t units() const { return units_; }

  Score operator+(Score o) const { return Score(units_ + o.units_); }
  Score operator-(Score o) const { return Score(units_ - o.units_); }
  Score& operator+=(Score o) {
    units_ += o.units_;
    return *this;
  }
  // Product of two fixed-point values (e.g. score × weight), rounded.
  Score operator*(Score o) const;
  // Division by a count (e.g. an average), rounded; count must not be 0.
  Score DividedBy(std::int64_t count) const;

  // Fixed number of fraction digits (0–4), rounded: ToString(2) of 87.125 is "87.13".
  std::string ToString(int fraction_digits = 4) const;
  friend constexpr auto operator<=>(Score, Score) = default;

 private:
  constexpr explicit Score(std::int64_t units) : units_(units) {}
  std::int64_t units_ = 0;
};

// a/b rounded half away from zero (b != 0). Exposed for other exact tallies.
std::int64_t DivideRounded(std::int64_t a, std::int64_t b);

}  // namespace xr::base
