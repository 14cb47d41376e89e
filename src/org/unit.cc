#include "org/unit.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <utility>

namespace xr::org {
namespace {

constexpr std::array<std::pair<UnitType, std::string_view>, 13> kTypeLabels{{
    {UnitType::kRegion, "行政区"},
    {UnitType::kPartyCommittee, "党委"},
    {UnitType::kPeoplesCongress, "人大"},
    {UnitType::kGovernment, "政府"},
    {UnitType::kCppcc, "政协"},
    {UnitType::kDiscipline, "纪委监委"},
    {UnitType::kCourt, "法院"},
    {UnitType::kProcuratorate, "检察院"},
    {UnitType::kMassOrganization, "群团"},
    {UnitType::kPublicInstitution, "事业单位"},
    {UnitType::kStateEnterprise, "国有企业"},
    {UnitType::kTownship, "乡镇街道"},
    {UnitType::kInternalDivision, "内设机构"},
}};

constexpr std::array<std::pair<UnitLevel, std::string_view>, 4> kLevelLabels{{
    {UnitLevel::kProvincial, "省级"},
    {UnitLevel::kMunicipal, "市级"},
    {UnitLevel::kCounty, "县级"},
    {UnitLevel::kTownship, "乡级"},
}};

template <typename Table, typename Enum>
std::string_view LabelOf(const Table& table, Enum value) {
  for (const auto& [key, label] : table) {
    if (key == value) return label;
  }
  return {};
}

template <typename Enum, typename Table>
base::Result<Enum> ParseLabel(const Table& table, std::string_view label, const char* field,
                              const char* what) {
  for (const auto& [key, text] : table) {
    if (text == label) return key;
  }
  return base::InvalidArgument(std::string("未知的") + what + "：“" + std::string(label) + "”",
                               field);
}

size_t Utf8Length(std::string_view s) {
  return size_t(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

}  // namespace

std::string_view Label(UnitType type) { return LabelOf(kTypeLabels, type); }
std::string_view Label(UnitLevel level) { return LabelOf(kLevelLabels, level); }
base::Result<UnitType> ParseUnitType(std::string_view label) {
  return ParseLabel<UnitType>(kTypeLabels, label, "type", "机构类型");
}
base::Result<UnitLevel> ParseUnitLevel(std::string_view label) {
  return ParseLabel<UnitLevel>(kLevelLabels, label, "level", "机构级别");
}

std::string ChildSortKey(std::string_view parent_sort_key, std::int64_t sort_order, UnitId id) {
  char segment[40];
  std::snprintf(segment, sizeof segment, "%06lld.%012lld/", static_cast<long long>(sort_order),
                static_cast<long long>(id.value()));
  return std::string(parent_sort_key) + segment;
}

base::Status ValidateNewUnit(const NewUnit& unit) {
  const bool code_ok = !unit.code.empty() && unit.code.size() <= 32 &&
                       std::all_of(unit.code.begin(), unit.code.end(), [](char c) {
                         return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
                                (c >= 'a' && c <= 'z') || c == '-';
                       });
  if (!code_ok) return base::InvalidArgument("机构编码须为 1–32 位字母、数字或 -", "code");
  if (unit.name.empty() || Utf8Length(unit.name) > 100) {
    return base::InvalidArgument("机构名称须为 1–100 个字", "name");
  }
  if (Utf8Length(unit.short_name) > 50)
    return base::InvalidArgument("机构简称最多 50 个字", "short_name");
  if (unit.sort_order < 0 || unit.sort_order > 999999) {
    return base::InvalidArgument("排序号须在 0–999999 之间", "sort_order");
  }
  return base::Status::Ok();
}

base::Status ValidateNewPosition(const Position& position) {
  if (position.name.empty() || Utf8Length(position.name) > 50) {
    return base::InvalidArgument("职位名称须为 1–50 个字", "name");
  }
  if (position.headcount < 0 || position.headcount > 999) {
    return base::InvalidArgument("职数须在 0–999 之间", "headcount");
  }
  return base::Status::Ok();
}

}  // namespace xr::org
