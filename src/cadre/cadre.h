#pragma once
// The cadre record: for now the basic fields of the 干部任免审批表 header; later issues extend it
// to the full form with history.

#include <optional>
#include <string>
#include <string_view>

#include "base/date.h"
#include "base/id.h"
#include "base/status.h"
#include "org/unit.h"

namespace xr::cadre {

struct CadreTag;
using CadreId = base::Id<CadreTag>;

struct Cadre {
  CadreId id;
  std::string name;
  std::string gender;  // GB 2261 label: 男 / 女
  base::YearMonth birth_month;
  std::string ethnicity;  // GB 3304 label
  std::string party;      // GB 4762 政治面貌 label
  org::UnitId unit_id;
  std::string unit_name;      // filled on reads
  std::string post;           // 现任职务
  std::string rank;           // 职级
  std::string managing_body;  // 管理权限 as shown, e.g. 市委管理
  // The organization department (or, for 部门管理, the department) holding that authority; the
  // `managed-by` data scope matches on it. None for bodies outside the tree (e.g. 省委管理).
  std::optional<org::UnitId> managing_unit_id;
  std::int64_t sort_order = 0;
  // 公民身份号码 (confidential, cadre_fields.h; canonical per id_number.h). On writes: optional
  // plaintext, sealed before it is stored. On reads: filled only for an actor cleared for it
  // (id_number_stored then says whether a value exists).
  std::optional<std::string> id_number;
  // Reads only: whether a sealed value is stored (never the ciphertext itself).
  bool id_number_stored = false;
};

// Pure checks of a record before it is stored: name of 2–20 characters (may contain the
// middle dot of minority names), gender 男/女, birth month not after `today` and at most 100
// years before it, ethnicity / party / rank from their code tables, post and managing body
// present, id_number (when given) valid per NormalizeIdNumber. InvalidArgument naming the first
// bad field.
base::Status ValidateCadre(const Cadre& cadre, base::Date today);

// The order of a cadre list (GET /api/cadres `sort`).
enum class CadreSort {
  kPosition,   // "position": 班子排序 — units in tree order, then sort_order within a unit
  kStroke,     // "stroke": 姓氏笔画 (name_keys.h StrokeSortKey)
  kAge,        // "age": by 出生年月; ascending = oldest first
  kPostStart,  // "post_start": by 任职时间 of the current main post; ascending = earliest first
};
std::string_view CadreSortName(CadreSort sort);
std::optional<CadreSort> CadreSortFromName(std::string_view name);

// What a quick search text (GET /api/cadres `q`) looks for.
struct QuickSearch {
  enum class Kind {
    kNone,      // empty: no condition
    kName,      // a substring of the name
    kInitials,  // ASCII letters: a prefix of the pinyin initials (lower-cased), "zs" → 张三
    kIdNumber,  // 18 (or 15 legacy) characters shaped like an ID number: the whole number
  };
  Kind kind = Kind::kNone;
  std::string text;  // trimmed; initials lower-cased; an ID number canonical (NormalizeIdNumber)
};
// InvalidArgument (field "q") when `q` is shaped like an ID number but is not a valid one, longer
// than 20 characters, or contains control characters.
base::Result<QuickSearch> ParseQuickSearch(std::string_view q);

struct CadreQuery {
  std::optional<org::UnitId> unit_id;  // the unit and its whole subtree
  std::string name_contains;           // substring of the name; empty = any
  int page = 1;                        // 1-based
  int page_size = 20;                  // 1–1000
  std::string q = {};                  // quick search (ParseQuickSearch); empty = any
  CadreSort sort = CadreSort::kPosition;
  bool descending = false;  // `order=desc`: the sort key reversed (ties too)
  // 人员状态 label (在职, 退休 …), or "all" for every status. Lists show 在职 by default.
  std::string status = "在职";
};

// InvalidArgument for a page below 1, a page size outside 1–1000, a name filter longer than
// 20 characters or containing control characters (field "name"), a bad quick search (field "q",
// ParseQuickSearch), or a status that is neither a 人员状态 label nor "all" (field "status").
base::Status ValidateCadreQuery(const CadreQuery& query);

}  // namespace xr::cadre
