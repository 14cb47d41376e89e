#pragma once
// The .lrmx file of the 任免表编辑器 (RULES.md §4.2) as a document of element texts: reading
// (with every defence a file from outside needs) and writing. Pure: bytes in, bytes out; what
// the elements mean is lrmx_mapping.h.
//
// Reading:
// - Encodings: UTF-8 with or without BOM; UTF-16 with BOM (LE or BE); a file whose XML
//   declaration says GBK, GB2312 or GB18030 is converted from GB18030 (iconv). A declared
//   UTF-8 file (or one without declaration) that is not valid UTF-8, a GBK file that is not valid
//   GBK, and any other declared encoding are refused with a message saying so.
// - No DTD, no entities: a DOCTYPE is refused outright; pugixml expands only the five predefined
//   entities and character references, never external or custom ones.
// - Limits: the file ≤ 20 MB, one element's text ≤ 5 MB, the photo ≤ 5 MB decoded.
// - Element texts: line ends normalised to "\n", surrounding whitespace trimmed (a
//   whitespace-only element is empty), CDATA included. A missing element is empty.
// - Elements the format does not define (children of Person, or of an Item) are kept verbatim
//   as XML fragments in file order; Version is kept.
//
// Writing: UTF-8 with the declaration, every standard element in the canonical order (empty ones
// as <X/>), unknown elements before Version, text escaped (&, <, >), characters XML 1.0 forbids
// dropped, "\n" line ends. The same document always gives the same bytes.

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace xr::interchange {

inline constexpr std::size_t kLrmxMaxFileBytes = 20u << 20;
inline constexpr std::size_t kLrmxMaxElementBytes = 5u << 20;
inline constexpr std::size_t kLrmxMaxPhotoBytes = 5u << 20;
inline constexpr std::string_view kLrmxDefaultVersion = "3.2.1.16";

// The text elements of Person in the canonical order (JiaTingChengYuan, ZhaoPian and Version are
// handled apart; see kLrmxFamilyAfter for where the family goes).
extern const std::vector<std::string_view> kLrmxTextElements;
// The family element goes after this text element.
inline constexpr std::string_view kLrmxFamilyAfter = "RenMianLiYou";
// The elements of one family Item, in order.
extern const std::vector<std::string_view> kLrmxItemElements;

struct LrmxItem {
  std::map<std::string, std::string, std::less<>> fields;  // non-empty: ChengWei, …
  std::vector<std::string> unknown;                        // XML fragments, in order
  std::string Get(std::string_view element) const;
  friend bool operator==(const LrmxItem&, const LrmxItem&) = default;
};

struct LrmxDocument {
  std::map<std::string, std::string, std::less<>> fields;  // non-empty texts by name
  std::vector<LrmxItem> family;                            // JiaTingChengYuan/Item
  std::string photo;                                       // ZhaoPian, decoded bytes
  std::string version;                                     // Version as written ("" = none)
  std::vector<std::string> unknown;                        // unknown elements, XML fragments
  std::string Get(std::string_view element) const;
  friend bool operator==(const LrmxDocument&, const LrmxDocument&) = default;
};

// Reads a .lrmx file. InvalidArgument with a Chinese message (field "file", or the element's
// name when one element is at fault) for every refusal listed above, for XML that is not well
// formed or is cut short ("文件不完整…"), a root other than Person, and a photo that is not
// Base64.
base::Result<LrmxDocument> ParseLrmx(std::string_view bytes);

// Writes `document` (an empty version is written as kLrmxDefaultVersion).
std::string WriteLrmx(const LrmxDocument& document);

// Base64 (RFC 4648, whitespace ignored on decoding). Decoding fails InvalidArgument (field
// `field`) for other characters or a bad length.
std::string Base64Encode(std::string_view bytes);
base::Result<std::string> Base64Decode(std::string_view text, std::string_view field);

// Converts `bytes` from `encoding` (an iconv name: "GB18030", "UTF-16LE"…) to UTF-8.
// InvalidArgument (field "file") when they are not valid in that encoding.
base::Result<std::string> ConvertToUtf8(std::string_view bytes, const char* encoding,
                                        std::string_view what);
bool IsValidUtf8(std::string_view text);

}  // namespace xr::interchange
