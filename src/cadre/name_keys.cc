#include "cadre/name_keys.h"

#include <unicode/coll.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
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

std::string StrokeSortKey(std::string_view name) {
  const icu::Collator* collator = StrokeCollator();
  if (collator == nullptr) return {};
  const icu::UnicodeString unicode =
      icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), std::int32_t(name.size())));
  std::vector<std::uint8_t> key(64);
  std::int32_t length = collator->getSortKey(unicode, key.data(), std::int32_t(key.size()));
  if (length > std::int32_t(key.size())) {
    key.resize(size_t(length));
    length = collator->getSortKey(unicode, key.data(), length);
  }
  // The key ends with a 0 byte, which hex text does not need: a shorter key that is a prefix of
  // a longer one sorts first either way.
  if (length > 0 && key[size_t(length) - 1] == 0) --length;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(size_t(length) * 2);
  for (std::int32_t i = 0; i < length; ++i) {
    hex += kHex[key[size_t(i)] >> 4];
    hex += kHex[key[size_t(i)] & 0xF];
  }
  return hex;
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
