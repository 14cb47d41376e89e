#pragma once
// Roles: what a user may do (permissions), on which cadres (data scope) and how much of each
// record they may see (clearance). Roles are data — the rows of `roles`; a user's grants are the
// union of the roles they hold. The three separated administrator roles (三员分立) are built in.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace xr::access {

// Field sensitivity and reader clearance, in increasing order.
enum class Clearance { kPublic, kInternal, kConfidential, kSecret };

std::string_view ClearanceName(Clearance clearance);            // "public" …
std::string_view ClearanceLabel(Clearance clearance);           // "公开" …
base::Result<Clearance> ParseClearance(std::string_view name);  // field "clearance"

// One data-scope rule of a role (ARCHITECTURE.md §5). Text forms:
//   all                          every cadre
//   self                         the cadre record linked to the user's own account
//   unit:CODE[,CODE…]            cadres of exactly these units
//   unit-below:CODE[,CODE…]      cadres of these units and every unit below them
//   managed-by:CODE[,CODE…]      cadres whose managing body (管理权限) is one of these units
//                                (an organization department, or a department for 部门管理)
//   own-unit                     cadres of the user's own unit (users.unit_code)
//   own-unit-below               cadres of the user's own unit and every unit below it
struct ScopeRule {
  enum class Kind { kAll, kSelf, kUnits, kUnitsBelow, kManagedBy, kOwnUnit, kOwnUnitBelow };
  Kind kind = Kind::kAll;
  std::vector<std::string> codes;  // unit codes, for the last three kinds

  friend bool operator==(const ScopeRule&, const ScopeRule&) = default;
};

// InvalidArgument (field "scope") naming what is wrong.
base::Result<ScopeRule> ParseScope(std::string_view text);
std::string ToString(const ScopeRule& scope);

struct Role {
  std::string name;                      // e.g. "cadre_officer"; what users are granted
  std::string label;                     // 中文名称
  std::vector<std::string> permissions;  // e.g. "cadre.read"
  std::optional<ScopeRule> scope;        // none: sees no cadre at all
  Clearance clearance = Clearance::kPublic;
  bool separated_admin = false;  // one of 三员: no account may hold two of these
  bool builtin = false;
  std::int64_t id = 0;  // the row's id (0 until stored)
};

// The built-in 三员 role names.
inline constexpr std::string_view kSystemAdmin = "sysadmin";
inline constexpr std::string_view kSecurityAdmin = "secadmin";
inline constexpr std::string_view kAuditAdmin = "auditadmin";

// The duty of the 三员 a permission belongs to: "sysadmin" for user.manage, "secadmin" for
// role.manage and session.manage, "auditadmin" for audit.read; empty for every other permission
// (login_log.read is read by both the security and the audit administrator).
std::string_view SeparatedDutyOf(std::string_view permission);

// 三员分立: InvalidArgument (field "roles") when `roles` together hold two or more of the
// separated duties — two of the built-in 三员 roles, or any roles whose permissions reach two
// duties (a custom role carrying role.manage held next to sysadmin is the same breach).
base::Status CheckSeparationOfDuties(const std::vector<Role>& roles);

// An edit of an existing role (PATCH /api/roles/{id}); absent fields stay. `scope` present and
// nullopt: the role no longer sees any cadre.
struct RoleChange {
  std::optional<std::string> label;
  std::optional<std::vector<std::string>> permissions;
  std::optional<std::optional<ScopeRule>> scope;
  std::optional<Clearance> clearance;

  bool empty() const { return !label && !permissions && !scope && !clearance; }
};

// `role` with `change` applied.
Role Applied(Role role, const RoleChange& change);

// Pure checks of a new role: name of 2–32 lower-case letters, digits and '_' starting with a
// letter; label of 1–32 characters; every permission in `known_permissions` and listed once;
// permissions of at most one of the 三员 duties (field "permissions"). InvalidArgument naming
// the field.
base::Status ValidateNewRole(const Role& role,
                             const std::vector<std::string_view>& known_permissions);

}  // namespace xr::access
