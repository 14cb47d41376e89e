#pragma once
// Text helpers shared by the .xlsx writer and reader: UTF-8 walking and cleaning, and the
// "_xHHHH_" escapes of Office Open XML strings (ST_Xstring).

#include <cstddef>
#include <string>
#include <string_view>

namespace xr::interchange {

// Bytes of the UTF-8 sequence starting with `lead` (1 for a stray continuation byte).
std::size_t Utf8Length(unsigned char lead);
// Characters (code points) in valid UTF-8 `text`.
std::size_t Utf8Count(std::string_view text);
// `text` without its last character.
std::string DropLastCharacter(std::string_view text);
// Valid UTF-8 (a bad sequence becomes U+FFFD) without the control characters XML 1.0 cannot
// carry (all below U+0020 except tab, LF, CR), cut to Excel's 32,767 characters.
std::string CleanText(std::string_view text);
// Escapes a literal "_xHHHH_" in `text` as "_x005F_xHHHH_", so the reader gives it back as
// written.
std::string EscapeXstring(std::string_view text);
// Resolves "_xHHHH_" escapes (Excel writes a CR as "_x000D_").
std::string DecodeXstring(std::string_view text);

}  // namespace xr::interchange
