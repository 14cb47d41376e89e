#pragma once
// Keys for finding and ordering cadres by name, computed when a name is stored.

#include <string>
#include <string_view>

namespace xr::cadre {

// The 姓氏笔画 key of `name` (the order of official lists): names order by the mainland stroke
// count of their first character (《通用规范汉字表》 counts, Unihan kTotalStrokes: 郑 8 before 赵
// 9, 邓 4 before 冯 5), then by ICU's zh@collation=stroke order among characters of that count,
// then likewise by the second character, and so on; characters without a count (Latin,
// punctuation) after all counted ones. StrokeSortKeyPrefix() followed by lowercase hex: byte order
// of the text is the order we want on both engines (a BYTEWISE / COLLATE "C" column).
std::string StrokeSortKey(std::string_view name);

// What every key StrokeSortKey makes starts with: the key format and a hash of the ICU collation
// and Unihan versions, ending in ":" (which no key of the earlier pure-ICU format contains). A
// stored key with another prefix is stale: BackfillSearchKeys recomputes it.
std::string_view StrokeSortKeyPrefix();

// Lower-case pinyin initials of `name` ("张三" → "zs"), with the surname read by the override
// table where ICU's Han-Latin reading is wrong for surnames (曾 zeng, 单 shan, 仇 qiu…).
std::string PinyinInitials(std::string_view name);

}  // namespace xr::cadre
