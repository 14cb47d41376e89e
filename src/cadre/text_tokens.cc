#include "cadre/text_tokens.h"

#include <algorithm>
#include <cstdint>

namespace xr::cadre {
namespace {

// The next code point of `text` from `at` (advanced past it); U+FFFD for a malformed byte.
char32_t NextCodePoint(std::string_view text, std::size_t& at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3
                                       : (lead >> 3) == 0x1E ? 4 : 0;
  if (length == 0 || at + length > text.size()) {
    ++at;
    return 0xFFFD;
  }
  char32_t cp = length == 1 ? lead : lead & (0x7F >> length);
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(at + i) & 0xC0) != 0x80) {
      ++at;
      return 0xFFFD;
    }
    cp = (cp << 6) | (byte(at + i) & 0x3F);
  }
  at += length;
  return cp;
}

bool IsIdeograph(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F) || cp == 0x3007;
}

// The word character's text (ASCII folded to lower case), or "" for a separator.
std::string_view WordCharacter(std::string_view text, std::size_t begin, std::size_t end,
                               char32_t cp, char& lower) {
  if (cp < 0x80) {
    const char c = char(cp);
    if (c >= 'A' && c <= 'Z') {
      lower = char(c - 'A' + 'a');
      return {&lower, 1};
    }
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return text.substr(begin, 1);
    return {};
  }
  return IsIdeograph(cp) ? text.substr(begin, end - begin) : std::string_view();
}

// Calls `emit` with each bigram of `text` in order.
template <typename Emit>
void ForEachBigram(std::string_view text, Emit emit) {
  std::string previous;  // the word character before, "" after a separator
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t begin = at;
    const char32_t cp = NextCodePoint(text, at);
    char lower = 0;
    const std::string_view current = WordCharacter(text, begin, at, cp, lower);
    if (current.empty()) {
      previous.clear();
      continue;
    }
    if (!previous.empty()) emit(previous + std::string(current));
    previous.assign(current);
  }
}

}  // namespace

std::vector<std::string> TextBigrams(std::string_view text) {
  std::vector<std::string> out;
  ForEachBigram(text, [&](std::string bigram) { out.push_back(std::move(bigram)); });
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::string> TermBigrams(std::string_view term) {
  std::vector<std::string> out;
  ForEachBigram(term, [&](std::string bigram) {
    if (std::find(out.begin(), out.end(), bigram) == out.end()) out.push_back(std::move(bigram));
  });
  return out;
}

std::size_t CharacterCount(std::string_view text) {
  std::size_t count = 0, at = 0;
  while (at < text.size()) {
    NextCodePoint(text, at);
    ++count;
  }
  return count;
}

}  // namespace xr::cadre
