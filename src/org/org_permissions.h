#pragma once
// Permissions defined by the organization capability.

#include "access/permission.h"

namespace xr::org {

inline constexpr access::Permission kOrgRead{"org.read", "查看机构与职位"};
inline constexpr access::Permission kOrgWrite{"org.write", "维护机构与职位"};

inline constexpr access::Permission kOrgPermissions[] = {kOrgRead, kOrgWrite};

}  // namespace xr::org
