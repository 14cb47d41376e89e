#pragma once
// Chinese full-text tokens (pure): overlapping character bigrams. A "word character" is a CJK
// ideograph (the unified blocks, extensions and compatibility ideographs, and 〇) or an ASCII
// letter or digit (folded to lower case); everything else separates runs. Every two adjacent word
// characters of a run make one bigram, so a term of n ≥ 2 characters occurs in a text only if all
// its n-1 bigrams do (the converse is confirmed by substring match: text_index.h).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace xr::cadre {

// The distinct bigrams of `text`, sorted (UTF-8, each two characters).
std::vector<std::string> TextBigrams(std::string_view text);

// The distinct bigrams a search term needs, in the order they first occur (empty when the term
// has no two adjacent word characters: it cannot be looked up in the index).
std::vector<std::string> TermBigrams(std::string_view term);

// The number of characters (code points) of valid UTF-8 `text`.
std::size_t CharacterCount(std::string_view text);

}  // namespace xr::cadre
