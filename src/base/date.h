#pragma once
// Calendar values. Date is a civil day (stored "YYYY-MM-DD"); YearMonth is the month precision
// that cadre records use for 出生年月, 参加工作时间 and 入党时间 (stored "YYYY-MM").

#include <chrono>
#include <compare>
#include <string>
#include <string_view>

#include "base/status.h"

namespace xr::base {

class Date {
 public:
  constexpr Date() = default;
  constexpr explicit Date(std::chrono::year_month_day ymd) : ymd_(ymd) {}
  // Fails unless the three numbers name a real day (2023-02-29 is rejected).
  static Result<Date> FromYmd(int year, unsigned month, unsigned day);
  // Accepts exactly "YYYY-MM-DD"; `field` names the input in the error.
  static Result<Date> Parse(std::string_view text, std::string_view field = "date");

  int year() const { return int(ymd_.year()); }
  unsigned month() const { return unsigned(ymd_.month()); }
  unsigned day() const { return unsigned(ymd_.day()); }
  std::chrono::year_month_day ymd() const { return ymd_; }
  std::chrono::sys_days days() const { return std::chrono::sys_days(ymd_); }
  // 1 = Monday … 7 = Sunday (ISO).
  unsigned iso_weekday() const;

  Date AddDays(int days) const;
  std::string ToString() const;
  friend constexpr auto operator<=>(const Date&, const Date&) = default;
  friend constexpr bool operator==(const Date&, const Date&) = default;

 private:
  std::chrono::year_month_day ymd_{std::chrono::year(1970), std::chrono::January,
                                   std::chrono::day(1)};
};

class YearMonth {
 public:
  constexpr YearMonth() = default;
  static Result<YearMonth> FromYm(int year, unsigned month);
  // Accepts "YYYY-MM" and the "YYYY.MM" form printed on 干部任免审批表.
  static Result<YearMonth> Parse(std::string_view text, std::string_view field = "month");

  int year() const { return year_; }
  unsigned month() const { return month_; }
  // Whole years from this month to `on` (age or 工龄 as the form counts it: a birthday month
  // counts as reached).
  int FullYearsUntil(YearMonth on) const;
  YearMonth AddMonths(int months) const;
  std::string ToString() const;  // "YYYY-MM"
  friend constexpr auto operator<=>(const YearMonth&, const YearMonth&) = default;

 private:
  constexpr YearMonth(int y, unsigned m) : year_(y), month_(m) {}
  int year_ = 1970;
  unsigned month_ = 1;
};

}  // namespace xr::base
