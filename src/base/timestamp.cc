#include "base/timestamp.h"

#include <cstdio>

namespace xr::base {
namespace {

bool ReadInt(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

constexpr auto kShanghaiOffset = std::chrono::hours(8);

}  // namespace

Result<Timestamp> Timestamp::Parse(std::string_view s, std::string_view field) {
  auto bad = [&] {
    return InvalidArgument(
        "时间格式应为 RFC 3339（如 2026-01-31T08:00:00Z），收到“" + std::string(s) + "”",
        std::string(field));
  };
  if (s.size() < 20 || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || s[13] != ':' ||
      s[16] != ':') {
    return bad();
  }
  auto date = Date::Parse(s.substr(0, 10), field);
  if (!date.ok()) return date.status();
  int hh, mm, ss;
  if (!ReadInt(s, 11, 2, hh) || !ReadInt(s, 14, 2, mm) || !ReadInt(s, 17, 2, ss) || hh > 23 ||
      mm > 59 || ss > 60) {
    return bad();
  }
  size_t pos = 19;
  std::int64_t micros = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (digits < 6) micros = micros * 10 + (s[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0) return bad();
    for (int i = digits; i < 6; ++i) micros *= 10;
  }
  std::chrono::minutes offset{0};
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos + 6 == s.size() && (s[pos] == '+' || s[pos] == '-') && s[pos + 3] == ':') {
    int oh, om;
    if (!ReadInt(s, pos + 1, 2, oh) || !ReadInt(s, pos + 4, 2, om)) return bad();
    offset = std::chrono::minutes(oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return bad();
  }
  if (pos != s.size()) return bad();
  auto local = date->days() + std::chrono::hours(hh) + std::chrono::minutes(mm) +
               std::chrono::seconds(ss) + std::chrono::microseconds(micros);
  return Timestamp(Micros(local - offset));
}

std::string Timestamp::ToRfc3339() const {
  auto day = std::chrono::floor<std::chrono::days>(at_);
  std::chrono::hh_mm_ss tod(at_ - day);
  Date date{std::chrono::year_month_day(day)};
  char buf[48];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d.%06lldZ", date.ToString().c_str(),
                int(tod.hours().count()), int(tod.minutes().count()), int(tod.seconds().count()),
                static_cast<long long>(tod.subseconds().count()));
  return buf;
}

Date Timestamp::ShanghaiDate() const {
  return Date(
      std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(at_ + kShanghaiOffset)));
}

}  // namespace xr::base
