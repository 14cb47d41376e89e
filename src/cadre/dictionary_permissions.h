#pragma once
// Permissions defined by the dictionaries (字典管理). Reading a dictionary needs none beyond
// being signed in: the code tables are public standards.

#include "access/permission.h"

namespace xr::cadre {

// System configuration: granted by migration to the built-in system administrator (sysadmin).
inline constexpr access::Permission kDictManage{"dict.manage", "管理数据字典"};

inline constexpr access::Permission kDictionaryPermissions[] = {kDictManage};

}  // namespace xr::cadre
