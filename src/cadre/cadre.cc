#include "cadre/cadre.h"

#include <algorithm>

#include "cadre/dossier.h"
#include "cadre/id_number.h"
#include "cadre/vocabulary.h"

namespace xr::cadre {
namespace {

size_t Utf8Length(std::string_view s) {
  return size_t(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

bool HasControlCharacter(std::string_view s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

}  // namespace

base::Status ValidateCadre(const Cadre& cadre, base::Date today) {
  const size_t name_length = Utf8Length(cadre.name);
  if (name_length < 2 || name_length > 20 ||
      cadre.name.find_first_of(" \t\r\n") != std::string::npos) {
    return base::InvalidArgument("姓名须为 2–20 个字，不含空格", "name");
  }
  if (cadre.gender != "男" && cadre.gender != "女")
    return base::InvalidArgument("性别须为“男”或“女”", "gender");
  const auto this_month = *base::YearMonth::FromYm(today.year(), today.month());
  if (cadre.birth_month > this_month)
    return base::InvalidArgument("出生年月不能晚于当前月份", "birth_month");
  if (cadre.birth_month.FullYearsUntil(this_month) > 100) {
    return base::InvalidArgument("出生年月早于 100 年前，请核对", "birth_month");
  }
  if (!Contains(Ethnicities(), cadre.ethnicity)) {
    return base::InvalidArgument("民族须为 GB 3304 中的名称，如“汉族”", "ethnicity");
  }
  if (!Contains(PoliticalStatuses(), cadre.party)) {
    return base::InvalidArgument("政治面貌须为 GB 4762 中的名称，如“中共党员”", "party");
  }
  if (!cadre.unit_id.valid()) return base::InvalidArgument("请选择所在单位", "unit_id");
  if (cadre.post.empty() || Utf8Length(cadre.post) > 100) {
    return base::InvalidArgument("现任职务须为 1–100 个字", "post");
  }
  if (!Contains(Ranks(), cadre.rank))
    return base::InvalidArgument("职级须为综合管理类职级序列中的名称", "rank");
  if (cadre.managing_body.empty() || Utf8Length(cadre.managing_body) > 30) {
    return base::InvalidArgument("管理权限须为 1–30 个字，如“市委管理”", "managing_body");
  }
  if (cadre.id_number) RETURN_IF_ERROR(NormalizeIdNumber(*cadre.id_number).status());
  return base::Status::Ok();
}

std::string_view CadreSortName(CadreSort sort) {
  switch (sort) {
    case CadreSort::kPosition:
      return "position";
    case CadreSort::kStroke:
      return "stroke";
    case CadreSort::kAge:
      return "age";
    case CadreSort::kPostStart:
      return "post_start";
  }
  return "position";
}

std::optional<CadreSort> CadreSortFromName(std::string_view name) {
  for (CadreSort sort :
       {CadreSort::kPosition, CadreSort::kStroke, CadreSort::kAge, CadreSort::kPostStart}) {
    if (CadreSortName(sort) == name) return sort;
  }
  return std::nullopt;
}

base::Result<QuickSearch> ParseQuickSearch(std::string_view q) {
  while (!q.empty() && (q.front() == ' ' || q.front() == '\t')) q.remove_prefix(1);
  while (!q.empty() && (q.back() == ' ' || q.back() == '\t')) q.remove_suffix(1);
  if (HasControlCharacter(q)) return base::InvalidArgument("查询条件含有控制字符", "q");
  if (Utf8Length(q) > 20) return base::InvalidArgument("查询条件最多 20 个字", "q");
  QuickSearch search;
  search.text = std::string(q);
  if (q.empty()) return search;
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  const bool all_letters = std::all_of(
      q.begin(), q.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); });
  // 18 characters: 17 digits and a digit or X; 15 digits: a legacy number.
  const bool id_shaped = (q.size() == 18 && std::all_of(q.begin(), q.end() - 1, is_digit) &&
                          (is_digit(q.back()) || q.back() == 'x' || q.back() == 'X')) ||
                         (q.size() == 15 && std::all_of(q.begin(), q.end(), is_digit));
  if (id_shaped) {
    auto canonical = NormalizeIdNumber(q);
    if (!canonical.ok()) return base::InvalidArgument(canonical.status().message(), "q");
    search.kind = QuickSearch::Kind::kIdNumber;
    search.text = std::move(*canonical);
  } else if (all_letters) {
    search.kind = QuickSearch::Kind::kInitials;
    for (char& c : search.text) c = char(c | 0x20);
  } else {
    search.kind = QuickSearch::Kind::kName;
  }
  return search;
}

base::Status ValidateCadreQuery(const CadreQuery& query) {
  if (query.page < 1) return base::InvalidArgument("页码须从 1 开始", "page");
  if (query.page_size < 1 || query.page_size > 1000) {
    return base::InvalidArgument("每页条数须在 1–1000 之间", "page_size");
  }
  // Control characters (a NUL would end the pattern early in SQLite) never occur in names.
  if (HasControlCharacter(query.name_contains)) {
    return base::InvalidArgument("姓名查询条件含有控制字符", "name");
  }
  if (Utf8Length(query.name_contains) > 20)
    return base::InvalidArgument("姓名查询条件最多 20 个字", "name");
  RETURN_IF_ERROR(ParseQuickSearch(query.q).status());
  if (query.status != "all" && !PersonStatusFromLabel(query.status)) {
    return base::InvalidArgument("人员状态须为在职、退休、调出、辞职、免职、辞退、去世之一，或 all",
                                 "status");
  }
  return base::Status::Ok();
}

}  // namespace xr::cadre
