#include "org/tree_rules.h"

#include <algorithm>
#include <cstdio>
#include <set>

namespace xr::org {
namespace {

size_t Utf8Length(std::string_view s) {
  return size_t(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

void AppendJsonString(std::string& out, std::string_view text) {
  out += '"';
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned char>(c));
          out += escaped;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

base::Status RefuseAbolished(const Unit& unit) {
  if (unit.abolished()) {
    return base::FailedPrecondition(
        "机构“" + unit.name + "”已于 " + unit.abolished_on->ToString() + " 撤销，不能再修改",
        "unit");
  }
  return base::Status::Ok();
}

}  // namespace

base::Result<std::vector<FieldChange>> PlanUnitUpdate(const Unit& current,
                                                      const UnitUpdate& update) {
  RETURN_IF_ERROR(RefuseAbolished(current));
  if (update.code && *update.code != current.code) {
    return base::InvalidArgument(
        "机构编码“" + current.code + "”不可修改：用户所属机构、数据范围和导入数据都以它为准",
        "code");
  }
  NewUnit after{current.parent_id,
                current.code,
                update.name.value_or(current.name),
                update.short_name.value_or(current.short_name),
                update.type.value_or(current.type),
                update.level.value_or(current.level),
                current.sort_order};
  if (after.short_name.empty()) after.short_name = after.name;
  RETURN_IF_ERROR(ValidateNewUnit(after));
  std::vector<FieldChange> changes;
  auto compare = [&](std::string field, std::string_view old_value, std::string_view new_value) {
    if (old_value != new_value) {
      changes.push_back({std::move(field), std::string(old_value), std::string(new_value)});
    }
  };
  compare("name", current.name, after.name);
  compare("short_name", current.short_name, after.short_name);
  compare("type", Label(current.type), Label(after.type));
  compare("level", Label(current.level), Label(after.level));
  return changes;
}

base::Status CheckMove(const Unit& unit, const std::optional<Unit>& new_parent) {
  RETURN_IF_ERROR(RefuseAbolished(unit));
  if (!new_parent) return base::Status::Ok();
  if (new_parent->id == unit.id) {
    return base::InvalidArgument("不能把机构移到它自己下面", "parent_id");
  }
  if (new_parent->path.starts_with(unit.path)) {
    return base::InvalidArgument(
        "不能把机构“" + unit.name + "”移到它的下级机构“" + new_parent->name + "”下面", "parent_id");
  }
  if (new_parent->abolished()) {
    return base::FailedPrecondition("上级机构“" + new_parent->name + "”已撤销，不能接收下级机构",
                                    "parent_id");
  }
  return base::Status::Ok();
}

base::Result<std::vector<UnitId>> InsertAt(std::vector<UnitId> siblings, UnitId moved,
                                           std::optional<std::int64_t> index) {
  if (index && *index < 0) return base::InvalidArgument("位置序号不能为负数", "index");
  std::erase(siblings, moved);
  const size_t at =
      index ? std::min(static_cast<size_t>(*index), siblings.size()) : siblings.size();
  siblings.insert(siblings.begin() + std::ptrdiff_t(at), moved);
  return siblings;
}

Placement PlaceAmong(const std::vector<std::pair<UnitId, std::int64_t>>& others, size_t at,
                     std::optional<std::int64_t> current) {
  at = std::min(at, others.size());
  const std::int64_t lower = at > 0 ? others[at - 1].second : 0;
  const bool has_upper = at < others.size();
  Placement placement;
  if (current && *current > lower && (!has_upper || *current < others[at].second)) {
    placement.sort_order = *current;
    return placement;
  }
  placement.sort_order = lower + 1;
  std::int64_t previous = placement.sort_order;
  for (size_t i = at; i < others.size() && others[i].second <= previous; ++i) {
    previous += 1;
    placement.renumbered.emplace_back(others[i].first, previous);
  }
  return placement;
}

base::Status CheckChildrenOrder(const std::vector<UnitId>& current,
                                const std::vector<UnitId>& requested) {
  std::set<std::int64_t> seen;
  for (UnitId id : requested) {
    if (!seen.insert(id.value()).second) {
      return base::InvalidArgument("排序列表中机构 " + std::to_string(id.value()) + " 重复出现",
                                   "ids");
    }
  }
  std::set<std::int64_t> expected;
  for (UnitId id : current) expected.insert(id.value());
  if (seen != expected) {
    return base::InvalidArgument("排序列表须恰好包含该机构现有的全部下级机构（共 " +
                                     std::to_string(current.size()) + " 个），请刷新后重试",
                                 "ids");
  }
  return base::Status::Ok();
}

base::Status CheckAbolish(const Unit& unit, std::int64_t live_children,
                          const Abolition& abolition) {
  if (unit.abolished()) {
    return base::FailedPrecondition(
        "机构“" + unit.name + "”已于 " + unit.abolished_on->ToString() + " 撤销", "unit");
  }
  const size_t reason_length = Utf8Length(abolition.reason);
  if (abolition.reason.find_first_not_of(" \t\r\n") == std::string::npos || reason_length > 200) {
    return base::InvalidArgument("撤销原因须为 1–200 个字", "reason");
  }
  if (live_children > 0) {
    return base::FailedPrecondition("机构“" + unit.name + "”还有 " + std::to_string(live_children) +
                                        " 个未撤销的下级机构，请先撤销或移走它们",
                                    "children");
  }
  return base::Status::Ok();
}

std::string Rebase(std::string_view value, std::string_view old_prefix,
                   std::string_view new_prefix) {
  return std::string(new_prefix) + std::string(value.substr(old_prefix.size()));
}

std::string SubtreeEnd(std::string_view path) {
  return std::string(path.substr(0, path.size() - 1)) + "0";
}

std::string ChangesJson(const std::vector<FieldChange>& changes) {
  std::string out = "[";
  for (const FieldChange& change : changes) {
    if (out.size() > 1) out += ',';
    out += "{\"field\":";
    AppendJsonString(out, change.field);
    out += ",\"old\":";
    AppendJsonString(out, change.old_value);
    out += ",\"new\":";
    AppendJsonString(out, change.new_value);
    out += '}';
  }
  out += ']';
  return out;
}

}  // namespace xr::org
