#pragma once
// Permissions defined by the cadre capability.

#include "access/permission.h"

namespace xr::cadre {

inline constexpr access::Permission kCadreRead{"cadre.read", "查阅干部信息"};
inline constexpr access::Permission kCadreWrite{"cadre.write", "录入和修改干部信息"};
inline constexpr access::Permission kCadreExport{"cadre.export", "导出干部信息"};

inline constexpr access::Permission kCadrePermissions[] = {kCadreRead, kCadreWrite, kCadreExport};

}  // namespace xr::cadre
