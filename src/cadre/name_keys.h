#pragma once
// Keys for finding and ordering cadres by name, computed when a name is stored.

#include <string>
#include <string_view>

namespace xr::cadre {

// The ICU collation key of `name` under zh@collation=stroke (姓氏笔画, the order of official
// lists), as lowercase hex so that byte order of the text equals collation order on both
// engines.
std::string StrokeSortKey(std::string_view name);

// Lower-case pinyin initials of `name` ("张三" → "zs"), with the surname read by the override
// table where ICU's Han-Latin reading is wrong for surnames (曾 zeng, 单 shan, 仇 qiu…).
std::string PinyinInitials(std::string_view name);

}  // namespace xr::cadre
