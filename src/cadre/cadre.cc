#include "cadre/cadre.h"

#include <algorithm>

#include "cadre/id_number.h"
#include "cadre/vocabulary.h"

namespace xr::cadre {
namespace {

size_t Utf8Length(std::string_view s) {
  return size_t(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
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

base::Status ValidateCadreQuery(const CadreQuery& query) {
  if (query.page < 1) return base::InvalidArgument("页码须从 1 开始", "page");
  if (query.page_size < 1 || query.page_size > 1000) {
    return base::InvalidArgument("每页条数须在 1–1000 之间", "page_size");
  }
  // Control characters (a NUL would end the pattern early in SQLite) never occur in names.
  if (std::any_of(query.name_contains.begin(), query.name_contains.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
    return base::InvalidArgument("姓名查询条件含有控制字符", "name");
  }
  if (Utf8Length(query.name_contains) > 20)
    return base::InvalidArgument("姓名查询条件最多 20 个字", "name");
  return base::Status::Ok();
}

}  // namespace xr::cadre
