#include "interchange/xlsx_text.h"

#include <cstdint>

namespace xr::interchange {
namespace {

constexpr std::size_t kMaxCellCharacters = 32767;

bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// "_xHHHH_" at `i`?
bool IsXstringEscape(std::string_view text, std::size_t i) {
  if (i + 7 > text.size() || text[i] != '_' || text[i + 1] != 'x' || text[i + 6] != '_') {
    return false;
  }
  for (std::size_t k = 2; k < 6; ++k) {
    if (!IsHex(text[i + k])) return false;
  }
  return true;
}

void AppendUtf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += char(cp);
  } else if (cp < 0x800) {
    out += char(0xC0 | (cp >> 6));
    out += char(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += char(0xE0 | (cp >> 12));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  } else {
    out += char(0xF0 | (cp >> 18));
    out += char(0x80 | ((cp >> 12) & 0x3F));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  }
}

}  // namespace

std::size_t Utf8Length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 1;
}

std::size_t Utf8Count(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); i += Utf8Length(static_cast<unsigned char>(text[i]))) {
    ++count;
  }
  return count;
}

std::string DropLastCharacter(std::string_view text) {
  std::size_t end = text.size();
  while (end > 0) {
    --end;
    if ((static_cast<unsigned char>(text[end]) & 0xC0) != 0x80) break;
  }
  return std::string(text.substr(0, end));
}

std::string CleanText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t characters = 0;
  for (std::size_t i = 0; i < text.size() && characters < kMaxCellCharacters;) {
    unsigned char lead = static_cast<unsigned char>(text[i]);
    std::size_t length = Utf8Length(lead);
    std::uint32_t cp = 0;
    bool valid = lead < 0x80 || length > 1;
    if (valid && i + length > text.size()) valid = false;
    if (valid && length > 1) {
      cp = lead & (0xFF >> (length + 1));
      for (std::size_t k = 1; k < length; ++k) {
        unsigned char next = static_cast<unsigned char>(text[i + k]);
        if ((next & 0xC0) != 0x80) {
          valid = false;
          break;
        }
        cp = (cp << 6) | (next & 0x3F);
      }
      // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
      static constexpr std::uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
      if (valid && (cp < kMin[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))) {
        valid = false;
      }
    } else {
      cp = lead;
    }
    if (!valid) {
      out += "\xEF\xBF\xBD";
      i += 1;
    } else {
      bool control = cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r';
      if (!control && cp != 0xFFFE && cp != 0xFFFF) out.append(text.substr(i, length));
      i += length;
    }
    ++characters;
  }
  return out;
}

std::string EscapeXstring(std::string_view text) {
  if (text.find("_x") == std::string_view::npos) return std::string(text);
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (IsXstringEscape(text, i)) out += "_x005F";
    out += text[i];
  }
  return out;
}

std::string DecodeXstring(std::string_view text) {
  if (text.find("_x") == std::string_view::npos) return std::string(text);
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    if (IsXstringEscape(text, i)) {
      std::uint32_t cp = std::uint32_t(std::stoul(std::string(text.substr(i + 2, 4)), nullptr, 16));
      AppendUtf8(out, cp);
      i += 7;
    } else {
      out += text[i++];
    }
  }
  return out;
}

}  // namespace xr::interchange
