#pragma once
// Permissions defined by the audit capability.

#include "access/permission.h"

namespace xr::audit {

// Reading the full-process record: entries, timelines, proofs; storing checkpoints. The built-in
// 安全审计员 role (auditadmin) holds it; 三员分立 keeps it away from the other two.
inline constexpr access::Permission kAuditRead{"audit.read", "查阅全程记实"};
inline constexpr std::string_view kAuditAdminRole = "auditadmin";

inline constexpr access::Permission kAuditPermissions[] = {kAuditRead};

}  // namespace xr::audit
