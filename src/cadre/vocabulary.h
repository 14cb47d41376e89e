#pragma once
// Code tables used by the cadre record (by their official labels).

#include <span>
#include <string_view>

namespace xr::cadre {

// GB 3304 民族 (56 groups), in the standard's order.
std::span<const std::string_view> Ethnicities();
// GB 4762 政治面貌.
std::span<const std::string_view> PoliticalStatuses();
// 综合管理类公务员职级 (职务与职级并行规定 2019), highest first.
std::span<const std::string_view> Ranks();

bool Contains(std::span<const std::string_view> table, std::string_view value);

}  // namespace xr::cadre
