#include "base/score.h"

#include <cstdlib>

namespace xr::base {

std::int64_t DivideRounded(std::int64_t a, std::int64_t b) {
  const bool negative = (a < 0) != (b < 0);
  const __int128 ua = a < 0 ? -static_cast<__int128>(a) : a;
  const __int128 ub = b < 0 ? -static_cast<__int128>(b) : b;
  const __int128 q = (ua * 2 + ub) / (ub * 2);
  return static_cast<std::int64_t>(negative ? -q : q);
}

Result<Score> Score::Parse(std::string_view text, std::string_view field) {
  auto bad = [&] {
    return InvalidArgument("分值格式不正确（最多四位小数）：“" + std::string(text) + "”",
                           std::string(field));
  };
  size_t pos = 0;
  bool negative = false;
  if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) negative = text[pos++] == '-';
  std::int64_t whole = 0;
  size_t whole_digits = 0;
  while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
    if (++whole_digits > 12) return bad();
    whole = whole * 10 + (text[pos++] - '0');
  }
  std::int64_t fraction = 0;
  int fraction_digits = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (++fraction_digits > 4) return bad();
      fraction = fraction * 10 + (text[pos++] - '0');
    }
    if (fraction_digits == 0) return bad();
  }
  if (pos != text.size() || whole_digits == 0) return bad();
  for (int i = fraction_digits; i < 4; ++i) fraction *= 10;
  const std::int64_t units = whole * kScale + fraction;
  return Score(negative ? -units : units);
}

Score Score::Ratio(std::int64_t numerator, std::int64_t denominator) {
  return Score(DivideRounded(numerator * kScale, denominator));
}

Score Score::operator*(Score o) const {
  const __int128 product = static_cast<__int128>(units_) * o.units_;
  const bool negative = product < 0;
  const __int128 magnitude = negative ? -product : product;
  const __int128 q = (magnitude * 2 + kScale) / (kScale * 2);
  return Score(static_cast<std::int64_t>(negative ? -q : q));
}

Score Score::DividedBy(std::int64_t count) const { return Score(DivideRounded(units_, count)); }

std::string Score::ToString(int fraction_digits) const {
  if (fraction_digits < 0) fraction_digits = 0;
  if (fraction_digits > 4) fraction_digits = 4;
  std::int64_t divisor = 1;
  for (int i = fraction_digits; i < 4; ++i) divisor *= 10;
  const std::int64_t scaled = DivideRounded(units_, divisor);  // units of 10^-fraction_digits
  std::int64_t pow = 1;
  for (int i = 0; i < fraction_digits; ++i) pow *= 10;
  const std::int64_t magnitude = std::llabs(scaled);
  std::string out = (scaled < 0 ? "-" : "") + std::to_string(magnitude / pow);
  if (fraction_digits > 0) {
    std::string frac = std::to_string(magnitude % pow);
    out += "." + std::string(fraction_digits - frac.size(), '0') + frac;
  }
  return out;
}

}  // namespace xr::base
