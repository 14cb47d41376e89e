#include "access/role.h"

#include <algorithm>
#include <array>

namespace xr::access {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kClearances{{
    {"public", "公开"},
    {"internal", "内部"},
    {"confidential", "秘密"},
    {"secret", "机密"},
}};

constexpr std::array<std::pair<ScopeRule::Kind, std::string_view>, 7> kScopeKinds{{
    {ScopeRule::Kind::kAll, "all"},
    {ScopeRule::Kind::kSelf, "self"},
    {ScopeRule::Kind::kUnits, "unit"},
    {ScopeRule::Kind::kUnitsBelow, "unit-below"},
    {ScopeRule::Kind::kManagedBy, "managed-by"},
    {ScopeRule::Kind::kOwnUnit, "own-unit"},
    {ScopeRule::Kind::kOwnUnitBelow, "own-unit-below"},
}};

size_t Utf8Length(std::string_view s) {
  return size_t(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

}  // namespace

std::string_view ClearanceName(Clearance clearance) { return kClearances[size_t(clearance)].first; }
std::string_view ClearanceLabel(Clearance clearance) {
  return kClearances[size_t(clearance)].second;
}

base::Result<Clearance> ParseClearance(std::string_view name) {
  for (size_t i = 0; i < kClearances.size(); ++i) {
    if (kClearances[i].first == name) return Clearance(i);
  }
  return base::InvalidArgument(
      "密级须为 public（公开）、internal（内部）、confidential（秘密）或 secret（机密），收到“" +
          std::string(name) + "”",
      "clearance");
}

base::Result<ScopeRule> ParseScope(std::string_view text) {
  const auto bad = [&](std::string why) {
    return base::InvalidArgument("数据范围“" + std::string(text) + "”不正确：" + why, "scope");
  };
  const size_t colon = text.find(':');
  const std::string_view kind_text = text.substr(0, colon);
  auto kind = std::find_if(kScopeKinds.begin(), kScopeKinds.end(),
                           [&](const auto& k) { return k.second == kind_text; });
  if (kind == kScopeKinds.end()) {
    return bad(
        "应为 all、self、own-unit、own-unit-below、unit:编码、unit-below:编码 或 managed-by:编码");
  }
  ScopeRule scope{kind->first, {}};
  const bool takes_codes = scope.kind == ScopeRule::Kind::kUnits ||
                           scope.kind == ScopeRule::Kind::kUnitsBelow ||
                           scope.kind == ScopeRule::Kind::kManagedBy;
  if (!takes_codes) {
    if (colon != std::string_view::npos) return bad(std::string(kind_text) + " 后不应有机构编码");
    return scope;
  }
  if (colon == std::string_view::npos || colon + 1 == text.size()) return bad("缺少机构编码");
  std::string_view rest = text.substr(colon + 1);
  while (true) {
    const size_t comma = rest.find(',');
    const std::string_view code = rest.substr(0, comma);
    if (code.empty()) return bad("机构编码不能为空");
    scope.codes.emplace_back(code);
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  return scope;
}

std::string ToString(const ScopeRule& scope) {
  std::string out(kScopeKinds[size_t(scope.kind)].second);
  for (size_t i = 0; i < scope.codes.size(); ++i) out += (i == 0 ? ":" : ",") + scope.codes[i];
  return out;
}

std::string_view SeparatedDutyOf(std::string_view permission) {
  if (permission == "user.manage") return kSystemAdmin;
  if (permission == "role.manage" || permission == "session.manage") return kSecurityAdmin;
  if (permission == "audit.read") return kAuditAdmin;
  return {};
}

namespace {

// The 三员 duties `roles` reach together, each once.
std::vector<std::string_view> DutiesOf(const std::vector<Role>& roles) {
  std::vector<std::string_view> duties;
  auto add = [&](std::string_view duty) {
    if (!duty.empty() && std::find(duties.begin(), duties.end(), duty) == duties.end()) {
      duties.push_back(duty);
    }
  };
  for (const Role& role : roles) {
    // The built-in 三员 roles are named after their duty.
    if (role.separated_admin) add(role.name);
    for (const std::string& p : role.permissions) add(SeparatedDutyOf(p));
  }
  return duties;
}

}  // namespace

base::Status CheckSeparationOfDuties(const std::vector<Role>& roles) {
  if (DutiesOf(roles).size() > 1) {
    return base::InvalidArgument(
        "三员分立：系统管理员、安全保密管理员、安全审计员不得由同一账号兼任", "roles");
  }
  return base::Status::Ok();
}

Role Applied(Role role, const RoleChange& change) {
  if (change.label) role.label = *change.label;
  if (change.permissions) role.permissions = *change.permissions;
  if (change.scope) role.scope = *change.scope;
  if (change.clearance) role.clearance = *change.clearance;
  return role;
}

base::Status ValidateNewRole(const Role& role,
                             const std::vector<std::string_view>& known_permissions) {
  const std::string& name = role.name;
  const bool name_ok = name.size() >= 2 && name.size() <= 32 && name[0] >= 'a' && name[0] <= 'z' &&
                       std::all_of(name.begin(), name.end(), [](char c) {
                         return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                       });
  if (!name_ok)
    return base::InvalidArgument("角色名须为 2–32 位小写字母、数字或 _，并以字母开头", "name");
  if (role.label.empty() || Utf8Length(role.label) > 32) {
    return base::InvalidArgument("角色中文名须为 1–32 个字", "label");
  }
  for (size_t i = 0; i < role.permissions.size(); ++i) {
    const std::string& p = role.permissions[i];
    if (std::find(known_permissions.begin(), known_permissions.end(), p) ==
        known_permissions.end()) {
      return base::InvalidArgument("未知权限：" + p, "permissions");
    }
    if (std::find(role.permissions.begin(), role.permissions.begin() + long(i), p) !=
        role.permissions.begin() + long(i)) {
      return base::InvalidArgument("权限重复：" + p, "permissions");
    }
  }
  if (!role.separated_admin && DutiesOf({role}).size() > 1) {
    return base::InvalidArgument(
        "三员分立：一个角色不得同时包含系统管理（user.manage）、安全保密管理（role.manage、"
        "session.manage）、安全审计（audit.read）中两类的权限",
        "permissions");
  }
  return base::Status::Ok();
}

}  // namespace xr::access
