#include "base/date.h"

#include <cstdio>

namespace xr::base {
namespace {

// Parses exactly `count` ASCII digits at `pos`; -1 when any is not a digit.
int Digits(std::string_view text, size_t pos, size_t count) {
  int value = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

Result<Date> Date::FromYmd(int year, unsigned month, unsigned day) {
  std::chrono::year_month_day ymd{std::chrono::year(year), std::chrono::month(month),
                                  std::chrono::day(day)};
  if (year < 1 || year > 9999 || !ymd.ok()) {
    return InvalidArgument("日期不存在：" + std::to_string(year) + "-" + std::to_string(month) +
                           "-" + std::to_string(day));
  }
  return Date(ymd);
}

Result<Date> Date::Parse(std::string_view text, std::string_view field) {
  const std::string f(field);
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return InvalidArgument("日期格式应为 YYYY-MM-DD，收到“" + std::string(text) + "”", f);
  }
  int y = Digits(text, 0, 4), m = Digits(text, 5, 2), d = Digits(text, 8, 2);
  if (y < 0 || m < 0 || d < 0) {
    return InvalidArgument("日期格式应为 YYYY-MM-DD，收到“" + std::string(text) + "”", f);
  }
  auto date = FromYmd(y, unsigned(m), unsigned(d));
  if (!date.ok()) return InvalidArgument(date.status().message(), f);
  return date;
}

unsigned Date::iso_weekday() const { return std::chrono::weekday(days()).iso_encoding(); }

Date Date::AddDays(int n) const {
  return Date(std::chrono::year_month_day(days() + std::chrono::days(n)));
}

std::string Date::ToString() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", year(), month(), day());
  return buf;
}

Result<YearMonth> YearMonth::FromYm(int year, unsigned month) {
  if (year < 1 || year > 9999 || month < 1 || month > 12) {
    return InvalidArgument("年月不存在：" + std::to_string(year) + "-" + std::to_string(month));
  }
  return YearMonth(year, month);
}

Result<YearMonth> YearMonth::Parse(std::string_view text, std::string_view field) {
  const std::string f(field);
  if (text.size() != 7 || (text[4] != '-' && text[4] != '.')) {
    return InvalidArgument("年月格式应为 YYYY-MM，收到“" + std::string(text) + "”", f);
  }
  int y = Digits(text, 0, 4), m = Digits(text, 5, 2);
  if (y < 0 || m < 0)
    return InvalidArgument("年月格式应为 YYYY-MM，收到“" + std::string(text) + "”", f);
  auto ym = FromYm(y, unsigned(m));
  if (!ym.ok()) return InvalidArgument(ym.status().message(), f);
  return ym;
}

int YearMonth::FullYearsUntil(YearMonth on) const {
  int years = on.year_ - year_;
  if (on.month_ < month_) --years;
  return years;
}

YearMonth YearMonth::AddMonths(int months) const {
  int total = year_ * 12 + int(month_) - 1 + months;
  return YearMonth(total / 12, unsigned(total % 12) + 1);
}

std::string YearMonth::ToString() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u", year_, month_);
  return buf;
}

}  // namespace xr::base
