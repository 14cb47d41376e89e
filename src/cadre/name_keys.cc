#include "cadre/name_keys.h"

#include <unicode/coll.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace xr::cadre {
namespace {

// Creating a collator or a transliterator parses rule data (milliseconds); ICU objects are not
// meant to be shared between threads while in use, so each thread clones one prototype.
template <typename T>
struct Prototype {
  std::once_flag once;
  std::unique_ptr<T> object;
};

const icu::Collator* StrokeCollator() {
  static Prototype<icu::Collator> prototype;
  std::call_once(prototype.once, [] {
    UErrorCode status = U_ZERO_ERROR;
    prototype.object.reset(
        icu::Collator::createInstance(icu::Locale("zh", "", "", "collation=stroke"), status));
    if (U_FAILURE(status)) prototype.object.reset();
  });
  if (!prototype.object) return nullptr;
  thread_local std::unique_ptr<icu::Collator> mine(prototype.object->clone());
  return mine.get();
}

icu::Transliterator* HanToAscii() {
  static Prototype<icu::Transliterator> prototype;
  std::call_once(prototype.once, [] {
    UErrorCode status = U_ZERO_ERROR;
    prototype.object.reset(
        icu::Transliterator::createInstance("Han-Latin; Latin-ASCII", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) prototype.object.reset();
  });
  if (!prototype.object) return nullptr;
  thread_local std::unique_ptr<icu::Transliterator> mine(prototype.object->clone());
  return mine.get();
}

// Mainland stroke counts (Unihan kTotalStrokes, first value), generated at build time by
// tools/gen_strokes.mjs (src/cadre/CMakeLists.txt).
struct StrokeRun {
  char32_t first, last;
  std::uint32_t offset;  // of `first` in kStrokeCounts
};
#include "stroke_table.inc"

// Characters without a count (Latin letters, punctuation, unencoded Han) come after all counted
// ones, in ICU's order.
constexpr std::uint8_t kUncounted = 0xFF;

std::uint8_t MainlandStrokes(char32_t cp) {
  const StrokeRun* end = std::end(kStrokeRuns);
  const StrokeRun* run = std::upper_bound(
      std::begin(kStrokeRuns), end, cp, [](char32_t c, const StrokeRun& r) { return c < r.first; });
  if (run == std::begin(kStrokeRuns)) return kUncounted;
  --run;
  if (cp > run->last) return kUncounted;
  return std::uint8_t(kStrokeCounts[run->offset + (cp - run->first)] - kStrokeCountBias);
}

constexpr char kHex[] = "0123456789abcdef";

void AppendHex(std::string& out, std::uint8_t byte) {
  out += kHex[byte >> 4];
  out += kHex[byte & 0xF];
}

// "2" (the key format), a hash of what the keys depend on besides the name (ICU's collation
// version, the Unihan version), ":" — a character no older key contains, so that a key made by
// an older format or another ICU/Unihan is told apart by its prefix alone.
std::string MakeStrokeKeyPrefix() {
  std::uint32_t hash = 2166136261u;  // FNV-1a
  auto mix = [&](std::uint8_t byte) { hash = (hash ^ byte) * 16777619u; };
  if (const icu::Collator* collator = StrokeCollator()) {
    UVersionInfo version;
    collator->getVersion(version);
    for (std::uint8_t byte : version) mix(byte);
  }
  for (char c : kUnihanVersion) mix(std::uint8_t(c));
  std::string prefix = "2";
  for (int shift = 24; shift >= 0; shift -= 8) AppendHex(prefix, std::uint8_t(hash >> shift));
  return prefix + ":";
}

// Surnames whose surname reading differs in its initial from ICU's everyday reading of the
// character (曾 ceng → Zēng, 单 dan → Shàn …), and compound surnames ICU reads wrong as a pair.
// Checked against ICU 72; surnames ICU already reads with the right initial are left out.
struct SurnameReading {
  std::string_view surname;
  std::string_view initials;
};
constexpr std::array<SurnameReading, 30> kSurnameReadings{{
    // Compound surnames first: they are matched before the single-character ones.
    {"尉迟", "yc"},  // Yùchí (ICU wei chi)
    {"万俟", "mq"},  // Mòqí (ICU wan qi)
    {"单于", "cy"},  // Chányú (ICU dan yu)
    {"澹台", "tt"},  // Tántái (ICU dan tai)
    {"长孙", "zs"},  // Zhǎngsūn
    {"曾", "z"},     // Zēng (ICU ceng)
    {"单", "s"},     // Shàn (ICU dan)
    {"仇", "q"},     // Qiú (ICU chou)
    {"解", "x"},     // Xiè (ICU jie)
    {"查", "z"},     // Zhā (ICU cha)
    {"区", "o"},     // Ōu (ICU qu)
    {"朴", "p"},     // Piáo
    {"盖", "g"},     // Gě
    {"覃", "q"},     // Qín (ICU tan)
    {"召", "s"},     // Shào (ICU zhao)
    {"翟", "z"},     // Zhái (ICU di)
    {"秘", "b"},     // Bì (ICU mi)
    {"繁", "p"},     // Pó (ICU fan)
    {"种", "c"},     // Chóng (ICU zhong)
    {"重", "c"},     // Chóng (ICU zhong)
    {"宓", "f"},     // Fú (ICU mi)
    {"祭", "z"},     // Zhài (ICU ji)
    {"藏", "z"},     // Zàng (ICU cang)
    {"折", "s"},     // Shé (ICU zhe)
    {"隗", "w"},     // Wěi (ICU kui)
    {"阚", "k"},     // Kàn (ICU han)
    {"乐", "y"},     // Yuè (ICU le)
    {"句", "g"},     // Gōu (ICU ju)
    {"乜", "n"},     // Niè (ICU mie)
    {"颉", "x"},     // Xié (ICU jie)
}};

// First letter of every run of ASCII letters, lower-cased ("zhang san" → "zs").
std::string InitialsOf(const std::string& ascii) {
  std::string out;
  bool in_word = false;
  for (char c : ascii) {
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (letter && !in_word) out += char(c | 0x20);
    in_word = letter;
  }
  return out;
}

std::string TransliteratedInitials(std::string_view text) {
  if (text.empty()) return {};
  icu::Transliterator* transliterator = HanToAscii();
  if (transliterator == nullptr) return {};
  icu::UnicodeString unicode =
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), std::int32_t(text.size())));
  transliterator->transliterate(unicode);
  std::string ascii;
  unicode.toUTF8String(ascii);
  return InitialsOf(ascii);
}

}  // namespace

std::string_view StrokeSortKeyPrefix() {
  static const std::string prefix = MakeStrokeKeyPrefix();
  return prefix;
}

std::string StrokeSortKey(std::string_view name) {
  const icu::Collator* collator = StrokeCollator();
  if (collator == nullptr) return {};
  std::string out(StrokeSortKeyPrefix());
  out.reserve(out.size() + name.size() * 6);
  std::vector<std::uint8_t> key(32);
  const auto length = std::int32_t(name.size());
  std::int32_t i = 0;
  while (i < length) {
    UChar32 cp = 0;
    U8_NEXT(name.data(), i, length, cp);
    if (cp < 0) cp = 0xFFFD;  // ill-formed UTF-8, as ICU reads it
    AppendHex(out, MainlandStrokes(char32_t(cp)));
    // ICU's key of the character alone orders the characters of one count (same character,
    // same key: names that share a surname stay together). It ends in its only 0 byte, so a key
    // that is a prefix of another sorts first and equal characters go on to the next one.
    const icu::UnicodeString one(cp);
    std::int32_t size = collator->getSortKey(one, key.data(), std::int32_t(key.size()));
    if (size > std::int32_t(key.size())) {
      key.resize(size_t(size));
      size = collator->getSortKey(one, key.data(), size);
    }
    for (std::int32_t j = 0; j < size; ++j) AppendHex(out, key[size_t(j)]);
  }
  return out;
}

std::string PinyinInitials(std::string_view name) {
  for (const SurnameReading& reading : kSurnameReadings) {
    if (name.starts_with(reading.surname)) {
      return std::string(reading.initials) +
             TransliteratedInitials(name.substr(reading.surname.size()));
    }
  }
  return TransliteratedInitials(name);
}

}  // namespace xr::cadre
