#pragma once
// Permissions defined by 班子结构分析 (structure statistics). Reading the statistics needs
// cadre.read (the counts are of cadres in the caller's scope); changing the targets they are
// measured against needs statistics.manage.

#include "access/permission.h"

namespace xr::statistics {

// Granted by migration to the business roles that hold cadre.write (the 组织部's cadre officers).
inline constexpr access::Permission kStatisticsManage{"statistics.manage", "设置班子结构目标"};

inline constexpr access::Permission kStatisticsPermissions[] = {kStatisticsManage};

}  // namespace xr::statistics
