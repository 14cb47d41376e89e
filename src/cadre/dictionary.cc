#include "cadre/dictionary.h"

#include <algorithm>

namespace xr::cadre {

std::optional<DictItem> CodeTables::ByLabel(std::string_view kind, std::string_view label) const {
  const std::vector<DictItem>& items = Items(kind);
  auto it = std::find_if(items.begin(), items.end(),
                         [&](const DictItem& item) { return item.label == label; });
  if (it == items.end() || !it->enabled) return std::nullopt;
  return *it;
}

std::optional<DictItem> CodeTables::ByCode(std::string_view kind, std::string_view code) const {
  const std::vector<DictItem>& items = Items(kind);
  auto it = std::find_if(items.begin(), items.end(),
                         [&](const DictItem& item) { return item.code == code; });
  if (it == items.end()) return std::nullopt;
  return *it;
}

const std::vector<DictItem>& CodeTables::Items(std::string_view kind) const {
  static const std::vector<DictItem> kNone;
  auto it = items_.find(kind);
  return it == items_.end() ? kNone : it->second;
}

}  // namespace xr::cadre
