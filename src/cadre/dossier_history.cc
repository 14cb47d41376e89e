#include "cadre/dossier_history.h"

#include <set>

#include "cadre/dossier_json.h"

namespace xr::cadre {

using nlohmann::json;

FieldChanges Diff(const json& old_json, const json& new_json) {
  std::set<std::string> keys;
  for (auto it = old_json.begin(); it != old_json.end(); ++it) keys.insert(it.key());
  for (auto it = new_json.begin(); it != new_json.end(); ++it) keys.insert(it.key());
  auto value = [](const json& object, const std::string& key) {
    auto it = object.find(key);
    return it == object.end() ? json(nullptr) : *it;
  };
  FieldChanges changes;
  for (const std::string& key : keys) {
    json before = value(old_json, key);
    json after = value(new_json, key);
    if (before != after) changes.push_back({key, std::move(before), std::move(after)});
  }
  return changes;
}

void Undo(json& current, const FieldChanges& changes) {
  for (const JsonFieldChange& change : changes) current[change.field] = change.old_value;
}

std::string ChangesToJson(const FieldChanges& changes) {
  json out = json::array();
  for (const JsonFieldChange& c : changes) {
    out.push_back({{"field", c.field}, {"old", c.old_value}, {"new", c.new_value}});
  }
  return DumpJson(out);
}

base::Result<FieldChanges> ChangesFromJson(std::string_view text) {
  ASSIGN_OR_RETURN(json parsed, ParseJsonText(text, "changes"));
  auto malformed = [] { return base::InvalidArgument("变更记录格式不正确", "changes"); };
  if (!parsed.is_array()) return malformed();
  FieldChanges changes;
  changes.reserve(parsed.size());
  for (json& item : parsed) {
    if (!item.is_object()) return malformed();
    auto field = item.find("field");
    auto old_value = item.find("old");
    auto new_value = item.find("new");
    if (field == item.end() || !field->is_string() || old_value == item.end() ||
        new_value == item.end() || item.size() != 3) {
      return malformed();
    }
    changes.push_back({field->get<std::string>(), std::move(*old_value), std::move(*new_value)});
  }
  return changes;
}

}  // namespace xr::cadre
