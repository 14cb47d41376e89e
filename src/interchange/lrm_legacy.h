#pragma once
// The legacy .lrm file of 任免表 2.0 (RULES.md §4.3), read only: GBK text, one record of fields
// wrapped in double quotes and separated by `","`, the photo in a sibling .pic file. Read into
// the same document as .lrmx (lrmx_document.h), so the mapping and import are shared. Pure.

#include <string_view>

#include "base/status.h"
#include "interchange/lrmx_document.h"

namespace xr::interchange {

// `bytes` of the .lrm (GB18030/GBK, or UTF-8 when it is valid UTF-8) and `photo` the bytes of
// its .pic ("" = none). InvalidArgument (field "file") for a file over 20 MB, text that is
// neither, or fewer than 20 fields (not an .lrm record).
base::Result<LrmxDocument> ParseLrm(std::string_view bytes, std::string_view photo);

}  // namespace xr::interchange
