#include "store/postgres/placeholders.h"

#include <cctype>

namespace xr::store::postgres {
namespace {

bool IsIdentChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

}  // namespace

RewrittenSql RewritePlaceholders(std::string_view sql) {
  RewrittenSql out;
  out.sql.reserve(sql.size() + 16);
  size_t i = 0;
  const size_t n = sql.size();
  auto copy_until = [&](size_t end) {
    out.sql.append(sql.substr(i, end - i));
    i = end;
  };
  while (i < n) {
    char c = sql[i];
    if (c == '\'') {
      // E'…' allows backslash escapes; '' is an escaped quote in both forms.
      bool backslash =
          i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e') && (i < 2 || !IsIdentChar(sql[i - 2]));
      size_t j = i + 1;
      while (j < n) {
        if (backslash && sql[j] == '\\') {
          j += 2;
        } else if (sql[j] == '\'') {
          if (j + 1 < n && sql[j + 1] == '\'') {
            j += 2;
          } else {
            ++j;
            break;
          }
        } else {
          ++j;
        }
      }
      copy_until(std::min(j, n));
    } else if (c == '"') {
      size_t j = i + 1;
      while (j < n) {
        if (sql[j] == '"') {
          if (j + 1 < n && sql[j + 1] == '"') {
            j += 2;
            continue;
          }
          ++j;
          break;
        }
        ++j;
      }
      copy_until(std::min(j, n));
    } else if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
      size_t j = sql.find('\n', i);
      copy_until(j == std::string_view::npos ? n : j);
    } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
      int depth = 0;
      size_t j = i;
      while (j < n) {
        if (sql[j] == '/' && j + 1 < n && sql[j + 1] == '*') {
          ++depth;
          j += 2;
        } else if (sql[j] == '*' && j + 1 < n && sql[j + 1] == '/') {
          j += 2;
          if (--depth == 0) break;
        } else {
          ++j;
        }
      }
      copy_until(std::min(j, n));
    } else if (c == '$' && (i == 0 || !IsIdentChar(sql[i - 1]))) {
      // $tag$ … $tag$ (tag may be empty; $1-style parameters are not tags).
      size_t j = i + 1;
      while (j < n && IsIdentChar(sql[j]) && !std::isdigit(static_cast<unsigned char>(sql[i + 1])))
        ++j;
      if (j < n && sql[j] == '$') {
        std::string_view tag = sql.substr(i, j - i + 1);
        size_t close = sql.find(tag, j + 1);
        copy_until(close == std::string_view::npos ? n : close + tag.size());
      } else {
        copy_until(i + 1);
      }
    } else if (c == '?') {
      out.sql += '$';
      out.sql += std::to_string(++out.placeholders);
      ++i;
    } else {
      out.sql += c;
      ++i;
    }
  }
  return out;
}

std::string RedactUrl(std::string_view url) {
  std::string out(url);
  size_t scheme = out.find("://");
  if (scheme != std::string::npos) {
    size_t start = scheme + 3;
    size_t end = out.find_first_of("/?", start);
    if (end == std::string::npos) end = out.size();
    size_t at = out.rfind('@', end);
    if (at != std::string::npos && at >= start) {
      size_t colon = out.find(':', start);
      if (colon != std::string::npos && colon < at) out.erase(colon, at - colon);
    }
  }
  size_t query = out.find('?');
  if (query != std::string::npos) {
    std::string kept;
    size_t pos = query + 1;
    while (pos <= out.size()) {
      size_t amp = out.find('&', pos);
      if (amp == std::string::npos) amp = out.size();
      std::string item = out.substr(pos, amp - pos);
      if (!item.empty() && item.rfind("password=", 0) != 0) {
        if (!kept.empty()) kept += '&';
        kept += item;
      }
      pos = amp + 1;
    }
    out.erase(query);
    if (!kept.empty()) out += "?" + kept;
  } else {
    // key=value connection strings
    size_t p = out.find("password=");
    if (p != std::string::npos && (p == 0 || out[p - 1] == ' ')) {
      size_t e = out.find(' ', p);
      out.erase(p, e == std::string::npos ? std::string::npos : e - p + 1);
    }
  }
  return out;
}

}  // namespace xr::store::postgres
